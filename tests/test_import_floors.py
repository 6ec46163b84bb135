"""The package's import floors: each module imports only from its own floor or the floors below it.

How the floors are defined: a module's floor is that of the first name under `policygen` in its dotted
path (`policygen.compare.align` is on the `compare` floor), in the pipeline's order

    model, errors, numbering  →  ja  →  readers  →  generate  →  compare  →  revise  →  writers  →  publish  →  cli

so a reader never imports a writer and the library never imports the command line. Imports are read
with `ast` from every module's source, wherever they stand (also inside functions, where heavy or
optional imports are put off), and `importlib.import_module("policygen.x…")` calls count as imports of
the module their leading literal text names. Two modules are special: `policygen/__init__.py` holds only
the version and imports nothing of the package, so every floor may read `__version__` from it; and
`policygen/__main__.py` stands above everything, as `python -m policygen` runs the command line.
A new top-level module or folder must be given a floor here before anything may import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "policygen"

FLOORS = [
    ("model", "errors", "numbering", "layout", "limits", "progress"),  # data types, the error type, the label grammar, printed blocks, input bounds
    ("ja",),  # Japanese text: normalization, tokens, 和暦
    ("readers",),  # files → Document
    ("generate",),  # model template + profile → Document
    ("compare",),  # model × Document → Comparison
    ("revise",),  # old × new → Revision; amend
    ("writers",),  # Document, Comparison, Revision → files
    ("publish",),  # the static site over a corpus
    ("cli",),  # the commands
]
FLOOR = {name: level for level, names in enumerate(FLOORS) for name in names}
ROOT = "__init__"  # policygen/__init__.py: the version only, readable from every floor
TOP = "__main__"  # policygen/__main__.py: above the command line


def module_name(path: Path) -> str:
    """Return the dotted name of a module file under src/policygen."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(dotted: str) -> bool:
    """Tell whether a dotted name under policygen is a module or package of ours."""
    relative = Path(*dotted.split(".")[1:]) if "." in dotted else Path()
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative / "__init__.py").exists()


def imported(path: Path) -> list[tuple[int, str]]:
    """Return (line, dotted name) for every policygen module the file imports."""
    return imports_in(path.read_text(encoding="utf-8"), path)


def imports_in(source: str, path: Path) -> list[tuple[int, str]]:
    """Return (line, dotted name) for every policygen module that source text standing at `path` imports."""
    tree = ast.parse(source, filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                # `from policygen import numbering` imports a module; `from policygen import __version__` does not.
                found.append((node.lineno, candidate if is_module(candidate) else base))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            argument = node.args[0] if node.args else None
            if isinstance(argument, ast.JoinedStr) and argument.values:
                argument = argument.values[0]  # f"policygen.readers.{name}": the literal part names the floor
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append((node.lineno, argument.value))
    return [(line, name) for line, name in found if name == "policygen" or name.startswith("policygen.")]


def floor_of(dotted: str) -> tuple[int | float, str]:
    """Return the floor of a module of ours and the name that decides it."""
    parts = dotted.split(".")
    if len(parts) == 1 or parts[1] == ROOT:
        return -1, ROOT
    if parts[1] == TOP:
        return float("inf"), TOP
    if parts[1] not in FLOOR:
        raise AssertionError(f"{dotted}: `{parts[1]}` has no floor; add it to FLOORS in {Path(__file__).name}")
    return FLOOR[parts[1]], parts[1]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_floor():
    assert len(MODULES) > 30, "the package was not found"
    for path in MODULES:
        floor_of(module_name(path) if path.name != "__main__.py" else "policygen.__main__")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_imports_upward(path):
    name = "policygen.__main__" if path.name == "__main__.py" else module_name(path)
    level, floor = floor_of(name)
    upward = []
    for line, target in imported(path):
        target_level, target_floor = floor_of(target)
        if target_level > level:
            upward.append(f"line {line}: {target} ({target_floor} is above {floor})")
    assert not upward, f"{path.relative_to(PACKAGE)} imports upward:\n" + "\n".join(upward)


def test_the_root_module_imports_nothing_of_the_package():
    assert imported(PACKAGE / "__init__.py") == []


def test_the_floor_test_sees_imports_of_every_kind():
    """Plain, from-, relative, deferred and import_module imports are all found (else the test above could pass blind)."""
    source = "\n".join(
        [
            "import policygen.writers.docx",
            "from policygen import numbering, __version__",
            "from policygen.readers import read_path",
            "from ..compare import align",
            "def later():",
            "    from policygen.cli.output import write_stdout",
            "    importlib.import_module(f'policygen.revise.{name}')",
        ]
    )
    found = [name for _, name in imports_in(source, PACKAGE / "generate" / "template.py")]
    assert sorted(found) == sorted(
        [
            "policygen.writers.docx",
            "policygen.numbering",
            "policygen",
            "policygen.readers",
            "policygen.compare.align",
            "policygen.cli.output",
            "policygen.revise.",
        ]
    )
    assert [floor_of(name)[1] for name in sorted(found)] == [
        ROOT, "cli", "compare", "numbering", "readers", "revise", "writers"
    ]

"""A reviewer's decisions on a comparison (POLICY.decisions.yaml): pins, absences and exclusions.

An auditor who reads a comparison may correct it and keep the correction:

    decisions:
      "4.1": {pin: 第2条, reason: 実施機関の定義が対象機関を定めている}
      "3.4": {absent: true, reason: 疾病による要員不足は想定していない}
      "2.8": {not_applicable: true, reason: マイナンバー利用事務系を持たない}

A pin names a document clause by its printed number (第2条, 2(1), 第4条第2項), its own label or its
path; compare applies every decision before matching the rest automatically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from policygen.errors import PolicygenError
from policygen.model import Document

# The file beside a policy that holds its decisions: foo.txt → foo.decisions.yaml.
SUFFIX = ".decisions.yaml"

ACTIONS = ("pin", "absent", "not_applicable")


@dataclass(frozen=True)
class Decision:
    """One model clause as a reviewer decided it: pinned to a document clause, absent, or not applicable."""

    model_id: str
    action: str  # one of ACTIONS
    reason: str
    clause: str = ""  # the document clause a pin names, as the reviewer wrote it


@dataclass(frozen=True)
class Decisions:
    """The decisions of one file, by model ID."""

    path: str
    by_model_id: dict[str, Decision]

    def resolve(self, document: Document, model_ids: set[str], numbers: Mapping[str, str] | None = None) -> dict[str, str]:
        """Return each pin's document clause path; fail naming the file when a pin names nothing there.

        `numbers` gives each clause's printed number by path (the reports' numbering, which lives with
        the writers); without it a pin names a clause by its path or its own label.
        """
        unknown = sorted(set(self.by_model_id) - model_ids)
        if unknown:
            raise PolicygenError(f"{self.path}: {unknown[0]}: no such model clause")
        numbers = numbers or {}
        out: dict[str, str] = {}
        for decision in self.by_model_id.values():
            if decision.action != "pin":
                continue
            wanted = _plain(decision.clause)
            paths = [c.id for c in document.walk() if wanted in (c.id, _plain(numbers.get(c.id, "")))]
            if not paths:
                paths = [c.id for c in document.walk() if _plain(c.label) == wanted]
            if not paths:
                raise PolicygenError(f"{self.path}: {decision.model_id}: no clause {decision.clause!r} in the policy")
            if len(paths) > 1:
                raise PolicygenError(
                    f"{self.path}: {decision.model_id}: {decision.clause!r} names {len(paths)} clauses: use the full number"
                )
            out[decision.model_id] = paths[0]
        return out


def beside(policy: Path) -> Path:
    """Return where the decisions of a policy file are looked for: next to it, same name."""
    return policy.with_name(policy.stem + SUFFIX)


def load(path: Path) -> Decisions:
    """Read and check a decisions file; any fault is one PolicygenError naming the file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PolicygenError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise PolicygenError(f"{path}: invalid YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        data = {"decisions": {}}
    if not isinstance(data, dict) or set(data) != {"decisions"} or not isinstance(data["decisions"], (dict, type(None))):
        raise PolicygenError(f"{path}: expected one mapping `decisions:` of model IDs")
    out: dict[str, Decision] = {}
    for key, entry in (data["decisions"] or {}).items():
        out[str(key)] = _decision(str(key), entry, path)
    return Decisions(str(path), out)


def _decision(model_id: str, entry: Any, path: Path) -> Decision:
    """Return one decision from its YAML entry, or fail saying what is wrong with it."""
    where = f"{path}: {model_id}"
    if not isinstance(entry, dict):
        raise PolicygenError(f"{where}: expected {{pin: CLAUSE, reason: …}}, {{absent: true, …}} or {{not_applicable: true, …}}")
    unknown = sorted(set(entry) - {*ACTIONS, "reason"})
    if unknown:
        raise PolicygenError(f"{where}: unknown key {unknown[0]!r}")
    actions = [a for a in ACTIONS if a in entry]
    if len(actions) != 1:
        raise PolicygenError(f"{where}: give exactly one of pin, absent, not_applicable")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise PolicygenError(f"{where}: every decision needs a reason")
    action = actions[0]
    if action == "pin":
        clause = entry["pin"]
        if not isinstance(clause, (str, int)) or not str(clause).strip():
            raise PolicygenError(f"{where}: pin names a document clause (第2条, 2(1), …)")
        return Decision(model_id, action, reason.strip(), str(clause).strip())
    if entry[action] is not True:
        raise PolicygenError(f"{where}: {action} must be true")
    return Decision(model_id, action, reason.strip())


def _plain(text: str) -> str:
    """Return a clause number without spaces, in half-width digits and brackets: 「第２条」 → 「第2条」."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())

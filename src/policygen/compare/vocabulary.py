"""The words real bodies use for the model's concepts (templates/model/vocabulary.yaml), for compare."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policygen.errors import PolicygenError
from policygen.model import Signal

# The file that sits beside a model template and holds its vocabulary.
VOCABULARY_FILE = "vocabulary.yaml"

# A caption's own brackets and a 条 or section number before it: 「（目的）」「第1条」「第1」 are not its words.
_HEADING_NOISE = re.compile(r"^[（(〔【]|[）)〕】]$|^第[0-9０-９一二三四五六七八九十百]+[条章節]?[\s　]*")


@dataclass(frozen=True)
class Vocabulary:
    """Concept variants per model ID and the structural places a policy's sections have."""

    headings: dict[str, frozenset[str]] = field(default_factory=dict)
    phrases: dict[str, tuple[Signal, ...]] = field(default_factory=dict)
    heading_suffixes: tuple[str, ...] = ()
    preamble_headings: frozenset[str] = frozenset()
    preamble: frozenset[str] = frozenset()
    definitions: str = ""
    carried_by_definitions: frozenset[str] = frozenset()
    masked: tuple[str, ...] = ()

    def heading_form(self, heading: str) -> str:
        """Return a heading as the vocabulary compares it: no brackets, number or generic suffix."""
        text = heading.strip()
        previous = None
        while previous != text:
            previous = text
            text = _HEADING_NOISE.sub("", text).strip()
            for suffix in self.heading_suffixes:
                if text.endswith(suffix) and len(text) > len(suffix):
                    text = text[: -len(suffix)]
        return text

    def concepts_of_heading(self, heading: str) -> tuple[str, ...]:
        """Return the model IDs whose headings this document heading names, in model order."""
        form = self.heading_form(heading)
        if not form:
            return ()
        return tuple(key for key, names in self.headings.items() if form in names)

    def is_preamble_heading(self, heading: str) -> bool:
        """Return True when a section so headed is the policy's preamble (基本的考え方, 前文)."""
        return self.heading_form(heading) in self.preamble_headings

    def mask(self, text: str) -> str:
        """Return text with the names whose words are not their concept taken out (教育委員会)."""
        for name in self.masked:
            text = text.replace(name, "〓")
        return text

    def signals(self) -> dict[str, tuple[Signal, ...]]:
        """Return the vocabulary as signals per model ID: each heading a heading signal, then the phrases."""
        out: dict[str, tuple[Signal, ...]] = {}
        for key in dict.fromkeys([*self.headings, *self.phrases]):
            names = tuple(Signal((name,), heading=True) for name in sorted(self.headings.get(key, ())))
            out[key] = names + self.phrases.get(key, ())
        return out

    def carried_by_definition(self, model_id: str) -> bool:
        """Return True when a document's definition may carry this model clause (情報資産 → 4(2))."""
        return model_id in self.carried_by_definitions or model_id.split(".")[0] == self.definitions


EMPTY = Vocabulary()


def vocabulary_for(template_source: str) -> Vocabulary:
    """Return the vocabulary beside a model template file (an empty one when there is none)."""
    if not template_source:
        return EMPTY
    path = Path(template_source).with_name(VOCABULARY_FILE)
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        return EMPTY
    return _load(str(path), mtime_ns)


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> Vocabulary:
    """Read and check a vocabulary file (once per file version)."""
    import yaml

    from policygen.generate.template import safe_load

    try:
        data = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read the vocabulary: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise PolicygenError(f"{path}: invalid YAML in the vocabulary: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise PolicygenError(f"{path}: the vocabulary must be a mapping")
    suffixes = tuple(_strings(data.get("heading_suffixes"), path, "heading_suffixes"))
    vocabulary = Vocabulary(heading_suffixes=suffixes)
    headings: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[Signal, ...]] = {}
    for key, entry in (data.get("concepts") or {}).items():
        where = f"concepts {key}"
        if not isinstance(entry, dict) or set(entry) - {"headings", "phrases"}:
            raise PolicygenError(f"{path}: {where}: use headings and phrases")
        names = _strings(entry.get("headings"), path, where)
        headings[str(key)] = frozenset(vocabulary.heading_form(n) for n in names)
        phrases[str(key)] = tuple(_phrase(p, path, where) for p in entry.get("phrases") or ())
    return Vocabulary(
        headings=headings,
        phrases=phrases,
        heading_suffixes=suffixes,
        preamble_headings=frozenset(vocabulary.heading_form(h) for h in _strings(data.get("preamble_headings"), path, "preamble_headings")),
        preamble=frozenset(_strings(data.get("preamble"), path, "preamble")),
        definitions=str(data.get("definitions") or ""),
        carried_by_definitions=frozenset(_strings(data.get("carried_by_definitions"), path, "carried_by_definitions")),
        # Longest first, so that 監査委員 goes before a shorter name inside it.
        masked=tuple(sorted(_strings(data.get("masked"), path, "masked"), key=len, reverse=True)),
    )


def _strings(value: Any, path: str, where: str) -> list[str]:
    """Return a list of strings from YAML, or fail naming the place."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise PolicygenError(f"{path}: {where}: must be a list of words")
    return [str(v) for v in value]


def _phrase(value: Any, path: str, where: str) -> Signal:
    """Return one phrase entry as a signal: a phrase, or a list of phrases found together."""
    if isinstance(value, str):
        return Signal((value,))
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return Signal(tuple(value))
    raise PolicygenError(f"{path}: {where}: bad phrase {value!r:.60}")

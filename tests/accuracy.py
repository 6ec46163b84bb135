"""Score compare's coverage against hand labels: present- and missing-class precision, recall and F1.

Two labelled sets: the five bundled policies (corpus/*/expected-coverage.json) and the development
set of other bodies' policies beside the repository (shared/real-policies/gold/*.json). Every model
ID of a document is one decision: present (the engine reports any status but missing or uncertain)
or missing. The "all missing" baseline answers missing for every ID.

Run as a script to print the per-document table: python tests/accuracy.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
REAL = REPO.parent / "shared" / "real-policies"

# Statuses that do not claim the document covers the clause.
NOT_PRESENT = frozenset({"missing", "uncertain"})


@dataclass(frozen=True)
class Labelled:
    """One labelled policy: where it is, the kind of body, and the model IDs it covers."""

    name: str
    path: Path
    kind: str | None
    present: frozenset[str]
    missing: frozenset[str]


@dataclass
class Counts:
    """Confusion counts for one class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        """Add another document's counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 1.0


def seed_documents() -> list[Labelled]:
    """Return the five bundled policies with their labels."""
    out = []
    for labels_path in sorted(CORPUS.glob("*/expected-coverage.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        clauses = labels["clauses"]
        present = frozenset(k for k, v in clauses.items() if v["status"] == "present")
        source = next(labels_path.parent.glob("[0-9][0-9][0-9]_*.txt"))
        out.append(Labelled(labels_path.parent.name[:3], source, labels["kind"], present, frozenset(clauses) - present))
    return out


def real_documents() -> list[Labelled]:
    """Return the development set of other bodies' policies with their labels ([] when absent)."""
    if not REAL.is_dir():
        return []
    kinds = {entry["file"]: entry["org_kind"] for entry in json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))}
    out = []
    for gold_path in sorted((REAL / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = REAL / "docs" / f"{gold_path.stem}.txt"
        out.append(Labelled(gold_path.stem, source, kinds.get(source.name), frozenset(gold["present"]), frozenset(gold["missing"])))
    return out


def score(document: Labelled, statuses: dict[str, str]) -> tuple[Counts, Counts]:
    """Return (present-class, missing-class) counts of one document's statuses against its labels."""
    present, missing = Counts(), Counts()
    for model_id in document.present | document.missing:
        predicted_present = statuses.get(model_id, "missing") not in NOT_PRESENT
        truly_present = model_id in document.present
        if predicted_present and truly_present:
            present.tp += 1
        elif predicted_present:
            present.fp += 1
            missing.fn += 1
        elif truly_present:
            present.fn += 1
            missing.fp += 1
        else:
            missing.tp += 1
    return present, missing


def statuses_of(document: Labelled, *, use_kind: bool = False) -> dict[str, str]:
    """Run compare on one labelled document and return its status per model ID.

    The kind is guessed from the text, as a user who gives no --kind gets it, unless use_kind.
    """
    from policygen.compare.with_model import compare_file

    comparison = compare_file(document.path, kind=document.kind if use_kind else None)
    return {result.model_id: result.status for result in comparison.clauses}


def main() -> None:
    """Print both classes per document and in total, with the all-missing baseline."""
    for title, documents in (("bundled policies", seed_documents()), ("real-policies (development set)", real_documents())):
        total_present, total_missing, base_missing = Counts(), Counts(), Counts()
        print(f"\n{title}")
        print(f"{'document':<24}{'present P/R/F1':>20}{'missing P/R/F1':>20}{'all-missing F1':>16}")
        for document in documents:
            try:
                statuses = statuses_of(document)
            except Exception as exc:  # a refused document scores as all missing, and says why
                print(f"{document.name:<24} refused: {exc}")
                statuses = {}
            present, missing = score(document, statuses)
            _, baseline = score(document, {})
            total_present.add(present)
            total_missing.add(missing)
            base_missing.add(baseline)
            print(f"{document.name:<24}{_prf(present):>20}{_prf(missing):>20}{baseline.f1:>16.2f}")
        print(f"{'total':<24}{_prf(total_present):>20}{_prf(total_missing):>20}{base_missing.f1:>16.2f}")


def _prf(counts: Counts) -> str:
    return f"{counts.precision:.2f}/{counts.recall:.2f}/{counts.f1:.2f}"


if __name__ == "__main__":
    main()

"""Options of the 新旧対照表 (old/new comparison table) writers."""

from __future__ import annotations

from dataclasses import dataclass

from policygen.errors import PolicygenError

NEW_OLD = "new-old"  # 改正後 on the left: what most bodies do
OLD_NEW = "old-new"
ORDERS = (NEW_OLD, OLD_NEW)

DEFAULT_LEGEND = "(傍線部分は改正部分)"
TITLE_SUFFIX = "新旧対照表"


@dataclass(frozen=True)
class TableOptions:
    """How a 新旧対照表 is laid out: column order and labels, title, legend, what to abbreviate or ignore.

    `title=None` derives the title from the new document's title (「○○情報セキュリティ基本方針 新旧対照表」);
    `legend=None` uses 「(傍線部分は改正部分)」, `legend=""` prints none.
    """

    order: str = NEW_OLD
    new_label: str = "改正後"
    old_label: str = "改正前"
    title: str | None = None
    legend: str | None = None
    abbreviate_unchanged: bool = False
    ignore_notation: bool = False
    ignore_whitespace: bool = False

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise PolicygenError(f"table order: unknown order {self.order!r} (expected 'new-old' or 'old-new')")
        if not self.new_label.strip() or not self.old_label.strip():
            raise PolicygenError("table labels: the column labels must not be empty")

    @property
    def labels(self) -> tuple[str, str]:
        """Return the column labels left to right."""
        if self.order == NEW_OLD:
            return (self.new_label, self.old_label)
        return (self.old_label, self.new_label)

    def title_for(self, document_title: str) -> str:
        """Return the table's title: the configured one, or the document title followed by 新旧対照表."""
        if self.title is not None:
            return self.title
        base = document_title.strip()
        return f"{base} {TITLE_SUFFIX}" if base else TITLE_SUFFIX

    @property
    def legend_text(self) -> str:
        """Return the legend line printed under the title ("" for none)."""
        return DEFAULT_LEGEND if self.legend is None else self.legend

"""Rebuilding the rows of a flattened table (还原被拉平的表格).

Text copied from a web page or a PDF often prints a form as a run of cells with its rows lost
(:attr:`budgetperf.grid.Grid.flattened`). The forms' own structure puts them back: head labels
are followed by their values, the budget header by rows of a fund label and its figures, the
indicator header by rows of 一级/二级 labels, a 三级 name and the values its columns take —
numbers where the column is points — and a 总分/合计 row ends the table. Headers broken over
two cells (「年初」「预算数」) are joined. What does not fit is kept, never dropped: a cell the
rebuild cannot place stays in a row of its own.

    >>> from budgetperf.grid import GridBuilder, Location
    >>> b = GridBuilder(Location())
    >>> for text in ("项目名称 学生资助 主管部门 县教育局 一级指标 二级指标 三级指标 年度指标值 "
    ...              "实际完成值 分值 得分 产出指标 数量指标 受助人数 ≥100人 120人 20 20 总分 100 98").split():
    ...     b.add_cell(text)
    >>> from budgetperf import layouts
    >>> grid = layouts.rebuild(b.build(flattening=Flattening.WORDS))
    >>> for row in grid.rows:
    ...     print(" | ".join(row))
    项目名称 | 学生资助
    主管部门 | 县教育局
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
    产出指标 | 数量指标 | 受助人数 | ≥100人 | 120人 | 20 | 20
    总分 | 100 | 98
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Final

from budgetperf.grid import Flattening, Grid, GridBuilder
from budgetperf.layouts import _vocabulary
from budgetperf.layouts._types import Columns, header_key, level_field
from budgetperf.layouts._vocabulary import FUND_ROWS, GOALS, LEVEL2_UNDER, TOTALS
from budgetperf.money import DECIMAL_CONTEXT

__all__ = ["UNNAMED", "rebuild", "split_figures", "split_run"]

#: The field of a header cell that names no column of any form (kept, never dropped).
UNNAMED: Final = "unnamed"
# The field of a row-number column printed before the indicator columns (序号), and its
# headers: each row is led by its number.
_NUMBER: Final = "number"
_NUMBER_HEADERS: Final = frozenset({"序号"})
_ROW_NUMBER: Final = re.compile(r"^\d{1,3}$")

# Columns that hold points: a cell there is a number or nothing.
_NUMERIC: Final = frozenset({"weight", "score", "share", "converted_score", "coefficient"})
# A figure (an amount may carry its unit, as workbooks exported to text print it), a dash, or
# nothing.
_VALUE: Final = re.compile(
    r"^[-+]?[\d,，.．]*\d[\d,，.．]*\s*(?:[%％]|万元|万|元)?$|^[-—/－–]$|^$|^无$"
)
_JOIN: Final = 3  # a header broken over at most this many cells
_DAMAGED_HEADER: Final = 8  # the longest header read as one the page damaged
# The row a form prints as 「……」 (more rows may follow), and a 一级 label of which only its
# points survived (「(50分)」).
_PLACEHOLDER: Final = re.compile(r"^[.…。·]{2,}$")
_FOOTNOTE: Final = re.compile(r"^注[:：]")  # the form's notes under the table
_NOTES_LABELS: Final = frozenset({"说明", "备注", "注"})  # the label of the notes row
# A name with its target run on: a comparator sign and a figure with its unit ending the cell.
_RUN_ON_TARGET: Final = re.compile(
    r"^(.*[^\s=＝≥≤≧≦<>])\s*([=＝≥≤≧≦<>]+\s*\d[\d.]*[^\d\s=＝≥≤≧≦<>]{0,4})$"
)
_BLANK_ROW: Final = re.compile(r"^指标\d+[:：]?$")  # the name of a row left blank (指标2：)
_POINTS_ONLY: Final = re.compile(r"^[(（]\d+(?:\.\d+)?分[)）]$")
# A label printed with its points in brackets after it (投 入 / (15分), 预算配置(15分)).
_WITH_POINTS: Final = re.compile(r"\S\s*[(（]\d+(?:\.\d+)?分[)）]$")
_AND: Final = frozenset({"和", "及", "与"})  # the words that join two names in one header
_DASH: Final = re.compile(r"^[-—/－–]$")  # a cell printed as a dash: nothing to print


def _is_value(text: str) -> bool:
    return bool(_VALUE.match(text.strip()))


def _is_number(text: str) -> bool:
    return bool(re.match(r"^[-+]?\d[\d,.]*$", header_key(text)))


LEVEL1: Final = frozenset(_vocabulary.LEVEL1)
LEVEL2: Final = frozenset(_vocabulary.LEVEL2)
_TWO_ROW_ORDER: Final = _vocabulary.TWO_ROW_ORDER
_TOTAL_KEYS: Final = frozenset(header_key(t) for t in TOTALS)


def _cut_label(text: str) -> bool:
    """Whether ``text`` is the start of a 一级/二级 label cut off where the page ends."""
    key = header_key(text)
    return len(key) >= 2 and any(n.startswith(key) for n in (*LEVEL1, *LEVEL2))


def _begins_label(text: str) -> bool:
    """Whether some 一级/二级 label begins with ``text`` (a cell cut off where the page ends)."""
    key = header_key(text)
    return bool(key) and any(n.startswith(key) for n in (*LEVEL1, *LEVEL2))


def _cuts_other_level1(text: str, level1: str) -> bool:
    """Whether ``text``, a label cut off, begins a 一级 label other than ``level1``."""
    key = header_key(text)
    return any(n.startswith(key) and not is_label(level1, frozenset({n})) for n in LEVEL1)


def _is_prose(text: str) -> bool:
    """A sentence, not a name: what a note column holds (names carry no full stop)."""
    return "。" in text or "；" in text or len(text.strip()) > 25


def is_footnote(text: str) -> bool:
    """Whether a cell is the form's notes under its table (注：…)."""
    return bool(_FOOTNOTE.match(text.strip()))


def is_points_only(text: str) -> bool:
    """Whether a cell is only a label's points (「(50分)」), the label's name lost."""
    return bool(_POINTS_ONLY.match(text.strip()))


def is_label(text: str, names: frozenset[str]) -> bool:
    # "服务对象满意度指标等": a label closed with 等 is still the label.
    key = header_key(text).removesuffix("等")
    return bool(key) and key in names


def is_own_label(text: str) -> bool:
    """Whether a cell is a 一级/二级 label of the table's own, outside the vocabulary: labels
    end in 指标 (实施效果指标), names and column heads do not."""
    return header_key(text).endswith("指标")


def is_fund_label(text: str) -> bool:
    """Whether a cell is a budget block's row label (年度资金总额, 其中：财政拨款 …)."""
    key = header_key(text)
    return (
        bool(key)
        and any(key.startswith(header_key(word)) or header_key(word) in key for word in FUND_ROWS)
        and len(key) <= 20
    )


def _compound(
    text: str, columns: Columns, seen: Sequence[str]
) -> tuple[list[str], list[str]] | None:
    """Two budget headers printed as one word of another form (执行率得分 is Chongqing's score
    header, but 执行率 | 得分 where no rate column came before it): their texts and fields."""
    for cut in range(2, len(text) - 1):
        first, second = columns.field_of(text[:cut]), columns.field_of(text[cut:])
        if first and second and first != second and first not in seen and second not in seen:
            return [text[:cut], text[cut:]], [first, second]
    return None


class _Rebuild:
    def __init__(
        self,
        cells: Sequence[str],
        budget: Columns,
        indicators: Columns,
        head: set[str],
        *,
        words: bool,
        forms: Sequence[frozenset[str]] = (),
    ) -> None:
        self.cells = list(cells)
        # The indicator columns each shipped form requires: a header holding one form's is
        # that form's, though it lacks a column the vocabulary together requires (a list of
        # 指标名称 rows without 一级指标, as Chongqing's form prints it).
        self.forms = tuple(forms)
        self.words = words  # cells are blank-separated words: a value may span several
        self.budget, self.indicators, self.head = budget, indicators, head
        self.rows: list[list[str]] = []
        self.ends: frozenset[int] = frozenset()  # the last cell of each printed line
        self._sorted_ends: list[int] = []

    def header(self, start: int, columns: Columns) -> tuple[list[str], list[str], int] | None:
        """The header run from ``start``: printed headers, their fields, and the end."""
        texts: list[str] = []
        fields: list[str] = []
        i = start
        while i < len(self.cells):
            if texts and _POINTS_ONLY.match(self.cells[i].strip()):
                break  # the points of the first 一级 label, its name lost
            if (
                not texts
                and columns is self.indicators
                and header_key(self.cells[i]) in (_NUMBER_HEADERS)
            ):
                # 序号 before the indicator columns: the rows' numbers, a column of no form.
                texts.append(self.cells[i])
                fields.append(_NUMBER)
                i += 1
                continue
            if not self.cells[i].strip() or not header_key(self.cells[i]):
                if not texts:
                    return None
                i += 1
                continue
            if (
                texts
                and header_key(self.cells[i]) in _AND
                and i + 1 < len(self.cells)
                and header_key(self.cells[i + 1])
                and columns.field_of(self.cells[i + 1]) is None
            ):
                # A header broken at 和 (未完成原因 | 和 | 改进措施): one header, the first's.
                texts[-1] = f"{texts[-1]}{self.cells[i]}{self.cells[i + 1]}"
                i += 2
                continue
            for width in self._widths(i, columns):
                joined = "".join(self.cells[i : i + width])
                field = columns.field_of(joined)
                if field is None and width == 1 and len(fields) >= 2:
                    # 区域目标质 among other headers, or a name joined to another word by 和
                    # (扣分原因和其他说明): the column it names.
                    field = columns.misprint_of(joined) or columns.joined_of(joined)
                if field is not None:
                    field = level_field(field, fields[-1] if fields else None)
                if field == "target" and "target" in fields and "comparator" in fields:
                    # The sub-header 指标值 under a two-row 年度指标值: it names the column
                    # the parent spans, which the parent only announced.
                    at = fields.index("target")
                    texts[at] = joined
                    i += width
                    break
                if field is not None and field not in fields:
                    pair = (
                        _compound(joined, columns, fields)
                        if width == 1 and columns is self.budget
                        else None
                    )
                    texts += pair[0] if pair else [joined]
                    fields += pair[1] if pair else [field]
                    i += width
                    break
            else:
                if columns is self.indicators and self._damaged_header(i, fields, columns):
                    # A header the page damaged (年成值全完值, OCR of 全年完成值) between two
                    # headers: a column the forms do not name, kept in the header under none.
                    texts.append(self.cells[i])
                    fields.append(UNNAMED)
                    i += 1
                    continue
                if (
                    texts
                    and columns is self.indicators
                    and self._repeated_header(i, fields, columns)
                ):
                    # A second column naming a field already named (指标解释 and then
                    # 指标说明及评分标准, both how a row is judged) before one naming a field
                    # not yet printed: kept in the header under no field.
                    texts.append(self.cells[i])
                    fields.append(UNNAMED)
                    i += 1
                    continue
                if texts and self._cut_header(i, columns):
                    # The text ends inside a header (得分计算 of 得分计算方法): the header's
                    # last cell, cut, under no field.
                    texts.append(self.cells[i])
                    fields.append(UNNAMED)
                    i += 1
                break
        if len(fields) < 3 or not (
            columns.required <= set(fields)
            or (columns is self.indicators and any(f <= set(fields) for f in self.forms))
        ):
            return None
        if columns is self.indicators and self._unnamed_column(i):
            # A column the forms do not name (one target per area: 新罗区 永定区 …) printed
            # between the header and the first row: kept in the header, under no field.
            texts.append(self.cells[i])
            fields.append(UNNAMED)
            i += 1
        if (
            "comparator" in fields
            and "level1" in fields
            and fields.index("comparator") > fields.index("level1") > 0
        ):
            # A two-row header printed row by row (年度指标值 … first, the cells under it
            # last): its columns stand in the forms' own order, not the printed one.
            order = [f for f in _TWO_ROW_ORDER if f in fields]
            texts = [texts[fields.index(f)] for f in order]
            fields = order
        return texts, fields, i

    def _repeated_header(self, i: int, fields: Sequence[str], columns: Columns) -> bool:
        """Whether the cell at ``i`` names (or, joined to another word, names) a text field
        the header run already holds, and the next cell with text names one it does not."""
        text = self.cells[i]
        field = columns.field_of(text) or columns.joined_of(text)
        if field is None or field not in fields or field in _NUMERIC:
            return False
        following = self._next_text(i + 1)
        after = columns.field_of(following) if header_key(following) else None
        return after is not None and after not in fields

    def _cut_header(self, i: int, columns: Columns) -> bool:
        """Whether the cell at ``i`` is the text's last and begins a header of ``columns``
        (two characters of it at least) that it does not hold whole: the text was cut off
        inside the header run."""
        key = header_key(self.cells[i])
        if len(key) < 2 or any(header_key(c) for c in self.cells[i + 1 :]):
            return False
        return any(
            header_key(name).startswith(key) and header_key(name) != key
            for names in columns.synonyms.values()
            for name in names
        )

    def _damaged_header(self, i: int, fields: Sequence[str], columns: Columns) -> bool:
        """Whether the cell at ``i``, naming no column, is a header the page damaged inside
        the header run: short words without a figure, neither a label nor a value, after
        at least two headers and followed by one naming a column not yet printed."""
        text = self.cells[i]
        key = header_key(text)
        if (
            len(fields) < 2
            or not 2 <= len(key) <= _DAMAGED_HEADER
            or re.search(r"\d", key)
            or is_label(text, LEVEL1)
            or is_label(text, LEVEL2)
            or is_own_label(text)
            or _is_value(text)
            or key in _TOTAL_KEYS
            or key in self.head
        ):
            return False
        following = self._next_text(i + 1)
        after = columns.field_of(following) if header_key(following) else None
        return after is not None and after not in fields

    def _unnamed_column(self, i: int) -> bool:
        """Whether the cell at ``i``, where an indicator header's run of names stops, heads
        a column no form names: neither a label (nor a label of the table's own, which ends
        in 指标 as 实施效果指标 does), points nor a value, and followed by the first 一级 label,
        a form's or the table's own (empty cells aside)."""
        if i >= len(self.cells) or not header_key(self.cells[i]):
            return False
        text = self.cells[i]
        if (
            is_own_label(text)
            or is_label(text, LEVEL1)
            or is_label(text, LEVEL2)
            or _POINTS_ONLY.match(text.strip())
            or _PLACEHOLDER.match(text.strip())
            or _is_value(text)
            or header_key(text) in _TOTAL_KEYS
        ):
            return False
        following = next((c for c in self.cells[i + 1 :] if c.strip()), "")
        # The first 一级 a form names, or one of the table's own (实施效果指标, t-f-004).
        return is_label(following, LEVEL1) or is_own_label(following)

    def _widths(self, i: int, columns: Columns) -> list[int]:
        """How many cells to try joining at ``i``, in order: one first, unless the next cell
        names nothing alone and the two name a column together (「一级」「指标」 is 一级指标,
        where a form also prints 一级 alone)."""
        widths = list(range(1, _JOIN + 1))
        if i + 1 < len(self.cells) and header_key(self.cells[i + 1]):
            alone = columns.field_of(self.cells[i + 1])
            pair = columns.field_of("".join(self.cells[i : i + 2]))
            if alone is None and pair is not None:
                widths = [2, 1, 3]
        return widths

    def find(self, columns: Columns, start: int) -> tuple[list[str], list[str], int, int] | None:
        for i in range(start, len(self.cells)):
            found = self.header(i, columns)
            if found is not None:
                return found[0], found[1], i, found[2]
        return None

    # -- sections ------------------------------------------------------------------------

    def _column_header(self, text: str) -> bool:
        """Whether ``text`` heads a column of the budget block or the indicator table."""
        return bool(header_key(text)) and (
            self.budget.field_of(text) is not None or self.indicators.field_of(text) is not None
        )

    def head_rows(self, start: int, end: int, *, funds: bool = False) -> None:
        """Label | value rows of the form's head; with ``funds`` (a table without a budget
        header), fund labels too."""
        row: list[str] = []
        fund = False  # the row is a fund label's, waiting for its amount
        goals = {header_key(g) for g in GOALS}
        for k, text in enumerate(self.cells[start:end], start):
            if header_key(text) in self.head or header_key(text) in goals:
                if row:
                    self.rows.append(row)
                row = [text]
                fund = False  # a head label's row, not a fund label's
            elif funds and self._fund_label(text) and not row and self._block_head(k, end):
                self.rows[-1].append(text)  # 资金来源 | 资金总额: the block's column heads
            elif funds and self._fund_label(text):
                # A funds block printed without a header row (资金情况 | 年度资金总额: | 500 | 其中:
                # 财政拨款 | 500, a target table's): each fund label is a row, with the amount
                # after it when one follows.
                if row:
                    self.rows.append(row)
                row = [text]
                fund = True
            elif row and fund and len(row) == 1:
                if _AMOUNT_LEAD.match(text.strip()):
                    row.append(text)
                else:
                    self.rows.append(row)
                    row = [text] if text.strip() else []
                    if row:
                        self.rows.append(row)
                        row = []
                fund = False
            elif row and len(row) == 1 and not self._column_header(text):
                row.append(text)  # a label's value is the next cell
            elif row and self.words and text and not self._column_header(text):
                # Printed as words, a value is every word up to the next label (a name with
                # a blank in it).
                row[-1] = f"{row[-1]} {text}" if row[-1] else text
            elif text.strip():
                if row:
                    self.rows.append(row)
                    row = []
                self.rows.append([text])
        if row:
            self.rows.append(row)

    def label_before(self, start: int, fields: Sequence[str]) -> int | None:
        """Where the row label of a budget block is printed before its header (the cell
        merged at the header's left, Chongqing's 部门预算执行情况 | 年初预算数 …): the category
        label among the two cells with text before ``start``, when the header begins without
        it. ``None`` when the header holds its category or none is printed before it."""
        if not fields or fields[0] == "category":
            return None
        seen = 0
        for k in range(start - 1, -1, -1):
            if not self.cells[k].strip():
                continue
            if header_key(self.cells[k]) and self.budget.field_of(self.cells[k]) == "category":
                return k
            seen += 1
            if seen >= 2:
                break
        return None

    def budget_rows(
        self, texts: list[str], fields: list[str], start: int, end: int, *, label: str = ""
    ) -> None:
        """The budget block's rows from ``start`` to ``end`` under the header ``texts``;
        ``label`` the row label printed before the header (:meth:`label_before`), which the
        figures printed after the header without a label of their own are the row of."""
        texts, fields = list(texts), list(fields)
        for k in range(start, end):
            # A header cell printed after the rows it heads (得分 where a workbook's text
            # layer puts a merged header cell last) is the header's last column.
            late = self.budget.field_of(self.cells[k]) if header_key(self.cells[k]) else None
            if late is not None and late not in fields and late != "category":
                texts.append(self.cells[k])
                fields.append(late)
                self.cells[k] = ""
                break
        header = texts if fields[0] == "category" else ["", *texts]
        value_fields = [f for f in fields if f != "category"]
        self.rows.append(header)
        total: dict[str, Decimal] = {}  # the amounts of the first row, which 其中 rows part
        i = start
        before = label  # the row label printed before the header, if any
        while i < end:
            label = self.cells[i]
            key = header_key(label)
            if before and key and not self._fund_label(label) and _DAMAGED_RUN.match(label):
                # The figures printed after the header, the row's label before it.
                label, j, before = before, i, ""
            elif not key or _is_value(label):
                i += 1
                continue
            elif not any(
                key.startswith(header_key(word)) or header_key(word) in key for word in FUND_ROWS
            ):
                self.rows.append([label])
                i += 1
                continue
            else:
                j = i + 1
            before = ""
            while (
                self.words
                and j < end
                and header_key(self.cells[j])
                and not _is_value(self.cells[j])
                and not _damaged_figure(self.cells[j])
                and not self._fund_label(self.cells[j])
                and not self._column_header(self.cells[j])
            ):
                label = f"{label} {self.cells[j]}"  # a label broken into words (当年财政 拨款)
                j += 1
            values: list[str] = []
            lead = _FIGURE_RUN.match(self.cells[j]) if j < end else None
            # (Empty cells aside: a run's empty lines are empty cells.)
            after = self._next_text(j + 1, end)
            alone = not after or not _is_value(after) or lead is None
            # A row whose figures are one cell, where the columns want several.
            run = (
                split_figures(lead.group(0), value_fields, within=total) if lead and alone else None
            )
            if lead is not None and run is not None:
                # Figures printed run together, perhaps with the next label after them.
                self.rows.append([label, *run])
                total = total or _amounts(run, value_fields)
                rest = self.cells[j][lead.end() :]
                self.cells[j] = rest
                i = j if rest else j + 1
                wording = [k for k, f in enumerate(value_fields) if f in ("reason", "method")]
                if not rest and wording and not run[wording[0]] and i < end:
                    # The row's text column (得分计算方法) after its figures.
                    text = self.cells[i]
                    if (
                        text.strip()
                        and not _is_value(text)
                        and not self._fund_label(text)
                        and not self._column_header(text)
                        and header_key(text) not in self.head
                        and header_key(text) not in {header_key(g) for g in GOALS}
                    ):
                        self.rows[-1][1 + wording[0]] = text
                        i += 1
                continue
            damaged = _DAMAGED_RUN.match(self.cells[j]) if j < end else None
            if (
                damaged is not None
                and (not _is_value(damaged.group(0)) or damaged.group(0).count(".") > 1)
                and not (self.words and _damaged_figure(self.cells[j]) and _is_value(after))
            ):
                # Figures the page damaged or ran together past cutting (O76%107.6, .32.06.5
                # where the digits before the points were lost), perhaps with the next words
                # after them: kept as printed, one cell, no figure cut out of it.
                rest = self.cells[j][damaged.end() :]
                self.rows.append([label, *self._align([damaged.group(0)], value_fields)])
                self.cells[j] = rest
                i = j if rest else j + 1
                continue
            while j < end and len(values) < len(value_fields):
                text = self.cells[j]
                # The reason and method columns take text; every other a figure or nothing.
                if not (
                    _is_value(text)
                    # One of a row's figures the page damaged (8.4O8 among 8.408 10 …): its
                    # cell, listed as unreadable where the row is read, the others in place.
                    or (self.words and _damaged_figure(text))
                    or (
                        value_fields[len(values)] in ("reason", "method")
                        and not self._fund_label(text)
                    )
                ):
                    break
                values.append(text)
                j += 1
            self.rows.append([label, *self._align(values, value_fields)])
            total = total or _amounts(self.rows[-1][1:], value_fields)
            i = j

    def _block_head(self, k: int, end: int) -> bool:
        """Whether the fund label at ``k`` heads the amounts column of a funds block printed
        without figures in its header (资金来源 | 资金总额, then 其中:财政拨款 | 500): it follows
        the block's category header alone and another fund label follows it, no amount of its
        own between."""
        last = self.rows[-1] if self.rows else []
        following = next((c for c in self.cells[k + 1 : end] if c.strip()), "")
        return (
            len(last) == 1
            and self.budget.field_of(last[0]) == "category"
            and self._fund_label(following)
        )

    @staticmethod
    def _fund_label(text: str) -> bool:
        return is_fund_label(text)

    @staticmethod
    def _align(values: list[str], fields: list[str]) -> list[str]:
        """Figures printed without the empty cells between them: amounts fill the amount
        columns first (a 其中 row carries no points, rate or score)."""
        if len(values) >= len(fields):
            return values
        amounts = [k for k, f in enumerate(fields) if f in ("initial", "adjusted", "executed")]
        placed = [""] * len(fields)
        targets = amounts if len(values) <= len(amounts) else list(range(len(fields)))
        for value, column in zip(values, targets, strict=False):
            placed[column] = value
        return placed

    def _ends_rows(self, text: str) -> bool:
        """Whether a cell ends the indicator rows: the total row, the head rows printed after
        the table, or its notes."""
        return header_key(text) in _TOTAL_KEYS or header_key(text) in self.head or is_footnote(text)

    def level_rows(self, fields: list[str], start: int) -> int:
        """Rows of a table printing points at every level (一级 | 分值 | 二级 | 分值 | 三级 | 分值
        | 得分), its merged cells once: a name followed by one figure and then by another name
        is a level's label and points; a name followed by its points and score (or by nothing,
        where the text ends) is a 三级 row, under the labels just printed — two labels are the
        一级 and the 二级, one label the 二级 (a new 一级 prints its 二级 too). The labels are the
        table's own, so no vocabulary decides the level: 项目产出 is a 二级 here."""
        after = fields[fields.index("name") + 1 :]
        levels = {"level1": "", "level1_weight": "", "level2": "", "level2_weight": ""}
        labels: list[tuple[str, str]] = []
        i = start
        while i < len(self.cells):
            text = self.cells[i]
            if self._ends_rows(text):
                break
            if not text.strip():
                i += 1
                continue
            j = i + 1
            figures: list[str] = []
            while j < len(self.cells) and len(figures) < len(after):
                if self.cells[j].strip() and not _is_number(self.cells[j]):
                    break
                if self.cells[j].strip():
                    figures.append(self.cells[j])
                j += 1
            following = next((c for c in self.cells[j:] if c.strip()), "")
            if _is_number(text):
                self.rows.append([text])  # a figure under no name: kept, not placed
            elif len(figures) == 1 and following and not self._ends_rows(following):
                labels.append((text, figures[0]))
            else:
                if len(labels) >= 2 or (len(labels) == 1 and not levels["level1"]):
                    levels["level1"], levels["level1_weight"] = labels[
                        -2 if len(labels) >= 2 else 0
                    ]
                    levels["level2"] = levels["level2_weight"] = ""
                if len(labels) >= 2 or (len(labels) == 1 and levels["level1"] != labels[0][0]):
                    levels["level2"], levels["level2_weight"] = labels[-1]
                cells = {**levels, "name": text, **dict(zip(after, figures, strict=False))}
                self.rows.append([cells.get(f, "") for f in fields])
                labels = []
            i = j
        return i

    def own_label_rows(self, fields: list[str], start: int) -> int | None:
        """Rows of a table whose labels are its own (产出值 / 数量值 …, no form's), printed one
        cell per paragraph with each row's empty last cell printed (a lone blank, under 备注):
        the cells up to an empty one are a row, printed without the merged cells to its left
        (a row of one cell fewer is under the 一级 above it, two fewer under its 二级 too).
        ``None`` unless every run of cells is a row so, the first a whole one."""
        levels = [f for f in ("level1", "level2") if f in fields]
        if self.words or fields[-1] in _NUMERIC or fields[: len(levels) + 1] != [*levels, "name"]:
            return None
        first = next((c for c in self.cells[start:] if c.strip()), "")
        if (
            not levels
            or is_label(first, LEVEL1)
            or is_label(first, LEVEL2)
            or is_own_label(first)
            or _POINTS_ONLY.match(first.strip())
            or _cut_label(first)
        ):
            return None
        groups: list[list[str]] = []
        current: list[str] = []
        i = start
        while i < len(self.cells) and not self._ends_rows(self.cells[i]):
            if self.cells[i].strip():
                current.append(self.cells[i])
            elif current:
                groups.append(current)
                current = []
            i += 1
        if current:
            groups.append(current)
        full = len(fields) - 1
        if (
            len(groups) < 2
            or len(groups[0]) != full
            or any(not full - len(levels) <= len(g) <= full for g in groups)
        ):
            return None
        carried: dict[str, str] = dict.fromkeys(levels, "")
        for group in groups:
            cells = dict(zip(fields[full - len(group) : full], group, strict=True))
            for field in levels:
                if field in cells:
                    carried[field] = cells[field]
                    # A new 一级 prints its 二级 too.
                    levels_below = levels[levels.index(field) + 1 :]
                    carried.update({f: cells.get(f, "") for f in levels_below})
                    break
            placed: dict[str, str] = {**cells, **carried}
            self.rows.append([placed.get(f, "") for f in fields])
        return i

    def label_lines(self, fields: list[str], start: int) -> int | None:
        """Rows printed as lines of labels only (a scoring table whose 得分 is left empty, its
        merged cells dropped: 部门决策(25分) | 目标任务(15分) | 相关性(5分), then 明确性(5分) …):
        a line's labels are the last of the 一级 / 二级 / 三级 columns, those to their left the
        lines' above, and a line with nothing printed a row under them. ``None`` unless every
        line after the header is so, the first printing all three."""
        levels: list[str] = [f for f in ("level1", "level2", "name") if f in fields]
        if self.words or len(levels) < 3 or fields[:3] != levels:
            return None
        lines: list[list[str]] = []
        i = start
        while i < len(self.cells):
            line = self.line_of(i)
            if line is None or line[0] != i:
                return None
            texts = [t for t in self.cells[line[0] : line[1] + 1] if t.strip()]
            if len(texts) > len(levels) or any(
                _is_value(t) or self._ends_rows(t) or _PLACEHOLDER.match(t.strip()) for t in texts
            ):
                return None
            lines.append(texts)
            i = line[1] + 1
        if len(lines) < 3 or len(lines[0]) != len(levels):
            return None
        carried: dict[str, str] = dict.fromkeys(levels, "")
        for texts in lines:
            placed: dict[str, str] = dict(
                zip(levels[len(levels) - len(texts) :], texts, strict=True)
            )
            if not texts:
                placed = {"name": ""}
            first = levels.index(next(iter(placed)))
            carried.update({f: placed.get(f, "") for f in levels[first:]})
            self.rows.append([carried.get(f, "") for f in fields])
        return i

    def indicator_rows(
        self, texts: list[str], fields: list[str], start: int, *, section: str = ""
    ) -> int:
        """The indicator rows from ``start``, under the header ``texts``; ``section`` is the
        label printed just before the header (绩效指标), which is no row where it recurs."""
        self.rows.append(texts)
        if "name" in fields and {"level1_weight", "level2_weight"} & set(fields):
            return self.level_rows(fields, start)
        for read in (self.own_label_rows, self.label_lines):
            end = read(fields, start)
            if end is not None:
                return end
        after = fields[fields.index("name") + 1 :] if "name" in fields else fields[2:]
        needed = max((k for k, f in enumerate(after) if f in _NUMERIC), default=len(after) - 1) + 1
        level1 = level2 = ""
        bare = False  # a label was printed and no row has followed it yet
        continued = ""  # the last column's text so far, when it went on on lines of its own
        over = False  # the 一级 is the table's own, over the vocabulary's 一级 labels

        number = ""  # the number printed before the next row (a 序号 column)

        def row(name: str, values: Sequence[str] = (), **levels: str) -> None:
            nonlocal number
            cells = {"level1": level1, "level2": level2, "name": name, _NUMBER: number, **levels}
            cells.update(zip(after, values, strict=False))
            # (A name is a few words: a longer cell is not searched, the match kept linear.)
            run_on = _RUN_ON_TARGET.match(name) if "target" in after and len(name) <= 120 else None
            if run_on and not cells.get("target", "").strip():
                # A target run on its name, no cell of its own (免费开放天数=300天, a text
                # without separators): the comparator, printed only in front of a target,
                # is where the name ends.
                cells["name"], cells["target"] = run_on.group(1), run_on.group(2)
            self.rows.append([cells.get(f, "") for f in fields])
            number = ""

        # The last column when it takes text (得分计算方法, 未完成原因): a row's text there may
        # go on on lines of its own.
        text_last = bool(after) and after[-1] not in _NUMERIC
        # A scoring table: points and no targets or actuals (部门整体支出绩效评价评分表).
        scoring = "weight" in fields and not {"target", "actual"} & set(fields)
        first_row = len(self.rows)  # the rows before it are the header and the head
        i = start
        while i < len(self.cells):
            text = self.cells[i]
            if (
                header_key(text) in _TOTAL_KEYS
                or header_key(text) in self.head
                or is_footnote(text)
            ):
                break  # the total row, the head rows printed after the table, or its notes
            if not text.strip() or (section and header_key(text) == header_key(section)):
                i += 1  # an empty cell, or the section label printed again after a page break
                continue
            if is_footnote(self._next_text(i + 1)) and (
                header_key(text) in _NOTES_LABELS
                or (i + 1 < len(self.cells) and is_footnote(self.cells[i + 1]))
            ):
                # The label of the notes row (说明 | 注：…), which ends the table; a name
                # followed by its row's empty cells and then the notes is the last row, cut
                # short by them (支持居民避险搬迁户数(户) | | | 注：…, t-f-004).
                break
            if _NUMBER in fields and not number and _ROW_NUMBER.match(text.strip()):
                # The number that leads a row (a 序号 column): its row's, the rows' values
                # being read a row at a time.
                number = text.strip()
                i += 1
                continue
            if (
                i == len(self.cells) - 1
                and len(header_key(text)) == 1
                and not _is_value(text)
                and _begins_label(text)
            ):
                # The text ends one character into a cell (可 of 可持续影响指标?): too little
                # to tell a label from a name, so no row; it is left after the rows. A
                # character no label begins with (岗 after 社会效益指标) begins a name: the
                # row's, cut.
                break
            line = self.line_of(i)
            alone = line is not None and line == (i, i)
            if alone and text_last and not bare and len(self.rows) > first_row:
                last = self.rows[-1]
                if _is_prose(text) and (not last[-1] or last[-1] == continued):
                    # Text printed on lines of its own after a row, nothing else on them (a
                    # 得分计算方法 written once beside the rows): the row's last column, a
                    # cell printed at the table's right edge.
                    last[-1] = f"{last[-1]}\n{text}" if last[-1] else text
                    continued = last[-1]
                    i += 1
                    continue
            continued = ""
            printed = self.cells[line[0] : line[1] + 1] if line is not None else []
            if (
                line is not None
                and line[0] == i
                and not bare
                and len(self.rows) > first_row
                and self._points_below(printed, self.rows[-1], fields)
            ):
                # A line of figures only under a row that printed none of its points (its
                # long target and actual filled the line): that row's 分值 / 得分, in order.
                last = self.rows[-1]
                points = [at for at, f in enumerate(fields) if f in _NUMERIC]
                for at, figure in zip(points, printed, strict=False):
                    last[at] = figure
                i = line[1] + 1
                continue
            if (
                line is not None
                and line[0] == i
                and len(printed) <= 3
                and all(_DASH.match(t.strip()) for t in printed)
            ):
                # A line of dashes only: a placeholder row, printed without the merged cells
                # to its left ("-" a 三级, "- -" a 二级 and its 三级 …).
                places = dict(zip(("name", "level2", "level1"), reversed(printed), strict=False))
                row(places.pop("name"), **places)
                bare = False
                i = line[1] + 1
                continue
            # A label may be broken over two cells (「经济效益」「指标」), or cut off where
            # the text ends.
            pair = text + self.cells[i + 1] if i + 1 < len(self.cells) else text
            # The longer label first: 「经济效益」「指标」 is 经济效益指标, though 经济效益 alone
            # is one too.
            width = (
                2
                if pair != text
                and not _POINTS_ONLY.match(text.strip())
                and (is_label(pair, LEVEL1) or is_label(pair, LEVEL2))
                else 1
            )
            label = pair if width == 2 else text
            following = next((c for c in self.cells[i + width :] if c.strip()), "")
            cut = not following and _cut_label(text)
            # 成本指标 and 满意度指标 are printed both as a 一级 and as a 二级: a 一级 when a 二级
            # follows it, else a 二级 under the 一级 in force (or beside the 二级 in force, in a
            # table that prints no 一级).
            both = is_label(label, LEVEL1) and is_label(label, LEVEL2)
            # A label cut off where the text ends is a 二级 under the 一级 in force, unless it
            # begins another 一级 (满意 of 满意度指标 after 效益指标: the next 一级).
            as_level2 = (both and (level1 or level2) and not is_label(following, LEVEL2)) or (
                cut and bool(level1) and not _cuts_other_level1(text, level1)
            )
            if (
                as_level2
                or (is_label(label, LEVEL2) and not is_label(label, LEVEL1))
                or (is_label(label, LEVEL2) and level1 and not is_label(following, LEVEL2))
            ):
                if bare and level2:
                    row("")  # a 二级 printed with no 三级 under it is still a row
                level2, bare = label, True
                i += width
                # (A header whose 二级 column the page damaged has none: the label is then
                # in the first column the table has.)
                column = next((fields.index(f) for f in ("level2", "level1") if f in fields), 0)
                empty = self._empty_row(i, len(fields) - column - 1)
                if empty:
                    # The label printed with its row's other cells, all empty (质量指标 |
                    # ||||||||||): a row of its own, whatever rows follow under it.
                    row("")
                    bare = False
                    i += empty
                continue
            if over and is_label(label, LEVEL1):
                # Under a 一级 of the table's own (实施效果指标), 产出指标 / 效益指标 are its 二级.
                if bare and level2:
                    row("")
                level2, bare = label, True
                i += width
                continue
            if is_label(label, LEVEL1) or cut or _POINTS_ONLY.match(text.strip()):
                # 「(50分)」 alone is a 一级 label whose name the page lost.
                if bare:
                    row("")
                if not level1:
                    self._level1_above(label, following, first_row, fields)
                level1, level2, bare = label, "", True
                i += width
                continue
            if scoring and _WITH_POINTS.search(text.strip()):
                # A scoring table (points, no targets) prints the points of its rows in their
                # column and a level's in its label (投 入 / (15分)): a label, the 一级 when
                # another such label follows it (its 二级), else a 二级 under the 一级 in force.
                if bare and level2:
                    row("")
                if _WITH_POINTS.search(following.strip()) or not level1:
                    level1, level2 = text, ""
                else:
                    level2 = text
                bare = True
                i += 1
                continue
            if not level1 and is_own_label(text) and is_label(following, LEVEL1):
                # The first cell under the header, a label of the table's own (ending in 指标
                # as labels do) followed by a 一级 label: a 一级 over the vocabulary's 一级
                # labels (中央预算内投资计划绩效目标表's 实施效果指标 over 产出指标 / 效益指标).
                level1, level2, bare, over = text, "", True, True
                i += 1
                continue
            if (
                not level1
                and is_own_label(text)
                and is_label(following, LEVEL2)
                and not is_label(following, LEVEL1)
            ):
                # Followed by a 二级 label instead (实施效果指标 | 数量指标, 湖南's 中央预算内投资
                # 绩效自评表, t-f-004): the table's own 一级, over the 二级 labels.
                level1, level2, bare = text, "", True
                i += 1
                continue
            if _PLACEHOLDER.match(text.strip()):
                row(text)  # the form's own 「……」 row: more rows may follow, none printed
                bare = False
                i += 1
                continue
            while (
                i + 2 < len(self.cells)
                and not re.search(r"[\d%]$", text.strip())
                and self._foreign_word(self.cells[i + 1])
                and not self._label_at(i + 2)
            ):
                # A word of the budget block's header inside a name (县级储备粮管理制度严格
                # 执行率…): the indicator table has no such column, so it is the name's.
                text = f"{text}{self.cells[i + 1]}{self.cells[i + 2]}"
                self.cells[i + 2] = text
                i += 2
            decoded = (
                (
                    _run_rows(text, after[:needed])
                    or _pair_rows(text, after)
                    or _closed_rows(text, after)
                    or _figure_rows(text, after)
                )
                if i + 1 >= len(self.cells) or not _is_value(self.cells[i + 1])
                else None
            )
            if decoded:
                # Rows printed run together in one cell (「安装坡面水标尺10≥266米≥266米10…」).
                for name, values in decoded:
                    row(name, values)
                bare = False
                i += 1
                continue
            lead = (
                _lead_figures(text, after)
                if i + 1 < len(self.cells) and not _is_value(self._next_text(i + 1))
                else None
            )
            if lead is not None:
                # A name with the figures of the columns before its first text column run
                # on (「…申报的数量12.512.512.5」, then the 得分计算方法 and the 得分).
                name, figures = lead
                rest = after[len(figures) :]
                more = max((k for k, f in enumerate(rest) if f in _NUMERIC), default=-1) + 1
                values, i = self._values(i + 1, rest, more)
                row(name, [*figures, *values])
                bare = False
                continue
            values, i = self._values(i + 1, after, needed)
            row(text, values)
            bare = False
        if bare and (level2 or (_cut_label(level1) and not is_label(level1, LEVEL1))):
            row("")  # the last label printed, perhaps cut off, is a row of its own
        return i

    @staticmethod
    def _points_below(printed: Sequence[str], last: Sequence[str], fields: Sequence[str]) -> bool:
        """Whether a printed line (text printed as lines of cells) holds only the points of
        the row ``last`` above it: figures, no more than the points columns, every one of
        which that row left empty, though it printed its target or actual (long texts that
        filled its line)."""
        if not printed or not all(_is_number(t) for t in printed):
            return False
        points = [at for at, f in enumerate(fields) if f in _NUMERIC]
        shown = [at for at, f in enumerate(fields) if f in ("target", "actual")]
        return (
            0 < len(printed) <= len(points)
            and all(not last[at].strip() for at in points)
            and any(last[at].strip() for at in shown)
        )

    def _next_text(self, i: int, end: int | None = None) -> str:
        """The first cell with text from ``i`` (before ``end``), or ``""``."""
        stop = len(self.cells) if end is None else min(end, len(self.cells))
        while i < stop:
            if self.cells[i].strip():
                return self.cells[i]
            i += 1
        return ""

    def _empty_row(self, i: int, width: int) -> int:
        """How many empty cells follow from ``i`` when they are at least ``width`` (a row's
        other cells printed empty), else 0; cells printed as whole cells only (printed as
        words, empty cells are lost)."""
        if self.words or "level2" not in self.indicators.synonyms:
            return 0
        k = i
        while k < len(self.cells) and not self.cells[k].strip():
            k += 1
        return k - i if k - i >= width else 0

    def line_of(self, i: int) -> tuple[int, int] | None:
        """The first and last cell of the printed line holding cell ``i`` (text printed as
        lines of cells), or ``None`` when the lines are not known."""
        if not self.ends:
            return None
        if len(self._sorted_ends) != len(self.ends):
            self._sorted_ends = sorted(self.ends)
        at = bisect_left(self._sorted_ends, i)
        if at >= len(self._sorted_ends):
            return None
        return (self._sorted_ends[at - 1] + 1 if at else 0), self._sorted_ends[at]

    def _level1_above(self, label: str, following: str, first: int, fields: list[str]) -> None:
        """Give the first 一级 label, printed after rows that had none, to those rows when
        their 二级 and the one after it are all of that 一级 (产出指标(50分) printed after its
        数量指标 row, before its 质量指标: a merged cell's text where the text layer put it)."""
        if "level1" not in fields or "level2" not in fields:
            return
        under = next(
            (kinds for name, kinds in LEVEL2_UNDER.items() if is_label(label, frozenset({name}))),
            None,
        )
        rows = self.rows[first:]
        at1, at2 = fields.index("level1"), fields.index("level2")
        if (
            under is None
            or not rows
            or any(r[at1] or not is_label(r[at2], frozenset(under)) for r in rows)
            or not is_label(following, frozenset(under))
        ):
            return
        for r in rows:
            r[at1] = label

    def _foreign_word(self, text: str) -> bool:
        """Whether a cell is a word of the budget block's header that names no column of the
        indicator table (执行率): inside the indicator rows it is part of a name."""
        return (
            bool(header_key(text))
            and self.budget.field_of(text) is not None
            and self.indicators.field_of(text) is None
        )

    def _label_at(self, i: int) -> bool:
        """Whether a 一级 or 二级 label starts at ``i`` (perhaps broken over two cells)."""
        text = self.cells[i]
        pair = text + self.cells[i + 1] if i + 1 < len(self.cells) else text
        return any(is_label(t, LEVEL1) or is_label(t, LEVEL2) for t in (text, pair))

    def _fits(self, i: int, fields: list[str], needed: int) -> bool:
        """Whether a row of ``needed`` values could start at ``i``."""
        if i >= len(self.cells):
            return True
        text = self.cells[i]
        if (
            is_label(text, LEVEL1)
            or is_label(text, LEVEL2)
            or header_key(text) in {header_key(t) for t in TOTALS}
        ):
            return True
        if _is_value(text) and text.strip():
            return False
        window = self.cells[i + 1 : i + 1 + needed]
        # A row cut off where the text ends may start here too (the excerpt's last row).
        cut = i + 1 + needed > len(self.cells)
        return (len(window) == needed or cut) and all(
            _is_number(v) or not v.strip()
            for v, f in zip(window, fields, strict=False)
            if f in _NUMERIC
        )

    def _line_values(self, i: int, fields: list[str]) -> tuple[list[str], int] | None:
        """The values printed on the rest of the name's line (text printed as lines of
        blank-separated cells, each line a row), each under the column its kind fits: a row
        printing fewer values than columns (a parent row's points, a child row's target and
        actual) puts figures under the points and the rest under the others, in order."""
        stop = min((e for e in self.ends if e >= i - 1), default=None)
        if stop is None or stop < i or stop == len(self.cells) - 1:
            return None  # the text's last line may be a row cut off: read in printed order
        line = self.cells[i : stop + 1]
        if any(is_label(t, LEVEL1) or is_label(t, LEVEL2) for t in line):
            return None
        if len(line) >= len(fields):
            return line, stop + 1
        numbers = [t for t in line if _is_number(t)]
        texts = [t for t in line if not _is_number(t)]
        numeric = [f for f in fields if f in _NUMERIC]
        others = [f for f in fields if f not in _NUMERIC]
        if len(numbers) > len(numeric) or len(texts) > len(others):
            return None
        placed = dict(zip(numeric, numbers, strict=False)) | dict(zip(others, texts, strict=False))
        return [placed.get(f, "") for f in fields], stop + 1

    def _values(self, i: int, fields: list[str], needed: int) -> tuple[list[str], int]:
        if self.ends:
            by_line = self._line_values(i, fields)
            if by_line is not None:
                return by_line
        values: list[str] = []
        for field in fields[:needed]:
            if i >= len(self.cells):
                break
            text = self.cells[i]
            if (
                is_label(text, LEVEL1)
                or is_label(text, LEVEL2)
                or header_key(text) in _TOTAL_KEYS
                or _BLANK_ROW.match(text.strip())
                or is_footnote(text)
                or (not self.words and header_key(text) in self.head)
            ):
                # (The notes under the table end its rows, and so does a head label: the head
                # of the next form, printed right after the last row.)
                break
            if field in _NUMERIC and text.strip() and not _is_number(text):
                values.append("")  # no points printed (a 其中 sub-row): the cell is empty
                continue
            values.append(text)
            i += 1
        if len(values) == needed:
            for _field in fields[needed:]:
                # A note or method after the points is this row's when the next row starts
                # after it rather than at it.
                if (
                    i < len(self.cells)
                    and not self._label_at(i)
                    and not _PLACEHOLDER.match(self.cells[i].strip())
                    and not _POINTS_ONLY.match(self.cells[i].strip())
                    and not _cut_label(self.cells[i])
                    and (
                        _is_prose(self.cells[i])
                        or (not self._fits(i, fields, needed) and self._fits(i + 1, fields, needed))
                    )
                ):
                    values.append(self.cells[i])
                    i += 1
                else:
                    break
        return values, i

    def tail_rows(self, start: int) -> None:
        """The rows after the indicators: 总分 with its figures, 评价结论 with its text …, each
        label with the values that follow it."""
        row: list[str] = []
        for text in self.cells[start:]:
            if not text.strip():
                continue
            total = _total_figures(text) if len(row) == 1 and _is_total(row[0]) else None
            if total is not None:
                # 「总分」「100100注：…」: the points and the score run together, and what
                # follows them.
                figures, rest = total
                row += figures
                if not rest:
                    continue
                text = rest
            if row and _is_value(text) and row[0] and not _is_value(row[0]):
                row.append(text)
                continue
            if row:
                self.rows.append(row)
            row = [text]
        if row:
            self.rows.append(row)


# A bracketed marker printed after a word ((A), (B/A), (万元), (50分)) and the colon that may
# close a label stay with the word.
_AFTER_WORD: Final = r"(?:[(（][^()（）]{0,12}[)）])?[:：]?"
_BLANK_RUN: Final = re.compile(r"[\s\u3000]+")


def run_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """The pattern that finds the forms' own words in text printed without separators, the
    longest word first (年度指标值 before 指标值); a fund label keeps the 其中 before it, and
    the names of a form's blank rows (指标1：) are words too.

    The words are written as a trie (a shared prefix once, a longer word tried before the
    word it extends, which is the longest-first order among the words that match at one
    place), behind a look-ahead for their first characters: prose, where few places start a
    word, is passed over a character at a time instead of trying every word at every place.
    """
    vocabulary = {w for w in words if w}
    alternatives = _trie(sorted(vocabulary))
    first = "".join(sorted({w[0] for w in vocabulary} | {"其", "指", "注"}))
    # 「指标1：」「指标2：」: the names a form prints in its blank rows; 「注：」 opens the notes
    # under the table (only with its colon: 注 alone begins many words).
    return re.compile(
        rf"(?=[{re.escape(first)}])"
        rf"(?:(?:其中[:：]?)?(?:{alternatives}){_AFTER_WORD}|指标\d+[:：]|注[:：])"
    )


def _trie(words: Sequence[str]) -> str:
    """An alternation of ``words`` with shared prefixes factored out: at each character the
    longer words are tried first, then the word that ends there (if one does)."""
    children: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    branches = [re.escape(head) + _trie(rests) for head, rests in sorted(children.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def split_run(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Cells of a table printed with no separator at all: every word of the forms' vocabulary
    (``pattern``, from :func:`run_pattern`) is a cell, and so is the text between two of them.
    Blanks are dropped first (a header broken as 「分 值」 is 分值)."""
    squashed = _BLANK_RUN.sub("", text)
    cells: list[str] = []
    at = 0
    for match in pattern.finditer(squashed):
        if match.start() > at:
            cells.append(squashed[at : match.start()])
        cells.append(match.group(0))
        at = match.end()
    if at < len(squashed):
        cells.append(squashed[at:])
    out: list[str] = []
    for cell in cells:
        part = _PART_NAME.match(cell)
        if out and _PART_ONLY.match(out[-1]) and part:
            # 其中: before a fund the vocabulary does not name (其中:中央补助4000…): the
            # name up to its figures is the part row's label.
            out[-1] += part.group(0)
            cell = cell[part.end() :]
            if not cell:
                continue
        out.append(cell)
    return _sentences(out)


# Punctuation that goes on with a sentence (a cell opening with one continues the one before).
_GOES_ON: Final = re.compile(r"^[,，;；*]\S")
_SENTENCE: Final = 300  # the longest sentence put back (a run never swallows the table)
_SENTENCE_BREAKS: Final = frozenset(
    header_key(w) for w in (*_vocabulary.HEAD, *TOTALS, *GOALS, *FUND_ROWS)
)


def _breaks_sentence(cell: str) -> bool:
    """Whether a cell is a label no sentence runs through (一级/二级, head, fund, total)."""
    return (
        is_label(cell, LEVEL1)
        or is_label(cell, LEVEL2)
        or bool(_POINTS_ONLY.match(cell))
        or is_footnote(cell)
        or header_key(cell) in _SENTENCE_BREAKS
        or is_fund_label(cell)
    )


def _sentences(cells: list[str]) -> list[str]:
    """Cells of a run with the sentences the forms' words cut put back together: a cell that
    opens with punctuation going on with a sentence (「,最高不得超过」「*该指标」) continues the
    one before it, with the words and text before it back to a figure or a label, and the cells
    after it up to the sentence's end (。); what follows the end in its cell (「记分。12.5」: the
    score) is a cell of its own."""
    out: list[str] = []
    open_sentence = False
    for cell in cells:
        if open_sentence and (_breaks_sentence(cell) or len(out[-1]) > _SENTENCE):
            open_sentence = False
        if open_sentence or (out and _GOES_ON.match(cell) and not _breaks_sentence(out[-1])):
            if not open_sentence:
                # Back to the sentence's start: the words and text after the last cell with
                # a figure or a label (「完成值」「达到」「指标值」 before 「,记满分…」).
                while (
                    len(out) >= 2
                    and not re.search(r"[\d%。]", out[-2])
                    and not _breaks_sentence(out[-2])
                    and len(out[-2]) + len(out[-1]) <= _SENTENCE
                ):
                    tail = out.pop()
                    out[-1] += tail
            stop = None
            for match in re.finditer(r"。", cell):
                stop = match.end()
            if stop is not None and stop < len(cell):
                out[-1] += cell[:stop]
                out.append(cell[stop:])
                open_sentence = False
                continue
            out[-1] += cell
            open_sentence = stop is None
            continue
        out.append(cell)
    return out


_PART_ONLY: Final = re.compile(r"^其中[:：]?$")
_PART_NAME: Final = re.compile(r"^[^\d.%％]+(?=\d)")


_FIGURE_RUN: Final = re.compile(r"^[\d.%]+")
# The figures of a row as a damaged text layer prints them: digits, points and percent signs,
# letters the OCR read for digits among them (O76%107.6), at least one digit.
_DAMAGED_RUN: Final = re.compile(r"^(?=[A-Za-z.%]*\d)[\dA-Za-z.%]+")


def _damaged_figure(text: str) -> bool:
    """Whether a word is a figure the page damaged (8.4O8, 1OO%): digits, letters the OCR
    read for digits, points and percent signs only, with digits at both ends or a point."""
    word = text.strip()
    return (
        _DAMAGED_RUN.fullmatch(word) is not None
        and not _is_value(word)
        and sum(c.isdigit() for c in word) >= 2
        and (word[0].isdigit() or word[0] == ".")
    )


# An amount as a funds block without columns prints it: a figure first (500, 112万元, 854万(…)).
_AMOUNT_LEAD: Final = re.compile(r"^\d[\d,.]*")
# One figure as forms print it: no leading zero, at most two decimals; a rate ends with %.
_FIGURE: Final = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?%?")
_AMOUNTS: Final = ("initial", "adjusted", "executed")


_LONGEST_FIGURE: Final = 16
"""The most characters one figure of a run takes (14 integer digits and two decimals: more
than any budget row holds in 元), so that a long run of digits is not cut every way."""
_MOST_CUTTINGS: Final = 4096
"""The most cuttings of one run that are tried: a run that can be cut more ways than this
(a long run of digits, a hostile text) gives no figures at all — it is left unread, as a run
no cutting agrees on, rather than searched for minutes."""


class _TooManyCuttings(Exception):
    """A run can be cut more ways than :data:`_MOST_CUTTINGS` (internal to this module)."""


def _splits(text: str, parts: int) -> list[list[str]]:
    """Every way to cut ``text`` into ``parts`` figures (``_FIGURE``), each at most
    :data:`_LONGEST_FIGURE` long.

    Raises:
        _TooManyCuttings: there are more than :data:`_MOST_CUTTINGS` of them.
    """
    memo: dict[tuple[int, int], list[list[str]]] = {}

    def cut_from(start: int, left: int) -> list[list[str]]:
        known = memo.get((start, left))
        if known is not None:
            return known
        rest_length = len(text) - start
        out: list[list[str]] = []
        if left == 1:
            if rest_length <= _LONGEST_FIGURE and _FIGURE.fullmatch(text, start):
                out = [[text[start:]]]
        elif rest_length <= left * _LONGEST_FIGURE:
            for end in range(start + 1, min(len(text), start + _LONGEST_FIGURE + 1)):
                if _FIGURE.fullmatch(text, start, end):
                    out += [[text[start:end], *rest] for rest in cut_from(end, left - 1)]
                    if len(out) > _MOST_CUTTINGS:
                        raise _TooManyCuttings
        memo[(start, left)] = out
        return out

    return cut_from(0, parts)


def _consistent(values: dict[str, str]) -> bool:
    """Whether figures placed under budget columns agree: the initial and adjusted budgets
    within a factor of ten, the rate the executed amount over
    the budget (to half a percentage point; nothing executed is a rate of 0, which scores
    nothing), points and score printed only with the rate, at most 100, the score at most the
    points; a percentage only under the rate."""
    if any(v.endswith("%") != (f == "rate") for f, v in values.items()):
        return False
    if {"weight", "score"} & set(values) and "rate" not in values:
        return False  # points are printed with the rate they score
    number = {f: Decimal(v.rstrip("%")) for f, v in values.items()}
    if any(number[f] > 100 for f in ("weight", "score") if f in number):
        return False
    if "weight" in number and "score" in number and number["score"] > number["weight"]:
        return False
    if number.get("initial") and number.get("adjusted"):
        low, high = sorted((number["initial"], number["adjusted"]))
        if high > low * 10:
            return False  # a budget is adjusted, not multiplied tenfold
    base = number.get("adjusted", number.get("initial"))
    if "rate" not in number or "executed" not in number or not base:
        return "rate" not in number
    if number["executed"] == 0 and number["rate"] != 0:
        return False  # nothing executed is a rate of nothing (a tiny amount may print 0.00%)
    if number["rate"] == 0 and number.get("score", 0) > 0:
        return False  # nothing executed scores nothing
    return abs(number["executed"] / base * 100 - number["rate"]) <= Decimal("0.5")


def split_figures(
    text: str, fields: Sequence[str], *, within: Mapping[str, Decimal] | None = None
) -> list[str] | None:
    """The figures of a budget row printed run together (「2456.182456.182456.1810100%10」),
    one per column of ``fields`` (empty where the row prints none), or ``None`` unless exactly
    one way of cutting them agrees (:func:`_consistent`; a 其中 row's amounts at most the
    total row's, ``within``): a figure is never guessed.

        >>> split_figures("2456.182456.182456.1810100%10",
        ...               ["initial", "adjusted", "executed", "weight", "rate", "score"])
        ['2456.18', '2456.18', '2456.18', '10', '100%', '10']
        >>> split_figures("303030100%", ["initial", "adjusted", "executed", "weight", "rate"])
        ['30', '30', '30', '', '100%']
    """
    text = text.strip()
    if not _FIGURE_RUN.fullmatch(text):
        return None
    within = within or {}
    columns = [f for f in fields if f in (*_AMOUNTS, "weight", "rate", "score")]
    found: list[list[str]] = []
    try:
        cuttings = [cut for parts in range(2, len(columns) + 1) for cut in _splits(text, parts)]
    except _TooManyCuttings:
        return None
    if len(cuttings) > _MOST_CUTTINGS:
        return None
    for cut in cuttings:
        # Every placement that keeps the printed order is tried.
        for chosen in _placements(columns, len(cut)):
            values = dict(zip(chosen, cut, strict=True))
            if (
                _consistent(values)
                and set(_AMOUNTS) & set(values)
                and all(Decimal(v) <= within[f] for f, v in values.items() if f in within)
            ):
                found.append([values.get(f, "") for f in fields])
    unique = {tuple(row) for row in found}
    if len(unique) > 1 and "rate" in fields:
        # A rate of 0% cut from the run's end is as much the last digits of 100% or 10%: where
        # a cutting with a rate above nothing agrees too, the 0% is no figure of the row's
        # (nothing executed is printed 0.00%, as the forms print their rates).
        rate = list(fields).index("rate")
        above = {row for row in unique if row[rate] != "0%"}
        unique = above or unique
    return list(unique.pop()) if len(unique) == 1 else None


def _amounts(values: Sequence[str], fields: Sequence[str]) -> dict[str, Decimal]:
    """The amounts of a fund row that print as plain figures."""
    return {
        f: Decimal(v)
        for f, v in zip(fields, values, strict=False)
        if f in _AMOUNTS and re.fullmatch(r"\d+(?:\.\d+)?", v.strip())
    }


def _placements(columns: list[str], parts: int) -> list[list[str]]:
    """The ordered choices of ``parts`` of ``columns`` that hold every amount (a row prints all
    its amounts; a 其中 row leaves out the points, the rate or the score)."""
    amounts = [c for c in columns if c in _AMOUNTS]
    return [list(c) for c in combinations(columns, parts) if set(amounts) <= set(c)]


def _is_total(text: str) -> bool:
    return header_key(text) in _TOTAL_KEYS


def _total_figures(text: str) -> tuple[list[str], str] | None:
    """The points and the score of a total row printed run together (「100100」, 「10098」),
    and the text after them, when exactly one cutting gives two figures of at most 100, the
    score at most the points."""
    lead = re.match(r"\d+(?:\.\d)?(?:\d+(?:\.\d)?)?", text.strip())
    if lead is None or (re.fullmatch(_POINTS, text.strip()) is not None):
        return None  # one figure a total can be
    run = lead.group(0)
    cuts = [
        [run[:k], run[k:]]
        for k in range(1, len(run))
        if re.fullmatch(_POINTS, run[:k])
        and re.fullmatch(_POINTS, run[k:])
        and Decimal(run[k:]) <= Decimal(run[:k])
    ]
    return (cuts[0], text.strip()[len(run) :]) if len(cuts) == 1 else None


# Points and a score as forms print them (no leading zero, at most 100, one decimal).
_POINTS: Final = r"(?:100|[1-9]\d?|0)(?:\.\d)?"


def _run_rows(text: str, fields: Sequence[str]) -> list[tuple[str, list[str]]] | None:
    """Indicator rows printed run together in one cell — each a name, then its values in the
    order of ``fields`` with nothing between them — where the target and the actual are the
    same text printed twice (how these forms print a target met: 「≥266米≥266米」), the points
    and the score figures (the score at most the points). ``None`` unless the whole cell reads
    so (a 指标值 and 实际值 that differ cannot be told apart once run together).

        >>> _run_rows("项目计划总投资1020万元20万元10", ["weight", "target", "actual", "score"])
        [('项目计划总投资', ['10', '20万元', '20万元', '10'])]
    """
    if set(fields) != {"weight", "target", "actual", "score"}:
        return None
    at = {f: k for k, f in enumerate(fields)}
    if at["actual"] != at["target"] + 1:
        return None
    parts = {
        "weight": f"(?P<weight>{_POINTS})",
        "target": r"(?P<target>\S+?)",
        "actual": "(?P=target)",
        "score": f"(?P<score>{_POINTS})" + r"(?![\d.%])",
    }
    pattern = re.compile(r"(?P<name>.*?[^\d.])" + "".join(parts[f] for f in fields))
    rows: list[tuple[str, list[str]]] = []
    rest = text.strip()
    while rest:
        if rows and _PLACEHOLDER.match(rest):
            rows.append((rest, []))  # the form's own 「……」 row after the last one
            break
        match = pattern.match(rest)
        if match is None:
            return None
        if Decimal(match["score"]) > Decimal(match["weight"]):
            return None
        rows.append((match["name"], [match[f if f != "actual" else "target"] for f in fields]))
        rest = rest[match.end() :]
    return rows


def _lead_figures(text: str, fields: Sequence[str]) -> tuple[str, list[str]] | None:
    """A 三级 name with the figures of the columns before its first text column printed run
    on (``fields`` the columns after the name), where those are points, a target and an actual
    printed alike (a target met) in some order: the name and the figures, else ``None`` — as
    :func:`_run_rows` reads a whole row, a figure is never guessed.

        >>> _lead_figures("申报的数量12.512.512.5", ["weight", "target", "actual", "method"])
        ('申报的数量', ['12.5', '12.5', '12.5'])
    """
    lead: list[str] = []
    for field in fields:
        if field not in ("weight", "target", "actual", "score"):
            break
        lead.append(field)
    if (
        set(lead) != {"weight", "target", "actual"}
        or lead.index("actual") != lead.index("target") + 1
    ):
        return None
    parts = {
        "weight": f"(?P<weight>{_POINTS})",
        # A figure with its unit, if any (95%, 20公里).
        "target": r"(?P<target>\d+(?:\.\d+)?(?:%|[^\d\s.%]{1,4})?)",
        "actual": "(?P=target)",
    }
    match = re.fullmatch(
        r"(?P<name>.*?[^\d.%])" + "".join(parts[f] for f in lead), text.strip(), re.S
    )
    if match is None:
        return None
    return match["name"], [match[f if f != "actual" else "target"] for f in lead]


# The end of a row whose last column is 是否核心指标 (是 / 否), printed after the row's points.
_CLOSED_END: Final = re.compile(r"(?<=[\d%])[是否]")
# A row's points before its 是 / 否: the 得分系数 (a percentage, where the form has one), then
# the 指标权重 and the 指标得分 run together.
_CLOSED_POINTS: Final = re.compile(
    r"(?:(?P<coefficient>(?:0|[1-9]\d*)(?:\.\d+)?%))?(?P<points>\d+(?:\.\d+)?)$"
)


def _points_pair(run: str, coefficient: str) -> tuple[str, str] | None:
    """The 指标权重 and 指标得分 of a row printed run together (「22」, 「1010」), when exactly
    one cutting gives two points figures (no leading zero, at most 100), the score at most the
    points and, with a 得分系数 printed, the points times it (to the score's decimals)."""
    cuts: list[tuple[str, str]] = []
    for k in range(1, len(run)):
        weight, score = run[:k], run[k:]
        if not (re.fullmatch(_POINTS, weight) and re.fullmatch(_POINTS, score)):
            continue
        w, sc = Decimal(weight), Decimal(score)
        if w == 0 or sc > w:
            continue
        if coefficient:
            # In the library's context, named (figures of a page are short: exact there).
            places = Decimal(1).scaleb(-len(score.partition(".")[2]), DECIMAL_CONTEXT)
            share = DECIMAL_CONTEXT.divide(Decimal(coefficient.rstrip("%")), 100)
            expected = DECIMAL_CONTEXT.multiply(w, share).quantize(
                places, rounding=ROUND_HALF_UP, context=DECIMAL_CONTEXT
            )
            if expected != sc:
                continue
        cuts.append((weight, score))
    return cuts[0] if len(cuts) == 1 else None


def _closed_rows(text: str, fields: Sequence[str]) -> list[tuple[str, list[str]]] | None:
    """Indicator rows printed run together in one cell where the last column takes 是 or 否
    (是否核心指标, Chongqing's list): each row ends at the 是 / 否 after its points, which are
    read where exactly one cutting agrees (:func:`_points_pair`). What the page ran together
    before the points (name, unit, 指标性质, targets, actual) cannot be cut into columns — 100%
    92% is a target and an adjusted target as much as a target and an actual, 20份 either — so
    no figure is cut out of it: the name is the text before the row's first figure and the
    rest is kept as printed in the note column, or, where the form has none, the whole text is
    the row's name. Text after the last 是 / 否 is a row cut off where the text ends. ``None``
    unless the form's last column is the 是 / 否 one and the cell holds such a row.

        >>> fields = ["unit", "target", "actual", "coefficient", "weight", "score", "core"]
        >>> for name, values in _closed_rows("基础信息完善%100%100%100%11否公共服务", fields):
        ...     print(name, values)
        基础信息完善%100%100% ['', '', '', '100%', '1', '1', '否']
        公共服务 []
    """
    if not fields or fields[-1] != "core" or not {"weight", "score"} <= set(fields):
        return None
    rows: list[tuple[str, list[str]]] = []
    at = 0
    body = text.strip()
    for end in _CLOSED_END.finditer(body):
        segment = body[at : end.start()]
        at = end.end()
        points = _CLOSED_POINTS.search(segment)
        pair = (
            _points_pair(points["points"], points["coefficient"] or "")
            if points is not None and ("coefficient" in fields or not points["coefficient"])
            else None
        )
        head = segment[: points.start()] if points is not None and pair else segment
        lead = re.match(r"[^\d%]*", head)
        name = lead.group(0) if lead else ""
        if not name:
            return None  # a row begins with its name
        cells = dict.fromkeys(fields, "")
        if "note" in fields:
            cells["note"] = head[len(name) :]
        else:
            name = head
        if pair is not None and points is not None:
            cells["weight"], cells["score"] = pair
            if "coefficient" in fields:
                cells["coefficient"] = points["coefficient"] or ""
        cells["core"] = end.group(0)
        rows.append((name, [cells[f] for f in fields]))
    if not rows:
        return None
    if at < len(body):
        rows.append((body[at:], []))  # a row cut off where the text ends
    return rows


# A row run on with the next (name, its unit after it, then its figures): the name up to the
# first figure, a % or a unit after it, and the figures with nothing else between them.
_FIGURES_ROW: Final = re.compile(
    r"(?P<name>[^\d.%]+?)(?P<unit>%?)(?P<figures>\d[\d.]*)(?=[^\d.%]|$)"
)
_FIGURE_FIELDS: Final = frozenset({"target", "adjusted_target", "actual", *_NUMERIC})


def _figure_rows(text: str, fields: Sequence[str]) -> list[tuple[str, list[str]]] | None:
    """Indicator rows printed run together in one cell where every column after the unit up
    to the points is a figure (Chongqing's 指标值 / 指标权重 / 全年完成值 / 指标得分): each row
    a name (a % after it the unit), then its figures with nothing between them, up to the next
    name. The figures are kept as printed in the note column, no figure cut out of them, for
    a target and an actual run together cannot be told apart (901010010 is 90 | 10 | 100 | 10
    as much as 9010 | 10 | 0 | 10); text after the last figures is a row cut off where the text
    ends. ``None`` unless the cell holds two such rows at least and nothing else.

        >>> fields = ["unit", "comparator", "target", "weight", "actual", "score", "note"]
        >>> for name, values in _figure_rows("森林火灾受害率%0.910010主要林业有害生物成灾率%"
        ...                                  "0.4100.110公益林提供管", fields):
        ...     print(name, values)
        森林火灾受害率 ['%', '', '', '', '', '', '0.910010']
        主要林业有害生物成灾率 ['%', '', '', '', '', '', '0.4100.110']
        公益林提供管 []
    """
    if (
        not {"target", "weight", "score", "note"} <= set(fields)
        or "core" in fields
        or fields[:1] != ["unit"]
    ):
        return None
    last = max(k for k, f in enumerate(fields) if f in _NUMERIC)
    if not all(f in _FIGURE_FIELDS for f in fields[1 : last + 1] if f != "comparator"):
        return None
    rows: list[tuple[str, list[str]]] = []
    body = text.strip()
    at = 0
    for match in _FIGURES_ROW.finditer(body):
        if match.start() != at:
            return None
        cells = dict.fromkeys(fields, "")
        cells["unit"], cells["note"] = match["unit"], match["figures"]
        rows.append((match["name"], [cells[f] for f in fields]))
        at = match.end()
    if len(rows) < 2:
        return None
    if at < len(body):
        if re.search(r"[\d%]", body[at:]):
            return None
        rows.append((body[at:], []))  # a row cut off where the text ends
    return rows


# A value as the target and actual columns print it: a figure with its unit (100%, 0起, 20公里),
# or 无.
_PAIR_VALUE: Final = r"(?:\d+(?:\.\d+)?(?:%|[^\d\s.%、,，。;；]{0,2})|无)"


def _pair_rows(text: str, fields: Sequence[str]) -> list[tuple[str, list[str]]] | None:
    """Indicator rows of a form without points printed run together in one cell — each a
    name, then its target and actual with nothing between them — where the two are the same
    text printed twice (100%100%, 0起0起, and 高高 at the cell's end), two percentages
    (290%100%), or a figure and 无 (100%无, a note after it at the cell's end). ``None``
    unless the whole cell reads so.

        >>> _pair_rows("库存真实率100%100%应急保障率100%100%", ["target", "actual", "note"])
        [('库存真实率', ['100%', '100%', '']), ('应急保障率', ['100%', '100%', ''])]
    """
    if list(fields[:2]) != ["target", "actual"] or not set(fields[2:]) <= {"note"}:
        return None
    pattern = re.compile(
        rf"(?P<name>.*?[^\d.%])(?:(?P<t>{_PAIR_VALUE})(?P=t)"
        rf"|(?P<p>\d+(?:\.\d+)?%)(?P<q>\d+(?:\.\d+)?%)|(?P<f>\d+(?:\.\d+)?%)(?P<none>无))"
        r"(?=$|[^\d.%])",
        re.S,
    )
    rows: list[tuple[str, list[str]]] = []
    rest = text.strip()
    while rest:
        match = pattern.match(rest)
        if match is None:
            # 高高: a word printed twice ends the cell.
            last = re.fullmatch(r"(?P<name>.{4,}?[^\d.%])(?P<t>[^\d\s]{1,2})(?P=t)", rest, re.S)
            if last is None:
                return None
            rows.append((last["name"], [last["t"], last["t"], ""]))
            break
        if match["t"] is not None:
            values = [match["t"], match["t"]]
        elif match["p"] is not None:
            values = [match["p"], match["q"]]
        else:
            values = [match["f"], match["none"]]
        rest = rest[match.end() :]
        note = ""
        if match["none"] is not None and "note" in fields:
            note, rest = rest, ""  # 无, and why, at the cell's end
        rows.append((match["name"], [*values, note][: len(fields)]))
    return rows or None


def _names_a_budget(fields: Sequence[str]) -> bool:
    """Whether a header names what was executed against a budget (a budget block's own)."""
    return "executed" in fields and bool({"adjusted", "initial"} & set(fields))


def rebuild(
    grid: Grid,
    *,
    budget: Columns,
    indicators: Columns,
    head: set[str],
    forms: Sequence[frozenset[str]] = (),
) -> Grid | None:
    """The rows of a flattened grid, or ``None`` when it holds neither an indicator header nor
    a budget block's header.

    ``budget``, ``indicators`` and ``head`` are the vocabulary to read it with (every shipped
    form's, from :func:`budgetperf.layouts.rebuild`); ``forms`` the indicator columns each
    shipped form requires, any of which makes an indicator header too (a form whose rows
    have no 一级指标 column).
    """
    cells = [cell.text for row in grid.cells for cell in row]
    work = _Rebuild(
        cells, budget, indicators, head, words=grid.flattening is Flattening.WORDS, forms=forms
    )
    if grid.height > 1:
        # Text printed as lines of cells: each line of the indicator table is a row.
        lengths = [len(row) for row in grid.cells]
        work.ends = frozenset(sum(lengths[: k + 1]) - 1 for k in range(len(lengths)))
    found = work.find(indicators, 0)
    budget_found = work.find(budget, 0)
    if found is None and (budget_found is None or not _names_a_budget(budget_found[1])):
        return None
    # A table cut off before its indicator header is its head rows and budget block.
    ind_start = found[2] if found is not None else len(cells)
    if budget_found is not None and budget_found[2] < ind_start:
        b_texts, b_fields, b_start, b_end = budget_found
        at = work.label_before(b_start, b_fields)
        label = work.cells[at] if at is not None else ""
        if at is not None:
            work.cells[at] = ""  # moved into the block's row, not a head row
        work.head_rows(0, b_start)
        goals = next(
            (
                k
                for k in range(b_end, ind_start)
                if header_key(cells[k]) in {header_key(g) for g in GOALS}
            ),
            ind_start,
        )
        work.budget_rows(b_texts, b_fields, b_end, goals, label=label)
        work.head_rows(goals, ind_start)
    else:
        work.head_rows(0, ind_start, funds=budget_found is None)
    if found is not None:
        ind_texts, ind_fields, ind_at, ind_end = found
        # The label printed just before the header (绩效指标, a cell merged down the table's
        # left edge), which a page break may print again among the rows.
        above = next((c for c in reversed(cells[:ind_at]) if c.strip()), "")
        section = above if is_label(above, LEVEL1) else ""
        end = work.indicator_rows(ind_texts, ind_fields, ind_end, section=section)
        if end < len(cells):
            work.tail_rows(end)
    builder = GridBuilder(grid.location)
    for row in work.rows:
        builder.start_row()
        for text in row:
            builder.add_cell(text)
    return builder.build()

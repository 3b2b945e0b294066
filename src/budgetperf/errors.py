"""Errors raised by budgetperf (错误类型).

Every error derives from :class:`BudgetPerfError`, so ``except BudgetPerfError`` catches
anything the library raises on bad input. Leaves also derive from the matching builtin
(``ValueError``, ``TypeError``, ``LookupError``) so that generic handlers keep working.

Each error carries *what* was wrong, *where* (file, row, field) and *what was expected*,
both as attributes and in its message. Messages are Chinese first, English second::

    >>> err = ParseError("无法识别的金额", "unrecognised amount",
    ...                  file="a.csv", row=3, field="执行数", value="12,3,4",
    ...                  expected="a decimal number such as 874.05")
    >>> print(err)
    无法识别的金额（文件 a.csv，第 3 行，字段 执行数，值 '12,3,4'；应为 a decimal ...） | unrecognised ...
    >>> err.row, err.field
    (3, '执行数')
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BudgetPerfError",
    "FigureRangeError",
    "FloatNotAllowedError",
    "ParseError",
    "RuleError",
    "SchemaError",
    "UnitMismatchError",
    "UnknownCodeError",
    "ValidationError",
    "shorten",
]

_QUOTE_LIMIT = 80


def shorten(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` cut in the middle when longer than ``limit``, saying how long it was.

    A message quotes the offending value; a 100,000-digit figure must not make a 100,000-
    character message.

        >>> shorten("1" * 100_000, 20)
        '111111111…(100000 chars)…1111'
    """
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2 - 1]}…({len(text)} chars)…{text[-4:]}"


def _restore(cls: type[BudgetPerfError], state: dict[str, Any]) -> BudgetPerfError:
    """Rebuild a pickled error without calling ``__init__`` (whose signature varies)."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (error._render(),)
    return error


class BudgetPerfError(Exception):
    """Base class of every budgetperf error (budgetperf 错误基类).

    Attributes:
        zh: the Chinese message without location.
        en: the English message without location.
        file: the file being read, when known.
        row: the 1-based row or line, when known.
        field: the field, column or JSON path, when known.
        value: the offending value, when known.
        expected: what would have been accepted.
    """

    _UNSET = object()

    def __init__(
        self,
        zh: str,
        en: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        value: object = _UNSET,
        expected: str | None = None,
    ) -> None:
        self.zh = zh
        self.en = en
        self.file = file
        self.row = row
        self.field = field
        self.has_value = value is not BudgetPerfError._UNSET
        self.value: object = value if self.has_value else None
        self.expected = expected
        super().__init__(self._render())

    def message(self, locale: str = "zh_CN") -> str:
        """The message in one language: ``zh_*`` gives Chinese, anything else English."""
        if locale.lower().startswith("zh"):
            return self.zh + self._where_zh()
        return self.en + self._where_en()

    def _where_zh(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"文件 {self.file}")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.field is not None:
            parts.append(f"字段 {self.field}")
        if self.has_value:
            parts.append(f"值 {self._quoted()}")
        text = "，".join(parts)
        if self.expected is not None:
            text = f"{text}；应为 {self.expected}" if text else f"应为 {self.expected}"
        return f"（{text}）" if text else ""

    def _where_en(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"file {self.file}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        if self.has_value:
            parts.append(f"value {self._quoted()}")
        text = ", ".join(parts)
        if self.expected is not None:
            text = f"{text}; expected {self.expected}" if text else f"expected {self.expected}"
        return f" ({text})" if text else ""

    def _quoted(self) -> str:
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
            # repr() of a huge int is slow, and refused beyond 4300 digits.
            return f"<{value.bit_length()}-bit integer>"
        if isinstance(value, str):
            return repr(shorten(value))
        return shorten(repr(value))

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickles as cls(*args), which does not fit these constructors: a worker
        # process could not send its error back (multiprocessing, Dask, Spark).
        return (_restore, (type(self), dict(self.__dict__)))

    def _render(self) -> str:
        return f"{self.message('zh_CN')} | {self.message('en_US')}"

    def located(
        self,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> BudgetPerfError:
        """Fill in location details that the raiser did not know; returns ``self``.

        Readers catch an error from deep inside (a cell parser knows the text but not the
        row) and add where it happened before re-raising.
        """
        if file is not None and self.file is None:
            self.file = file
        if row is not None and self.row is None:
            self.row = row
        if field is not None and self.field is None:
            self.field = field
        self.args = (self._render(),)
        return self


class ParseError(BudgetPerfError, ValueError):
    """Text that cannot be read as what it should be (无法解析的输入)."""


class FigureRangeError(ParseError):
    """A figure no budget can hold: too many digits or too large a power of ten (数值超出范围).

    The bounds are :data:`budgetperf.money.MAX_SIGNIFICANT_DIGITS` and
    :data:`budgetperf.money.MAX_EXPONENT`, documented in docs/formats.md.
    """


class FloatNotAllowedError(BudgetPerfError, TypeError):
    """A ``float`` was given where money or a rate is expected (金额不接受浮点数)."""


class UnitMismatchError(BudgetPerfError, ValueError):
    """Arithmetic between amounts in different units without conversion (金额单位不一致)."""


class ValidationError(BudgetPerfError, ValueError):
    """A value that breaks a rule of the domain model (数据不符合模型约束)."""


class UnknownCodeError(BudgetPerfError, LookupError):
    """A classification code that the table for that year does not hold (未知科目编码).

    Attributes:
        code: the code looked up.
        year: the year it was looked up for (``None`` for the current edition).
        suggestions: valid codes close to it, nearest first.
    """

    def __init__(
        self,
        code: str,
        year: int | None,
        *,
        table: str = "functional",
        suggestions: tuple[str, ...] = (),
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        not_covered: str | None = None,
    ) -> None:
        self.code = code
        self.year = year
        self.table = table
        self.suggestions = suggestions
        self.not_covered = not_covered
        year_zh = f"{year}年" if year is not None else "当前版本"
        year_en = str(year) if year is not None else "the current edition"
        hint_zh = f"；相近的编码：{'、'.join(suggestions)}" if suggestions else ""
        hint_en = f"; nearby codes: {', '.join(suggestions)}" if suggestions else ""
        if not_covered is not None:
            # The table is partial: say so instead of claiming the code does not exist.
            hint_zh = (
                f"；随附科目表只收录了 {not_covered} 的部分下级科目，"
                f"可用 budgetperf classification import 导入官方版本{hint_zh}"
            )
            hint_en = (
                f"; the shipped table covers only part of {not_covered}: import an official "
                f"edition with budgetperf classification import{hint_en}"
            )
        super().__init__(
            f"{year_zh}的{_TABLE_ZH.get(table, table)}中没有编码 {code}{hint_zh}",
            f"code {code} is not in the {table} classification for {year_en}{hint_en}",
            file=file,
            row=row,
            field=field,
            value=code,
            expected="a code of the 政府收支分类科目 of that year",
        )


_TABLE_ZH = {
    "functional": "支出功能分类科目",
    "economic_department": "部门预算支出经济分类科目",
    "economic_government": "政府预算支出经济分类科目",
}


class RuleError(BudgetPerfError, ValueError):
    """A scoring rule set that is malformed or inconsistent (评分规则有误)."""


class SchemaError(BudgetPerfError, ValueError):
    """A document that does not follow the budgetperf format (文档格式不符)."""

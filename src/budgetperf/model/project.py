"""Projects of the integrated budget system (预算管理一体化项目).

A project code of 21 characters reads, as observed in published Sichuan tables (the defining
text of 财办〔2020〕13号 was not available, see docs/domain.md)::

    >>> code = ProjectCode.parse("51340022T000000278908")
    >>> code.division, code.entry_year, code.category.chinese, code.serial
    ('513400', 2022, '特定目标类', '000000278908')
"""

from __future__ import annotations

import enum
import re
from typing import Final, final

import attrs

from budgetperf.errors import ParseError
from budgetperf.money import normalize_text

__all__ = ["ProjectCategory", "ProjectCode"]


class ProjectCategory(enum.Enum):
    """Project category (项目类别) by the letter in the project code."""

    PERSONNEL = "R"
    """人员类: salaries, welfare and transfers to individuals."""
    OPERATION = "Y"
    """运转类: 公用经费 and other running costs."""
    SPECIFIC_PURPOSE = "T"
    """特定目标类: everything else."""

    @property
    def chinese(self) -> str:
        """人员类, 运转类 or 特定目标类."""
        return _CATEGORY_ZH[self]


_CATEGORY_ZH: Final = {
    ProjectCategory.PERSONNEL: "人员类",
    ProjectCategory.OPERATION: "运转类",
    ProjectCategory.SPECIFIC_PURPOSE: "特定目标类",
}

_PROJECT_CODE: Final = re.compile(
    r"(?P<division>\d{6})(?P<year>\d{2})(?P<category>[RYT])(?P<serial>\d{12})"
)


_CATEGORIES: Final = {category.value: category for category in ProjectCategory}
_LETTERS: Final = {id(category): category.value for category in ProjectCategory}
"""Each category's letter by the member's ``id`` (a code is written three times a document
in a batch; reading ``.value`` is a Python-level call)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class ProjectCode:
    """A project code (项目编码) of the integrated budget system.

    Attributes:
        division: 财政区划代码 (6 digits) of the unit that created the project.
        entry_year: year the project entered the 项目库 (not the budget year).
        category: R 人员类, Y 运转类, T 特定目标类.
        serial: 12-digit serial number.
    """

    division: str
    entry_year: int
    category: ProjectCategory
    serial: str

    @classmethod
    def parse(cls, text: str) -> ProjectCode:
        """Read a code such as ``51340022T000000278908``.

        Raises:
            ParseError: the text is not 6 digits, 2 digits, R/Y/T and 12 digits.
        """
        folded = normalize_text(text).upper() if isinstance(text, str) else ""
        match = _PROJECT_CODE.fullmatch(folded)
        if match is None:
            raise ParseError(
                "无法识别的项目编码",
                "not a project code",
                value=text,
                expected="21 characters: 6-digit division, 2-digit year, R/Y/T, 12-digit serial",
            )
        return cls(
            division=match["division"],
            entry_year=2000 + int(match["year"]),
            category=_CATEGORIES[match["category"]],
            serial=match["serial"],
        )

    def __str__(self) -> str:
        letter = _LETTERS[id(self.category)]
        return f"{self.division}{self.entry_year % 100:02d}{letter}{self.serial}"

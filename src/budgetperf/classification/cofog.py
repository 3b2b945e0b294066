"""支出功能分类 → COFOG (联合国政府职能分类, Classification of the Functions of Government).

A 类 of the functional classification maps to a COFOG division (``"07"``) or group
(``"04.5"``) where one function covers it; where a 类 spans several functions (科学技术,
金融, 自然资源海洋气象 …) or is no function at all (预备费, 债务还本) there is no COFOG code and
the note says why. Every row's confidence is ``recalled`` (docs/classification.md): the
mapping follows the COFOG 1999 definitions by name, and no published crosswalk has been read
yet; a data user should treat it as a first approximation.

    >>> cofog_for("2100101").code, cofog_for("2100101").confidence.value
    ('07', 'recalled')
    >>> cofog_for("2060702").code is None
    True
"""

from __future__ import annotations

import functools
from typing import final

import attrs

from budgetperf._resources import data_file
from budgetperf.classification.table import Confidence

__all__ = ["Cofog", "cofog_for"]


@final
@attrs.frozen(slots=True, kw_only=True)
class Cofog:
    """The COFOG function of one functional code (功能分类对应的 COFOG 职能).

    Attributes:
        functional_class: the 类 (3 digits) the mapping is made for.
        code: the COFOG division or group, or None when no one function covers the 类.
        name: the COFOG name (English, as the UN publishes it), "" when none.
        confidence: how the mapping is known.
        note: why there is no code, or what the code leaves out.
    """

    functional_class: str
    code: str | None
    name: str
    confidence: Confidence
    note: str = ""


@functools.cache
def _rows() -> dict[str, Cofog]:
    resource = data_file("budgetperf.classification", "data", "cofog.tsv")
    rows = {}
    for line in resource.read_text(encoding="utf-8").splitlines()[1:]:
        cls, code, name, confidence, note = line.split("\t")
        rows[cls] = Cofog(
            functional_class=cls,
            code=code or None,
            name=name,
            confidence=Confidence(confidence),
            note=note,
        )
    return rows


def cofog_for(functional_code: str) -> Cofog | None:
    """The COFOG function of a functional code (by its 类), or None when the 类 is unknown."""
    return _rows().get(functional_code[:3])

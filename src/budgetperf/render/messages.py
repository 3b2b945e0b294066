"""Messages in the reader's language (本地化提示语), from babel message catalogs.

The Chinese templates of the checks are the msgids; each locale's catalog
(``budgetperf/locale/<locale>/LC_MESSAGES/budgetperf.po``) gives the translation. The locale
is always a parameter, never read from the environment::

    >>> from budgetperf.checks.messages import MESSAGES
    >>> translate(MESSAGES["total.sum"], "en_US")
    'total score reported as {reported}; the rows add up to {expected}'
    >>> translate(MESSAGES["total.sum"], "zh_CN") == MESSAGES["total.sum"]
    True
"""

from __future__ import annotations

import functools
import io

import attrs
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from budgetperf._resources import data_file
from budgetperf.checks.finding import Finding
from budgetperf.errors import BudgetPerfError

__all__ = ["LOCALES", "localize", "translate", "translations"]

LOCALES = ("zh_CN", "en_US")
"""The locales budgetperf has messages for (zh_CN is the source language)."""


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The gettext translations of ``locale`` (Chinese: the templates themselves).

    Raises:
        BudgetPerfError: no catalog for that locale.
    """
    if locale.lower().startswith("zh"):
        return NullTranslations()
    if locale not in LOCALES:
        raise BudgetPerfError(
            "不支持的语言", "unsupported locale", value=locale, expected=", ".join(LOCALES)
        )
    resource = data_file("budgetperf", "locale", locale, "LC_MESSAGES", "budgetperf.po")
    with resource.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain="budgetperf")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain="budgetperf")


def translate(template: str, locale: str) -> str:
    """The template in ``locale`` (the Chinese template when untranslated)."""
    return translations(locale).gettext(template)


def localize(finding: Finding, locale: str) -> Finding:
    """The finding with its message in ``locale``."""
    if finding.locale == locale:
        return finding
    text = translate(finding.template, locale).format(**dict(finding.params))
    return attrs.evolve(finding, message=text, locale=locale)

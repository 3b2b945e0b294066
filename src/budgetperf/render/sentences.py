"""Narrative sentences generated from figures (决算说明语句), consistent by construction.

Every percentage is computed from the amounts in the same sentence, so a generated
sentence can never say "下降4%" for a change of 0.39 %::

    >>> from budgetperf.money import Amount
    >>> wan = lambda x: Amount.parse(x, unit="万元")
    >>> share_clause("基本支出", wan("468.99"), wan("874.05"), locale="zh_CN")
    '基本支出468.99万元，占53.66%'
    >>> change_sentence("收、支总计", wan("877.47"), wan("874.05"), previous_year=2022,
    ...                 locale="zh_CN", each=True)
    '与2022年度相比，收、支总计各减少3.42万元，下降0.39%。'
    >>> change_sentence("收、支总计", wan("877.47"), wan("874.05"), previous_year=2022,
    ...                 locale="en_US")
    'Compared with 2022, 收、支总计 decreased by 3.42 (10k yuan), down 0.39%.'
"""

from __future__ import annotations

from decimal import Decimal

from budgetperf.classification import functional_table
from budgetperf.errors import UnknownCodeError
from budgetperf.explanations import GRADE_EN
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.model.narrative import Statement, StatementKind
from budgetperf.money import Amount, exact
from budgetperf.rates import Direction, NotApplicable, change, share
from budgetperf.render.format import MISSING as _MISSING
from budgetperf.render.format import format_amount, format_number, format_percent

__all__ = ["change_clause", "change_sentence", "final_accounts_sentences", "share_clause"]


def _zh(locale: str) -> bool:
    return locale.lower().startswith("zh")


def _money(amount: Amount, locale: str) -> str:
    # Report sentences print 12万元, 2.8万元, 874.05万元: two places at most, no trailing zeros.
    return format_amount(amount, locale=locale, trim=True)


def _stated(amount: Amount | None, locale: str) -> str:
    return _MISSING if amount is None else _money(amount, locale)


def share_clause(subject: str, part: Amount | None, whole: Amount | None, *, locale: str) -> str:
    """``基本支出468.99万元，占53.66%`` (the share computed from the two amounts); an amount
    not stated (None) is printed "—", and so is a share that needs it."""
    rate = share(part, whole) if part is not None and whole is not None else None
    percent = (
        format_percent(rate, locale=locale)
        if rate is not None and not isinstance(rate, NotApplicable)
        else _MISSING
    )
    if _zh(locale):
        return f"{subject}{_stated(part, locale)}，占{percent}"
    return f"{subject} {_stated(part, locale)}, {percent} of the total"


def change_clause(
    subject: str, previous: Amount, current: Amount, *, locale: str, each: bool = False
) -> str:
    """``收、支总计各减少3.42万元，下降0.39%`` from the two years' amounts."""
    result = change(previous, current)
    assert isinstance(result.amount, Amount)
    amount = abs(result.amount)
    ratio = result.ratio
    percent = format_percent(
        abs(ratio.percent()) if not isinstance(ratio, NotApplicable) else ratio, locale=locale
    )
    if _zh(locale):
        each_word = "各" if each else ""
        if result.direction is Direction.UNCHANGED:
            return f"{subject}{each_word}持平"
        verb, direction = (
            ("增加", "增长") if result.direction is Direction.INCREASE else ("减少", "下降")
        )
        return f"{subject}{each_word}{verb}{_money(amount, locale)}，{direction}{percent}"
    if result.direction is Direction.UNCHANGED:
        return f"{subject} was unchanged"
    verb, word = (
        ("increased", "up") if result.direction is Direction.INCREASE else ("decreased", "down")
    )
    return f"{subject} {verb} by {_money(amount, locale)}, {word} {percent}"


def change_sentence(
    subject: str,
    previous: Amount,
    current: Amount,
    *,
    previous_year: int,
    locale: str,
    each: bool = False,
) -> str:
    """``与2022年度相比，收、支总计各减少3.42万元，下降0.39%。``"""
    clause = change_clause(subject, previous, current, locale=locale, each=each)
    if _zh(locale):
        return f"与{previous_year}年度相比，{clause}。"
    return f"Compared with {previous_year}, {clause}."


def _join(clauses: list[str], locale: str) -> str:
    return ("；" if _zh(locale) else "; ").join(clauses)


def _listing(zh_head: str, en_head: str, clauses: list[str], locale: str) -> str:
    """A head and its clauses: "…，其中：A；B。" / "…: A; B."."""
    if _zh(locale):
        return zh_head + _join(clauses, locale) + "。"
    return en_head + _join(clauses, locale) + "."


def _class_name(code: str, printed: str, year: int) -> str:
    try:
        return functional_table(year).entry(code, year=year).name
    except UnknownCodeError:
        return printed


@exact
def final_accounts_sentences(accounts: FinalAccounts, *, locale: str = "zh_CN") -> list[str]:
    """The standard sentences of a final-accounts explanation, from the accounts' figures.

    Only figures the accounts hold are used; a sentence whose figures are missing is left out.
    Names of functional classes are the official names of the year.
    """
    zh = _zh(locale)
    year, previous_year = accounts.year, accounts.year - 1
    out: list[str] = []
    if accounts.grand_total is not None:
        total = _money(accounts.grand_total, locale)
        text = (
            f"{year}年度收、支总计均为{total}。"
            if zh
            else f"In {year}, total income and total expenditure were both {total}."
        )
        if accounts.previous_grand_total is not None:
            text += "" if zh else " "
            text += change_sentence(
                "收、支总计",
                accounts.previous_grand_total,
                accounts.grand_total,
                previous_year=previous_year,
                locale=locale,
                each=True,
            )
        out.append(text)
    if accounts.income_total is not None and accounts.income:
        clauses = [
            share_clause(line.source.value, line.amount, accounts.income_total, locale=locale)
            for line in accounts.income
            if line.source.is_current_year_income
        ]
        head = _money(accounts.income_total, locale)
        out.append(
            _listing(
                f"{year}年度本年收入合计{head}，其中：",
                f"In {year}, income totalled {head}: ",
                clauses,
                locale,
            )
        )
    if (
        accounts.expenditure_total is not None
        and accounts.basic is not None
        and accounts.project is not None
    ):
        clauses = [
            share_clause("基本支出", accounts.basic, accounts.expenditure_total, locale=locale),
            share_clause("项目支出", accounts.project, accounts.expenditure_total, locale=locale),
        ]
        head = _money(accounts.expenditure_total, locale)
        out.append(
            _listing(
                f"{year}年度本年支出合计{head}，其中：",
                f"In {year}, expenditure totalled {head}: ",
                clauses,
                locale,
            )
        )
    classes = [line for line in accounts.functional_lines if len(line.functional_code) == 3]
    whole = accounts.general_budget_expenditure
    if classes and whole is not None:
        clauses = [
            share_clause(
                _class_name(line.functional_code, line.name, year),
                line.amount,
                whole,
                locale=locale,
            )
            for line in classes
        ]
        head = _money(whole, locale)
        out.append(
            _listing(
                f"{year}年度一般公共预算财政拨款支出{head}，主要用于以下方面：",
                f"In {year}, general budget appropriations of {head} were spent on: ",
                clauses,
                locale,
            )
        )
    if (
        accounts.basic is not None
        and accounts.personnel is not None
        and accounts.public is not None
    ):
        basic, personnel, public = (
            _money(a, locale) for a in (accounts.basic, accounts.personnel, accounts.public)
        )
        out.append(
            f"{year}年度一般公共预算财政拨款基本支出{basic}，其中：人员经费{personnel}，公用经费{public}。"
            if zh
            else f"In {year}, basic expenditure was {basic}: personnel {personnel}, "
            f"public funds {public}."
        )
    three = accounts.three_public
    if three is not None:
        three_total = three.reported_total or three.computed_total
        text = (
            f"{year}年度“三公”经费财政拨款支出决算为{_stated(three_total, locale)}"
            if zh
            else f"In {year}, the “three public” expenses were {_stated(three_total, locale)}"
        )
        if accounts.previous_three_public_total is not None and three_total is not None:
            text += ("，较上年度" if zh else ", compared with the previous year ") + change_clause(
                "", accounts.previous_three_public_total, three_total, locale=locale
            ).strip()
        out.append(text + ("。" if zh else "."))
        # The template's wording: "因公出国（境）费支出决算0万元，占0%".
        item = "支出决算" if zh else ""
        clauses = [
            share_clause(name + item, amount, three_total, locale=locale)
            for name, amount in (
                ("因公出国（境）费", three.outbound),
                ("公务用车购置及运行维护费", three.vehicle_figure),
                ("公务接待费", three.reception),
            )
        ]
        out.append(_join(clauses, locale) + ("。" if zh else "."))
    if accounts.operating_expenses is not None:
        spent = _money(accounts.operating_expenses, locale)
        text = (
            f"{year}年度，{accounts.department}机关运行经费支出{spent}"
            if zh
            else f"In {year}, operating expenses of {accounts.department} were {spent}"
        )
        if accounts.previous_operating_expenses is not None:
            text += (
                f"，比{previous_year}年度" if zh else f", compared with {previous_year} "
            ) + change_clause(
                "", accounts.previous_operating_expenses, accounts.operating_expenses, locale=locale
            ).strip()
        out.append(text + ("。" if zh else "."))
    out += [score_sentence(s, locale=locale) for s in accounts.statements if s.kind is _SCORE]
    return out


_SCORE = StatementKind.SCORE


def score_sentence(statement: Statement, *, locale: str = "zh_CN") -> str:
    """A score and the grade a sentence stated (自评得分与等级), as the report states them.

    >>> from budgetperf.statements import read_statements
    >>> (read,) = read_statements("项目自评得分92.5分（满分100分），评价等级为“优”。").statements
    >>> score_sentence(read.statement), score_sentence(read.statement, locale="en_US")
    ('项目自评得分92.5分（满分100分），等级为“优”。', '项目自评得分: 92.5 points out of 100, grade Excellent.')
    """
    zh = _zh(locale)

    def points(value: Decimal) -> str:
        return format_number(value, locale=locale, places=2, trim=True)

    grade = statement.grade
    if zh:
        text = statement.subject
        if statement.score is not None:
            text += f"{points(statement.score)}分"
        if statement.full_marks is not None:
            text += f"（满分{points(statement.full_marks)}分）"
        if grade is not None:
            said = statement.grade_text or grade.value
            text += f"，等级为“{said}”" if statement.score is not None else f"为“{said}”"
        return text + "。"
    parts = []
    if statement.score is not None:
        parts.append(f"{points(statement.score)} points")
        if statement.full_marks is not None:
            parts[-1] += f" out of {points(statement.full_marks)}"
    if grade is not None:
        parts.append(f"grade {GRADE_EN[grade.value]}")
    return f"{statement.subject}: " + ", ".join(parts) + "."

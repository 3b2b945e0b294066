"""The sentences of a final-accounts explanation (部门决算说明的语句), with spans.

Every paragraph is read by the clause grammar of :mod:`budgetperf.statements`: its
statements (amounts, changes, shares, parts, counts) keep the paragraph and character offsets
they came from, so a finding can quote them, and every figure-bearing clause the grammar
cannot read is returned as unparsed with its text. The national template's standard
sentences (部门决算公开) are also read into the fields of :class:`FinalAccounts` (totals,
income and expenditure structure, the functional classes and 项 lines, basic/project and
personnel/public splits, 三公经费, 机关运行经费) by the patterns below; a paragraph those
patterns read gives its statements in the template's terms, any other paragraph gives the
grammar's, and fills the fields the template left empty through the vocabulary of
:mod:`budgetperf.audit.accounts` (any province's wording; only a final account's figures of
the report's year). A template left unfilled ("增加/减少") is unparsed too, never skipped
silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from budgetperf.audit.accounts import YEAR_NAMED, Candidates, is_budget_text, names_only_a_budget
from budgetperf.audit.readers import Block, Paragraph
from budgetperf.audit.tables import Unparsed
from budgetperf.classification import economic_table, functional_table
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import FinalAccounts, SourceRef
from budgetperf.model.funding import FundingSource, IncomeLine
from budgetperf.model.narrative import Statement, StatementKind
from budgetperf.model.spending import (
    EconomicLine,
    ExpenditureCategory,
    ExpenditureLine,
    ThreePublicExpenses,
)
from budgetperf.money import Amount, to_decimal
from budgetperf.rates import Direction
from budgetperf.statements import Reading, read_statements
from budgetperf.statements.normalise import wraps

__all__ = ["FinalAccountsText", "extract_final_accounts"]

_N: Final = r"(\d[\d,]*(?:\.\d+)?)"
_AMT: Final = _N + r"\s*(?:万元)?"
_PCT: Final = _N + r"\s*%"
_DIR: Final = r"(增长|下降|持平)"
_VERB: Final = r"(增加|减少)?"
_CLAUSE: Final = re.compile(r"([^，；：:;。]+?)" + _N + r"\s*万元[，,]\s*占" + _PCT)


@attrs.frozen(slots=True, kw_only=True)
class FinalAccountsText:
    """What the sentences of one report give: the accounts, the spans and what was not read.

    ``scores`` are the score and grade statements (评分与等级) of every paragraph, kept apart
    from the accounts: the audit checks them with the accounts of a report whose tables give
    no evaluation of their own (:func:`budgetperf.audit.audit_blocks`).
    """

    accounts: FinalAccounts | None
    spans: dict[int, tuple[int, int, int]]
    unparsed: list[Unparsed]
    year: int | None
    grade_sentences: list[str]
    scores: tuple[Statement, ...] = ()


def _wan(text: str) -> Amount:
    return Amount(to_decimal(text.replace(",", "")), "万元")


def _direction(word: str) -> Direction:
    return {"增长": Direction.INCREASE, "下降": Direction.DECREASE}.get(word, Direction.UNCHANGED)


_BOOKMARK: Final = re.compile(r"\[bookmark: [^\]]*\]")
# Possessive and anchored at the start of a run of digits: linear in the text (the plain
# form backtracked cubically, and a 100,000-digit run hung the audit).
_FIGURE: Final = re.compile(r"(?<![\d,])\d[\d,]*+(?:\.\d*+)?\s*(?:万元|%)")
# Paragraphs other readers take: department dimension scores, grade sentences.
_OTHER_READERS: Final = re.compile(r"指标分值\s*\d|自评结论为|评价等级为|自评等次为")


class _State:
    def __init__(self) -> None:
        self.fields: dict[str, object] = {}
        self.income: list[IncomeLine] = []
        self.lines: list[ExpenditureLine] = []
        self.classes: list[ExpenditureLine] = []
        self.statements: list[Statement] = []
        self.spans: dict[int, tuple[int, int, int]] = {}
        self.three: dict[str, Amount] = {}
        self.economic: list[EconomicLine] = []
        self.grammar: list[tuple[Statement, tuple[int, int, int]]] = []
        self.unknown_sources: list[str] = []
        # The template's unknown sources: (name, amount, the total left out).
        self.unknown_amounts: list[tuple[str, Amount, Amount]] = []
        self.income_split = False

    def size(self) -> int:
        """How much has been read so far (to tell whether a paragraph gave anything)."""
        return (
            len(self.fields)
            + len(self.income)
            + len(self.lines)
            + len(self.classes)
            + len(self.statements)
            + len(self.three)
            + len(self.economic)
            + sum(1 for v in self.fields.values() if v is not None)
        )

    def change(
        self,
        paragraph: int,
        match: re.Match[str],
        section: str,
        subject: str,
        figure: Amount,
        amount_group: int,
    ) -> None:
        """A change statement whose amount, direction and percent are consecutive groups."""
        self.state(
            paragraph,
            match,
            section,
            kind=StatementKind.CHANGE,
            subject=subject,
            figure=figure,
            amount=_wan(match.group(amount_group)),
            percent=to_decimal(match.group(amount_group + 2)),
            direction=_direction(match.group(amount_group + 1)),
        )

    def share(
        self,
        paragraph: int,
        text: str,
        start: int,
        end: int,
        subject: str,
        figure: Amount,
        base: Amount | None,
        percent: Decimal,
        section: str,
    ) -> None:
        """A "X金额，占P%" clause at text[start:end]."""
        self.spans[len(self.statements)] = (paragraph, start, end)
        self.statements.append(
            Statement(
                kind=StatementKind.SHARE,
                subject=subject,
                figure=figure,
                base=base,
                percent=percent,
                text=text[start:end].strip(),
                section=section,
            )
        )

    def state(self, paragraph: int, match: re.Match[str], section: str, **kwargs: object) -> None:
        self.spans[len(self.statements)] = (paragraph, match.start(), match.end())
        self.statements.append(Statement(text=match.group(0), section=section, **kwargs))  # type: ignore[arg-type]


def _economic_code(name: str, year: int) -> str | None:
    codes = [c for c in economic_table("department", year).codes_named(name) if len(c) == 3]
    return codes[0] if len(codes) == 1 else None


def _class_code(name: str, year: int) -> str | None:
    codes = [c for c in functional_table(year).codes_named(name) if len(c) == 3]
    return codes[0] if len(codes) == 1 else None


def _clauses(body: str) -> list[tuple[str, Amount, Decimal, int, int]]:
    out = []
    for m in _CLAUSE.finditer(body):
        name = m.group(1).strip().removeprefix("其中").strip("：: ")
        out.append((name, _wan(m.group(2)), to_decimal(m.group(3)), m.start(), m.end()))
    return out


def document_year(blocks: Sequence[Block]) -> int | None:
    """The year a report is about: its first "YYYY年度", else the year it names most often.

    Years printed in a sentence or heading about a budget only are passed over while others
    are printed (:func:`~budgetperf.audit.accounts.names_only_a_budget`): a page that prints
    "2022年度“三公”经费预算总计21.8万元" before "2021年度“三公”经费合计支出20.12万元" holds the
    final accounts of 2021, the year its outturn is printed for.
    """
    first: dict[bool, int] = {}  # the first "YYYY年度", in budget sentences (True) or not
    counts: dict[bool, dict[int, int]] = {True: {}, False: {}}
    for block in blocks:
        texts = (
            [block.text] if block.kind == "paragraph" else [c for row in block.rows for c in row]
        )
        for text in texts:
            for sentence in _SENTENCE.findall(text):
                budget = names_only_a_budget(sentence)
                if m := re.search(r"(20\d{2})\s*年度", sentence):
                    first.setdefault(budget, int(m.group(1)))
                for y in re.findall(r"(20\d{2})\s*年", sentence):
                    counts[budget][int(y)] = counts[budget].get(int(y), 0) + 1
    for budget in (False, True):
        if budget in first:
            return first[budget]
        if counts[budget]:
            return max(counts[budget], key=lambda y: (counts[budget][y], y))
    return None


# A sentence or a heading line: what document_year looks at a year in.
_SENTENCE: Final = re.compile(r"[^。！\n]+")


def rejoin_wrapped(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` with the paragraphs that a PDF conversion broke inside a sentence put back
    together ("…的支出。较上年减少91.91" and "万元，下降16.4%。" after it), by the rule the
    grammar unwraps a text's lines by (:func:`wraps`). Blank lines are not looked at: a web
    page or a Word file of the same text keeps none, and reads the same.
    """
    out: list[Block] = []
    for block in blocks:
        before = out[-1] if out else None
        if (
            isinstance(block, Paragraph)
            and isinstance(before, Paragraph)
            and wraps(before.text.rsplit("\n", 1)[-1], block.text)
        ):
            out[-1] = attrs.evolve(before, text=before.text + "\n" + block.text.lstrip(" \t\u3000"))
        else:
            out.append(block)
    return out


def extract_final_accounts(blocks: Sequence[Block], *, file: str) -> FinalAccountsText:
    """Read the standard sentences of every paragraph into a :class:`FinalAccounts`."""
    blocks = rejoin_wrapped(blocks)
    s = _State()
    unparsed: list[Unparsed] = []
    grades: list[str] = []
    scores: list[Statement] = []  # the scores and grades the sentences state
    year: int | None = None
    department = ""
    year = document_year(blocks)
    known: Mapping[str, Amount] = {}  # amounts by subject, from paragraph to paragraph
    dated: Mapping[tuple[int, str], Amount] = {}  # … and by the year printed with them
    # The grammar's statements of the paragraphs no template pattern read, and of all.
    untaken: list[tuple[str, list[Statement]]] = []
    # Every paragraph's statements: 其他重要事项 are read from all (no template reads them).
    paragraphs: list[tuple[str, list[Statement]]] = []
    every: list[Statement] = []
    texts: list[str] = []
    for block in blocks:
        if block.kind != "paragraph":
            continue
        p = block.index
        text = _BOOKMARK.sub("", block.text).strip()
        if year is None and (m := re.search(r"(20\d{2})\s*年度", text)):
            year = int(m.group(1))
        if re.search(r"(自评结论为|评价等级为|自评等次为)(优秀|良好|合格|中|差)", text):
            grades.append(re.search(r"(优秀|良好|合格|中|差)", text.split("为", 1)[1]).group(1))  # type: ignore[union-attr]
        if "增加/减少" in text or "增长/下降" in text:
            unparsed.append(
                Unparsed(
                    kind="sentence",
                    location=f"段落 {p + 1}",
                    text=text[:200],
                    reason="模板未填写（增加/减少） (template left unfilled)",
                )
            )
            continue
        if year is None:
            continue
        before = s.size()
        _read_paragraph(s, p, text, year)
        if _OTHER_READERS.search(text):
            # The dimension scores and the grade are read by others; the scores and grades
            # the sentences state are kept all the same.
            scores += _scores(
                read_statements(text, location=f"段落 {p + 1}", context=known, dated=dated)
            )
            continue
        # The same text the template patterns read: spans of both kinds are offsets into it.
        reading = read_statements(text, location=f"段落 {p + 1}", context=known, dated=dated)
        known, dated = reading.known, reading.dated
        scores += _scores(reading)
        if s.size() == before:
            _take_statements(s, p, reading)
            if not _is_chart_data(text):
                untaken.append((f"段落 {p + 1}", [r.statement for r in reading.statements]))
        every += [r.statement for r in reading.statements]
        paragraphs.append((f"段落 {p + 1}", [r.statement for r in reading.statements]))
        texts.append(text)
        # What the template patterns read of this paragraph is not "unread".
        taken = [(a, b) for q, a, b in s.spans.values() if q == p]
        unparsed += [
            Unparsed(
                kind="sentence",
                location=f"段落 {p + 1}",
                text=clause.text[:200],
                reason=f"未能识别的分句：{clause.reason}",
            )
            for clause in reading.unread
            if not any(a <= clause.span.start and clause.span.end <= b for a, b in taken)
        ]
        if s.size() == before and not reading.statements and _FIGURE.search(text):
            # A paragraph with figures that nothing reads is listed, never skipped.
            unparsed.append(
                Unparsed(
                    kind="sentence",
                    location=f"段落 {p + 1}",
                    text=text[:200],
                    reason="含有数字但无法识别 (figures in a paragraph nothing reads)",
                )
            )
        if not department and (
            m := re.search(r"\d{4}年度，(.+?)(机关运行经费支出|政府采购支出总额)", text)
        ):
            department = m.group(1)
    for statement, span in s.grammar:
        s.spans[len(s.statements)] = span
        s.statements.append(statement)
    if year is not None and not is_budget_text("\n".join(texts), every):
        unparsed += _grammar_fields(s, untaken, year, paragraphs)
    if year is None or not (s.statements or s.fields or s.three or s.lines or s.economic):
        return FinalAccountsText(
            accounts=None,
            spans={},
            unparsed=unparsed,
            year=year,
            grade_sentences=grades,
            scores=tuple(scores),
        )
    unparsed += [
        Unparsed(
            kind="sentence",
            location="本年收入合计",
            text=name,
            reason="未知的收入来源，收入合计不作加总检查 (an income source the model does not know; "
            "the total is not compared with the lines' sum)",
        )
        for name in s.unknown_sources
    ]
    three = None
    if s.three:
        # A part the sentences do not state is unknown (None), never a zero put in its
        # place; the checks compare only what is stated, so no sum error comes of it.
        three = ThreePublicExpenses(
            outbound=s.three.get("outbound"),
            vehicle_purchase=s.three.get("purchase"),
            vehicle_operation=s.three.get("operation"),
            reception=s.three.get("reception"),
            domestic_reception=s.three.get("domestic"),
            foreign_reception=s.three.get("foreign"),
            reported_vehicle_total=s.three.get("vehicle"),
            reported_total=s.three.get("total"),
            budget=s.three.get("budget"),
        )
    try:
        accounts = FinalAccounts(
            department=department,
            year=year,
            income=tuple(s.income),
            functional_lines=tuple(s.classes + s.lines),
            three_public=three,
            economic_lines=tuple(s.economic),
            statements=tuple(s.statements),
            source=SourceRef(file=file, section="部门决算说明（文字）"),
            **s.fields,  # type: ignore[arg-type]
        )
    except BudgetPerfError as exc:
        unparsed.append(
            Unparsed(
                kind="sentence",
                location="部门决算说明",
                text="",
                reason=f"无法组成部门决算：{exc.zh} ({exc.en})",
            )
        )
        accounts = None
    return FinalAccountsText(
        accounts=accounts,
        spans=s.spans,
        unparsed=unparsed,
        year=year,
        grade_sentences=grades,
        scores=tuple(scores),
    )


# The keys the template patterns give the parts of 三公经费, by field.
_THREE_KEYS: Final = {
    "outbound": "outbound",
    "vehicle_purchase": "purchase",
    "vehicle_operation": "operation",
    "reception": "reception",
    "domestic_reception": "domestic",
    "foreign_reception": "foreign",
    "reported_vehicle_total": "vehicle",
    "reported_total": "total",
    "budget": "budget",
}


def _grammar_fields(
    s: _State,
    untaken: Sequence[tuple[str, Sequence[Statement]]],
    year: int,
    paragraphs: Sequence[tuple[str, Sequence[Statement]]] = (),
) -> list[Unparsed]:
    """The fields the grammar's statements name (:mod:`budgetperf.audit.accounts`), for
    those no template pattern filled: a fact is read once. 政府采购 and 国有资产 are read
    from every paragraph (``paragraphs``)."""
    candidates = Candidates(year)
    for location, statements in untaken:
        candidates.take(statements, location)
    for location, statements in paragraphs:
        candidates.take_matters(statements, location)
    procurement, assets, matters_unread = candidates.choose_matters()
    if procurement is not None:
        s.fields["procurement"] = procurement
    if assets is not None:
        s.fields["state_assets"] = assets
    taken = set(s.fields) | {
        "three_public." + name for name, key in _THREE_KEYS.items() if key in s.three
    }
    chosen, unparsed = candidates.choose(taken)
    unparsed += matters_unread
    for name, amount in chosen.items():
        if name.startswith("three_public."):
            s.three[_THREE_KEYS[name.removeprefix("three_public.")]] = amount
        else:
            s.fields[name] = amount
    if not s.income and (candidates.income or candidates.unknown_sources):
        s.income = list(candidates.income)
        unknown = list(zip(candidates.unknown_sources, candidates.unknown_amounts, strict=True))
        if len(unknown) == 1 and (
            split := candidates.split_appropriations(s.income, unknown[0][1])
        ):
            # "财政拨款收入1516.64万元" in the list, and "其中：一般公共预算财政拨款收入
            # 1486.64万元，政府性基金预算财政拨款收入30万元" stated: its sources instead.
            s.income += split
        elif candidates.unknown_sources:
            # As for the template: a source the model does not know leaves the total out of
            # the sum check (it is listed below with the unknown source).
            s.fields["income_total"] = None
            s.unknown_sources += candidates.unknown_sources
    elif (
        # The template's list named 财政拨款收入 (its total left out): the same with the
        # appropriations stated one by one.
        len(s.unknown_amounts) == 1
        and not s.income_split
        and (split := candidates.split_appropriations(s.income, s.unknown_amounts[0][1]))
    ):
        s.income += split
        s.fields["income_total"] = s.unknown_amounts[0][2]
        s.unknown_sources = [n for n in s.unknown_sources if n != s.unknown_amounts[0][0]]
        s.income_split = True
    if not s.income and not candidates.income and not candidates.unknown_sources:
        stated = candidates.stated_sources()
        total = s.fields.get("income_total")
        if isinstance(total, Amount) and stated and not _adds_up(stated, total):
            # Sources stated one by one are all the income only when they add up to the
            # total ("1.财政拨款收入17776.10万元，占收入合计的99.94%" and no more printed).
            unparsed += [
                Unparsed(
                    kind="sentence",
                    location="本年收入合计",
                    text=f"{line.source.value}{line.amount}",
                    reason=f"逐项列出的收入来源合计不等于本年收入合计{total}，不作为收入明细 "
                    "(sources stated one by one that do not add up to the total)",
                )
                for line in stated
            ]
        else:
            s.income = stated
    return unparsed


def _adds_up(lines: Sequence[IncomeLine], total: Amount) -> bool:
    """Whether the year's income ``lines`` (carry-overs aside) add up to ``total``."""
    unit = total.unit
    current = [line.amount.to(unit).value for line in lines if line.source.is_current_year_income]
    return sum(current, Decimal(0)) == total.value


def _checkable(statement: Statement) -> bool:
    """Whether the checks have something to recompute in a statement the grammar read."""
    kind = statement.kind
    if kind is StatementKind.PARTS:
        # A partial list gives at most "not all parts printed"; read from prose it is noise.
        return statement.figure is not None and statement.complete is True
    if kind is StatementKind.COUNT:
        return bool(statement.parts)
    if kind is StatementKind.CHANGE:
        words = bool(statement.amount_word and statement.percent_word)  # they may contradict
        return words or (
            statement.figure is not None
            and (statement.amount is not None or statement.percent is not None)
        )
    if kind in (StatementKind.SHARE, StatementKind.RATE):
        return statement.figure is not None and statement.base is not None
    return False


def _scores(reading: Reading) -> list[Statement]:
    """The score and grade statements of a paragraph's reading."""
    return [r.statement for r in reading.statements if r.statement.kind is StatementKind.SCORE]


def _take_statements(s: _State, p: int, reading: Reading) -> None:
    """The grammar's statements of a paragraph no template pattern read (kept apart, to
    follow the template's statements: their places in the document stay as they were)."""
    changes = {
        (r.statement.subject, r.statement.against)
        for r in reading.statements
        if r.statement.kind is StatementKind.CHANGE and r.statement.amount is not None
    }
    for read in reading.statements:
        statement = read.statement
        if _checkable(statement) or (
            # "完成年初预算的70%，比年初预算减少537.35万元": the change gives the budget.
            statement.kind is StatementKind.RATE
            and statement.figure is not None
            and (statement.subject, statement.of) in changes
        ):
            s.grammar.append((statement, (p, read.span.start, read.span.end)))


def _item_change(s: _State, p: int, text: str, subject: str) -> None:
    """ "X支出7.41万元，完成预算100%。X支出决算比2022年度减少49.23万元，下降86.92%" (三公 items)."""
    m = re.search(
        subject + r"支出" + _AMT + r"[,，]完成预算" + _PCT + "。" + subject + r"支出决算比\d{4}年度"
        r"(?:较上年度)?" + _VERB + _AMT + r"[，,]" + _DIR + _PCT,
        text,
    )
    if m:
        s.change(p, m, "“三公”经费财政拨款支出决算具体情况", subject, _wan(m.group(1)), 4)


_LABEL: Final = re.compile(r"[:：]\s*\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|元|%)")


def _is_chart_data(text: str) -> bool:
    """Whether a paragraph is the data of a chart or its legend ("一般公共预算财政拨款收入:
    874.05万元; 事业收入: 0万元 …", no sentence in it): its figures fill no field, the
    sentences do."""
    return "。" not in text and len(_LABEL.findall(text)) >= 2


def _of_another_year(text: str, start: int, year: int) -> bool:
    """Whether the sentence around ``text[start]`` names another year than ``year`` before
    it ("2022年“三公”经费…决算为3.46万元" in a 2023 report): its figure is not of the year."""
    sentence = text[text.rfind("。", 0, start) + 1 : start]
    years = YEAR_NAMED.findall(sentence)
    return bool(years) and int(years[-1]) != year


def _read_paragraph(s: _State, p: int, text: str, year: int) -> None:
    change = StatementKind.CHANGE
    share = StatementKind.SHARE
    if m := re.search(r"\d{4}年度收、支总计均为" + _AMT, text):
        s.fields["grand_total"] = _wan(m.group(1))
    if m := re.search(r"机关运行经费支出" + _AMT, text):
        s.fields["operating_expenses"] = _wan(m.group(1))
    if m := re.search(
        r"(\d{4})年度收、支总计均为"
        + _AMT
        + r"。与\d{4}年度相比，收、支总计各?"
        + _VERB
        + _AMT
        + r"[，,]"
        + _DIR
        + _PCT,
        text,
    ):
        s.fields["grand_total"] = _wan(m.group(2))
        s.change(p, m, "收入支出决算总体情况", "收、支总计", _wan(m.group(2)), 4)
    if m := re.search(r"本年收入合计" + _AMT + r"[，,]其中[：:](.*?)(。|$)", text):
        s.fields["income_total"] = _wan(m.group(1))
        for name, amount, percent, _, _ in _clauses(m.group(2)):
            try:
                source = FundingSource.parse(name)
            except BudgetPerfError:
                # A source the model does not know: the income lines are then not all the
                # parts of the total, so the total is not compared with their sum.
                s.unknown_amounts.append((name, amount, _wan(m.group(1))))
                s.fields["income_total"] = None
                s.unknown_sources.append(name)
                continue
            s.income.append(IncomeLine(source=source, amount=amount, share_percent=percent))
    if m := re.search(r"本年支出合计" + _AMT + r"[，,]其中[：:](.*?)(。|$)", text):
        total = _wan(m.group(1))
        s.fields["expenditure_total"] = total
        offset = m.start(2)
        for name, amount, percent, start, end in _clauses(m.group(2)):
            if name == "基本支出":
                s.fields["basic"] = amount
            elif name == "项目支出":
                s.fields["project"] = amount
            s.share(
                p, text, offset + start, offset + end, name, amount, total, percent, "支出决算情况"
            )
    if m := re.search(r"财政拨款收、支总计各?" + _VERB + _AMT + r"[，,]" + _DIR + _PCT, text):
        total_m = re.search(r"财政拨款收、支总计均为" + _AMT, text)
        if total_m:
            s.change(
                p,
                m,
                "财政拨款收入支出决算总体情况",
                "财政拨款收、支总计",
                _wan(total_m.group(1)),
                2,
            )
    if m := re.search(r"一般公共预算财政拨款支出" + _AMT + r"[，,]占本年支出合计的" + _PCT, text):
        figure = _wan(m.group(1))
        s.fields["general_budget_expenditure"] = figure
        base = s.fields.get("expenditure_total")
        s.state(
            p,
            m,
            "一般公共预算财政拨款支出决算总体情况",
            kind=share,
            subject="一般公共预算财政拨款支出",
            figure=figure,
            base=base if isinstance(base, Amount) else None,
            percent=to_decimal(m.group(2)),
        )
        if c := re.search(
            r"一般公共预算财政拨款支出" + _VERB + _AMT + r"[，,]" + _DIR + _PCT, text[m.end() :]
        ):
            c_start = m.end() + c.start()
            s.spans[len(s.statements)] = (p, c_start, m.end() + c.end())
            s.statements.append(
                Statement(
                    kind=change,
                    subject="一般公共预算财政拨款支出",
                    figure=figure,
                    amount=_wan(c.group(2)),
                    percent=to_decimal(c.group(4)),
                    direction=_direction(c.group(3)),
                    text=c.group(0),
                    section="一般公共预算财政拨款支出决算总体情况",
                )
            )
    if m := re.search(
        r"一般公共预算财政拨款支出" + _AMT + r"[，,]主要用于以下方面[:：](.*?)(。|$)", text
    ):
        whole = _wan(m.group(1))
        s.fields.setdefault("general_budget_expenditure", whole)
        offset = m.start(2)
        for name, amount, percent, start, end in _clauses(m.group(2)):
            code = _class_code(name, year)
            if code is not None:
                s.classes.append(ExpenditureLine(functional_code=code, name=name, amount=amount))
            s.share(
                p,
                text,
                offset + start,
                offset + end,
                name,
                amount,
                whole,
                percent,
                "一般公共预算财政拨款支出决算结构情况",
            )
    if m := re.search(r"一般公共预算支出决算数为" + _AMT + r"[，,]完成预算" + _PCT, text):
        initial = s.fields.get("initial_budget_total")
        s.state(
            p,
            m,
            "一般公共预算财政拨款支出决算具体情况",
            kind=StatementKind.RATE,
            subject="一般公共预算支出完成预算",
            figure=_wan(m.group(1)),
            base=initial if isinstance(initial, Amount) else None,
            percent=to_decimal(m.group(2)),
        )
    for m in re.finditer(
        r"([^（(\d.]+?)[（(](\d{3})类[）)]([^（(]+?)[（(](\d{2})款[）)]([^（(]+?)[（(](\d{2})项[）)]\s*[:：]"
        r"\s*支出决算为(基本支出|项目支出)" + _AMT,
        text,
    ):
        s.lines.append(
            ExpenditureLine(
                functional_code=m.group(2) + m.group(4) + m.group(6),
                name=m.group(5).strip(),
                amount=_wan(m.group(8)),
                category=ExpenditureCategory(m.group(7)),
            )
        )
    if m := re.search(r"^人员经费" + _AMT, text):
        s.fields["personnel"] = _wan(m.group(1))
    if m := re.search(r"^公用经费" + _AMT, text):
        s.fields["public"] = _wan(m.group(1))
    if m := re.search(
        r"“三公”经费财政拨款支出决算为"
        + _AMT
        + r"(?:[，,]完成预算"
        + _PCT
        + r")?[，,]较上年度?"
        + _VERB
        + _AMT
        + r"[，,]"
        + _DIR
        + _PCT,
        text,
    ):
        total = _wan(m.group(1))
        if not _of_another_year(text, m.start(), year):
            s.three["total"] = total
        s.change(p, m, "“三公”经费财政拨款支出决算总体情况", "“三公”经费", total, 4)
    if m := re.search(
        r"因公出国（境）费支出决算"
        + _AMT
        + r"[，,]占"
        + _PCT
        + r"[；;]公务用车购置及运行维护费支出决算"
        + _AMT
        + r"[，,]占"
        + _PCT
        + r"[；;]公务接待费支出决算"
        + _AMT
        + r"[，,]占"
        + _PCT,
        text,
    ):
        three_total = s.three.get("total")
        for name, key, group in (
            ("因公出国（境）费", "outbound", 1),
            ("公务用车购置及运行维护费", "vehicle", 3),
            ("公务接待费", "reception", 5),
        ):
            amount = _wan(m.group(group))
            s.three[key] = amount
            start = max(0, text.rfind(name, 0, m.start(group)))
            end = m.end(group + 1) + (
                1 if text[m.end(group + 1) : m.end(group + 1) + 1] == "%" else 0
            )
            s.share(
                p,
                text,
                start,
                end,
                name,
                amount,
                three_total,
                to_decimal(m.group(group + 1)),
                "“三公”经费财政拨款支出决算具体情况",
            )
    _item_change(s, p, text, "公务用车购置及运行维护费")
    if m := re.search(r"^其中[：:]公务用车购置支出" + _AMT, text):
        s.three["purchase"] = _wan(m.group(1))
    if m := re.search(r"^公务用车运行维护费支出" + _AMT, text):
        s.three["operation"] = _wan(m.group(1))
    _item_change(s, p, text, "公务接待费")
    if m := re.search(r"国内公务接待支出" + _AMT, text):
        s.three.setdefault("domestic", _wan(m.group(1)))
    if m := re.search(r"外事接待支出" + _AMT, text):
        s.three.setdefault("foreign", _wan(m.group(1)))
    if m := re.search(
        r"机关运行经费支出" + _AMT + r"[，,]比\d{4}年度" + _VERB + _AMT + r"[，,]" + _DIR + _PCT,
        text,
    ):
        figure = _wan(m.group(1))
        s.fields["operating_expenses"] = figure
        s.change(p, m, "机关运行经费支出情况", "机关运行经费", figure, 3)
    if m := re.search(
        r"总支出为?"
        + _AMT
        + r"[，,]\s*其中[：:]?\s*基本支出"
        + _AMT
        + r"[、，,]\s*项目支出"
        + _AMT,
        text,
    ):
        s.fields["expenditure_total"] = _wan(m.group(1))
        s.fields["basic"] = _wan(m.group(2))
        s.fields["project"] = _wan(m.group(3))
    if m := re.search(r"总支出" + _AMT + r"[，,]\s*其中[：:](.+?)(。|$)", text):
        s.fields.setdefault("expenditure_total", _wan(m.group(1)))
        for part in re.finditer(r"([^、，,：:]+?)" + _N + r"\s*万元", m.group(2)):
            name = part.group(1).strip()
            code = _economic_code(name, year)
            if code is not None:
                s.economic.append(
                    EconomicLine(economic_code=code, name=name, amount=_wan(part.group(2)))
                )
    if m := re.search(r"年初预算(?:收入|支出)?为一般公共预算" + _AMT, text):
        initial = _wan(m.group(1))
        s.fields.setdefault("initial_budget_total", initial)
        for index, statement in enumerate(s.statements):
            if statement.kind is StatementKind.RATE and statement.base is None:
                s.statements[index] = attrs.evolve(statement, base=initial)

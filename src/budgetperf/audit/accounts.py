"""Final-accounts fields from the statements of the grammar (决算字段的词表).

The clause grammar (:mod:`budgetperf.statements`) reads a sentence into statements with a
subject and a figure; :data:`VOCABULARY` says which :class:`FinalAccounts` field a subject
names. It is the one table of the synonyms the explanations use ("因公出国(境)费/经费",
"公务用车购置及运行(维护)费", "“三公”经费(财政拨款)支出合计", "收、支总计", "本年支出合计" …);
income sources are named by :meth:`FundingSource.parse`.

Only the figures of a final account of the document's own year are taken:

- a text that is a budget (预算说明: it names budget figures, and no 决算) gives none;
- a statement whose period names another year gives none ("2022年…决算为3.46万元" in a 2023
  report); the figure of a change is the current one, its base never is;
- a subject that names a budget ("“三公”经费支出预算", "年初预算") is a budget figure: it
  fills only the budget of 三公经费 (:attr:`ThreePublicExpenses.budget`).

When one field is given different figures, the figure of the narrowest scope is kept
(一般公共预算财政拨款 before 财政拨款 before all funds; the first of that scope) and the
others are listed as unparsed with the reason; two different figures of the same narrowest
scope fill nothing and are both listed: the field is not guessed. 基本支出 and 项目支出 are
the split of the year's total: a figure from the list of its parts comes first.

政府采购 and 国有资产占用 (其他重要事项) are read by :meth:`Candidates.take_matters` from every
paragraph: the procurement amounts by :data:`VOCABULARY`, a share when it is of the
procurement total, the vehicles (a count in 辆 of all of them, its parts the kinds) and the
equipment of 100万元 and more (a count of 设备 after "单价100万元（含）以上").

A total named 总收入/总支出 is what its parts make it (:func:`_total_by_parts`); the
appropriations listed under 财政拨款收入 are sources of their own, and stand for it in an
income list when they add up to it (:meth:`Candidates.split_appropriations`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import attrs

from budgetperf.audit.tables import Unparsed
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import Procurement, StateAssets, VehicleCount
from budgetperf.model.funding import FundingSource, IncomeLine
from budgetperf.model.narrative import Statement, StatementKind
from budgetperf.money import Amount, Unit
from budgetperf.statements import normalise
from budgetperf.statements.grammar import BARE_OUTTURN

__all__ = [
    "VOCABULARY",
    "YEAR_NAMED",
    "Candidates",
    "field_of",
    "is_budget_text",
    "names_only_a_budget",
]

# What may follow a name: "公务接待费支出决算数", "“三公”经费支出合计", "决算总额", "合计支出".
_TAIL: Final = r"(?:支出)?(?:决算)?(?:支出)?(?:数)?(?:总额|合计|汇总数|总计)?(?:数|支出)?$"
# What may stand before a total's name: "2023年度收入总计", "本单位支出", "本年收入合计".
_WHOLE: Final = r"(?:^|\d年度?|本年度?|本单位|本部门|全年|其中)"
_NAMED_WHOLE: Final = r"(?:\d年度?|本年度?|本单位|本部门|全年|其中)"
# Not after a fund's name: "财政拨款本年支出" is the appropriations', not all funds'.
_FUND_FREE: Final = r"(?<!拨款)(?<!预算)"

VOCABULARY: Final[tuple[tuple[str, str], ...]] = (
    # 政府采购 (其他重要事项): the parts before the whole.
    ("procurement.goods", r"政府采购货物(?:类)?(?:支出|合同金额)?" + _TAIL),
    ("procurement.works", r"政府采购工程(?:类)?(?:支出|合同金额)?" + _TAIL),
    ("procurement.services", r"政府采购服务(?:类)?(?:支出|合同金额)?" + _TAIL),
    # "授予小微企业合同金额", "其中授予小微企业合同金额": before the SMEs, which name them.
    ("procurement.small_micro_contracts", r"(?:授予|给予)?小微企业(?:的)?合同(?:金额|额)$"),
    ("procurement.sme_contracts", r"(?:授予|给予)?中小企业(?:的)?合同(?:金额|额)$"),
    ("procurement.total", r"政府采购(?:支出|合同)?(?:金额)?" + _TAIL),
    # 三公经费: the parts before the whole, the narrow names before the wide ones.
    ("three_public.domestic_reception", r"国内(?:公务)?接待(?:费|经费)?" + _TAIL),
    (
        "three_public.foreign_reception",
        r"(?:外事接待|国外公务接待|境外公务接待|外宾接待)(?:费|经费)?" + _TAIL,
    ),
    # "公务接待11.8万元" in a list of the 三公 parts: named without 费.
    ("three_public.reception", r"公务接待(?:费|经费|费用)?" + _TAIL),
    # "因公出国（境）决算支出0万元": the outbound spending named without 费.
    ("three_public.outbound", r"因公出国(?:费|经费|费用)?" + _TAIL),
    (
        "three_public.reported_vehicle_total",
        # "公务用车保有量2辆，购置及运行维护费5万元": the vehicles named by the clause before.
        r"(?:公务用车|公车|^)购置及运(?:行|维)(?:维护|维修)?(?:费用|费|经费)?" + _TAIL,
    ),
    # "车辆购置支出0万元", "车辆运行维护费支出13.01万元": the official cars named 车辆.
    ("three_public.vehicle_purchase", r"(?:公务用车|公车|车辆)购置(?:费用|费|经费)?" + _TAIL),
    (
        "three_public.vehicle_operation",
        r"(?:公务用车|公车|车辆)运(?:行|维)(?:维护|维修)?(?:费用|费|经费)?" + _TAIL,
    ),
    ("three_public.reported_total", r"三公经费(?:财政拨款)?" + _TAIL),
    ("operating_expenses", r"机关运行经费" + _TAIL),
    ("grand_total", _WHOLE + r"(?:收、?支总计|收入总计|支出总计)$"),
    # Not the bare "支出" ("公务接待24批次，…，支出2.05万元": of what the clause before names),
    # nor one fund's ("政府性基金预算财政拨款本年支出").
    ("income_total", _FUND_FREE + _NAMED_WHOLE + r"收入(?:合计)?$|^收入合计$"),
    ("expenditure_total", _FUND_FREE + _NAMED_WHOLE + r"支出(?:合计)?$|^支出合计$"),
    (
        "general_budget_expenditure",
        _WHOLE + r"一般公共预算财政拨款(?:本年)?支出(?:决算)?(?:总计|合计)?$",
    ),
    ("basic", r"(?:^|\d年度?|本年|其中|财政拨款|一般公共预算财政拨款)基本支出(?:决算)?$"),
    ("project", r"(?:^|\d年度?|本年|其中|财政拨款|一般公共预算财政拨款)项目支出(?:决算)?$"),
    ("personnel", r"(?:^|其中|基本支出中?的?)人员经费(?:支出)?$"),
    ("public", r"(?:^|其中|基本支出中?的?)公用经费(?:支出)?$"),
)
"""Which field a subject names: (field, pattern of the cleaned subject), first match wins.

A subject is cleaned before it is matched: quotation marks, blanks and bracketed notes are
removed ("因公出国（境）费" is "因公出国费", "公务用车（含执勤执法用车）运行支出" is
"公务用车运行支出"). A ``three_public.`` field is a part of :class:`ThreePublicExpenses`."""

_VOCABULARY: Final = tuple((name, re.compile(pattern)) for name, pattern in VOCABULARY)
_PROCUREMENT: Final = "procurement."
# The whole of a vehicle count: "本部门共有车辆3辆", "单位共有公务用车8辆", "公务用车保有量2辆".
_VEHICLES: Final = re.compile(
    r"(?:^|共有|实有|现有|拥有|年末|期末|共|有)(?:公务用车|公务车|公车|车辆)(?:保有量|总数|数量|共)?$"
)
# 单价100万元（含）以上设备（不含车辆）: the count's subject after the price named before it.
_EQUIPMENT: Final = re.compile(r"(?:^|以上的?)(?:大型|专用|通用)?设备(?:共|合计)?$")
_EQUIPMENT_PRICE: Final = re.compile(r"单价$")
_MILLION: Final = Amount(Decimal(100), Unit.WAN_YUAN)
_BRACKETS: Final = re.compile(r"[（(][^（）()]*[）)]")
_MARKS: Final = re.compile(r"[“”\"‘’'「」\s]")
# The names of the funds and of budget units, which say 预算 and are no budget figure.
_FUND_NAMES: Final = re.compile(
    r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|财政预算拨款|预算拨款|"
    r"预算(?:单位|部门)|一级预算"
)
_BUDGET: Final = re.compile(r"预算")
# A budget's name at the end of a subject: a subject that is only "支出决算" after it
# (statements.grammar.BARE_OUTTURN) names the final account of what it named the budget of.
_BUDGET_NAME: Final = re.compile(r"(?:年初|全年|调整)?预算数?$")
_FINAL: Final = re.compile(r"决算")
# An outturn compared with its budget: "比年初预算", "完成预算", "与年初预算对比情况" (not
# "与2023年预算相比", a budget compared with last year's).
_OUTTURN: Final = re.compile(
    r"(?:比|较|超|完成)(?:年初|全年|调整后?)?预算"
    r"|与(?:年初|全年|调整后?)?预算数?(?:相比|对比|比较)"
)
_BUDGET_MATTER: Final = re.compile(
    r"部门预算|预算编制|预算草案|预算执行|预计完成|预算安排|安排情况|支出预算|收入预算"
)
# A year a text names ("2022年", "2023 年度").
YEAR_NAMED: Final = re.compile(r"((?:19|20)\d{2})\s*年")
_MONEY: Final = frozenset(
    {
        StatementKind.AMOUNT,
        StatementKind.CHANGE,
        StatementKind.RATE,
        StatementKind.SHARE,
        StatementKind.PARTS,
    }
)


def _clean(subject: str) -> str:
    text = _MARKS.sub("", normalise(subject).text)
    while (stripped := _BRACKETS.sub("", text)) != text:
        text = stripped
    return text


def _scope(subject: str) -> int:
    """How narrow the funds a subject names are: 0 一般公共预算(财政拨款), 1 财政拨款, 2 all."""
    text = normalise(subject).text
    if "一般公共预算" in text:
        return 0
    if "财政拨款" in text or "预算拨款" in text:
        return 1
    return 2


def _names_budget(subject: str) -> bool:
    """Whether a subject names a budget figure ("支出预算", "年初预算"), fund names aside."""
    return bool(_BUDGET.search(_FUND_NAMES.sub("", normalise(subject).text)))


def field_of(subject: str) -> str | None:
    """The field of :class:`FinalAccounts` a statement's subject names, or None.

    >>> field_of("因公出国（境）经费"), field_of("公务用车购置及运维费"), field_of("本年收入合计")
    ('three_public.outbound', 'three_public.reported_vehicle_total', 'income_total')
    >>> field_of("实际支出“三公经费”决算"), field_of("“三公”经费财政拨款支出预算")
    ('three_public.reported_total', 'three_public.budget')
    >>> field_of("事业收入") is None
    True
    """
    budget = _names_budget(subject)
    cleaned = _clean(subject)
    if budget:
        # A budget fills only the 三公 budget: "“三公”经费支出(年初)预算(数)".
        return "three_public.budget" if re.search(r"三公经费.*预算数?$", cleaned) else None
    for name, pattern in _VOCABULARY:
        if pattern.search(cleaned):
            return name
    return None


def is_budget_text(text: str, statements: Iterable[Statement]) -> bool:
    """Whether a text is a budget's (预算说明, 预算执行情况), not final accounts.

    It is when it names a budget as its matter (部门预算, 预算编制, 预算草案, 预算执行,
    预计完成, "三公"经费安排情况) or names a money figure a budget ("支出预算为…"), and
    nothing marks an outturn: no 决算, no figure compared with the budget it carried out
    ("比年初预算增加…", "完成预算的68%").
    """
    plain = _FUND_NAMES.sub("", normalise(text).text)
    if _FINAL.search(plain) or _OUTTURN.search(plain):
        return False
    if _BUDGET_MATTER.search(plain):
        return True
    return any(
        statement.kind in _MONEY and _names_budget(statement.subject) for statement in statements
    )


def names_only_a_budget(sentence: str) -> bool:
    """Whether a sentence (or heading) is about a budget and no outturn: it names 预算, fund
    names aside, and neither 决算 nor a figure compared with the budget it carried out
    ("2022年度“三公”经费预算总计21.8万元", "2022年“三公”经费预算安排情况"; not "完成预算的68%").

    >>> names_only_a_budget("2022年度“三公”经费预算总计21.8万元"), names_only_a_budget("2021年度支出决算20万元")
    (True, False)
    """
    plain = _FUND_NAMES.sub("", normalise(sentence).text)
    return bool(_BUDGET.search(plain)) and not (_FINAL.search(plain) or _OUTTURN.search(plain))


def _other_year(period: str, year: int) -> bool:
    return any(int(m.group(1)) != year for m in YEAR_NAMED.finditer(period))


def _printed(figure: Amount, text: str) -> bool:
    """Whether ``figure`` is printed in ``text`` (not known from an earlier sentence:
    "2023年“三公”经费财政拨款支出决算中，…" states its parts, not its whole)."""
    digits = re.findall(r"\d+(?:\.\d+)?", normalise(text).text)
    return any(Decimal(d) == figure.value for d in digits)


@attrs.frozen
class _Figure:
    scope: int
    amount: Amount
    text: str
    location: str


@attrs.define
class Candidates:
    """The figures the statements give each field, gathered before one is chosen."""

    year: int
    figures: dict[str, list[_Figure]] = attrs.Factory(dict)
    income: list[IncomeLine] = attrs.Factory(list)
    unknown_sources: list[str] = attrs.Factory(list)
    # The amounts of the unknown sources, in the same order ("财政拨款收入1516.64万元").
    unknown_amounts: list[Amount] = attrs.Factory(list)
    # Sources stated one by one ("1.一般公共预算财政拨款收入382.17万元，…"), not as a list.
    sources: dict[FundingSource, list[Amount]] = attrs.Factory(dict)
    # 政府采购 and 国有资产 (amounts, printed percents, counts), by field.
    matters: dict[str, list[tuple[Amount | Decimal, str, str]]] = attrs.Factory(dict)
    # The kinds of each vehicle count: (kind, count) pairs, the sentence and where.
    vehicle_kinds: list[tuple[tuple[tuple[str, Decimal | None], ...], str, str]] = attrs.Factory(
        list
    )

    def _add(self, name: str, scope: int, amount: Amount, text: str, location: str) -> None:
        self.figures.setdefault(name, []).append(_Figure(scope, amount, text, location))

    def take(self, statements: Sequence[Statement], location: str) -> None:
        """The fields named by one paragraph's statements."""
        period = ""
        budget_of = ""  # what the last budget named was the budget of ("“三公”经费支出")
        side_of = ""  # whose 本年收入 was just stated ("一般公共预算财政拨款")
        stated: dict[str, tuple[Amount, str]] = {}  # the amounts of this paragraph
        previous = text = ""
        for statement in statements:
            previous, text = text, statement.text
            subject = statement.subject
            if _names_budget(subject) and (m := _BUDGET_NAME.search(subject)):
                budget_of = subject[: m.start()]
            elif budget_of and BARE_OUTTURN.fullmatch(_clean(subject)):
                # "X支出预算为246万元，支出决算为167.37万元": the final account of that X.
                subject = budget_of + "决算"
            if statement.kind in _MONEY:
                if (side := _INCOME_SIDE.fullmatch(_clean(subject))) is not None:
                    side_of = side.group("whose")
                elif side_of and _clean(subject) == "本年支出":
                    # "一般公共预算财政拨款本年收入979.53万元，…；本年支出869.0万元": the
                    # expenditure of the same funds.
                    subject = side_of + subject
                elif statement.kind is not StatementKind.CHANGE:
                    side_of = ""
            # A period is printed once a sentence: "2022年X决算为3.46万元，完成预算100%，
            # 较上年增加…" (the paragraph's last one stands for the statements after it).
            period = statement.period or period
            if statement.kind not in _MONEY or _other_year(period, self.year):
                continue
            name = field_of(subject)
            if name is not None and name.startswith(_PROCUREMENT):
                continue  # 其他重要事项: read by take_matters, from every paragraph
            if statement.kind is StatementKind.AMOUNT and statement.figure is not None:
                stated[_clean(subject)] = (statement.figure, statement.text)
            if (
                name is None
                and statement.kind is StatementKind.PARTS
                and (name := _total_by_parts(subject, statement)) is not None
                and (whole := stated.get(_clean(subject))) is not None
                and whole[0] == statement.figure
            ):
                # "总收入6628.72万元，其中：财政补助收入…" / "总收入581.45万元，其中本年收入
                # 390.55万元": a total named 总收入 is what its parts make it.
                self._add(name, _scope(subject), whole[0], whole[1], location)
            scope = _scope(subject)
            # "支出决算为62.07万元，完成全年预算84.82万元的73.2%": the base is the budget.
            if (
                statement.kind is StatementKind.RATE
                and name == "three_public.reported_total"
                and statement.base is not None
                # "完成全年预算84.82万元" | "的73.2%": printed in the clause before.
                and _printed(statement.base, previous + statement.text)
            ):
                self._add("three_public.budget", scope, statement.base, statement.text, location)
            figure = statement.figure
            if (
                statement.kind is StatementKind.AMOUNT
                and figure is not None
                and (source := _source_named(subject)) is not None
            ):
                self.sources.setdefault(source, []).append(figure)
            if name is not None and figure is not None and _printed(figure, statement.text):
                self._add(name, scope, figure, statement.text, location)
            if statement.kind is not StatementKind.PARTS:
                continue
            if name == "income_total" and not self.income:
                self._income(statement, location)
                continue
            if _names_budget(subject):
                # "“三公”经费预算总计21.8万元，其中：因公出国（境）经费0万元，…": the parts of a
                # budget are budget figures, no final account.
                continue
            if _APPROPRIATIONS.fullmatch(_clean(subject)):
                # "财政拨款收入…。其中：一般公共预算财政拨款收入X万元，政府性基金预算…": the
                # appropriations, each a source of its own.
                for part in statement.parts:
                    if part.figure is not None and (
                        (source := _source_named(part.subject)) is not None
                        and source.is_appropriation
                    ):
                        self.sources.setdefault(source, []).append(part.figure)
                continue
            # The split of the year's total ("本年支出合计…，其中：基本支出…；项目支出…") is
            # the one the fields 基本/项目支出 are of, before a fund's ("1.基本支出…，占一般
            # 公共预算财政拨款总支出的70.80%").
            of_total = name in _TOTALS
            for part in statement.parts:
                part_name = field_of(part.subject)
                if part_name is not None and part_name.startswith(_PROCUREMENT):
                    continue  # read by take_matters
                if part_name in _TOTALS and (
                    not subject.strip() or (name is not None and name.startswith("three_public."))
                ):
                    # "（公务接待费…）其中：外事接待费支出0万元，国内公务接待…共计支出9.95万元":
                    # a part of a 三公 item, or of a whole not named, is no department total.
                    continue
                if part_name is not None and part.figure is not None:
                    self._add(
                        part_name,
                        _OF_TOTAL
                        if of_total and part_name in _SPLIT
                        else min(scope, _scope(part.subject)),
                        part.figure,
                        statement.text,
                        location,
                    )

    def take_matters(self, statements: Sequence[Statement], location: str) -> None:
        """政府采购 and 国有资产占用 (其他重要事项的情况说明) of one paragraph's statements.

        Read from every paragraph, also one a template pattern read (机关运行经费 and 政府采购
        are often one paragraph): no template pattern reads them. The amounts are named by
        :data:`VOCABULARY`; a share is taken when it is of the procurement total; the
        vehicles are a count in 辆 of a subject that names them all, their parts the kinds;
        the equipment is a count of 设备 after "单价100万元(含)以上"."""
        period = ""
        before: Statement | None = None
        for statement in statements:
            previous, before = before, statement
            period = statement.period or period
            if _other_year(period, self.year):
                continue
            subject = _clean(statement.subject)
            if statement.kind is StatementKind.COUNT:
                self._count(statement, subject, previous, location)
                continue
            if statement.kind not in _MONEY:
                continue
            name = field_of(statement.subject)
            figure = statement.figure
            if name is None or not name.startswith(_PROCUREMENT) or _names_budget(subject):
                continue
            if (
                statement.kind is StatementKind.SHARE
                and statement.percent is not None
                and name.endswith("_contracts")
                # Of the procurement total ("占政府采购支出总额的76.39%"), named as VOCABULARY
                # names it; not "占授予中小企业合同金额的48.6%".
                and field_of(statement.of) == _PROCUREMENT + "total"
            ):
                share = name.removesuffix("_contracts") + "_share_percent"
                self._matter(share, statement.percent, statement.text, location)
            if figure is not None and _printed(figure, statement.text):
                self._matter(name, figure, statement.text, location)
            if statement.kind is StatementKind.PARTS:
                for part in statement.parts:
                    part_name = field_of(part.subject)
                    if (
                        part_name is not None
                        and part_name.startswith(_PROCUREMENT)
                        and part.figure is not None
                    ):
                        self._matter(part_name, part.figure, statement.text, location)

    def _count(
        self, statement: Statement, subject: str, previous: Statement | None, location: str
    ) -> None:
        number = statement.count
        if number is None or number != number.to_integral_value() or number < 0:
            return
        if statement.count_unit.startswith("辆") and _VEHICLES.search(subject):
            self._matter("state_assets.vehicles", number, statement.text, location)
            kinds = [(part.subject, part.count) for part in statement.parts]
            if kinds:
                self.vehicle_kinds.append((tuple(kinds), statement.text, location))
        elif (
            statement.count_unit[:1] in {"台", "套"}
            and _EQUIPMENT.search(subject)
            and previous is not None
            and previous.kind is StatementKind.AMOUNT
            and _EQUIPMENT_PRICE.search(_clean(previous.subject))
            and previous.figure == _MILLION
        ):
            self._matter("state_assets.equipment_over_million", number, statement.text, location)

    def _matter(self, name: str, value: Amount | Decimal, text: str, location: str) -> None:
        self.matters.setdefault(name, []).append((value, text, location))

    def choose_matters(self) -> tuple[Procurement | None, StateAssets | None, list[Unparsed]]:
        """政府采购 and 国有资产占用 from the figures :meth:`take_matters` gathered: one
        figure a field; different figures of one field fill nothing and are listed."""
        chosen: dict[str, Amount | Decimal] = {}
        unparsed: list[Unparsed] = []
        for name, values in self.matters.items():
            if len({_yuan(v) for v, _, _ in values}) > 1:
                unparsed += [
                    Unparsed(
                        kind="sentence",
                        location=where,
                        text=text[:200],
                        reason=f"{name}：数字不一致，不取 (the figures disagree)",
                    )
                    for _, text, where in values
                ]
                continue
            chosen[name] = values[0][0]
        procurement = None
        if any(name.startswith(_PROCUREMENT) for name in chosen):

            def money(name: str) -> Amount | None:
                value = chosen.get(_PROCUREMENT + name)
                return value if isinstance(value, Amount) else None

            def percent(name: str) -> Decimal | None:
                value = chosen.get(_PROCUREMENT + name)
                return value if isinstance(value, Decimal) else None

            procurement = Procurement(
                total=money("total"),
                goods=money("goods"),
                works=money("works"),
                services=money("services"),
                sme_contracts=money("sme_contracts"),
                sme_share_percent=percent("sme_share_percent"),
                small_micro_contracts=money("small_micro_contracts"),
                small_micro_share_percent=percent("small_micro_share_percent"),
            )
        kinds: tuple[VehicleCount, ...] = ()
        lists = {k for k, _, _ in self.vehicle_kinds}
        if len(lists) == 1:
            parts = self.vehicle_kinds[0][0]
            if all(n is not None and n == n.to_integral_value() for _, n in parts):
                kinds = tuple(
                    VehicleCount(kind=kind, count=int(n)) for kind, n in parts if n is not None
                )
            else:
                unparsed.append(self._kinds_unread(self.vehicle_kinds[0], "某类车辆无数量"))
        elif lists:
            unparsed += [
                self._kinds_unread(item, "车辆构成不一致，不取") for item in self.vehicle_kinds
            ]
        assets = None
        vehicles = _whole(chosen.get("state_assets.vehicles"))
        equipment = _whole(chosen.get("state_assets.equipment_over_million"))
        if vehicles is not None or equipment is not None or kinds:
            assets = StateAssets(
                vehicles=vehicles, vehicle_kinds=kinds, equipment_over_million=equipment
            )
        return procurement, assets, unparsed

    @staticmethod
    def _kinds_unread(
        item: tuple[tuple[tuple[str, Decimal | None], ...], str, str], zh: str
    ) -> Unparsed:
        return Unparsed(
            kind="sentence",
            location=item[2],
            text=item[1][:200],
            reason=f"state_assets.vehicle_kinds：{zh} (the vehicle kinds are not read)",
        )

    def split_appropriations(self, lines: Sequence[IncomeLine], amount: Amount) -> list[IncomeLine]:
        """The appropriations stated one by one that make up ``amount`` (the 财政拨款收入 of
        an income list, which is no source of the model), or none."""
        stated = [line for line in self.stated_sources() if line.source.is_appropriation]
        if not stated or any(line.source.is_appropriation for line in lines):
            return []
        unit = amount.unit
        if sum((line.amount.to(unit).value for line in stated), Decimal(0)) != amount.value:
            return []
        return stated

    def stated_sources(self) -> list[IncomeLine]:
        """The income lines stated one by one, when each source has one figure."""
        if any(len({_yuan(a) for a in amounts}) > 1 for amounts in self.sources.values()):
            return []
        return [IncomeLine(source=k, amount=v[0]) for k, v in self.sources.items()]

    def _income(self, statement: Statement, location: str) -> None:
        for part in statement.parts:
            if part.figure is None:
                continue
            try:
                source = FundingSource.parse(_clean(part.subject))
            except BudgetPerfError:
                self.unknown_sources.append(part.subject)
                self.unknown_amounts.append(part.figure)
                continue
            self.income.append(
                IncomeLine(source=source, amount=part.figure, share_percent=part.percent)
            )

    def choose(self, taken: set[str]) -> tuple[dict[str, Amount], list[Unparsed]]:
        """One figure a field (those in ``taken`` are filled already), and the unparsed."""
        chosen: dict[str, Amount] = {}
        unparsed: list[Unparsed] = []
        for name, figures in self.figures.items():
            if name in taken:
                continue
            narrowest = min(f.scope for f in figures)
            kept = [f for f in figures if f.scope == narrowest]
            if len({_yuan(f.amount) for f in kept}) > 1:
                unparsed += [
                    _conflict(f, name, "同一口径的数字不一致，不取 (figures of one scope disagree)")
                    for f in kept
                ]
                continue
            chosen[name] = kept[0].amount
            reason = (
                f"不是本年支出合计所分的{kept[0].amount}（取其组成） "
                "(not the split of the year's total, which is kept)"
                if narrowest == _OF_TOTAL
                else f"与所取的{kept[0].amount}口径不同（取口径较窄者） "
                "(another scope's figure; the narrower is kept)"
            )
            unparsed += [
                _conflict(f, name, reason)
                for f in figures
                if f.scope != narrowest and _yuan(f.amount) != _yuan(kept[0].amount)
            ]
        return chosen, unparsed


_TOTALS: Final = frozenset({"grand_total", "income_total", "expenditure_total"})
# The fields that split the year's spending; their figure from that split ranks first.
_SPLIT: Final = frozenset({"basic", "project"})
_OF_TOTAL: Final = -1
# "一般公共预算财政拨款本年收入": the funds whose 本年收入 it is.
_INCOME_SIDE: Final = re.compile(r"(?P<whose>.*(?:拨款|预算))本年收入")
# 财政拨款收入, the sum of the three appropriations ("财政拨款收入总计", "财政补助收入").
_APPROPRIATIONS: Final = re.compile(
    r"(?:\d{4}年度?|本年度?|本单位|本部门)*财政(?:拨款|补助)(?:本年)?收入(?:总计|合计)?"
)
# "总收入", "本单位2021年度总收入": a total whose parts tell which it is.
_GROSS: Final = re.compile(r"(?:\d{4}年度?|本年度?|本单位|本部门)*总(?P<side>收入|支出)")


def _total_by_parts(subject: str, statement: Statement) -> str | None:
    """The field a 总收入/总支出 is, told by its parts: of 本年收入 (a total) or a carry-over,
    the 收、支总计; of the year's sources or spending kinds only, the 本年收入/支出合计."""
    m = _GROSS.fullmatch(_clean(subject))
    if m is None or not statement.parts:
        return None
    names = [_clean(part.subject) for part in statement.parts]
    if any(field_of(name) in _TOTALS or "结转" in name or "结余" in name for name in names):
        return "grand_total"
    return "income_total" if m.group("side") == "收入" else "expenditure_total"


def _source_named(subject: str) -> FundingSource | None:
    """The income source a subject is exactly the name of ("上级补助收入", "一般公共预算财政
    拨款本年收入"), or None."""
    try:
        return FundingSource.parse(_clean(subject).replace("本年收入", "收入"))
    except BudgetPerfError:
        return None


def _whole(value: Amount | Decimal | None) -> int | None:
    """A count taken (a whole Decimal) as an int; None for none."""
    return int(value) if isinstance(value, Decimal) else None


def _yuan(amount: Amount | Decimal) -> object:
    if isinstance(amount, Decimal):
        return amount.normalize()
    return amount.to(Unit.YUAN).value.normalize()


def _conflict(figure: _Figure, name: str, reason: str) -> Unparsed:
    return Unparsed(
        kind="sentence",
        location=figure.location,
        text=figure.text[:200],
        reason=f"{name}：{reason}",
    )

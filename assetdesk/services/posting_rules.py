"""Posting rules (记账规则, DOMAIN §3.3): which account each business event posts to, in one table.

Areas never name an account code: a rent charge asks for ``rent.receivable`` and ``rent.income`` and
gets whatever the clerk has set in 设置 → 记账规则 (in new books 112 应收款 and 50101 租金收入).
Each slot says under which first-level accounts its account must lie, so a rule can never send rent
income to a liability or an expense; the account must be an active leaf (postings go to leaves only).
Both are checked when a rule is set and again whenever it is used, because the chart may have
changed since (a sub-account added under the chosen account, the account deactivated).

A slot without a row is 未设置: nothing is guessed for it (an old book's 50101 may be something else
than 租金收入), so using it is refused until the clerk chooses.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assetdesk.db.models import Account, PostingRule
from assetdesk.errors import AccountError, InputError, NotFoundError
from assetdesk.events import PostingRulesChanged
from assetdesk.services.account_catalog import AccountInfo, load_chart
from assetdesk.services.chart import CHART_2023
from assetdesk.services.context import Service

SETTINGS_HINT = "请在 设置 → 记账规则 中改为一个可用的末级科目"


@dataclass(frozen=True)
class RuleSlot:
    key: str
    event: str  # the business event of DOMAIN §3.3, as the clerk reads it (业务)
    label: str  # the account's role in it (科目用途)
    side: str  # 借 / 贷 / 借/贷: where the events put it
    allowed: tuple[str, ...]  # first-level codes the account must be (or lie under)
    default_code: str  # where new books point it (a leaf of the chart seeded by accounts.seed_chart)


RULE_SLOTS: tuple[RuleSlot, ...] = (
    RuleSlot("cash", "现金收款", "库存现金", "借", ("101",), "101"),
    RuleSlot("bank", "银行收款、付款", "银行存款", "借/贷", ("102",), "10201"),
    RuleSlot("rent.receivable", "租金到期、收租金", "应收租金", "借/贷", ("112",), "112"),
    RuleSlot("rent.income", "租金到期", "租金收入", "贷", ("501",), "50101"),
    RuleSlot("deposit.payable", "收取、退还、抵扣押金", "押金", "借/贷", ("211",), "21101"),
    RuleSlot("fee.receivable", "物业费计费、收物业费", "应收物业费", "借/贷", ("112",), "112"),
    RuleSlot("fee.income", "物业费计费", "物业服务收入", "贷", ("501",), "50102"),
    RuleSlot("fee.waiver", "物业费减免", "冲减收入或公益支出", "借", ("501", "514"), "50102"),
    RuleSlot("grant.payable", "项目资金到账、使用", "专项应付款", "借/贷", ("241",), "241"),
    RuleSlot("grant.works", "项目资金用于工程", "在建工程或固定资产", "借", ("153", "151"), "153"),
    RuleSlot("company_fee.income", "物业企业入驻费、管理费", "入驻费、管理费收入", "贷", ("501", "504"), "504"),
    RuleSlot("cadre_pay.expense", "计提干部报酬", "管理费用—干部报酬", "借", ("513",), "51301"),
    RuleSlot("cadre_pay.payable", "计提、发放干部报酬", "应付工资", "借/贷", ("212",), "212"),
    RuleSlot("repair.expense", "小区设施维修", "经营支出或公益支出", "借", ("511", "514"), "514"),
    RuleSlot("fixed_asset", "资产购建、处置", "固定资产", "借/贷", ("151",), "151"),
    RuleSlot("depreciation.expense", "计提折旧", "折旧费用", "借", ("511", "513", "514"), "511"),
    RuleSlot("depreciation.accumulated", "计提折旧", "累计折旧", "贷", ("152",), "152"),
    RuleSlot("asset.disposal", "资产处置", "固定资产清理", "借/贷", ("154",), "154"),
    RuleSlot("receivable.prepaid", "多收款项留作预收、以后抵扣", "预收款", "借/贷", ("112", "211"), "112"),
    RuleSlot("offset.payable", "应收与应付抵销", "应付款（对同一单位的欠款）", "借", ("211",), "21102"),
    RuleSlot("bad_debt.expense", "坏账核销", "坏账损失（其他支出）", "借/贷", ("515",), "515"),
)
SLOTS: dict[str, RuleSlot] = {slot.key: slot for slot in RULE_SLOTS}
_FIRST_LEVEL_NAMES = {code: name for code, name, _category, _side in CHART_2023}


@dataclass(frozen=True)
class PostingRuleRow:
    key: str
    event: str
    label: str
    side: str
    allowed: tuple[str, ...]  # first-level codes the account must lie under
    allowed_text: str  # "501 经营收入、504 其他收入"
    account_code: str  # "" when the rule is not set
    account_name: str  # the full name, 经营收入—租金收入
    problem: str  # why the rule cannot be used now, or ""


def seed_posting_rules() -> None:
    """Point every slot at its default account (inside the caller's transaction, after the chart is seeded).

    A slot whose default is missing or not an active leaf is left unset rather than guessed."""
    chart = _read_chart()
    rows = [{"key": slot.key, "account": chart[slot.default_code].id} for slot in RULE_SLOTS
            if not _problem(slot, slot.default_code, chart)]
    if rows:
        PostingRule.insert_many(rows).on_conflict_ignore().execute()


def rule_names_using(account_id: int) -> list[str]:
    """“租金到期—租金收入” for each rule set to the account: it cannot be deleted while they point at it."""
    keys = {rule.key for rule in PostingRule.select(PostingRule.key).where(PostingRule.account == account_id)}
    return [f"“{slot.event}—{slot.label}”" for slot in RULE_SLOTS if slot.key in keys]


class PostingRuleService(Service):
    """The only writer of posting rules; ``resolve`` is what every area asks before it posts."""

    def list_rules(self) -> list[PostingRuleRow]:
        """Every slot in catalogue order, with its account and, when it cannot be used, why."""
        chart, chosen = _read_chart(), self._chosen()
        return [self._row(slot, chosen.get(slot.key), chart) for slot in RULE_SLOTS]

    def get(self, key: str) -> PostingRuleRow:
        return self._row(_slot(key), self._chosen().get(key), _read_chart())

    def rules_using(self, code: str) -> list[str]:
        """“租金到期—租金收入” for each rule pointing at ``code``. Such an account cannot be deleted (the
        rule's row refers to it); deleting it must be refused with these names, or the rule changed first."""
        chosen = self._chosen()
        return [f"“{slot.event}—{slot.label}”" for slot in RULE_SLOTS if chosen.get(slot.key) == code]

    def problems(self) -> list[str]:
        """Rules that are set but can no longer be used (the account became a parent, was deactivated
        …), in Chinese, for ``check``. An unset rule (books upgraded without its default account) is
        no fault of the books: 设置 shows it, and ``resolve`` refuses it when an area posts."""
        chosen = self._chosen()
        return [f"记账规则“{row.event}—{row.label}”：{row.problem}" for row in self.list_rules()
                if row.problem and row.key in chosen]

    def resolve(self, keys: Iterable[str]) -> dict[str, str]:
        """key → the leaf account code it posts to. Refuses (so nothing is posted) when any of the
        rules is unset or its account is no longer an active leaf under the slot's accounts; the
        message lists them all. Call it inside the posting's transaction: it reads the chart fresh."""
        chart, chosen = _read_chart(), self._chosen()
        result, problems = {}, []
        for key in dict.fromkeys(keys):
            row = self._row(_slot(key), chosen.get(key), chart)
            if row.problem:
                problems.append(f"“{row.event}—{row.label}”：{row.problem}")
            result[key] = row.account_code
        if problems:
            raise AccountError("记账规则不能使用：" + "；".join(problems), SETTINGS_HINT)
        return result

    def set_rule(self, key: str, code: str) -> PostingRuleRow:
        """Point ``key`` at the account ``code``: an active leaf that is, or lies under, one of the
        slot's first-level accounts. A refusal writes nothing (no rule, no audit, no event)."""
        slot = _slot(key)
        code = ((code or "").split() or [""])[0]
        if not code:
            raise InputError(f"记账规则“{slot.event}—{slot.label}”：请选择科目",
                             f"可选 {_allowed_text(slot)} 下的末级科目")
        with self.ctx.transaction():
            chart = _read_chart()
            problem = _problem(slot, code, chart)
            if problem:
                raise AccountError(f"记账规则“{slot.event}—{slot.label}”未修改：{problem}",
                                   f"请选择 {_allowed_text(slot)} 下已启用的末级科目")
            before = self._chosen().get(key)
            if before == code:
                return self._row(slot, code, chart)
            account_id = chart[code].id
            PostingRule.insert(key=key, account=account_id).on_conflict(
                conflict_target=[PostingRule.key], update={PostingRule.account: account_id}).execute()
            self.ctx.audit("修改记账规则", "posting_rule", key, before={"科目": _describe(before, chart)},
                           after={"科目": _describe(code, chart)})
            self._publish(PostingRulesChanged())
        return self.get(key)

    @staticmethod
    def _chosen() -> dict[str, str]:
        """key → account code of the rules that are set."""
        rules = PostingRule.select(PostingRule, Account).join(Account)  # inner join: every rule has its account
        return {rule.key: rule.account.code for rule in rules if rule.account is not None}

    @staticmethod
    def _row(slot: RuleSlot, code: str | None, chart: dict[str, AccountInfo]) -> PostingRuleRow:
        account = chart.get(code) if code else None
        problem = _problem(slot, code, chart) if code else _unset_problem(slot, chart)
        return PostingRuleRow(slot.key, slot.event, slot.label, slot.side, slot.allowed, _allowed_text(slot),
                              code or "", account.full_name if account else "", problem)


def _slot(key: str) -> RuleSlot:
    if key not in SLOTS:
        raise NotFoundError(f"没有名为“{key}”的记账规则", "请检查业务类型")
    return SLOTS[key]


def _read_chart() -> dict[str, AccountInfo]:
    """code → the account as a rule needs it: full name, leaf, active (the posting path's own reading)."""
    return load_chart(Account._meta.database)


def _text(account: AccountInfo) -> str:
    return f"“{account.code} {account.full_name}”"


def _allowed_text(slot: RuleSlot) -> str:
    """"501 经营收入、504 其他收入" (the chart's names, so a renamed sub-account never shows here)."""
    return "、".join(f"{code} {_FIRST_LEVEL_NAMES.get(code, '')}".strip() for code in slot.allowed)


def _problem(slot: RuleSlot, code: str, chart: dict[str, AccountInfo]) -> str:
    """Why ``code`` cannot be the slot's account ("" when it can): 科目“…”有明细科目，不是末级科目."""
    account = chart.get(code)
    if account is None:
        return f"科目“{code}”不存在"
    if code[:3] not in slot.allowed:
        return f"科目{_text(account)}不能用作{slot.label}（只能用 {_allowed_text(slot)} 或其明细科目）"
    if not account.is_leaf:
        return f"科目{_text(account)}有明细科目，不是末级科目"
    if not account.is_active:
        return f"科目{_text(account)}已停用"
    return ""


def _unset_problem(slot: RuleSlot, chart: dict[str, AccountInfo]) -> str:
    """An unset rule says what to choose, and why its default was not taken when the books have it."""
    default = _problem(slot, slot.default_code, chart) if slot.default_code in chart else ""
    if default:
        return f"未设置（默认{default}）— 请选择"
    return f"未设置 — 请选择 {_allowed_text(slot)} 下已启用的末级科目"


def _describe(code: str | None, chart: dict[str, AccountInfo]) -> str:
    if not code:
        return "未设置"
    account = chart.get(code)
    return f"{code} {account.full_name}" if account else code

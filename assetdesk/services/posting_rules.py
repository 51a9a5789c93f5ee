"""Posting rules (DOMAIN §3.3): which account each business event posts to, in one table.

Areas never name an account code: a rent charge asks for ``rent.receivable`` and ``rent.income`` and
gets whatever the clerk has set in 设置 (by default 112 应收款 and 50101 租金收入). Each slot says
which first-level accounts it may point at, so a rule can never send rent income to a liability;
the account must be an active leaf (postings go to leaves only), checked when the rule is set and
again when it is used (the chart may have changed since).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assetdesk.db.models import Account, PostingRule
from assetdesk.errors import AccountError, NotFoundError
from assetdesk.events import PostingRulesChanged
from assetdesk.services.context import Service


@dataclass(frozen=True)
class RuleSlot:
    key: str
    event: str  # the business event of DOMAIN §3.3, as the clerk reads it
    label: str  # the account's role in it
    side: str  # 借 / 贷: where the event usually puts it
    allowed: tuple[str, ...]  # first-level codes the account may be under
    default_code: str


RULE_SLOTS: tuple[RuleSlot, ...] = (
    RuleSlot("cash", "收款（现金）", "库存现金", "借", ("101",), "101"),
    RuleSlot("bank", "收款（银行）", "银行存款", "借", ("102",), "102"),
    RuleSlot("rent.receivable", "租金到期", "应收租金", "借", ("112",), "112"),
    RuleSlot("rent.income", "租金到期", "租金收入", "贷", ("501", "504"), "50101"),
    RuleSlot("deposit.payable", "收取/退还押金", "押金", "贷", ("211",), "21101"),
    RuleSlot("fee.receivable", "物业费计费", "应收物业费", "借", ("112",), "112"),
    RuleSlot("fee.income", "物业费计费", "物业服务收入", "贷", ("501",), "50102"),
    RuleSlot("fee.waiver", "物业费减免", "减免冲减或公益支出", "借", ("501", "514"), "50102"),
    RuleSlot("company_fee.income", "物业企业入驻费/管理费", "收入", "贷", ("501", "504"), "504"),
    RuleSlot("grant.payable", "项目资金到账", "专项应付款", "贷", ("241",), "241"),
    RuleSlot("grant.works", "项目资金用于工程", "在建工程或固定资产", "借", ("153", "151"), "153"),
    RuleSlot("cadre_pay.expense", "计提干部报酬", "管理费用—干部报酬", "借", ("513",), "513"),
    RuleSlot("cadre_pay.payable", "计提/发放干部报酬", "应付工资", "贷", ("212",), "212"),
    RuleSlot("repair.expense", "小区设施维修", "经营支出或公益支出", "借", ("511", "514"), "514"),
    RuleSlot("fixed_asset", "资产购建/处置", "固定资产", "借", ("151",), "151"),
    RuleSlot("depreciation.expense", "计提折旧", "折旧费用", "借", ("511", "513", "514"), "513"),
    RuleSlot("depreciation.accumulated", "计提折旧", "累计折旧", "贷", ("152",), "152"),
    RuleSlot("asset.disposal", "资产处置", "固定资产清理", "借", ("154",), "154"),
)
SLOTS: dict[str, RuleSlot] = {slot.key: slot for slot in RULE_SLOTS}


@dataclass(frozen=True)
class PostingRuleRow:
    key: str
    event: str
    label: str
    side: str
    account_code: str
    account_name: str
    problem: str  # why the rule cannot be used now, or ""


class PostingRuleService(Service):
    """The only writer of posting rules; ``resolve`` is what every area asks."""

    def list_rules(self) -> list[PostingRuleRow]:
        chart = self._chart()
        chosen = self._chosen()
        rows = []
        for slot in RULE_SLOTS:
            code = chosen.get(slot.key, slot.default_code)
            rows.append(PostingRuleRow(slot.key, slot.event, slot.label, slot.side, code,
                                       chart[code][0] if code in chart else "", self._problem(slot, code, chart)))
        return rows

    def problems(self) -> list[str]:
        """Rules the clerk set that can no longer be used (the account became a parent, was deactivated
        …), for ``check``; a rule never set and without its default account is for 设置 to show."""
        chosen = self._chosen()
        return [f"记账规则“{row.event}—{row.label}”：{row.problem}" for row in self.list_rules()
                if row.problem and row.key in chosen]

    def resolve(self, keys: Iterable[str]) -> dict[str, str]:
        """key → the leaf account code it posts to; refuses (nothing is posted) when a rule is unusable."""
        chart, chosen = self._chart(), self._chosen()
        result = {}
        for key in dict.fromkeys(keys):
            slot = self._slot(key)
            code = chosen.get(key, slot.default_code)
            problem = self._problem(slot, code, chart)
            if problem:
                raise AccountError(f"记账规则“{slot.event}—{slot.label}”：{problem}",
                                   "请在 设置 → 记账规则 中改为一个可用的末级科目")
            result[key] = code
        return result

    def set_rule(self, key: str, code: str) -> PostingRuleRow:
        """Point ``key`` at the account ``code``: an active leaf under one of the slot's accounts."""
        slot = self._slot(key)
        code = (code or "").strip()
        with self.ctx.transaction():
            chart = self._chart()
            problem = self._problem(slot, code, chart)
            if problem:
                raise AccountError(f"记账规则“{slot.event}—{slot.label}”：{problem}", "请选择符合要求的末级科目")
            before = self._chosen().get(key, slot.default_code)
            PostingRule.insert(key=key, account=chart[code][1]).on_conflict(
                conflict_target=[PostingRule.key], update={PostingRule.account: chart[code][1]}).execute()
            self.ctx.audit("修改记账规则", "posting_rule", key, before={"科目": before}, after={"科目": code})
        self._publish(PostingRulesChanged())
        return next(row for row in self.list_rules() if row.key == key)

    @staticmethod
    def _slot(key: str) -> RuleSlot:
        if key not in SLOTS:
            raise NotFoundError(f"没有名为“{key}”的记账规则", "请检查业务类型")
        return SLOTS[key]

    def _chosen(self) -> dict[str, str]:
        rules = PostingRule.select(PostingRule, Account).join(Account)  # inner join: every rule has its account
        return {rule.key: rule.account.code for rule in rules if rule.account is not None}

    @staticmethod
    def _chart() -> dict[str, tuple[str, int, bool, bool, str]]:
        """code → (name, id, is_leaf, is_active, category)."""
        rows = list(Account.select(Account.id, Account.code, Account.name, Account.parent, Account.is_active,
                                   Account.category))
        parents = {a.parent_id for a in rows if a.parent_id}
        return {a.code: (a.name, a.id, a.id not in parents, a.is_active, a.category) for a in rows}

    @staticmethod
    def _problem(slot: RuleSlot, code: str, chart: dict) -> str:
        if code not in chart:
            return f"科目“{code}”不存在"
        name, _id, is_leaf, is_active, _category = chart[code]
        if not code.startswith(slot.allowed):
            allowed = "、".join(slot.allowed)
            return f"科目“{code} {name}”不能用于{slot.label}，应为 {allowed} 或其明细科目"
        if not is_leaf:
            return f"科目“{code} {name}”有明细科目，不是末级科目"
        if not is_active:
            return f"科目“{code} {name}”已停用"
        return ""

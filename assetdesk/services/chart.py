"""The chart of accounts of 农村集体经济组织会计制度 (财会〔2023〕14号): 42 first-level accounts.

(code, name, category, normal side) — DOMAIN §3.1. The year-end closing targets are named here too.
"""
from __future__ import annotations

CHART_2023: tuple[tuple[str, str, str, str], ...] = (
    ("101", "库存现金", "资产", "借"), ("102", "银行存款", "资产", "借"), ("111", "短期投资", "资产", "借"),
    ("112", "应收款", "资产", "借"), ("113", "内部往来", "资产", "双向"), ("121", "库存物资", "资产", "借"),
    ("131", "消耗性生物资产", "资产", "借"), ("132", "生产性生物资产", "资产", "借"),
    ("133", "生产性生物资产累计折旧", "资产", "贷"), ("134", "公益性生物资产", "资产", "借"),
    ("141", "长期投资", "资产", "借"), ("151", "固定资产", "资产", "借"), ("152", "累计折旧", "资产", "贷"),
    ("153", "在建工程", "资产", "借"), ("154", "固定资产清理", "资产", "双向"), ("161", "无形资产", "资产", "借"),
    ("162", "累计摊销", "资产", "贷"), ("171", "长期待摊费用", "资产", "借"), ("181", "待处理财产损溢", "资产", "双向"),
    ("201", "短期借款", "负债", "贷"), ("211", "应付款", "负债", "贷"), ("212", "应付工资", "负债", "贷"),
    ("213", "应付劳务费", "负债", "贷"), ("214", "应交税费", "负债", "贷"), ("221", "长期借款及应付款", "负债", "贷"),
    ("231", "一事一议资金", "负债", "贷"), ("241", "专项应付款", "负债", "贷"),
    ("301", "资本", "所有者权益", "贷"), ("311", "公积公益金", "所有者权益", "贷"),
    ("321", "本年收益", "所有者权益", "贷"), ("322", "收益分配", "所有者权益", "贷"),
    ("401", "生产(劳务)成本", "成本", "借"),
    ("501", "经营收入", "损益", "贷"), ("502", "投资收益", "损益", "贷"), ("503", "补助收入", "损益", "贷"),
    ("504", "其他收入", "损益", "贷"), ("511", "经营支出", "损益", "借"), ("512", "税金及附加", "损益", "借"),
    ("513", "管理费用", "损益", "借"), ("514", "公益支出", "损益", "借"), ("515", "其他支出", "损益", "借"),
    ("521", "所得税费用", "损益", "借"),
)

# Sub-accounts every book starts with: 322 has 各项分配 and 未分配收益 (DOMAIN §3.1); the others are
# where the default posting rules point (DOMAIN §3.3, services.posting_rules.RULE_SLOTS), so a new
# set of books can post rent, fees, deposits and cadre pay without the clerk setting anything up.
DEFAULT_SUB_ACCOUNTS: tuple[tuple[str, str], ...] = (
    ("10201", "基本存款户"),
    ("21101", "押金"),
    ("21102", "其他应付款"),  # once 押金 splits 211, other payables need a leaf (抵销 posts here)
    ("32201", "各项分配"),
    ("32202", "未分配收益"),
    ("50101", "租金收入"),
    ("50102", "物业服务收入"),
    ("51301", "干部报酬"),
)

# 辅助核算 every new set of books starts with (assetdesk.dimensions): who owes the community what.
DEFAULT_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("112", "counterparty"),
)

CURRENT_YEAR_PROFIT = "321"
UNDISTRIBUTED_PROFIT = "32202"
CASH = "101"
BANK = "102"
CATEGORY_ORDER = ("资产", "负债", "所有者权益", "成本", "损益")

# Names clerks know from the enterprise chart or the 2004 system, so "yszk" (应收账款) still finds 112.
ACCOUNT_ALIASES: dict[str, tuple[str, ...]] = {
    "101": ("现金",), "112": ("应收账款", "其他应收款"), "211": ("应付账款", "其他应付款"),
    "212": ("应付职工薪酬",), "214": ("应缴税费",), "501": ("营业收入", "主营业务收入"),
    "511": ("营业成本", "主营业务成本"), "513": ("管理费",), "151": ("固定资产原值",),
}

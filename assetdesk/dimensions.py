"""辅助核算 (auxiliary dimensions), DOMAIN §3.1: what a voucher line can name besides its account.

An account declares the dimensions it carries (``account_dimension``); every posting to it must
then name a record of each, so its sub-ledger (应收款 by tenant, 专项应付款 by project …) always adds
up to the account. A dimension's register is the table its records live in; the registers of
合同 and 资金项目 arrive with their areas, and until then no account can declare them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    key: str  # "counterparty"
    label: str  # 往来单位: what the clerk reads in 设置, on vouchers and reports
    line_field: str  # the voucher line's column: "counterparty_id"
    register: str | None  # the table of its records; None while its area is not built
    name_column: str = "name"  # what names a record on screen and in print
    code_column: str | None = None  # a record's code, when it has one (小区: XQ001)

    @property
    def available(self) -> bool:
        return self.register is not None


COUNTERPARTY = Dimension("counterparty", "往来单位", "counterparty_id", "counterparty")
COMPOUND = Dimension("compound", "小区", "compound_id", "compound", code_column="code")
ASSET = Dimension("asset", "资产", "asset_id", "asset", code_column="code")  # 名称, 资产编码
LEASE = Dimension("lease", "合同", "lease_id", "lease", name_column="number")
FUND = Dimension("fund", "资金项目", "fund_id", None)

DIMENSIONS: tuple[Dimension, ...] = (COUNTERPARTY, COMPOUND, ASSET, LEASE, FUND)
BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
BY_LABEL: dict[str, Dimension] = {d.label: d for d in DIMENSIONS}
LINE_FIELDS: tuple[str, ...] = tuple(d.line_field for d in DIMENSIONS)


def dimension(key_or_label: str) -> Dimension:
    """The dimension a key ("counterparty") or a label ("往来单位") names; KeyError otherwise."""
    text = (key_or_label or "").strip()
    found = BY_KEY.get(text) or BY_LABEL.get(text)
    if found is None:
        raise KeyError(text)
    return found

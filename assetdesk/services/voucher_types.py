"""What the voucher service takes and returns: line and voucher inputs (as the clerk enters them)
and frozen views of saved vouchers for screens, prints and exports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assetdesk.dimensions import LINE_FIELDS
from assetdesk.periods import Period

STATUS_LABELS = {"draft": "草稿", "posted": "已过账"}
AUX_FIELDS = LINE_FIELDS  # the 辅助核算 columns of a line (assetdesk.dimensions)


@dataclass(frozen=True)
class LineInput:
    """One line as the clerk enters it: an amount in the 借方 or the 贷方 column (negative = red)."""

    account_code: str
    debit_fen: int = 0
    credit_fen: int = 0
    summary: str = ""
    counterparty_id: int | None = None
    compound_id: int | None = None
    asset_id: int | None = None
    lease_id: int | None = None
    fund_id: int | None = None

    @classmethod
    def debit(cls, account_code: str, fen: int, **aux) -> "LineInput":
        return cls(account_code, debit_fen=fen, **aux)

    @classmethod
    def credit(cls, account_code: str, fen: int, **aux) -> "LineInput":
        return cls(account_code, credit_fen=fen, **aux)

    @property
    def signed_fen(self) -> int:
        return self.debit_fen - self.credit_fen


@dataclass(frozen=True)
class VoucherInput:
    date_on: dt.date
    summary: str
    lines: tuple[LineInput, ...] | list[LineInput]
    attachments: int = 0
    preparer: str = ""
    source: str = ""


@dataclass(frozen=True)
class LineView:
    seq: int
    account_code: str
    account_name: str
    summary: str
    debit_fen: int | None
    credit_fen: int | None
    counterparty_id: int | None = None
    counterparty_name: str = ""
    compound_id: int | None = None
    compound_name: str = ""
    asset_id: int | None = None
    lease_id: int | None = None
    fund_id: int | None = None


@dataclass(frozen=True)
class VoucherView:
    id: int
    period: Period
    number: int | None
    label: str
    date_on: dt.date
    summary: str
    attachments: int
    preparer: str
    reviewer: str
    status: str
    source: str
    debit_fen: int
    credit_fen: int
    reverses_id: int | None
    reverses_label: str
    reversed_by_id: int | None
    reversed_by_label: str
    lines: tuple[LineView, ...] = field(default=())
    paper_label: str = ""  # an imported voucher's number on paper, when the books number it otherwise
    document_kind: str = ""  # the document it posts (lease_charge, year_end_pl …), "" for a typed voucher
    document_id: int | None = None

    @property
    def is_posted(self) -> bool:
        return self.status == STATUS_LABELS["posted"]


@dataclass(frozen=True)
class VoucherRow:
    """A line of the voucher list (no lines loaded)."""

    id: int
    period: str
    number: int | None
    label: str
    date_on: dt.date
    summary: str
    debit_fen: int
    status: str
    attachments: int
    preparer: str
    is_reversal: bool
    source: str = ""  # 导入（原凭证号 记-0004）: where the voucher came from, shown as a tooltip


@dataclass(frozen=True)
class VoucherFilter:
    period: Period | None = None
    text: str = ""
    account_code: str = ""
    amount_fen: int | None = None
    status: str | None = None  # "draft" | "posted" | None


def voucher_label(word: str, number: int | None) -> str:
    return f"{word}-{number:04d}" if number else "草稿"

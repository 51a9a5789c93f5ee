"""收据号: the next number, a given (paper) number claimed once, a number found as typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assetdesk.db.models import Receipt
from assetdesk.errors import DuplicateError, InputError

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def next_number(service: ReceivableService) -> str:
    largest = 0
    for (number,) in service.db.execute_sql("SELECT number FROM receipt").fetchall():
        text = str(number)
        if text.isdigit():
            largest = max(largest, int(text))
    return f"{largest + 1:08d}"


def find_receipt(service: ReceivableService, number: str) -> Receipt | None:
    text = number.strip()
    found = Receipt.get_or_none(Receipt.number == text)
    if found is None and text.isdigit():
        found = Receipt.get_or_none(Receipt.number == f"{int(text):08d}")
    return found


def claim_number(service: ReceivableService, number: str) -> str:
    """The number a new receipt takes: the given one (import, paper) unless used, or the next."""
    text = number.strip()
    if not text:
        return next_number(service)
    if len(text) > 30:
        raise InputError(f"收据号“{text}”太长", "收据号最多 30 个字符")
    used = Receipt.get_or_none(Receipt.number == text)
    if used is not None:
        if used.is_void:
            raise DuplicateError(f"收据号 {text} 已作废，不能再收款", "作废的收据号保留不用，请使用新的收据号")
        raise DuplicateError(f"收据号 {text} 已使用", f"下一个可用的收据号是 {next_number(service)}")
    return text

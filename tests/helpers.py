"""One-line helpers for tests that act on the books like a clerk would."""
from __future__ import annotations

import datetime as dt

from assetdesk.services.vouchers import LineInput, VoucherInput


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_tenant(books) -> int:
    """The counterparty 测试租户: named on lines of accounts that carry 往来单位 (112) when a test
    does not name one itself."""
    for row in books.org.list_counterparties():
        if row.name == "测试租户":
            return row.id
    from assetdesk.services.org import CounterpartyInput

    return books.org.add_counterparty(CounterpartyInput("测试租户", "单位", roles=("承租方",))).id


def line(books, code: str, fen: int, **aux) -> LineInput:
    """A signed line (debit positive); 112 lines name 测试租户 unless ``aux`` names a counterparty."""
    if code.startswith("112") and "counterparty_id" not in aux:
        aux["counterparty_id"] = test_tenant(books)
    return LineInput.debit(code, fen, **aux) if fen >= 0 else LineInput.credit(code, -fen, **aux)


def post(books, on: str, summary: str, *lines: tuple[str, int]):
    """``post(books, "2025-01-05", "收租金", ("10201", 500_00), ("50101", -500_00))`` — signed fen, debit positive."""
    items = [line(books, code, fen) for code, fen in lines]
    return books.vouchers.create_and_post(VoucherInput(day(on), summary, items))


def draft(books, on: str, summary: str, *lines: tuple[str, int]):
    items = [LineInput.debit(code, fen) if fen >= 0 else LineInput.credit(code, -fen) for code, fen in lines]
    return books.vouchers.save_draft(VoucherInput(day(on), summary, items))


def rent_account(books) -> str:
    """The 租金收入 sub-account under 501 (created on first use)."""
    for row in books.accounts.list_accounts():
        if row.parent_code == "501" and row.name == "租金收入":
            return row.code
    return books.accounts.add_sub_account("501", "租金收入").code


def chart_with(books, *accounts: tuple[str, str]) -> None:
    """Sub-accounts ``(code, name)`` as a test needs them. New books already have some (10201 基本存款户,
    21101 押金, 50101 租金收入, 50102 物业服务收入, 51301 干部报酬): one of that code is renamed, a missing
    one is added."""
    existing = {row.code: row.name for row in books.accounts.list_accounts()}
    for code, name in accounts:
        if code not in existing:
            books.accounts.add_sub_account(code[:-2], name, code)
        elif existing[code] != name:
            books.accounts.rename(code, name)

"""资产负债表 and 收益及收益分配表 (DOMAIN §3.2): hand-computed figures, year-end, and both sides agreeing."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdesk.periods import Period
from assetdesk.services.chart import CHART_2023, DEFAULT_SUB_ACCOUNTS
from tests.helpers import post, rent_account

OPENINGS = {"101": 1_000_00, "10201": 50_000_00, "151": 20_000_00, "152": -5_000_00, "11301": 300_00,
            "11302": -200_00, "21101": -1_100_00, "301": -65_000_00}


def internal_accounts(books) -> tuple[str, str]:
    """Two 内部往来 sub-accounts (created once per database)."""
    existing = {r.name: r.code for r in books.accounts.list_accounts() if r.parent_code == "113"}
    return tuple(existing.get(name) or books.accounts.add_sub_account("113", name).code
                 for name in ("一组", "二组"))


def quarter(books):
    """Opening balances and a quarter: rent, a receivable, an expense, internal dealings, stock."""
    internal_accounts(books)
    rent = rent_account(books)
    books.accounts.set_opening_balances(OPENINGS)
    post(books, "2025-01-05", "收租金", ("10201", 12_000_00), (rent, -12_000_00))
    post(books, "2025-02-10", "付办公费", ("51301", 2_000_00), ("10201", -2_000_00))
    post(books, "2025-02-15", "应收租金", ("112", 3_000_00), (rent, -3_000_00))
    post(books, "2025-03-01", "收二组往来款", ("10201", 500_00), ("11302", -500_00))
    post(books, "2025-03-05", "购物资", ("121", 800_00), ("401", 200_00), ("10201", -1_000_00))
    return books


def figures(sheet, attr: str) -> dict[str, int]:
    return {line.label: getattr(line, attr) for line in sheet.lines}


def test_balance_sheet_hand_computed(books):
    sheet = quarter(books).statements.balance_sheet("2025-03")
    end, start = figures(sheet, "closing_fen"), figures(sheet, "year_start_fen")
    assert end["货币资金"] == 60_500_00 and start["货币资金"] == 51_000_00
    assert end["应收款项"] == 3_300_00 and start["应收款项"] == 300_00  # 112 + 113 debit side only
    assert end["存货"] == 1_000_00 and end["流动资产合计"] == 64_800_00
    assert (end["固定资产原值"], end["减：累计折旧"], end["固定资产净值"]) == (20_000_00, 5_000_00, 15_000_00)
    assert end["非流动资产合计"] == 15_000_00 and end["资产总计"] == 79_800_00
    assert end["应付款项"] == 1_800_00 and start["应付款项"] == 1_300_00  # 211 + 113 credit side
    assert end["负债合计"] == 1_800_00
    assert end["资本"] == 65_000_00 and end["未分配收益"] == 13_000_00 and start["未分配收益"] == 0
    assert end["所有者权益合计"] == 78_000_00
    assert end["负债和所有者权益总计"] == 79_800_00 and start["负债和所有者权益总计"] == 66_300_00
    assert start["资产总计"] == 66_300_00
    assert sheet.balanced
    assert sheet.assets_total.label == "资产总计"
    assert sheet.liabilities_equity_total.label == "负债和所有者权益总计"
    assert {line.side for line in sheet.side("asset")} == {"asset"}
    assert sheet.line("货币资金").code_note == "101+102"


def test_internal_account_without_sub_accounts_splits_by_its_own_sign(books):
    books.accounts.set_opening_balances({"113": -400_00, "10201": 400_00})
    sheet = books.statements.balance_sheet("2025-01")
    assert sheet.line("应收款项").closing_fen == 0
    assert sheet.line("应付款项").closing_fen == 400_00
    assert sheet.balanced


def test_income_statement_month_and_year(books):
    quarter(books)
    feb = books.statements.income_statement("2025-02")
    assert (feb.line("经营收入").month_fen, feb.line("经营收入").ytd_fen) == (3_000_00, 15_000_00)
    assert (feb.line("管理费用").month_fen, feb.line("管理费用").ytd_fen) == (2_000_00, 2_000_00)
    assert (feb.line("经营收益").month_fen, feb.line("经营收益").ytd_fen) == (1_000_00, 13_000_00)
    march = books.statements.income_statement("2025-03")
    assert march.line("经营收入").month_fen == 0 and march.line("经营收入").ytd_fen == 15_000_00
    assert march.line("净收益").ytd_fen == 13_000_00
    assert march.line("年末未分配收益").ytd_fen == 13_000_00
    assert march.line("加：年初未分配收益").month_fen is None


def test_income_statement_every_class_of_income_and_expense(books):
    for code, fen in (("502", -100_00), ("503", -2_000_00), ("504", -50_00)):
        post(books, "2025-01-10", "收入", ("10201", -fen), (code, fen))
    for code, fen in (("511", 300_00), ("512", 20_00), ("514", 400_00), ("515", 30_00), ("521", 10_00)):
        post(books, "2025-01-11", "支出", (code, fen), ("10201", -fen))
    ytd = {line.label: line.ytd_fen for line in books.statements.income_statement("2025-01").lines}
    assert ytd["经营收益"] == 100_00 - 300_00 - 20_00
    assert ytd["收益总额"] == -220_00 + 2_000_00 + 50_00 - 400_00 - 30_00
    assert ytd["净收益"] == 1_400_00 - 10_00
    assert ytd["其他转入"] == 0


def year_with_closing(books, distribution: int):
    rent = rent_account(books)
    books.accounts.set_opening_balances({"10201": 10_000_00, "32202": -10_000_00})
    post(books, "2025-03-01", "收租金", ("10201", 10_000_00), (rent, -10_000_00))
    post(books, "2025-06-01", "维修", ("511", 2_500_00), ("10201", -2_500_00))
    post(books, "2025-12-01", "补助", ("10201", 1_000_00), ("503", -1_000_00))
    if distribution:
        post(books, "2025-12-20", "分配", ("32201", distribution), ("10201", -distribution))
    before = books.statements.balance_sheet("2025-12")
    books.periods.close_year(2025)
    return before


def test_december_statement_survives_year_end_closing(books):
    before = year_with_closing(books, 0)
    december = books.statements.income_statement("2025-12")
    assert december.line("经营收入").ytd_fen == 10_000_00
    assert december.line("加：补助收入").month_fen == 1_000_00
    assert december.line("净收益").ytd_fen == 8_500_00
    assert december.line("加：年初未分配收益").ytd_fen == 10_000_00
    assert december.line("可分配收益").ytd_fen == 18_500_00
    closing_32202 = -books.ledger.balance("32202", Period(2025, 12))
    assert december.line("年末未分配收益").ytd_fen == closing_32202 == 18_500_00
    after = books.statements.balance_sheet("2025-12")
    assert after.balanced
    assert figures(after, "closing_fen") == figures(before, "closing_fen")


def test_distributions_reduce_year_end_undistributed(books):
    year_with_closing(books, 3_000_00)
    december = books.statements.income_statement("2025-12")
    assert december.line("减：各项分配").ytd_fen == 3_000_00
    assert december.line("减：各项分配").month_fen == 3_000_00
    assert december.line("年末未分配收益").ytd_fen == 15_500_00 == -books.ledger.balance("322", Period(2025, 12))
    assert books.statements.balance_sheet("2025-12").line("未分配收益").closing_fen == 15_500_00


def test_next_year_starts_from_last_years_closing(books):
    year_with_closing(books, 0)
    post(books, "2026-01-05", "收租金", ("10201", 100_00), (rent_account(books), -100_00))
    december = books.statements.balance_sheet("2025-12")
    january = books.statements.balance_sheet("2026-01")
    for line in january.lines:
        assert line.year_start_fen == december.line(line.label).closing_fen, line.label
    assert january.line("未分配收益").closing_fen == 18_600_00
    next_year = books.statements.income_statement("2026-01")
    assert next_year.line("加：年初未分配收益").ytd_fen == 18_500_00
    assert next_year.line("经营收入").ytd_fen == 100_00


# --- property: both sides agree to the fen --------------------------------------------------------
_SUBS = tuple(code for code, _name in DEFAULT_SUB_ACCOUNTS)
_PARENTS = {"113"} | {code[:3] for code in _SUBS}
LEAVES = tuple(code for code, *_ in CHART_2023 if code not in _PARENTS) + _SUBS
line_strategy = st.tuples(st.sampled_from(LEAVES + ("11301", "11302")),
                          st.integers(min_value=-10**8, max_value=10**8).filter(bool))
voucher_strategy = st.tuples(st.integers(min_value=1, max_value=6),
                             st.lists(line_strategy, min_size=1, max_size=4),
                             st.sampled_from(LEAVES + ("11301", "11302")))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=-10**7, max_value=10**7), st.lists(voucher_strategy, min_size=1, max_size=8))
def test_property_balance_sheet_sides_always_agree(books, opening, vouchers):
    first, second = internal_accounts(books)
    codes = {"11301": first, "11302": second}
    books.accounts.set_opening_balances({first: opening, "10201": 5_000_00, "301": -5_000_00 - opening})
    for month, lines, balancing in vouchers:
        signed = [(codes.get(code, code), fen) for code, fen in lines]
        rest = -sum(fen for _, fen in signed)
        if rest:
            signed.append((codes.get(balancing, balancing), rest))
        if len(signed) >= 2:
            post(books, f"2025-{month:02d}-10", "随机业务", *signed)
    for month in range(1, 7):
        sheet = books.statements.balance_sheet(f"2025-{month:02d}")
        assert sheet.assets_total.year_start_fen == sheet.liabilities_equity_total.year_start_fen
        assert sheet.assets_total.closing_fen == sheet.liabilities_equity_total.closing_fen
        statement = books.statements.income_statement(f"2025-{month:02d}")
        # before year-end closing, 未分配收益 grows by exactly the year's 净收益 less distributions
        assert (sheet.line("未分配收益").closing_fen - sheet.line("未分配收益").year_start_fen
                == statement.line("年末未分配收益").ytd_fen - statement.line("加：年初未分配收益").ytd_fen
                - statement.line("其他转入").ytd_fen + _undistributed_drift(books, month))


def _undistributed_drift(books, month: int) -> int:
    """Postings to 321 and to 32202 itself move 未分配收益 on the sheet but are not income."""
    return -sum(books.ledger.balance(code, Period(2025, month)) - books.ledger.balance(code, Period(2024, 12))
                for code in ("321", "32202"))


def test_statements_are_reachable_from_books(books):
    assert books.statements.balance_sheet(Period(2025, 1)).period == Period(2025, 1)
    assert dt.date(2025, 1, 31) == books.statements.income_statement("2025-01").period.last_day

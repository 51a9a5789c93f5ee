"""What a printed report covers and refuses: ranges, years in progress, months outside the books,
the accounts each book takes, and the notes an auditor must see (DOMAIN §3.2, §9)."""
from __future__ import annotations

import datetime as dt

import pytest

from assetdesk.errors import AssetDeskError
from assetdesk.pdf import build_report
from tests.helpers import post, rent_account

PRINTED = dt.date(2025, 4, 1)


@pytest.fixture
def quarter(books):
    """Opening balances (cash, bank, capital, fixed assets) and rent and expenses over a quarter."""
    rent = rent_account(books)
    books.accounts.set_opening_balances({"101": 1_000_00, "10201": 50_000_00, "151": 36_000_00,
                                         "301": -87_000_00})
    post(books, "2025-01-05", "收一月租金", ("101", 1_000_00), (rent, -1_000_00))
    post(books, "2025-02-05", "收二月租金", ("101", 2_000_00), (rent, -2_000_00))
    post(books, "2025-02-20", "付办公费", ("51301", 300_00), ("101", -300_00))
    post(books, "2025-03-05", "收三月租金", ("101", 4_000_00), (rent, -4_000_00))
    return books


def test_income_statement_over_a_quarter_prints_the_quarter_as_the_period_column(quarter, tmp_path, read_pdf):
    text = read_pdf(build_report(quarter, "income-statement", tmp_path / "is.pdf", period="2025-02~2025-03",
                                 printed_on=PRINTED))
    assert "2025年2月—3月" in text and "本期数" in text and "本月数" not in text
    assert "6,000.00" in text  # rent of February and March
    assert "7,000.00" in text  # 本年累计 from January


def test_income_statement_of_one_month_keeps_the_month_column(quarter, tmp_path, read_pdf):
    text = read_pdf(build_report(quarter, "income-statement", tmp_path / "is.pdf", period="2025-03",
                                 printed_on=PRINTED))
    assert "本月数" in text and "4,000.00" in text and "7,000.00" in text


def test_income_statement_across_two_years_is_refused(quarter, tmp_path):
    with pytest.raises(AssetDeskError, match="同一年度"):
        quarter.statements.income_statement("2026-02", first="2025-12")


@pytest.mark.parametrize("period, message", [("2024-12", "启用"), ("2025-07", "还没有账")])
def test_months_outside_the_books_are_refused(quarter, tmp_path, period, message):
    with pytest.raises(AssetDeskError, match=message):
        build_report(quarter, "trial-balance", tmp_path / "tb.pdf", period=period, printed_on=PRINTED)
    assert not (tmp_path / "tb.pdf").exists()


def test_balance_sheet_of_a_year_in_progress_is_dated_at_the_last_month(quarter, tmp_path, read_pdf):
    text = read_pdf(build_report(quarter, "balance-sheet", tmp_path / "bs.pdf", year=2025, printed_on=PRINTED))
    assert "2025年3月31日" in text and "12月31日" not in text  # the last month the books hold


def test_journal_refuses_an_account_that_keeps_no_journal(quarter, tmp_path):
    with pytest.raises(AssetDeskError, match="不是现金或银行存款科目"):
        build_report(quarter, "journal", tmp_path / "j.pdf", period="2025-01", account="112", printed_on=PRINTED)


def test_account_option_is_refused_where_a_report_is_not_by_account(quarter, tmp_path):
    with pytest.raises(AssetDeskError, match="--account 只用于"):
        build_report(quarter, "trial-balance", tmp_path / "tb.pdf", period="2025-01", account="101",
                     printed_on=PRINTED)


def test_all_accounts_ledger_includes_accounts_with_a_balance_but_no_postings(quarter, tmp_path, read_pdf):
    text = read_pdf(build_report(quarter, "ledger", tmp_path / "l.pdf", period="2025-03", printed_on=PRINTED))
    for heading in ("科目：151 固定资产", "科目：301 资本", "科目：101 库存现金"):
        assert heading in text, heading
    assert "36,000.00" in text and "87,000.00" in text
    assert "科目：112 应收款" not in text  # neither postings nor a balance


def close_quarter(books):
    """January to March closed: April is the current period, still without postings."""
    for month in ("2025-01", "2025-02", "2025-03"):
        books.periods.close(month)


def test_ledger_of_a_month_without_postings_still_lists_the_balances(quarter, tmp_path, read_pdf):
    close_quarter(quarter)
    text = read_pdf(build_report(quarter, "ledger", tmp_path / "l.pdf", period="2025-04", printed_on=PRINTED))
    assert "科目：101 库存现金" in text and "7,700.00" in text  # 1,000 + 7,000 rent − 300
    assert "本期无发生额" not in text


def test_vouchers_of_an_empty_month_print_a_headed_page(quarter, tmp_path, read_pdf):
    close_quarter(quarter)
    text = read_pdf(build_report(quarter, "vouchers", tmp_path / "v.pdf", period="2025-04", printed_on=PRINTED))
    for needle in ("记账凭证", "编制单位：兰花社区", "2025年4月", "单位：元", "2025年4月无记账凭证"):
        assert needle in text, needle


def test_voucher_slips_carry_the_supervisor_box(quarter, tmp_path, read_pdf):
    text = read_pdf(build_report(quarter, "vouchers", tmp_path / "v.pdf", period="2025-01", printed_on=PRINTED))
    for role in ("会计主管", "记账", "审核", "出纳", "制单"):
        assert role in text, role


def test_profit_and_loss_ledger_carries_the_year_to_date_across_pages(books, tmp_path, read_pdf):
    """会计基础工作规范 §61: an account that keeps 本年累计 carries the year's totals to the next page."""
    rent = rent_account(books)
    post(books, "2025-01-10", "收一月租金", ("101", 5_000_00), (rent, -5_000_00))
    for n in range(1, 61):
        post(books, f"2025-02-{n % 28 + 1:02d}", f"收租金第{n}笔", ("101", 100_00), (rent, -100_00))
    pages = read_pdf.pages(build_report(books, "ledger", tmp_path / "l.pdf", period="2025-02", account=rent,
                                        printed_on=PRINTED))
    month_to_date = f"{100 * pages[0].count('收租金第'):,}.00"
    assert "过次页" in pages[0] and month_to_date not in pages[0]  # carried: January's 5,000 + the page
    assert f"{5_000 + 100 * pages[0].count('收租金第'):,}.00" in pages[1].split("收租金第")[0]  # 承前页
    cash_pages = read_pdf.pages(build_report(books, "ledger", tmp_path / "c.pdf", period="2025-02", account="101",
                                             printed_on=PRINTED))
    assert f"{100 * cash_pages[0].count('收租金第'):,}.00" in cash_pages[0]  # cash carries the month to date


def test_new_year_reports_say_when_last_years_closing_is_still_to_do(books, tmp_path, read_pdf):
    rent = rent_account(books)
    books.accounts.set_opening_balances({"101": 1_000_00, "301": -1_000_00})
    post(books, "2025-06-05", "收租金", ("101", 4_000_00), (rent, -4_000_00))
    post(books, "2026-01-05", "收租金", ("101", 1_000_00), (rent, -1_000_00))
    printed = dt.date(2026, 1, 20)
    sheet = books.statements.balance_sheet("2026-01")
    statement = books.statements.income_statement("2026-01")
    assert statement.line("加：年初未分配收益").ytd_fen == sheet.line("未分配收益").year_start_fen == 4_000_00
    for name in ("trial-balance", "balance-sheet", "income-statement"):
        text = read_pdf(build_report(books, name, tmp_path / f"{name}.pdf", period="2026-01", printed_on=printed))
        assert "2025年度尚未年终结转" in text, name
    books.periods.close_year(2025)
    assert books.statements.income_statement("2026-01").line("加：年初未分配收益").ytd_fen == 4_000_00
    text = read_pdf(build_report(books, "trial-balance", tmp_path / "tb2.pdf", period="2026-01", printed_on=printed))
    assert "尚未年终结转" not in text


def test_a_renumbered_historical_voucher_prints_its_paper_number(books, tmp_path, read_pdf):
    """Paper 记-0001 and 记-0004 (two and three voided): the books number them 1 and 2, and the
    slip of the second says which paper voucher it is."""
    from assetdesk.services.vouchers import LineInput, VoucherInput

    rent = rent_account(books)
    items = [VoucherInput(dt.date(2025, 1, day), f"收租金{day}", [LineInput.debit("101", 100_00), LineInput.credit(rent, 100_00)])
             for day in (5, 20)]
    books.vouchers.import_vouchers(items, papers=[("记", 1), ("记", 4)])
    text = read_pdf(build_report(books, "vouchers", tmp_path / "v.pdf", period="2025-01", printed_on=PRINTED))
    assert "原凭证号 记-0004" in text and "记-0002" in text
    assert "原凭证号 记-0001" not in text  # kept its number

"""A printed report's data as a worksheet: the same figures the preview shows."""
import openpyxl

from assetdesk.excel.report_sheets import REPORT_SHEETS, export_report
from assetdesk.periods import Period
from tests.helpers import chart_with, post, rent_account


def test_every_book_report_has_a_sheet_and_the_bank_journal_carries_its_figures(books, tmp_path):
    from assetdesk.pdf import REPORTS

    assert set(REPORT_SHEETS) == set(REPORTS) - {"month-books"}  # a binding of the others, each exported on its own
    rent = rent_account(books)
    post(books, "2025-01-05", "收租金", ("10201", 1_234_50), (rent, -1_234_50))
    path = export_report(books, "journal", tmp_path / "bank.xlsx", Period(2025, 1), Period(2025, 1), "bank")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("兰花社区") and "银行存款日记账（2025年1月）" in rows[0][0]
    line = next(r for r in rows if r[2] == "收租金")
    assert (line[1], float(line[3]), line[5]) == ("记-0001", 1234.5, "借")
    ledger = export_report(books, "ledger", tmp_path / "all.xlsx", Period(2025, 1), Period(2025, 1))
    codes = {r[0] for r in openpyxl.load_workbook(ledger).active.iter_rows(min_row=4, values_only=True)}
    assert {"10201", rent} <= codes


def test_statements_as_sheets_carry_the_totals(books, tmp_path):
    rent = rent_account(books)
    books.accounts.set_opening_balances({"10201": 10_000_00, "301": -10_000_00})
    post(books, "2025-02-05", "收租金", ("10201", 1_234_50), (rent, -1_234_50))
    path = export_report(books, "balance-sheet", tmp_path / "bs.xlsx", Period(2025, 1), Period(2025, 2))
    rows = {r[1]: r for r in openpyxl.load_workbook(path).active.iter_rows(min_row=4, values_only=True) if r[1]}
    assert float(rows["资产总计"][4]) == float(rows["负债和所有者权益总计"][4]) == 11234.5
    assert rows["资产总计"][2] and rows["短期借款"][3] is None  # 行次 as printed; a zero is left blank
    income = export_report(books, "income-statement", tmp_path / "is.xlsx", Period(2025, 2), Period(2025, 2))
    lines = {r[0]: r for r in openpyxl.load_workbook(income).active.iter_rows(min_row=4, values_only=True) if r[0]}
    assert lines["经营收入"][1] == 1 and float(lines["经营收入"][2]) == 1234.5
    assert lines["加：投资收益"][2] is None


def test_journal_sheet_without_an_account_holds_cash_and_bank(books, tmp_path):
    rent = rent_account(books)
    post(books, "2025-01-05", "收现金租金", ("101", 100_00), (rent, -100_00))
    post(books, "2025-01-06", "收银行租金", ("10201", 200_00), (rent, -200_00))
    path = export_report(books, "journal", tmp_path / "both.xlsx", Period(2025, 1), Period(2025, 1))
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert "现金日记账、银行存款日记账" in rows[0][0]
    summaries = {(r[0], r[4]) for r in rows[3:]}
    assert ("101", "收现金租金") in summaries and ("102", "收银行租金") in summaries
    day_total = next(r for r in rows[3:] if r[0] == "101" and r[4] == "本日合计")
    assert day_total[2].date().isoformat() == "2025-01-05" and float(day_total[5]) == 100  # dated, as printed


def test_the_vouchers_sheet_of_a_range_holds_those_months_only(books, tmp_path):
    rent = rent_account(books)
    for month in (1, 2, 3):
        post(books, f"2025-0{month}-05", f"收{month}月租金", ("10201", 100_00 * month), (rent, -100_00 * month))
    path = export_report(books, "vouchers", tmp_path / "v.xlsx", Period(2025, 2), Period(2025, 3))
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0].endswith("凭证（2025年2月—3月）")
    assert {r[2] for r in rows[3:]} == {"收2月租金", "收3月租金"}  # not January, not the whole year
    from assetdesk.excel import export_file

    again = export_file(books, "vouchers", tmp_path / "v2.xlsx", period="2025-02~2025-03")  # the CLI's range
    assert list(openpyxl.load_workbook(again).active.iter_rows(values_only=True)) == rows


def test_sheets_are_named_and_headed_as_the_printed_books(books, tmp_path):
    chart_with(books, ("10201", "基本存款户"))
    rent = rent_account(books)
    post(books, "2025-01-05", "收租金", ("10201", 200_00), (rent, -200_00))
    bank = openpyxl.load_workbook(export_report(books, "journal", tmp_path / "j.xlsx", Period(2025, 1), Period(2025, 1), "10201"))
    assert bank.active.title == "银行存款日记账" and "银行存款日记账 10201" in bank.active["A1"].value
    assert [cell.value for cell in bank.active[3]][5] == "借或贷"
    ledger = openpyxl.load_workbook(export_report(books, "ledger", tmp_path / "l.xlsx", Period(2025, 1), Period(2025, 1), "10201"))
    assert ledger.active.title == "明细分类账 10201" and ledger.active["A1"].value.endswith("（2025年1月）")
    sheet = openpyxl.load_workbook(export_report(books, "balance-sheet", tmp_path / "b.xlsx", Period(2025, 1), Period(2025, 1)))
    assert sheet.active["A1"].value.endswith("资产负债表（2025年1月31日）")
    vouchers = export_report(books, "vouchers", tmp_path / "v.xlsx", Period(2025, 1), Period(2025, 1))
    lines = list(openpyxl.load_workbook(vouchers).active.iter_rows(min_row=4, values_only=True))
    assert [(line[5], line[6]) for line in lines] == [(200, None), (None, 200)]  # the empty side blank

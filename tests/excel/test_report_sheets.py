"""A printed report's data as a worksheet: the same figures the preview shows."""
import openpyxl

from assetdesk.excel.report_sheets import REPORT_SHEETS, export_report
from assetdesk.periods import Period
from tests.helpers import post, rent_account


def test_every_book_report_has_a_sheet_and_the_bank_journal_carries_its_figures(books, tmp_path):
    assert set(REPORT_SHEETS) == {"trial-balance", "ledger", "journal", "vouchers", "chart"}
    rent = rent_account(books)
    post(books, "2025-01-05", "收租金", ("102", 1_234_50), (rent, -1_234_50))
    path = export_report(books, "journal", tmp_path / "bank.xlsx", Period(2025, 1), Period(2025, 1), "bank")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("兰花社区") and "银行存款日记账（2025年1月）" in rows[0][0]
    line = next(r for r in rows if r[2] == "收租金")
    assert (line[1], float(line[3]), line[5]) == ("记-0001", 1234.5, "借")
    ledger = export_report(books, "ledger", tmp_path / "all.xlsx", Period(2025, 1), Period(2025, 1))
    codes = {r[0] for r in openpyxl.load_workbook(ledger).active.iter_rows(min_row=4, values_only=True)}
    assert {"102", rent} <= codes

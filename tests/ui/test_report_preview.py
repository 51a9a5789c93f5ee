"""打印预览: the report PDF on screen, 打印 to a (PDF) printer, 另存为PDF and 导出Excel."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from tests.helpers import post, rent_account
from tests.ui.dialog_patches import save_as
from ui.dialogs.report_preview_dialog import ReportPreviewDialog, preview_report

PRINTED_ON = dt.date(2025, 3, 15)


@pytest.fixture
def posted(books):
    rent = rent_account(books)
    post(books, "2025-01-05", "收1号铺租金", ("10201", 1_234_50), (rent, -1_234_50))
    post(books, "2025-01-20", "提取备用金", ("101", 500_00), ("10201", -500_00))
    return books


def open_preview(qtbot, books, name, **options):
    dialog = ReportPreviewDialog(books, name, printed_on=PRINTED_ON, **options)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.worker.done, timeout=15000)
    return dialog


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def test_trial_balance_preview_shows_pages_and_saves_a_pdf(qtbot, posted, tmp_path, monkeypatch, saved_messages,
                                                           shown_errors):
    dialog = open_preview(qtbot, posted, "trial-balance", period="2025-01")
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.page_count() >= 1
    assert dialog.page_label.text() == f"第 1 / {dialog.page_count()} 页"
    assert dialog.from_picker.period().key == dialog.to_picker.period().key
    assert dialog.windowTitle() == "科目余额表 — 打印预览"

    target = tmp_path / "余额表.pdf"
    save_as(monkeypatch, target)
    assert dialog.save_pdf() == target
    text = pdf_text(target)
    assert "科目余额表" in text and "兰花社区" in text and "2025年1月" in text
    assert saved_messages == [f"已导出到 {target}"]
    assert shown_errors == []


def test_zoom_and_refresh_with_another_range(qtbot, posted, shown_errors):
    dialog = open_preview(qtbot, posted, "trial-balance")
    dialog.zoom(1.25)
    assert dialog.zoom_label.text().endswith("%") and dialog.fit_button.isEnabled()
    dialog.fit_width()
    assert dialog.zoom_label.text() == "适合宽度"
    first_file = dialog.pdf_path
    post(posted, "2025-03-05", "收三月租金", ("101", 100_00), ("301", -100_00))  # the books reach March
    dialog.from_picker.set_period("2025-01")
    dialog.to_picker.set_period("2025-03")
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.worker.done, timeout=15000)
    assert dialog.pdf_path != first_file and not first_file.exists()
    assert "2025年1月—3月" in pdf_text(dialog.pdf_path)
    assert shown_errors == []


def test_bad_range_is_refused_in_chinese(qtbot, posted, shown_errors):
    dialog = open_preview(qtbot, posted, "trial-balance")
    dialog.from_picker.set_period("2025-03")
    dialog.to_picker.set_period("2025-01")
    dialog.refresh()
    assert shown_errors and "晚于" in shown_errors[0][0].message


def test_print_renders_every_page_to_the_printer(qtbot, posted, tmp_path, monkeypatch, shown_errors):
    dialog = open_preview(qtbot, posted, "ledger", period="2025-01", account="102")
    out = tmp_path / "printed.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert dialog.print_report(printer) is True
    assert out.exists() and out.stat().st_size > 0
    assert len(pypdf.PdfReader(str(out)).pages) == dialog.page_count()
    assert shown_errors == []


def test_print_cancelled_prints_nothing(qtbot, posted, tmp_path, monkeypatch):
    dialog = open_preview(qtbot, posted, "chart")
    out = tmp_path / "never.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert dialog.print_report(printer) is False
    assert not out.exists()


def test_trial_balance_exports_to_excel(qtbot, posted, tmp_path, monkeypatch, saved_messages, shown_errors):
    dialog = open_preview(qtbot, posted, "trial-balance", period="2025-01")
    target = tmp_path / "余额表.xlsx"
    save_as(monkeypatch, target)
    assert dialog.export_excel() == target
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert "科目余额表" in rows[0][0]
    bank = next(row for row in rows if row[0] == "102")
    assert Decimal(str(bank[4])) == Decimal("1234.50")
    assert shown_errors == []


def test_ledger_of_one_account_exports_its_entries(qtbot, posted, tmp_path, monkeypatch, saved_messages):
    dialog = open_preview(qtbot, posted, "ledger", period="2025-01", account="102")
    assert dialog.account() == "102"
    target = tmp_path / "明细账.xlsx"
    save_as(monkeypatch, target)
    dialog.export_excel()
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[2] == ("日期", "凭证号", "摘要", "借方", "贷方", "借或贷", "余额")  # as the printed book heads it
    summaries = [row[2] for row in rows[3:]]
    assert summaries[:3] == ["上年结转", "收1号铺租金", "提取备用金"]
    assert "本月合计" in summaries


def test_journal_defaults_to_cash_and_vouchers_need_a_month_or_year(qtbot, posted):
    journal = open_preview(qtbot, posted, "journal", period="2025-01")
    assert journal.account() == "cash"
    assert "现金" in journal.account_combo.currentText()
    vouchers = open_preview(qtbot, posted, "vouchers", period="2025-01~2025-02")
    assert not vouchers.excel_button.isEnabled()
    vouchers.to_picker.set_period("2025-01")
    assert vouchers.excel_supported()


def test_preview_report_opens_a_non_blocking_dialog(qtbot, posted):
    dialog = preview_report(None, posted, "chart")  # deletes itself when closed
    qtbot.waitUntil(lambda: dialog.worker.done and dialog.page_count() > 0, timeout=15000)
    assert dialog.isVisible()
    assert not dialog.from_picker.isVisibleTo(dialog)  # the chart has no period
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        dialog.close()


def test_month_books_preview_saves_one_pdf_and_explains_why_there_is_no_excel(qtbot, posted, tmp_path, monkeypatch,
                                                                               saved_messages, shown_errors):
    dialog = open_preview(qtbot, posted, "month-books", period="2025-01")
    assert dialog.windowTitle() == "全部账簿 — 打印预览"
    assert dialog.page_count() >= 7  # one or more pages per book
    assert not dialog.excel_button.isEnabled() and "分别导出Excel" in dialog.excel_button.toolTip()
    target = tmp_path / "一月账簿.pdf"
    save_as(monkeypatch, target)
    assert dialog.save_pdf() == target
    outline = [item.title for item in pypdf.PdfReader(str(target)).outline]
    assert outline[0] == "记账凭证" and outline[-1] == "收益及收益分配表"
    assert "收1号铺租金" in pdf_text(target) and shown_errors == []


def test_a_range_beyond_the_books_is_printed_as_far_as_they_go_and_said_so(qtbot, posted, shown_errors):
    dialog = open_preview(qtbot, posted, "trial-balance")
    dialog.from_picker.set_period("2025-01")
    dialog.to_picker.set_period("2025-03")
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.worker.done, timeout=15000)
    assert not dialog.range_note.isHidden() and "账内只有2025年1月的账" in dialog.range_note.text()
    assert "2025年1月" in pdf_text(dialog.pdf_path) and shown_errors == []


def test_the_journal_offers_only_cash_and_bank_accounts(qtbot, posted):
    journal = open_preview(qtbot, posted, "journal", period="2025-01")
    codes = [journal.account_combo.itemData(n) for n in range(journal.account_combo.count())]
    assert "cash" in codes and "bank" in codes
    assert all(str(code).startswith(("101", "102")) for code in codes if code not in ("cash", "bank"))

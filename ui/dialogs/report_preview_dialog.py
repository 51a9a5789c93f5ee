"""打印预览 of a book report: the PDF ``assetdesk.pdf.build_report`` prints, on screen.

``preview_report(parent, books, name, **options) -> ReportPreviewDialog`` opens the preview
(non-blocking) for a report name of ``assetdesk.pdf.REPORTS`` ("trial-balance", "ledger",
"journal", "vouchers", "chart"); options are those of ``ReportPreviewDialog``. A page's 打印::

    def on_print(self):
        preview_report(self, self.books, "ledger", period=self.period, account=self.account_code)

The PDF is built in the background worker (long ledgers) into a temporary file, shown with
``QPdfView`` (all pages, 适合宽度 / 放大 / 缩小, 第 N / M 页), and the toolbar offers 打印
(``ui.printing``), 另存为PDF (a copy of the very file shown) and 导出Excel when the report's data
fits one sheet. The clerk changes 期间 (a month or a range), the account (明细账 / 日记账 / 辅助余额表 /
辅助明细账) and presses 刷新. The 辅助 reports keep the 辅助核算 and the 往来单位 / 小区 they were
opened with (shown beside the account). Refusals (a bad period, an unknown account) come back as
Chinese messages.
"""
from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.pdf import REPORTS, build_report
from assetdesk.periods import Period
from ui.dialogs.error_dialog import show_error
from ui.widgets.period_picker import PeriodPicker

ACCOUNT_REPORTS = ("ledger", "journal", "aux-balance", "aux-ledger")
PERIOD_REPORTS = ("trial-balance", "ledger", "journal", "vouchers", "balance-sheet", "income-statement",
                  "month-books", "aux-balance", "aux-ledger", "rent-ledger", "arrears")
AUX_REPORTS = ("aux-balance", "aux-ledger")
ZOOM_STEP = 1.25


class ReportPreviewDialog(QDialog):
    """Preview, print, save and export one report. ``report_ready(path)`` after each build.

    ``period``: a ``Period``, "2025-03", "2025-01~2025-03" or a (first, last) pair; ``year``: a
    whole year; neither: the current period. ``account``: the ledger's account code (None: every
    account with postings), the journal's "cash" (default) / "bank" / a code, or the account of an
    辅助 report (None: every account declaring a 辅助核算). ``aux``: an 辅助 report's ``dimension``,
    ``counterparty`` or ``compound`` (an ``AuxRecord``, an id, or a name / code).
    """

    report_ready = Signal(object)

    def __init__(self, books: Any, name: str, parent: QWidget | None = None, period: Any = None,
                 year: int | None = None, account: str | None = None, printed_on: date | None = None, **aux: Any):
        super().__init__(parent)
        self.aux = {key: value for key, value in aux.items() if value is not None and value != ""}
        if name not in REPORTS:
            raise KeyError(name)
        self.books = books
        self.name = name
        self.report_title = self.tr(REPORTS[name][0])
        self.printed_on = printed_on
        self.pdf_path: Path | None = None
        self.worker = None
        self._builds = 0
        self._temp_dir: Path | None = None
        self.setWindowTitle(self.tr("{title} — 打印预览").format(title=self.report_title))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1040, 780)

        self.document = QPdfDocument(self)
        self._build_widgets(account)
        self._set_initial_range(period, year)
        self._build_shortcuts()
        self.document.statusChanged.connect(self._update_pages)
        self.view.pageNavigator().currentPageChanged.connect(self._update_pages)
        self.refresh()

    # --- construction ---------------------------------------------------------------
    def _build_widgets(self, account: str | None) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(self._build_options(account))
        layout.addLayout(self._build_toolbar())

        self.view = QPdfView(self)
        self.view.setObjectName("reportView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setStyleSheet("QPdfView { background: #8a94a0; }")
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("hint")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

    def _build_options(self, account: str | None) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.from_picker = PeriodPicker()
        self.to_picker = PeriodPicker()
        periods = [p.period for p in self.books.periods.list_periods()]
        for picker in (self.from_picker, self.to_picker):
            picker.set_periods(periods)
        self.account_combo = QComboBox()
        self.account_combo.setMinimumContentsLength(18)
        self.account_combo.setMaxVisibleItems(20)
        self._fill_accounts(account)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("按所选期间和科目重新生成（F5）"))
        self.refresh_button.clicked.connect(self.refresh)

        has_period = self.name in PERIOD_REPORTS
        if has_period:
            row.addWidget(QLabel(self.tr("期间")))
            row.addWidget(self.from_picker)
            row.addWidget(QLabel(self.tr("至")))
            row.addWidget(self.to_picker)
        if self.name in ACCOUNT_REPORTS:
            row.addSpacing(12)
            row.addWidget(QLabel(self.tr("科目")))
            row.addWidget(self.account_combo, 1)
        if self.name in AUX_REPORTS:
            self.aux_label = QLabel(self._aux_text())  # 往来单位：李秀英, as the report is printed
            row.addWidget(self.aux_label)
        if has_period or self.name in ACCOUNT_REPORTS:
            row.addWidget(self.refresh_button)
        self.range_note = QLabel()  # says when the months printed are fewer than those chosen
        self.range_note.setObjectName("rangeNote")
        self.range_note.setStyleSheet("color: #b45309;")
        self.range_note.setVisible(False)
        row.addWidget(self.range_note)
        row.addStretch(1)
        return row

    def _fill_accounts(self, account: str | None) -> None:
        combo = self.account_combo
        if self.name == "ledger":
            combo.addItem(self.tr("全部有发生额的科目"), None)
        elif self.name == "journal":
            combo.addItem(self.tr("库存现金日记账"), "cash")
            combo.addItem(self.tr("银行存款日记账"), "bank")
        if self.name in AUX_REPORTS:
            combo.addItem(self.tr("全部设有辅助核算的科目"), None)
            carrying = set(self.books.aux.carrying_accounts())
        if self.name in ACCOUNT_REPORTS:
            for row in self.books.accounts.list_accounts():
                if self.name in AUX_REPORTS and row.code not in carrying:
                    continue  # only an account with a 辅助核算 has a sub-ledger
                if self.name == "journal" and not row.code.startswith(("101", "102")):
                    continue  # only cash and bank keep a 日记账
                combo.addItem(f"{row.code}  {row.full_name or row.name}", row.code)
        wanted = {"101": "cash", "102": "bank"}.get(account, account) if self.name == "journal" else account
        index = combo.findData(wanted)
        if index < 0 and account:
            combo.addItem(str(account), account)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.previous_button = self._tool_button(self.tr("上一页"), lambda: self._go_page(-1))
        self.next_button = self._tool_button(self.tr("下一页"), lambda: self._go_page(1))
        self.page_label = QLabel()
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit_button = self._tool_button(self.tr("适合宽度"), self.fit_width)
        self.zoom_out_button = self._tool_button(self.tr("缩小"), lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_button = self._tool_button(self.tr("放大"), lambda: self.zoom(ZOOM_STEP))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(56)
        self.print_button = self._tool_button(self.tr("打印…"), self.print_report)
        self.print_button.setObjectName("primary")
        self.print_button.setToolTip(self.tr("打印（Ctrl+P）"))
        self.save_button = self._tool_button(self.tr("另存为PDF…"), self.save_pdf)
        self.excel_button = self._tool_button(self.tr("导出Excel…"), self.export_excel)
        self.close_button = self._tool_button(self.tr("关闭"), self.reject)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.fit_button, self.zoom_out_button, self.zoom_in_button, self.zoom_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.save_button, self.excel_button, self.close_button):
            bar.addWidget(widget)
        return bar

    def _tool_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build_shortcuts(self) -> None:
        for keys, slot in ((QKeySequence.StandardKey.Print, self.print_report),
                           (QKeySequence.StandardKey.Save, self.save_pdf),
                           (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(ZOOM_STEP)),
                           (QKeySequence("Ctrl+="), lambda: self.zoom(ZOOM_STEP)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(1 / ZOOM_STEP)),
                           (QKeySequence("Ctrl+0"), self.fit_width),
                           (QKeySequence("F5"), self.refresh)):
            QShortcut(QKeySequence(keys), self, activated=slot)

    def _set_initial_range(self, period: Any, year: int | None) -> None:
        from assetdesk.pdf.scope import PeriodRange

        if year is not None:
            first, last = Period(int(year), 1), Period(int(year), 12)
        elif period is not None:
            scope = PeriodRange.of(period)
            first, last = scope.first, scope.last
        else:
            first = last = self.books.periods.current_period()
        self.from_picker.set_period(first)
        self.to_picker.set_period(last)

    # --- options ---------------------------------------------------------------------
    def period_range(self) -> tuple[Period, Period]:
        """(first, last) chosen; raises ``DateError`` (Chinese) when a typed month is wrong."""
        from assetdesk.pdf.scope import PeriodRange

        first, last = self.from_picker.period(), self.to_picker.period()
        first = first or self.books.periods.current_period()
        scope = PeriodRange(first, last or first)
        return scope.first, scope.last

    def account(self) -> str | None:
        return self.account_combo.currentData() if self.name in ACCOUNT_REPORTS else None

    def _aux_text(self) -> str:
        """What the 辅助 options choose, in words: 辅助核算：小区, 往来单位：李秀英."""
        from assetdesk.dimensions import BY_KEY
        from assetdesk.dimensions import dimension as find_dimension

        parts = []
        if self.aux.get("dimension"):
            try:
                parts.append(self.tr("辅助核算：{0}").format(find_dimension(str(self.aux["dimension"])).label))
            except KeyError:
                parts.append(str(self.aux["dimension"]))
        for key in ("counterparty", "compound"):
            value = self.aux.get(key)
            if value is not None:
                parts.append(f"{BY_KEY[key].label}：{getattr(value, 'name', value)}")
        return "　".join(parts)

    def scope_label(self) -> str:
        from assetdesk.pdf.scope import PeriodRange

        if self.name not in PERIOD_REPORTS:
            return ""
        return PeriodRange(*self.period_range()).label

    # --- building ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Build the PDF again with the chosen options (in the background)."""
        from ui.workers import run_task

        try:
            period = self.period_range() if self.name in PERIOD_REPORTS else None
        except AssetDeskError as exc:
            show_error(self, exc)
            return
        self._builds += 1
        path = self._temp_directory() / f"{self.name}-{self._builds}.pdf"
        books, name, account, printed_on, aux = self.books, self.name, self.account(), self.printed_on, dict(self.aux)

        def work(control):
            built = build_report(books, name, path, period=period, account=account, printed_on=printed_on, **aux)
            control.check_cancelled()
            return built

        self._show_message(self.tr("正在生成{title}…").format(title=self.report_title))
        self._set_actions_enabled(False)
        self.worker = run_task(self, self.tr("正在生成{title}…").format(title=self.report_title), work,
                               on_success=self._on_worker_succeeded, on_error=self._on_worker_failed,
                               on_cancelled=self._on_worker_cancelled)

    def _on_worker_succeeded(self, path: Path) -> None:
        old = self.pdf_path
        self.document.load(str(path))
        if self.document.status() != QPdfDocument.Status.Ready:
            self._show_message(self.tr("报表文件无法显示，请点“刷新”重新生成。"))
            return
        self.pdf_path = Path(path)
        if old is not None and old != self.pdf_path:
            old.unlink(missing_ok=True)
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(), self.view.zoomFactor())
        self._set_actions_enabled(True)
        self._update_pages()
        self._update_scope_note()
        self.report_ready.emit(self.pdf_path)

    def _update_scope_note(self) -> None:
        from assetdesk.pdf.reports import scope_note

        note = ""
        if self.name in PERIOD_REPORTS:
            try:
                note = scope_note(self.books, period=self.period_range())
            except AssetDeskError:
                note = ""
        self.range_note.setText(note)
        self.range_note.setVisible(bool(note))

    def _on_worker_failed(self, exc: BaseException) -> None:
        self._show_message(self.tr("报表未能生成。请调整期间或科目后点“刷新”。"))
        show_error(self, exc)

    def _on_worker_cancelled(self) -> None:
        if self.pdf_path is not None:
            self.stack.setCurrentWidget(self.view)
            self._set_actions_enabled(True)
        else:
            self._show_message(self.tr("已取消。点“刷新”重新生成报表。"))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.save_button, self.previous_button, self.next_button,
                       self.fit_button, self.zoom_in_button, self.zoom_out_button):
            button.setEnabled(enabled)
        self.excel_button.setEnabled(enabled and self.excel_supported())
        self.excel_button.setToolTip("" if self.excel_supported() else self._excel_refusal())

    def _temp_directory(self) -> Path:
        if self._temp_dir is None or not self._temp_dir.is_dir():
            self._temp_dir = Path(tempfile.mkdtemp(prefix="assetdesk-report-"))
        return self._temp_dir

    # --- viewing -----------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0

    def current_page(self) -> int:
        """1-based page shown."""
        return self.view.pageNavigator().currentPage() + 1

    def _update_pages(self, *_args) -> None:
        count = self.page_count()
        self.page_label.setText(self.tr("第 {n} / {m} 页").format(n=self.current_page() if count else 0, m=count))
        self.previous_button.setEnabled(count > 0 and self.current_page() > 1)
        self.next_button.setEnabled(count > 0 and self.current_page() < count)
        self._update_zoom_label()

    def _go_page(self, step: int) -> None:
        target = min(max(self.current_page() - 1 + step, 0), max(self.page_count() - 1, 0))
        self.view.pageNavigator().jump(target, QPointF(), self.view.zoomFactor())

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_zoom_label()

    def zoom(self, factor: float) -> None:
        current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(current * factor, 0.25), 5.0))
        self._update_zoom_label()

    def _effective_zoom(self) -> float:
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.page_count():
            return self.view.zoomFactor()
        points = self.document.pagePointSize(0).width()
        pixels = points / 72 * self.view.logicalDpiX()
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(usable / pixels, 0.25) if pixels else 1.0

    def _update_zoom_label(self) -> None:
        fit = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.zoom_label.setText(self.tr("适合宽度") if fit else f"{round(self.view.zoomFactor() * 100)}%")
        self.fit_button.setEnabled(self.page_count() > 0 and not fit)

    # --- actions -----------------------------------------------------------------------
    def default_file_name(self, suffix: str) -> str:
        from ui.table_export import community_of

        parts = [community_of(self.books), self.report_title, self.scope_label()]
        return " ".join(part for part in parts if part) + suffix

    def print_report(self, printer=None) -> bool:
        """QPrintDialog, then every chosen page to the printer (``ui.printing.print_pdf``)."""
        from ui.printing import print_pdf

        if self.pdf_path is None:
            return False
        return print_pdf(self, self.pdf_path, printer=printer, title=self.default_file_name(""))

    def save_pdf(self) -> Path | None:
        """另存为PDF: a copy of the file on screen."""
        from ui.table_export import PDF_FILTER, ask_save_path, show_saved

        if self.pdf_path is None:
            return None
        target = ask_save_path(self, self.tr("另存为PDF"), self.default_file_name(".pdf"), PDF_FILTER, ".pdf")
        if target is None:
            return None
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            from ui.table_export import _show_write_error

            _show_write_error(self, exc, target)
            return None
        show_saved(self, target)
        return target

    def _excel_refusal(self) -> str:
        from assetdesk.excel.report_sheets import REPORT_SHEETS

        if self.name not in REPORT_SHEETS:
            return self.tr("全部账簿是几本账的合订本，请在各报表中分别导出Excel")
        return self.tr("凭证导出Excel按单月或整年，请选择一个月或1月至12月")

    def excel_supported(self) -> bool:
        from assetdesk.excel.report_sheets import REPORT_SHEETS

        if self.name not in REPORT_SHEETS:
            return False
        if self.name != "vouchers":
            return True
        try:
            first, last = self.period_range()
        except AssetDeskError:
            return False
        return first == last or (first.year == last.year and first.month == 1 and last.month == 12)

    def export_excel(self) -> Path | None:
        """导出Excel of the report's data (``assetdesk.excel.report_sheets.export_report``), in the background."""
        from assetdesk.excel.report_sheets import export_report
        from ui.table_export import ask_save_path, check_writable, show_saved
        from ui.workers import run_task_and_wait

        try:
            first, last = self.period_range()
        except AssetDeskError as exc:
            show_error(self, exc)
            return None
        target = ask_save_path(self, self.tr("导出Excel"), self.default_file_name(".xlsx"))
        if target is None:
            return None
        books, name, account, aux = self.books, self.name, self.account(), dict(self.aux)
        worker = run_task_and_wait(self, self.tr("正在导出Excel…"),
                                   lambda control: export_report(books, name, check_writable(target), first, last, account,
                                                                 **aux),
                                   on_error=lambda exc: _show_error_for_write(self, exc, target))
        if worker.outcome != "succeeded":
            return None
        show_saved(self, target)
        return target

    def done(self, result: int) -> None:
        self._cleanup()
        super().done(result)

    def _cleanup(self) -> None:
        self.document.close()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
        self.pdf_path = None


def _show_error_for_write(parent: QWidget, exc: BaseException, target: Path) -> None:
    from ui.table_export import _show_write_error

    if isinstance(exc, AssetDeskError):
        show_error(parent, exc)
    else:
        _show_write_error(parent, exc, target)


def preview_report(parent: QWidget | None, books: Any, name: str, **options: Any) -> ReportPreviewDialog:
    """Open the preview of report ``name`` (non-blocking; the dialog deletes itself when closed)."""
    dialog = ReportPreviewDialog(books, name, parent, **options)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = ["ReportPreviewDialog", "preview_report"]

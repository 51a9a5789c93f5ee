"""导入导出: Excel exchange with the district (DOMAIN §8) and the printed book reports (§9).

Three groups, each button one clerk intent:

* 从Excel导入 — one row per sheet kind (``assetdesk.excel.KINDS``): 导入… opens the
  ``ImportWizard`` on that kind, 下载模板… saves its blank template.
* 导出到Excel — 科目表, 往来单位及个人, 片区与小区 (``export_file``), 凭证 of a month or a whole
  year (``export_file(books, "vouchers", period=/year=)``), 科目余额表 of a month
  (``export_trial_balance``); written in the background worker, then "已导出到 …".
* 打印报表 — one button per ``assetdesk.pdf.REPORTS`` entry, opening ``preview_report``.

Ctrl+P (the shell's 打印) opens the 科目余额表 preview of the current period.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from ui.pages.base import Page
from ui.widgets.period_picker import PeriodPicker


def _kinds() -> dict:
    """The sheet kinds; openpyxl and calamine load on first use, not at program start."""
    from assetdesk.excel import KINDS

    return KINDS


#: Reports of one document, printed from where the document is (a receipt from 收款), not from this list.
DOCUMENT_REPORTS = ("receipt",)


def _reports() -> dict:
    """The printable reports; reportlab loads on first use, not at program start."""
    from assetdesk.pdf import REPORTS

    return {name: entry for name, entry in REPORTS.items() if name not in DOCUMENT_REPORTS}

#: What each kind is for, shown under its name.
KIND_HINTS = {
    "accounts": "新增或改名明细科目，一级科目按制度预置",
    "opening-balances": "启用账套时各科目的期初借方、贷方余额",
    "counterparties": "承租方、缴费人、收款方等往来单位及个人",
    "compounds": "片区、小区及户数、建筑面积、物业公司",
    "vouchers": "其他软件导出的记账凭证",
}
#: Master-data exports: (kind, button text).
MASTER_EXPORTS = (("accounts", "导出科目表…"), ("counterparties", "导出往来单位…"), ("compounds", "导出小区…"))
REPORT_HINTS = {
    "trial-balance": "各科目期初、本期、本年累计和期末余额",
    "ledger": "按科目逐笔登记，带本月合计、本年累计",
    "journal": "库存现金、银行存款逐日登记",
    "vouchers": "记账凭证，每张A4纸打印两张，带大写金额",
    "chart": "全部会计科目及余额方向",
    "balance-sheet": "资产、负债和所有者权益，年初数与期末数",
    "income-statement": "经营收益、收益总额、净收益及收益分配",
    "month-books": "凭证、日记账、明细账、余额表和报表，月末一次打印",
}


class ExchangePage(Page):
    title = "导入导出"
    icon = "exchange"

    def __init__(self, books: Any, bridge: Any, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("exchangeBody")
        scroll.setWidget(body)
        layout.addWidget(scroll)

        inner = QVBoxLayout(body)
        inner.setContentsMargins(24, 20, 24, 16)
        inner.setSpacing(12)
        inner.addWidget(self.heading(self.display_title()))
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self._build_imports(), 1)
        columns.addWidget(self._build_exports(), 1)
        inner.addLayout(columns)
        inner.addWidget(self._build_reports())
        inner.addStretch(1)
        self.refresh()
        self.refresh_on("period_closed", "period_reopened", "voucher_posted", "documents_posted", "org_changed", "database_restored")

    # --- construction ---------------------------------------------------------------
    def _build_imports(self) -> QGroupBox:
        box = QGroupBox(self.tr("从Excel导入"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        self.import_buttons: dict[str, QPushButton] = {}
        self.template_buttons: dict[str, QPushButton] = {}
        for row, (name, kind) in enumerate(_kinds().items()):
            label = self._item_label(self.tr(kind.title), self.tr(KIND_HINTS.get(name, "")))
            importer = self._button(self.tr("导入…"), lambda _c=False, n=name: self.open_import(n))
            importer.setObjectName("primary")
            template = self._button(self.tr("下载模板…"), lambda _c=False, n=name: self.save_template(n))
            self.import_buttons[name], self.template_buttons[name] = importer, template
            grid.addWidget(label, row, 0)
            grid.addWidget(importer, row, 1)
            grid.addWidget(template, row, 2)
        return box

    def _build_exports(self) -> QGroupBox:
        box = QGroupBox(self.tr("导出到Excel"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        self.export_buttons: dict[str, QPushButton] = {}
        row = 0
        for name, text in MASTER_EXPORTS:
            grid.addWidget(self._item_label(self.tr(_kinds()[name].title), self.tr("可直接重新导入")), row, 0, 1, 2)
            button = self._button(self.tr(text), lambda _c=False, n=name: self.export_kind(n))
            self.export_buttons[name] = button
            grid.addWidget(button, row, 2)
            row += 1

        self.voucher_period = PeriodPicker()
        self.voucher_year = QCheckBox(self.tr("全年"))
        self.voucher_year.setToolTip(self.tr("导出所选期间所在年度的全部凭证"))
        picker_row = QHBoxLayout()
        picker_row.setSpacing(6)
        picker_row.addWidget(self.voucher_period)
        picker_row.addWidget(self.voucher_year)
        grid.addWidget(self._item_label(self.tr("凭证"), self.tr("已过账凭证，可重新导入")), row, 0)
        grid.addLayout(picker_row, row, 1)
        self.export_buttons["vouchers"] = self._button(self.tr("导出凭证…"), self.export_vouchers)
        grid.addWidget(self.export_buttons["vouchers"], row, 2)
        row += 1

        self.balance_period = PeriodPicker()
        grid.addWidget(self._item_label(self.tr("科目余额表"), self.tr("报送街道、区里的余额表")), row, 0)
        balance_row = QHBoxLayout()
        balance_row.addWidget(self.balance_period)
        balance_row.addStretch(1)
        grid.addLayout(balance_row, row, 1)
        self.export_buttons["trial-balance"] = self._button(self.tr("导出余额表…"), self.export_trial_balance)
        grid.addWidget(self.export_buttons["trial-balance"], row, 2)
        return box

    def _build_reports(self) -> QGroupBox:
        box = QGroupBox(self.tr("打印报表"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.report_buttons: dict[str, QPushButton] = {}
        for number, (name, (title, _builder)) in enumerate(_reports().items()):
            button = self._button(self.tr(title), lambda _c=False, n=name: self.open_report(n))
            button.setMinimumWidth(170)
            hint = QLabel(self.tr(REPORT_HINTS.get(name, "")))
            hint.setObjectName("hint")
            self.report_buttons[name] = button
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(button)
            cell.addWidget(hint)
            grid.addLayout(cell, number // 3, number % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        note = QLabel(self.tr("每份报表先打开预览，可选择期间和科目，再打印、另存为PDF或导出Excel。"))
        note.setObjectName("hint")
        grid.addWidget(note, (len(_reports()) + 2) // 3, 0, 1, 3)
        return box

    def _item_label(self, title: str, hint: str) -> QLabel:
        label = QLabel(f"<b>{title}</b><br><span style='color:#5f6b7a'>{hint}</span>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setMinimumHeight(40)
        return label

    def _button(self, text: str, slot: Callable) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    # --- refresh ----------------------------------------------------------------------
    def refresh(self) -> None:
        periods = [row.period for row in self.books.periods.list_periods()]
        current = self.books.periods.current_period()
        for picker in (self.voucher_period, self.balance_period):
            picker.set_periods(periods)
            picker.set_period(current)

    # --- imports ----------------------------------------------------------------------
    def open_import(self, kind: str) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.books, self, kind=kind)
        wizard.exec()

    def save_template(self, kind: str) -> Path | None:
        from assetdesk.excel import write_template
        from ui.table_export import ask_save_path, show_saved

        title = self.tr(_kinds()[kind].title)
        target = ask_save_path(self, self.tr("保存导入模板"), self.tr("{title}导入模板.xlsx").format(title=title))
        if target is None:
            return None
        if self.attempt(_write_file, write_template, kind, target):
            show_saved(self, target)
            return target
        return None

    # --- exports ----------------------------------------------------------------------
    def export_kind(self, kind: str, period: Any = None, year: Any = None, title: str | None = None) -> None:
        """Export a sheet kind (re-importable) to a file the clerk chooses."""
        from ui.table_export import community_of

        title = title or self.tr(_kinds()[kind].title)
        name = " ".join(part for part in (community_of(self.books), title) if part) + ".xlsx"
        books = self.books
        from assetdesk.excel import export_file

        self._export(name, lambda target: export_file(books, kind, target, period=period, year=year))

    def export_vouchers(self) -> None:
        period = self._picked(self.voucher_period)
        if period is None:
            return
        if self.voucher_year.isChecked():
            self.export_kind("vouchers", year=period.year, title=self.tr("凭证（{y}年）").format(y=period.year))
        else:
            self.export_kind("vouchers", period=str(period), title=self.tr("凭证（{p}）").format(p=period))

    def export_trial_balance(self) -> None:
        from ui.table_export import community_of

        period = self._picked(self.balance_period)
        if period is None:
            return
        books = self.books
        name = " ".join(p for p in (community_of(books), self.tr("科目余额表（{p}）").format(p=period)) if p) + ".xlsx"
        from assetdesk.excel import export_trial_balance as write_trial_balance

        self._export(name, lambda target: write_trial_balance(books, target, period))

    def _picked(self, picker: PeriodPicker):
        try:
            return picker.period() or self.books.periods.current_period()
        except AssetDeskError as exc:
            self.show_error(exc)
            return None

    def _export(self, default_name: str, write: Callable[[Path], Any]) -> None:
        from ui.table_export import _show_write_error, ask_save_path, check_writable, show_saved

        target = ask_save_path(self, self.tr("导出Excel"), default_name)
        if target is None:
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AssetDeskError):
                self.show_error(exc)
            else:
                _show_write_error(self, exc, target)

        self.last_worker = self.run_task(self.tr("正在导出Excel…"), lambda control: write(check_writable(target)),
                                         on_success=lambda _path: show_saved(self, target), on_error=failed)

    # --- reports ----------------------------------------------------------------------
    def open_report(self, name: str, **options: Any):
        from ui.dialogs.report_preview_dialog import preview_report

        return preview_report(self, self.books, name, **options)

    def on_print(self) -> None:
        self.open_report("trial-balance")


def _write_file(write: Callable[..., Any], *args: Any) -> Any:
    """Run a file writer; an unwritable target becomes a Chinese refusal."""
    try:
        return write(*args)
    except PermissionError:
        raise AssetDeskError("无法写入文件：文件可能正在 Excel 中打开", "请关闭该文件或换一个文件名后重试") from None
    except OSError as exc:
        raise AssetDeskError(f"无法写入文件：{exc.strerror or exc}", "请换一个保存位置后重试") from None

"""导出Excel for any table screen, plus the save-file steps every export in the UI shares.

``export_table_view(parent, books, title, model, unit="元") -> Path | None`` writes **every** row of
a ``ui.models.table_model.TableModel`` (a paged model is first loaded to the end through its own
``fetchMore``, in one query) with the model's column headers, through
``assetdesk.excel.export_table``: money columns as amounts (yuan with two decimals, from integer
fen), date columns as dates, whole numbers as numbers, anything else as the text the screen shows.
The title row carries the community name (``books.org.book().community_name``) and the unit row
"单位：元". The clerk chooses the file (default ``<title>.xlsx``) and is told "已导出到 …".

Money cells are the model's raw integer fen (what ``RAW_ROLE`` gives, never the ``¥1,234.50`` the
screen shows), so Excel gets numbers it can add up; a ``blank_zero`` column leaves 0 empty, as
on screen. Tables that are not a ``TableModel`` (the chart tree, the 期初余额 grid) hand their
cells to ``export_values`` directly.

Every table screen shows a visible 导出Excel button (``export_button(slot)``) and wires the same
method to the shell's 导出 (Ctrl+E)::

    from ui.table_export import export_button, export_table_view

    class VouchersPage(Page):
        def __init__(self, ...):
            self.export_button = export_button(self.on_export)   # in the page's button row

        def on_export(self):
            export_table_view(self, self.books, self.tr("凭证列表"), self.model)

The shared steps for other exports (report preview, 导入导出 page):
``ask_save_path(parent, caption, default_name, filter)`` and ``show_saved(parent, path)``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from ui.app import settings

EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"
_LAST_DIR_KEY = "exchange/last_directory"
_BAD_FILENAME_CHARS = '\\/:*?"<>|'


def _tr(text: str) -> str:
    return QCoreApplication.translate("TableExport", text)


def safe_file_name(name: str) -> str:
    """``name`` without the characters Windows refuses in a file name (e.g. 现金/银行存款日记账)."""
    cleaned = "".join("-" if ch in _BAD_FILENAME_CHARS else ch for ch in name).strip()
    return cleaned or "导出"


def last_directory() -> str:
    """Where the clerk last saved or opened an exchange file (their documents folder at first)."""
    value = settings().value(_LAST_DIR_KEY, "")
    return str(value) if value and Path(str(value)).is_dir() else ""


def remember_directory(path: str | Path) -> None:
    settings().setValue(_LAST_DIR_KEY, str(Path(path).parent))


def ask_save_path(parent: QWidget | None, caption: str, default_name: str, file_filter: str = EXCEL_FILTER,
                  suffix: str = ".xlsx") -> Path | None:
    """The clerk's chosen file (``suffix`` added when typed without it), or None when cancelled."""
    start = str(Path(last_directory()) / safe_file_name(default_name)) if last_directory() else safe_file_name(default_name)
    path, _ = QFileDialog.getSaveFileName(parent, caption, start, _tr(file_filter))
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    remember_directory(path)
    return path


def check_writable(path: str | Path) -> Path:
    """The core's check (``assetdesk.output_files``): ``OutputFileError`` in Chinese now, when
    ``path`` cannot be written, before a workbook is half built."""
    from assetdesk.output_files import check_writable as core_check

    return core_check(path)


def show_saved(parent: QWidget | None, path: str | Path) -> None:
    """"已导出到 …" with the full path."""
    QMessageBox.information(parent, _tr("导出完成"), _tr("已导出到 {path}").format(path=Path(path)))


def export_button(slot: Any, parent: QWidget | None = None) -> QPushButton:
    """The 导出Excel button every table screen shows (the 导入导出 icon, in the accent colour)."""
    from ui.theme import ACCENT, icon

    button = QPushButton(icon("exchange", ACCENT), _tr("导出Excel"), parent)
    button.setObjectName("exportButton")
    button.setToolTip(_tr("把表格中显示的内容导出为 Excel 工作簿（Ctrl+E）"))
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def column_kind(column: Any, values: Sequence[Any]) -> str:
    """The export kind of a model column: money → amount, dates → date, whole numbers → int, else text."""
    if column.money:
        return "amount"
    sample = next((v for v in values if v is not None and v != ""), None)
    if isinstance(sample, dt.datetime):
        return "text"
    if isinstance(sample, dt.date):
        return "date"
    if isinstance(sample, int) and not isinstance(sample, bool) and column.formatter is None:
        return "int"
    return "text"


def load_all_rows(model: Any) -> list:
    """Every row the model can show, in display order (a paged model fetches the rest in one query)."""
    remaining = model.total_count() - model.rowCount()
    if model.is_paged and remaining > 0:
        page_size = model.page_size
        model.page_size = remaining
        try:
            model.fetchMore()
        finally:
            model.page_size = page_size
        while model.canFetchMore():  # the source grew meanwhile
            model.fetchMore()
    return model.rows()


def table_rows(model: Any, rows: Sequence[Any]) -> tuple[list[tuple[str, str]], list[list[Any]]]:
    """(header, kind) pairs and plain cell values for ``export_table`` from the model's Column specs."""
    columns = model.columns
    getters = [column.value or (lambda row, key=column.key: getattr(row, key)) for column in columns]
    raw = [[getter(row) for getter in getters] for row in rows]
    headers = [str(model.headerData(n, Qt.Orientation.Horizontal)) for n in range(len(columns))]
    kinds = [column_kind(column, [line[n] for line in raw[:200]]) for n, column in enumerate(columns)]
    for n, (column, kind) in enumerate(zip(columns, kinds)):
        if kind == "amount" and column.blank_zero:
            for line in raw:  # shown empty on screen: left empty in the workbook too
                if line[n] == 0:
                    line[n] = None
        if kind != "text":
            continue
        for line in raw:  # text columns carry what the screen shows (是/否, 2025-03 ...)
            value = line[n]
            if value is None:
                line[n] = None
            elif column.formatter is not None:
                line[n] = column.formatter(value)
            elif not isinstance(value, str):
                line[n] = str(value)
    return list(zip(headers, kinds)), raw


def community_of(books: Any) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def export_table_view(parent: QWidget | None, books: Any, title: str, model: Any, unit: str = "元") -> Path | None:
    """Ask for a file and write every row of ``model`` to it (see the module docstring).

    Returns the written path, or None when the clerk cancelled or the write was refused (the
    refusal is shown with ``show_error``)."""
    path = ask_save_path(parent, _tr("导出Excel"), f"{title}.xlsx")
    if path is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        rows = load_all_rows(model)
        columns, values = table_rows(model, rows)
    finally:
        QGuiApplication.restoreOverrideCursor()
    return _write(parent, books, title, unit, path, columns, values)


def export_values(parent: QWidget | None, books: Any, title: str, columns: Sequence[tuple[str, str]],
                  values: Sequence[Sequence[Any]], unit: str = "元") -> Path | None:
    """Like ``export_table_view`` for a table that is not a ``TableModel``: ``columns`` are
    (header, kind) pairs (text / amount in fen / date / int …), ``values`` the rows as shown."""
    path = ask_save_path(parent, _tr("导出Excel"), f"{title}.xlsx")
    if path is None:
        return None
    return _write(parent, books, title, unit, path, list(columns), [list(row) for row in values])


def _write(parent: QWidget | None, books: Any, title: str, unit: str, path: Path,
           columns: list[tuple[str, str]], values: list[list[Any]]) -> Path | None:
    from assetdesk.excel import export_table
    from ui.workers import run_task_and_wait

    community = community_of(books)
    worker = run_task_and_wait(
        parent, _tr("正在导出Excel…"),
        lambda control: export_table(check_writable(path), title, unit, columns, values, community=community),
        on_error=lambda exc: _show_write_error(parent, exc, path),
    )
    if worker.outcome != "succeeded":
        return None
    show_saved(parent, path)
    return path


def _show_write_error(parent: QWidget | None, exc: BaseException, path: Path) -> None:
    """A file Excel keeps open (PermissionError) gets its own message; anything else the usual dialog."""
    from assetdesk.errors import InputError
    from ui.dialogs.error_dialog import show_error

    if isinstance(exc, PermissionError):
        exc = InputError(_tr("无法写入“{name}”：文件可能正在 Excel 中打开").format(name=path.name),
                         _tr("请关闭该文件或换一个文件名后重试"))
    elif isinstance(exc, OSError):
        exc = InputError(_tr("无法写入“{name}”：{reason}").format(name=path.name, reason=exc.strerror or exc),
                         _tr("请换一个保存位置后重试"))
    show_error(parent, exc)


__all__ = ["export_table_view", "export_values", "export_button", "ask_save_path", "check_writable", "show_saved", "safe_file_name", "load_all_rows", "table_rows"]

"""Print a PDF the core built (assetdesk.pdf) through Qt's print dialog.

``print_pdf(parent, pdf_path, printer=None) -> bool`` opens ``QPrintDialog`` (printer, copies,
page range), then renders each chosen page of the PDF with ``QPdfDocument`` at the printer's
resolution (capped at ``MAX_DPI`` so an A4 page stays a few tens of MB) and paints it onto the
paper with ``QPainter``. The PDF already holds its margins, page header and 页码 (DOMAIN §9), so
the page image fills the paper edge to edge, orientation taken from the PDF's first page.
Returns True when the pages were sent, False when the clerk cancelled. A PDF that cannot be
opened is shown with ``show_error`` (never a traceback).

``render_pdf(document, printer, first=1, last=None)`` is the rendering step alone.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from assetdesk.errors import InputError

MAX_DPI = 600


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def open_pdf(path: str | Path, parent: QWidget | None = None) -> QPdfDocument:
    """A loaded ``QPdfDocument``; raises ``InputError`` with a Chinese message when unreadable."""
    document = QPdfDocument(parent)
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise InputError(_tr("无法打开要打印的文件“{name}”").format(name=Path(path).name),
                         _tr("请重新生成报表后再打印"))
    return document


def render_pdf(document: QPdfDocument, printer: QPrinter, first: int = 1, last: int | None = None) -> int:
    """Paint pages ``first``..``last`` (1-based, inclusive) onto ``printer``; returns pages printed."""
    count = document.pageCount()
    last = count if last is None else min(last, count)
    first = max(1, first)
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise InputError(_tr("无法开始打印：打印机不可用"), _tr("请检查打印机是否连接并已开机，或选择另一台打印机"))
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        printed = 0
        for number in range(first - 1, last):
            if printed:
                printer.newPage()
            _paint_page(painter, document, number, dpi)
            printed += 1
        return printed
    finally:
        painter.end()


def _paint_page(painter: QPainter, document: QPdfDocument, number: int, dpi: int) -> None:
    points = document.pagePointSize(number)
    size = QSize(max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi)))
    image = document.render(number, size)
    target = QRectF(painter.viewport())
    scale = min(target.width() / size.width(), target.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    painter.drawImage(QRectF(target.x() + (target.width() - width) / 2, target.y(), width, height), image)


def print_pdf(parent: QWidget | None, pdf_path: str | Path, printer: QPrinter | None = None,
              title: str = "") -> bool:
    """Ask with ``QPrintDialog`` and print the PDF; see the module docstring."""
    from ui.dialogs.error_dialog import show_error

    try:
        document = open_pdf(pdf_path)
    except InputError as exc:
        show_error(parent, exc)
        return False
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or Path(pdf_path).stem)
    first_page = document.pagePointSize(0)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if first_page.width() > first_page.height()
                               else QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("打印"))
    dialog.setMinMax(1, document.pageCount())
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    first, last = 1, document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or last
    try:
        render_pdf(document, printer, first, last)
    except InputError as exc:
        show_error(parent, exc)
        return False
    finally:
        document.close()
    return True


__all__ = ["print_pdf", "render_pdf", "open_pdf", "MAX_DPI"]

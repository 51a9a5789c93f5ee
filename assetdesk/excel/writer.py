"""Writing workbooks the district can read and AssetDesk can read back (DOMAIN §8).

openpyxl write_only mode streams rows. Each sheet: a title row (community + title), a unit row
("单位：元"), the Chinese header, frozen below the header, column widths and number formats.
Money is written as ``Decimal`` yuan (never float); text starting with = + - @ is stored as a
string cell with Excel's quote-prefix style, so it shows as typed, never becomes a formula, and
reads back unchanged.
"""
from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from assetdesk.money import fen_to_decimal

from .convert import ESCAPE_STARTS

AMOUNT_FORMAT = "#,##0.00"
AREA_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_ROW = 3  # title, unit, header
TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
HEADER_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_FORMATS = {"amount": AMOUNT_FORMAT, "area": AREA_FORMAT, "date": DATE_FORMAT, "int": "0"}
_DEFAULT_WIDTHS = {"amount": 16, "area": 14, "date": 12, "int": 10, "period": 10}


@dataclass(frozen=True)
class OutColumn:
    """A column to write. ``kind``: text, amount (fen), area (centi-㎡), int, date, period, bool,
    choice, number (a plain Decimal/int written as is) or indented ((level, text): a sub-account's
    name set in by its level, as the printed report shows it, with the cell's value left plain)."""

    header: str
    kind: str = "text"
    width: int | None = None

    @property
    def resolved_width(self) -> int:
        return self.width or _DEFAULT_WIDTHS.get(self.kind, max(10, min(40, len(self.header) * 2 + 4)))


def centi_to_decimal(centi: int) -> Decimal:
    """Area in centi-㎡ → exact ㎡ with two decimals."""
    return (Decimal(int(centi)) / 100).quantize(Decimal("0.01"))


def escaped_text(ws: Any, text: str) -> WriteOnlyCell:
    """A string cell Excel will never evaluate: data type string plus the quote-prefix style."""
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _converter(ws: Any, column: OutColumn) -> Callable[[Any], Any]:
    """Per-column value → cell. Styled columns reuse one prepared cell: write_only serialises a
    row as soon as it is appended, so re-binding the value is safe and avoids a style lookup
    per cell (the cost that decides the export benchmark)."""
    if column.kind in _FORMATS:
        cell = WriteOnlyCell(ws)
        cell.number_format = _FORMATS[column.kind]
        to_value = {"amount": fen_to_decimal, "area": centi_to_decimal}.get(column.kind, lambda v: v)

        def styled(value: Any) -> Any:
            if value is None or value == "":
                return None
            cell.value = to_value(value)
            return cell

        return styled
    if column.kind == "indented":
        return _indented_converter(ws)
    if column.kind == "bool":
        return lambda value: None if value is None else ("是" if value else "否")
    if column.kind == "number":
        return lambda value: value

    def text(value: Any) -> Any:
        if value is None:
            return None
        value = str(value)
        return escaped_text(ws, value) if value.startswith(ESCAPE_STARTS) else value

    return text


def _indented_converter(ws: Any) -> Callable[[Any], Any]:
    """(level, text) → the text, indented by Excel's alignment one step per level below the first;
    one prepared cell per level (see ``_converter``)."""
    cells: dict[int, WriteOnlyCell] = {}

    def indented(value: Any) -> Any:
        if value is None:
            return None
        level, text = value
        if level <= 1 or str(text).startswith(ESCAPE_STARTS):
            return escaped_text(ws, str(text)) if str(text).startswith(ESCAPE_STARTS) else text
        if level not in cells:
            cells[level] = WriteOnlyCell(ws)
            cells[level].alignment = Alignment(indent=level - 1)
        cells[level].value = text
        return cells[level]

    return indented


def _title_rows(ws: Any, title: str, unit: str, columns: Sequence[OutColumn], note: str = "") -> None:
    title_cell = WriteOnlyCell(ws, value=title)
    title_cell.font = TITLE_FONT
    ws.append([title_cell])
    ws.append([f"单位：{unit}" if unit else None, note or None])
    if len(columns) > 1:
        ws.merged_cells.add(f"A1:{get_column_letter(len(columns))}1")
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)


def _values_to_row(ws: Any, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
    """openpyxl's write-only row builder, minus its cost: the library first assigns every value to a
    plain cell and, for a styled cell, pays a raised-and-caught ValueError (with a formatted repr)
    before using it — about a tenth of a 100,000-line export. Here styled cells pass straight through
    and plain values never inherit a previous cell's style."""
    plain = WriteOnlyCell(ws)
    for col_idx, value in enumerate(values, 1):
        if value is None:
            continue
        cell = value if isinstance(value, Cell) else plain
        if cell is plain:
            plain.value = value
        cell.column = col_idx
        cell.row = row_idx
        yield cell


def add_table_sheet(
    workbook: Workbook, sheet_name: str, title: str, unit: str, columns: Sequence[OutColumn],
    rows: Iterable[Sequence[Any]],
    note: str = "",
) -> int:
    """Append one formatted sheet to a write_only workbook; returns the number of data rows.
    ``note`` goes beside the unit (the 科目余额表's 试算结果), as the printed report heads it."""
    ws = workbook.create_sheet(sheet_name[:31])
    ws._values_to_row = types.MethodType(_values_to_row, ws)  # see _values_to_row
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.resolved_width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    _title_rows(ws, title, unit, columns, note)
    converters = [_converter(ws, column) for column in columns]
    pairs = list(enumerate(converters))
    count = 0
    try:
        for row in rows:
            ws.append([to_cell(row[i]) for i, to_cell in pairs])
            count += 1
    except BaseException:
        # the rows come from a query that may refuse (a bad period, say): finish the sheet's
        # temporary file now, or openpyxl leaves a half-written stream that complains at exit
        ws.close()
        raise
    return count


def write_table(
    path: str | Path,
    title: str,
    unit: str,
    columns: Sequence[OutColumn],
    rows: Iterable[Sequence[Any]],
    community: str = "",
    sheet_name: str | None = None,
) -> Path:
    """Write one table to ``path`` (.xlsx) and return the path."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    full_title = " ".join(part for part in (community, title) if part)
    add_table_sheet(workbook, sheet_name or title or "Sheet1", full_title, unit, columns, rows)
    workbook.save(path)
    return path


def export_table(
    path: str | Path,
    title: str,
    unit: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    community: str = "",
    sheet_name: str | None = None,
) -> Path:
    """The 导出Excel every screen uses: ``columns`` are (header, kind) pairs where kind is one of
    text / amount (int fen) / area (int centi-㎡) / int / date / period / bool / number; ``rows``
    hold values in column order. ``sheet_name`` when the title is too long for a tab (31
    characters). Returns the written path."""
    out = [OutColumn(header, kind) for header, kind in columns]
    return write_table(path, title, unit, out, rows, community=community, sheet_name=sheet_name)

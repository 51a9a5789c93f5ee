"""Reading real district workbooks (DOMAIN §8): load the sheets, find the table among title,
total and sign-off rows, convert its rows.

python-calamine reads (11–16× faster than openpyxl, TECH-NOTES); .csv / .txt go through
``textfile``. ``header`` finds the header row and the units; ``table`` walks the rows below it
(``rows`` says which are not data) and converts them. The names below are what the importer uses.

Hidden sheets are not read unless asked for by name (``read_grids(path, sheet=…)``): a hidden
sheet is usually a lookup list or old data the clerk does not see. ``hidden_tables`` names the
hidden sheets that hold a kind's table, so a refusal can say where the data is and how to read it.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine

from assetdesk.errors import ImportFileError

from . import safety
from .formulas import uncached_formula_cells
from .header import HEADER_SCAN_ROWS, Layout, Names, alias_index, alias_ranks, locate, normalise_header, split_unit
from .kinds.base import ColumnSpec
from .rows import heading_text, skip_reason
from .table import parse_rows, segments
from .textfile import read_text_table

NOTES_SHEET = "填写说明"


@dataclass
class Grid:
    """One sheet as read: ``rows[i]`` is Excel row ``i + 1``. ``uncached`` holds the (row, column)
    indexes of formula cells saved without a result (see ``formulas``); ``hidden`` says the sheet
    is hidden in Excel (read only when asked for by name)."""

    name: str
    rows: list[list[Any]]
    uncached: set[tuple[int, int]] = field(default_factory=set)
    hidden: bool = False


# ---------------------------------------------------------------- loading

def read_grids(path: str | Path, sheet: str | None = None) -> list[Grid]:
    """Every visible worksheet of an .xlsx/.xls/.csv file, after the safety checks; with ``sheet``,
    hidden worksheets too (the clerk named the sheet: hidden or not, it is the one to read)."""
    path = Path(path)
    try:
        return _read_grids(path, include_hidden=sheet is not None)
    except PermissionError:
        raise ImportFileError(f"“{path.name}”正被其他程序占用，或没有读取权限",
                              "请先在 Excel 中关闭这个文件，再重新导入") from None
    except OSError as exc:
        raise ImportFileError(f"“{path.name}”无法读取（{exc.strerror or exc}）",
                              "请确认文件还在原处、U 盘或网络盘已连接，再重新导入") from None


def sheet_names(path: str | Path) -> list[str]:
    """The sheets an import would look at (visible worksheets, not the template's notes), without
    reading their cells; ``ImportFileError`` as ``read_grids`` when the file is not a workbook."""
    path = Path(path)
    fmt = safety.check_file(path)
    if fmt == "csv":
        return [path.stem]
    with _calamine_errors(path):
        return _worksheet_names(_open_calamine(path, fmt))


def hidden_sheet_names(path: str | Path) -> list[str]:
    """The hidden (or very hidden) worksheets of a workbook, without reading their cells."""
    path = Path(path)
    fmt = safety.check_file(path)
    if fmt == "csv":
        return []
    with _calamine_errors(path):
        workbook = _open_calamine(path, fmt)
        return [name for name in _worksheet_names(workbook, include_hidden=True) if name not in _worksheet_names(workbook)]


def hidden_tables(path: str | Path, columns: Sequence[ColumnSpec]) -> list[str]:
    """The hidden worksheets holding a table with ``columns`` (all required ones present)."""
    hidden = hidden_sheet_names(path)
    if not hidden:
        return []
    names = Names(columns)
    return [grid.name for grid in read_grids(path, sheet=hidden[0]) if grid.hidden
            and (layout := locate(grid, columns, names)) is not None and not layout.missing]


def _read_grids(path: Path, include_hidden: bool = False) -> list[Grid]:
    fmt = safety.check_file(path)
    if fmt == "csv":
        grids = [Grid(path.stem, read_text_table(path))]
    elif fmt == "xlsx-far":
        grids = _read_streaming(path, include_hidden)
    else:
        grids = _read_calamine(path, fmt, include_hidden)
    for grid in grids:
        if len(grid.rows) > safety.MAX_ROWS:
            safety.raise_too_many_rows(path.name, len(grid.rows))
    return grids


def _read_calamine(path: Path, fmt: str, include_hidden: bool) -> list[Grid]:
    """calamine's read, with the search for formulas without results running beside it."""
    if fmt != "xlsx":
        return _read_calamine_sheets(path, fmt, include_hidden)
    with ThreadPoolExecutor(max_workers=1) as pool:
        uncached = pool.submit(uncached_formula_cells, path)
        grids = _read_calamine_sheets(path, fmt, include_hidden)
        by_sheet = uncached.result()
    for grid in grids:
        grid.uncached = by_sheet.get(grid.name, set())
    return grids


def _read_calamine_sheets(path: Path, fmt: str, include_hidden: bool) -> list[Grid]:
    with _calamine_errors(path):
        workbook = _open_calamine(path, fmt)
        visible = set(_worksheet_names(workbook))
        grids = []
        for name in _worksheet_names(workbook, include_hidden):
            sheet = workbook.get_sheet_by_name(name)
            if sheet.total_height > safety.MAX_ROWS:
                safety.raise_too_many_rows(path.name, sheet.total_height)
            rows = sheet.to_python(skip_empty_area=False)
            _fill_vertical_merges(rows, sheet.merged_cell_ranges or ())
            grids.append(Grid(name, rows, hidden=name not in visible))
        return grids


def _open_calamine(path: Path, fmt: str) -> python_calamine.CalamineWorkbook:
    if path.suffix.lower() in (f".{fmt}", ".xlsm"):
        return python_calamine.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:  # the name lies (an .xlsx saved as "名册.xls"): go by the content
        return python_calamine.CalamineWorkbook.from_filelike(handle)


def _worksheet_names(workbook: python_calamine.CalamineWorkbook, include_hidden: bool = False) -> list[str]:
    """Visible worksheets (and hidden ones if asked), not charts and not the template's 填写说明."""
    return [meta.name for meta in workbook.sheets_metadata
            if (include_hidden or meta.visible == python_calamine.SheetVisibleEnum.Visible)
            and meta.name != NOTES_SHEET and meta.typ == python_calamine.SheetTypeEnum.WorkSheet]


@contextmanager
def _calamine_errors(path: Path) -> Iterator[None]:
    """calamine's refusals in the clerk's words."""
    try:
        yield
    except python_calamine.PasswordError:
        raise ImportFileError(f"“{path.name}”设置了打开密码，无法读取", "请取消密码后另存为 .xlsx 再导入") from None
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError, ValueError) as exc:
        raise ImportFileError(f"“{path.name}”无法读取：文件已损坏或格式不受支持（{exc}）", safety._SAVE_AS_HINT) from None


def _read_streaming(path: Path, include_hidden: bool = False) -> list[Grid]:
    """A workbook declaring more rows than an import takes, read row by row with openpyxl's
    read-only mode: blank rows (and cells holding only spaces) after the table are dropped, so a
    stray space in row 1048576 costs a second, not a gigabyte. Real content that far down is
    refused, naming where it is."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, …) for broken files
        raise ImportFileError(f"“{path.name}”无法读取：文件已损坏或格式不受支持（{exc}）", safety._SAVE_AS_HINT) from None
    try:
        grids = []
        for sheet in workbook.worksheets:
            if (sheet.sheet_state != "visible" and not include_hidden) or sheet.title == NOTES_SHEET:
                continue
            grids.append(Grid(sheet.title, _streamed_rows(path, sheet), hidden=sheet.sheet_state != "visible"))
        by_sheet = uncached_formula_cells(path)
        for grid in grids:
            grid.uncached = by_sheet.get(grid.name, set())
        return grids
    finally:
        workbook.close()


def _streamed_rows(path: Path, sheet: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    blank_run = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            blank_run += 1
            continue
        if number > safety.MAX_ROWS:
            shown = next(str(value) for value in values if value is not None and str(value).strip())
            raise ImportFileError(
                f"“{path.name}”的工作表“{sheet.title}”第 {number} 行有内容“{shown[:20]}”，"
                f"超过一次导入的上限 {safety.MAX_ROWS} 行",
                "如果这是误输入的内容，请在 Excel 中删除该行后再导入；否则请把数据拆成几个文件分批导入",
            )
        rows.extend([] for _ in range(blank_run))
        blank_run = 0
        rows.append(list(values))
    return rows


def _fill_vertical_merges(rows: list[list[Any]], merges: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A cell merged down over several rows (所属片区 “东片区” beside each of its 小区, one date beside
    a voucher's lines) holds its value in the top cell only: every row of the merge gets it.
    Merges across a single row (titles, two-row headers) are left as they are."""
    for (top, left), (bottom, right) in merges:
        if bottom <= top or top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for index in range(top + 1, min(bottom, len(rows) - 1) + 1):
            row = rows[index]
            for col in range(left, min(right, len(row) - 1) + 1):
                if row[col] is None or row[col] == "":
                    row[col] = value


__all__ = [
    "HEADER_SCAN_ROWS", "NOTES_SHEET", "Grid", "Layout", "alias_index", "alias_ranks", "heading_text",
    "hidden_sheet_names", "hidden_tables", "locate", "normalise_header", "parse_rows", "read_grids", "segments",
    "sheet_names", "skip_reason", "split_unit",
]

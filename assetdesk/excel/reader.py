"""Reading real district workbooks (DOMAIN §8): load the sheets, find the table among title,
total and sign-off rows, convert its rows.

.xlsx / .xlsm are read with openpyxl's read-only mode, row by row (with defusedxml in place, which
openpyxl uses by itself). calamine reads .xlsx 11–18× faster, but the import's own work
(conversion, checks, the commit) then costs twice its read, and issue 4 asks for an import within
1.5× of the chosen reader's bare read: with openpyxl it is about 1.1× (benchmarks/). Merged
ranges and formulas saved without results come from the sheet XML (``sheet_xml``).
python-calamine reads old .xls files, and an .xlsx that openpyxl refuses (it rejects a whole
workbook over one style value it does not know, which calamine ignores); it also lists a
workbook's sheets for the wizard, which it does without loading the cells. .csv / .txt go through
``textfile``. ``header`` finds the header row and the units; ``table`` walks the rows below it
(``rows`` says which are not data) and converts them. The names below are what the importer uses.

Hidden sheets are not read unless asked for by name (``read_grids(path, sheet=…)``): a hidden
sheet is usually a lookup list or old data the clerk does not see. ``hidden_tables`` names the
hidden sheets that hold a kind's table, so a refusal can say where the data is and how to read it.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.escape import unescape
from openpyxl.worksheet._reader import WorkSheetParser

from assetdesk.errors import ImportFileError

from . import safety
from .header import HEADER_SCAN_ROWS, Layout, Names, alias_index, alias_ranks, locate, normalise_header, split_unit
from .kinds.base import ColumnSpec
from .rows import heading_text, skip_reason
from .sheet_xml import scan_sheets
from .table import parse_rows, segments
from .textfile import read_text_table

NOTES_SHEET = "填写说明"

# openpyxl warns in English on stderr about what it repairs as it reads ("Workbook contains no
# default style…", data validation extensions): nothing the clerk can act on, and not in Chinese.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")


@dataclass
class Grid:
    """One sheet as read: ``rows[i]`` is Excel row ``i + 1``. ``uncached`` holds the (row, column)
    indexes of formula cells saved without a result (see ``sheet_xml``); ``hidden`` says the sheet
    is hidden in Excel (read only when asked for by name). ``skipped_tables``: the later tables
    of the sheet that are another kind's, as the clerk is told of them ("第 40 行起的表格（…）")."""

    name: str
    rows: list[list[Any]]
    uncached: set[tuple[int, int]] = field(default_factory=set)
    placeholder_results: set[tuple[int, int]] = field(default_factory=set)  # see ``sheet_xml``
    hidden: bool = False
    skipped_tables: list[str] = field(default_factory=list)
    merge_filled: dict[int, set[int]] = field(default_factory=dict)  # cells given a merge's value


# (rows read, rows the file declares or 0 when it does not say): an .xlsx is read row by row, so a
# long read can show how far it got; the callback may raise (the clerk pressed 取消) to stop the read,
# and that is re-raised as is.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 2000  # rows


class _CallerStop(BaseException):
    """What the caller's progress callback raised, carried past the reader's handling of openpyxl's
    own errors (which falls back to calamine) and re-raised unchanged by ``read_grids``."""

    def __init__(self, error: BaseException):
        super().__init__()
        self.error = error


# ---------------------------------------------------------------- loading

def read_grids(path: str | Path, sheet: str | None = None, progress: Progress | None = None) -> list[Grid]:
    """Every visible worksheet of an .xlsx/.xls/.csv file, after the safety checks; with ``sheet``,
    hidden worksheets too (the clerk named the sheet: hidden or not, it is the one to read)."""
    path = Path(path)
    try:
        return _read_grids(path, include_hidden=sheet is not None, progress=progress)
    except _CallerStop as stop:
        raise stop.error from None
    except PermissionError:
        raise ImportFileError(f"“{path.name}”正被其他程序占用，或没有读取权限",
                              "请先在 Excel 中关闭这个文件，再重新导入") from None
    except OSError as exc:
        raise ImportFileError(f"“{path.name}”无法读取（{exc.strerror or exc}）",
                              "请确认文件还在原处、U 盘或网络盘已连接，再重新导入") from None


def sheet_names(path: str | Path) -> list[str]:
    """The sheets an import would look at (visible worksheets, not the template's notes), without
    reading their cells; ``ImportFileError`` as ``read_grids`` when the file is not a workbook."""
    return [name for name, visible in _sheet_list(Path(path)) if visible]


def hidden_sheet_names(path: str | Path) -> list[str]:
    """The hidden (or very hidden) worksheets of a workbook, without reading their cells."""
    return [name for name, visible in _sheet_list(Path(path)) if not visible]


def _sheet_list(path: Path) -> list[tuple[str, bool]]:
    """(name, visible) of each worksheet but the template's notes, in the workbook's order. Asked
    of calamine, which reads only the workbook part (a fraction of a millisecond, where openpyxl
    first loads every shared string: 1.7 s for 50,000 names, on the screen's thread); openpyxl
    answers for a file calamine refuses."""
    fmt = safety.check_file(path)
    if fmt == "csv":
        return [(path.stem, True)]
    try:
        with _calamine_errors(path):
            workbook = _open_calamine(path, "xls" if fmt == "xls" else "xlsx")
            visible = set(_calamine_sheet_names(workbook))
            return [(name, name in visible) for name in _calamine_sheet_names(workbook, include_hidden=True)]
    except ImportFileError:
        if fmt == "xls":
            raise
    try:
        with _openpyxl_workbook(path) as workbook:
            return [(sheet.title, sheet.sheet_state == "visible") for sheet in _worksheets(workbook, True)]
    except _OpenpyxlRefused as refused:
        raise refused.error from None


def hidden_tables(path: str | Path, columns: Sequence[ColumnSpec]) -> list[str]:
    """The hidden worksheets holding a table with ``columns`` (all required ones present)."""
    hidden = hidden_sheet_names(path)
    if not hidden:
        return []
    names = Names(columns)
    return [grid.name for grid in read_grids(path, sheet=hidden[0]) if grid.hidden
            and (layout := locate(grid, columns, names)) is not None and not layout.missing]


def _read_grids(path: Path, include_hidden: bool = False, progress: Progress | None = None) -> list[Grid]:
    fmt = safety.check_file(path)
    if fmt == "csv":
        grids = [Grid(path.stem, read_text_table(path))]
    elif fmt == "xls":
        grids = _read_calamine(path, fmt, include_hidden)
    else:  # "xlsx", and "xlsx-far" (declares too many rows): both are streamed
        try:
            grids = _read_openpyxl(path, include_hidden, progress)
        except _OpenpyxlRefused as refused:
            if fmt == "xlsx-far" or safety.declared_cells(path) > CALAMINE_MAX_CELLS:
                raise refused.error from None  # calamine would build the whole declared grid in memory
            grids = _read_calamine_xlsx(path, include_hidden)
    for grid in grids:
        if len(grid.rows) > safety.MAX_ROWS:
            safety.raise_too_many_rows(path.name, len(grid.rows))
    return grids


# ---------------------------------------------------------------- .xlsx: openpyxl, read-only

CALAMINE_MAX_CELLS = 20_000_000  # calamine holds a sheet as one rectangle of cells: about 0.6 GB here


class _OpenpyxlRefused(Exception):
    """openpyxl could not read the file: calamine, more forgiving of what other programs write
    (a style value openpyxl does not know refuses the whole workbook there), is tried next."""

    def __init__(self, error: ImportFileError):
        super().__init__(error.message)
        self.error = error


def _read_openpyxl(path: Path, include_hidden: bool = False, progress: Progress | None = None) -> list[Grid]:
    """Every worksheet row by row, with the sheet XML scan (merges, formulas without results)
    running beside it. Blank rows after the table are dropped, so a stray space typed in row
    1048576 costs a second, not a gigabyte; real content that far down is refused."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        scanned = pool.submit(scan_sheets, path)
        with _openpyxl_workbook(path) as workbook:
            if not workbook.worksheets:  # a "Strict Open XML" workbook: openpyxl sees no sheet in it
                raise _OpenpyxlRefused(ImportFileError(f"“{path.name}”中没有可读的工作表", safety._SAVE_AS_HINT))
            sheets = _worksheets(workbook, include_hidden)
            tick = _ticker(progress, sum(sheet.max_row or 0 for sheet in sheets))  # as declared, before the reset
            try:
                padded = _zero_padded_styles(workbook)  # the workbook's styles, for every sheet
                grids = [Grid(sheet.title, _sheet_rows(path, sheet, workbook, padded, tick),
                              hidden=sheet.sheet_state != "visible") for sheet in sheets]
            except (ImportFileError, OSError, _CallerStop):
                raise
            except MemoryError:  # never handed to calamine then: it builds the whole grid at once
                raise _too_big(path) from None
            except Exception as exc:  # a cell or row openpyxl's parser does not accept
                raise _OpenpyxlRefused(_unreadable(path, exc)) from None
        by_sheet = scanned.result()
    for grid in grids:
        facts = by_sheet.get(grid.name)
        if facts is not None:
            grid.uncached, grid.placeholder_results = facts.uncached, facts.placeholders
            grid.merge_filled = _fill_vertical_merges(grid.rows, facts.merges)
    return grids


@contextmanager
def _openpyxl_workbook(path: Path) -> Iterator[Any]:
    """openpyxl's read-only workbook, its refusals in the clerk's words. A file whose name lies (an
    .xlsx saved as "名册.xls") is passed as a stream: openpyxl judges a path by its extension."""
    handle = None if path.suffix.lower() in (".xlsx", ".xlsm") else path.open("rb")
    try:
        try:
            workbook = openpyxl.load_workbook(handle or path, read_only=True, data_only=True)
        except OSError:
            raise
        except MemoryError:
            raise _too_big(path) from None
        except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, …) for broken files
            raise _OpenpyxlRefused(_unreadable(path, exc)) from None
        _know_chinese_date_formats(workbook)
        try:
            yield workbook
        finally:
            workbook.close()
    finally:
        if handle is not None:
            handle.close()


# Excel's built-in number formats 27–36 and 50–58 are the dates and times of Chinese Excel
# (27 = yyyy"年"m"月", 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分" …, ECMA-376 §18.8.30). The file
# stores only the number; openpyxl knows the built-ins of English Excel only and would hand over
# 45657 where the clerk sees 2024年12月31日.
CHINESE_DATE_FORMAT_IDS = frozenset((*range(27, 37), *range(50, 59)))


def _know_chinese_date_formats(workbook: Any) -> None:
    """Tell openpyxl which cell styles use those formats, so their cells come back as dates (in
    the workbook's own 1900 or 1904 calendar). openpyxl keeps the index of date styles in
    ``_date_formats``, read when the rows are parsed; without it nothing is added."""
    styles, dates = getattr(workbook, "_cell_styles", None), getattr(workbook, "_date_formats", None)
    if styles is None or not isinstance(dates, set):
        return
    dates.update(index for index, style in enumerate(styles) if style.numFmtId in CHINESE_DATE_FORMAT_IDS)


def _too_big(path: Path) -> ImportFileError:
    return ImportFileError(f"“{path.name}”过大，读取时内存不足",
                           "请删除无关的工作表和远处误输入的内容，或把数据拆成几个文件分批导入")


def _unreadable(path: Path, exc: Exception) -> ImportFileError:
    """In the clerk's words; the reader's own (English) reason follows briefly, for whoever helps."""
    detail = str(exc).strip().splitlines()[0][:80] if str(exc).strip() else type(exc).__name__
    return ImportFileError(f"“{path.name}”无法读取：文件已损坏，或含有本程序不认识的内容（{detail}）",
                           safety._SAVE_AS_HINT)


def _worksheets(workbook: Any, include_hidden: bool = False) -> list[Any]:
    """Visible worksheets (and hidden ones if asked), not charts and not the template's 填写说明."""
    return [sheet for sheet in workbook.worksheets
            if (include_hidden or sheet.sheet_state == "visible") and sheet.title != NOTES_SHEET]


def _ticker(progress: Progress | None, declared: int) -> Callable[[int], None] | None:
    """``tick(n)``: n more rows read; the callback hears of it every ``PROGRESS_EVERY`` rows."""
    if progress is None:
        return None
    done = 0

    def tick(rows: int) -> None:
        nonlocal done
        done += rows
        try:
            progress(done, declared if declared >= done else 0)  # 0: the file does not say (or says wrong)
        except BaseException as exc:
            raise _CallerStop(exc) from None

    return tick


def _sheet_rows(path: Path, sheet: Any, workbook: Any, padded: dict[int, int],
                tick: Callable[[int], None] | None = None) -> list[list[Any]]:
    """The sheet's rows, ``rows[i]`` being Excel row ``i + 1``, each as long as its last cell (not
    padded: one stray space in column XFD would make every row 16,384 cells).

    openpyxl's own parser of the sheet XML is driven here rather than ``iter_rows``: that one
    trusts the order rows and cells are written in and silently drops a row written after a later
    one, or the cells right of one written out of order; some programs write them so. Rows are
    placed by their number and cells by their column instead. Blank rows after the table are
    dropped (a space typed in row 1048576 costs a second, not a gigabyte); real content that far
    down is refused. A line break typed in a cell is stored as ``_x000D_`` and openpyxl leaves it
    so: it is turned back into the character. A number shown with leading zeros by its format
    (000 → 001, a code or a phone number; ``padded``: ``_zero_padded_styles``) is read as the
    text the clerk sees."""
    by_number: dict[int, list[Any]] = {}
    read = 0
    with sheet._get_source() as source:  # noqa: SLF001 — as openpyxl's ReadOnlyWorksheet reads it
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,  # noqa: SLF001
                                 date_formats=workbook._date_formats,  # noqa: SLF001
                                 timedelta_formats=workbook._timedelta_formats)  # noqa: SLF001
        for number, cells in parser.parse():
            read += 1
            if tick is not None and read % PROGRESS_EVERY == 0:
                tick(PROGRESS_EVERY)
            row = by_number.get(number) or []
            for cell in cells:
                value = cell["value"]
                if value is None:
                    continue
                if type(value) is str:
                    if "_x" in value:
                        value = unescape(value)
                elif padded and cell["style_id"] in padded:
                    value = _as_shown(value, padded[cell["style_id"]])
                column = cell["column"] - 1
                if column >= len(row):
                    row.extend([None] * (column + 1 - len(row)))
                row[column] = value
            if not any(value is not None and (type(value) is not str or value.strip()) for value in row):
                continue
            if number > safety.MAX_ROWS:
                _refuse_far_content(path, sheet.title, number, row)
            by_number[number] = row
    if tick is not None:
        tick(read % PROGRESS_EVERY)  # the rows since the last tick
    return [by_number.get(number, []) for number in range(1, max(by_number, default=0) + 1)]


def _zero_padded_styles(workbook: Any) -> dict[int, int]:
    """Cell style index → digits, for the styles whose number format is only zeros (000)."""
    styles, formats = getattr(workbook, "_cell_styles", None), getattr(workbook, "_number_formats", None)
    if styles is None or formats is None:
        return {}
    padded = {}
    for index, style in enumerate(styles):
        if style.numFmtId >= BUILTIN_FORMATS_MAX_SIZE and style.numFmtId - BUILTIN_FORMATS_MAX_SIZE < len(formats):
            code = formats[style.numFmtId - BUILTIN_FORMATS_MAX_SIZE]
            if len(code) > 1 and code.strip("0") == "":
                padded[index] = len(code)
    return padded


def _as_shown(value: Any, digits: int) -> Any:
    """A whole number under a 000 format as Excel shows it: 1 → "001"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1e15 and value == int(value):
        return f"{int(value):0{digits}d}"
    return value


def _refuse_far_content(path: Path, title: str, number: int, values: Sequence[Any]) -> None:
    shown = next(str(value) for value in values if value is not None and str(value).strip())
    raise ImportFileError(
        f"“{path.name}”的工作表“{title}”第 {number} 行有内容“{shown[:20]}”，"
        f"超过一次导入的上限 {safety.MAX_ROWS} 行",
        "如果这是误输入的内容，请在 Excel 中删除该行后再导入；否则请把数据拆成几个文件分批导入",
    )


# ---------------------------------------------------------------- .xls, and .xlsx openpyxl refused: calamine

def _read_calamine_xlsx(path: Path, include_hidden: bool) -> list[Grid]:
    """An .xlsx openpyxl could not read; calamine gives the merges, the XML scan the formulas."""
    grids = _read_calamine(path, "xlsx", include_hidden)
    by_sheet = scan_sheets(path)
    for grid in grids:
        facts = by_sheet.get(grid.name)
        if facts is not None:
            grid.uncached, grid.placeholder_results = facts.uncached, facts.placeholders
    return grids


def _read_calamine(path: Path, fmt: str, include_hidden: bool) -> list[Grid]:
    with _calamine_errors(path):
        workbook = _open_calamine(path, fmt)
        visible = set(_calamine_sheet_names(workbook))
        grids = []
        for name in _calamine_sheet_names(workbook, include_hidden):
            sheet = workbook.get_sheet_by_name(name)
            if sheet.total_height * max(sheet.total_width, 1) > CALAMINE_MAX_CELLS:
                safety.raise_too_many_rows(path.name, sheet.total_height)  # too big to turn into Python values
            rows = _without_blank_tail(sheet.to_python(skip_empty_area=False))
            filled = _fill_vertical_merges(rows, sheet.merged_cell_ranges or ())
            grids.append(Grid(name, rows, hidden=name not in visible, merge_filled=filled))
        return grids


def _without_blank_tail(rows: list[list[Any]]) -> list[list[Any]]:
    """A stray space far below the table is no row of it (as in ``_sheet_rows``)."""
    while rows and not any(value is not None and (not isinstance(value, str) or value.strip()) for value in rows[-1]):
        rows.pop()
    return rows


def _open_calamine(path: Path, fmt: str) -> python_calamine.CalamineWorkbook:
    """``fmt`` is what the content is ("xls" or "xlsx", from ``safety``), whatever the name says."""
    if path.suffix.lower() in (f".{fmt}", ".xlsm"):
        return python_calamine.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:  # the name lies (an .xlsx saved as "名册.xls"): go by the content
        return python_calamine.CalamineWorkbook.from_filelike(handle)


def _calamine_sheet_names(workbook: python_calamine.CalamineWorkbook, include_hidden: bool = False) -> list[str]:
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
        raise ImportFileError(f"“{path.name}”无法读取：文件已损坏或格式不受支持（{exc}）",
                              safety._SAVE_AS_HINT) from None


def _fill_vertical_merges(rows: list[list[Any]], merges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
                          ) -> dict[int, set[int]]:
    """A cell merged down over several rows (所属片区 “东片区” beside each of its 小区, one date beside
    a voucher's lines) holds its value in the top cell only: every row of the merge gets it.
    Merges across a single row (titles, two-row headers) are left as they are. Returns the cells
    filled (row index → columns): a row with nothing of its own is still no record (``table``)."""
    filled: dict[int, set[int]] = {}
    for (top, left), (bottom, right) in merges:
        if bottom <= top or top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        if value is None or value == "":
            continue
        for index in range(top + 1, min(bottom, len(rows) - 1) + 1):
            row = rows[index]
            if len(row) <= right:  # rows end at their last cell (see ``_sheet_rows``)
                row.extend([None] * (right + 1 - len(row)))
            for col in range(left, right + 1):
                if row[col] is None or row[col] == "":
                    row[col] = value
                    filled.setdefault(index, set()).add(col)
    return filled


__all__ = [
    "HEADER_SCAN_ROWS", "NOTES_SHEET", "Grid", "Layout", "alias_index", "alias_ranks", "heading_text",
    "hidden_sheet_names", "hidden_tables", "locate", "normalise_header", "parse_rows", "read_grids", "segments",
    "sheet_names", "skip_reason", "split_unit",
]

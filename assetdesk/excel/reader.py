"""Reading real district workbooks (DOMAIN §8): find the table among title, total and sign-off rows.

python-calamine reads (11–16× faster than openpyxl, TECH-NOTES); .csv in UTF-8 or GBK is read with
the csv module. The header row is found by known column names (with aliases, line breaks,
full-width brackets, two-row headers); units in headers ("(万元)", "(亩)") and in a title row
("单位：万元") become conversion factors; blank, 合计/小计, sign-off and note rows are skipped.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine
from openpyxl.utils import get_column_letter

from assetdesk.errors import ImportFileError

from . import safety
from .convert import convert_column
from .formulas import uncached_formula_cells
from .kinds.base import ColumnSpec, ParsedRow, RowError

HEADER_SCAN_ROWS = 30
NOTES_SHEET = "填写说明"
AMOUNT_UNITS = {"元": Decimal(1), "人民币元": Decimal(1), "万元": Decimal(10000)}
AREA_UNITS = {"m2": Decimal(1), "平方米": Decimal(1), "平米": Decimal(1), "平方": Decimal(1), "亩": Decimal(10000) / 15}
_TITLE_UNIT_RE = re.compile(r"单位\s*[:：]\s*(万元|元)")
_SKIP_RE = re.compile(
    r"^(?:(?:总计|合计|小计|本页合计|本页小计|本月合计|本年累计)\s*[:：]?.*"
    r"|[^\d\s]{1,8}(?:合计|小计|总计)[:：]?"  # 资产类合计, 东片区小计
    r"|(?:填表人|制表人|审核人|审核|负责人|单位负责人|填报人|填报日期|填报单位|制表日期|经办人|复核人?|记账人?|会计主管)\s*[:：].*"
    r"|(?:说明|注|附注|备注|填表说明)\s*\d*\s*[:：、.].*|注|说明)$",
    re.S,
)
_WHITESPACE_RE = re.compile(r"\s+")
_HEADING_RE = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}[)）、.．]\s*")


@dataclass
class Grid:
    """One sheet as read: ``rows[i]`` is Excel row ``i + 1``. ``uncached`` holds the (row, column)
    indexes of formula cells saved without a result (see ``formulas``)."""

    name: str
    rows: list[list[Any]]
    uncached: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Layout:
    """Where a kind's table sits in a grid and how each matched column converts."""

    header_rows: tuple[int, ...]
    mapping: list[tuple[int, ColumnSpec, Decimal]]
    headers: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    missing: list[ColumnSpec] = field(default_factory=list)
    has_unit: dict[str, bool] = field(default_factory=dict)

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1

    def where(self) -> dict[str, tuple[int, str, str]]:
        return {spec.key: (index, get_column_letter(index + 1), self.headers[spec.key]) for index, spec, _ in self.mapping}


# ---------------------------------------------------------------- loading

def read_grids(path: str | Path) -> list[Grid]:
    """Every visible worksheet of an .xlsx/.xls/.csv file, after the safety checks."""
    path = Path(path)
    try:
        return _read_grids(path)
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


def _read_grids(path: Path) -> list[Grid]:
    fmt = safety.check_file(path)
    if fmt == "csv":
        grids = _read_csv(path)
    elif fmt == "xlsx-far":
        grids = _read_streaming(path)
    else:
        grids = _read_calamine(path, fmt)
    for grid in grids:
        if len(grid.rows) > safety.MAX_ROWS:
            safety.raise_too_many_rows(path.name, len(grid.rows))
    return grids


def _read_calamine(path: Path, fmt: str) -> list[Grid]:
    """calamine's read, with the search for formulas without results running beside it."""
    if fmt != "xlsx":
        return _read_calamine_sheets(path, fmt)
    with ThreadPoolExecutor(max_workers=1) as pool:
        uncached = pool.submit(uncached_formula_cells, path)
        grids = _read_calamine_sheets(path, fmt)
        by_sheet = uncached.result()
    for grid in grids:
        grid.uncached = by_sheet.get(grid.name, set())
    return grids


def _read_calamine_sheets(path: Path, fmt: str) -> list[Grid]:
    with _calamine_errors(path):
        workbook = _open_calamine(path, fmt)
        grids = []
        for name in _worksheet_names(workbook):
            sheet = workbook.get_sheet_by_name(name)
            if sheet.total_height > safety.MAX_ROWS:
                safety.raise_too_many_rows(path.name, sheet.total_height)
            rows = sheet.to_python(skip_empty_area=False)
            _fill_vertical_merges(rows, sheet.merged_cell_ranges or ())
            grids.append(Grid(name, rows))
        return grids


def _open_calamine(path: Path, fmt: str) -> python_calamine.CalamineWorkbook:
    if path.suffix.lower() in (f".{fmt}", ".xlsm"):
        return python_calamine.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:  # the name lies (an .xlsx saved as "名册.xls"): go by the content
        return python_calamine.CalamineWorkbook.from_filelike(handle)


def _worksheet_names(workbook: python_calamine.CalamineWorkbook) -> list[str]:
    """Visible worksheets, not charts and not the template's 填写说明."""
    return [meta.name for meta in workbook.sheets_metadata
            if meta.visible == python_calamine.SheetVisibleEnum.Visible and meta.name != NOTES_SHEET
            and meta.typ == python_calamine.SheetTypeEnum.WorkSheet]


@contextmanager
def _calamine_errors(path: Path) -> Iterator[None]:
    """calamine's refusals in the clerk's words."""
    try:
        yield
    except python_calamine.PasswordError:
        raise ImportFileError(f"“{path.name}”设置了打开密码，无法读取", "请取消密码后另存为 .xlsx 再导入") from None
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError, ValueError) as exc:
        raise ImportFileError(f"“{path.name}”无法读取：文件已损坏或格式不受支持（{exc}）", safety._SAVE_AS_HINT) from None


def _read_streaming(path: Path) -> list[Grid]:
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
            if sheet.sheet_state != "visible" or sheet.title == NOTES_SHEET:
                continue
            grids.append(Grid(sheet.title, _streamed_rows(path, sheet)))
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


def _read_csv(path: Path) -> list[Grid]:
    """Text tables as Excel and other programs save them: UTF-8 (with or without BOM), UTF-16
    ("Unicode 文本"), or on Chinese Windows GBK (read as its superset GB18030); separated by commas,
    tabs or semicolons, whichever the file uses."""
    data = path.read_bytes()
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(f"“{path.name}”的文字编码无法识别", "请在 Excel 中另存为 .xlsx 再导入")
    if "\x00" in text:
        raise ImportFileError(f"“{path.name}”不是文本格式的 CSV 文件", safety._SAVE_AS_HINT)
    lines = text.splitlines()
    return [Grid(path.stem, [list(row) for row in csv.reader(lines, delimiter=_delimiter(lines))])]


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines most consistently (comma when in doubt)."""
    sample = [line for line in lines[:50] if line.strip()]
    best, best_score = ",", 0
    for candidate in (",", "\t", ";"):
        counts = [len(next(csv.reader([line], delimiter=candidate))) for line in sample]
        wide = [count for count in counts if count > 1]
        score = len(wide) * 2 + (max(wide) if wide else 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


# ---------------------------------------------------------------- headers

def normalise_header(text: Any) -> str:
    """Full-width → half-width, no whitespace or line breaks, no required-marks, lower case."""
    cleaned = unicodedata.normalize("NFKC", str(text or ""))
    cleaned = _WHITESPACE_RE.sub("", cleaned).strip("*＊")
    for old, new in (("【", "("), ("】", ")"), ("[", "("), ("]", ")"), ("〔", "("), ("〕", ")")):
        cleaned = cleaned.replace(old, new)
    return cleaned.lower()


def split_unit(header: str) -> list[tuple[str, str | None]]:
    """Readings of a normalised header as (name, unit): "金额(万元)" → [("金额", "万元"), ...]."""
    readings: list[tuple[str, str | None]] = [(header, None)]
    match = re.fullmatch(r"(.+?)\((.*)\)", header)
    if match:
        name, unit = match.groups()
        unit = unit.removeprefix("单位:").removeprefix("单位")
        readings.insert(0, (name, unit))
    bare = re.sub(r"\([^)]*\)", "", header)  # "小区(院落)名称" → "小区名称"
    if bare and bare != header and (bare, None) not in readings and not match:
        readings.append((bare, None))
    if re.search(r"[/或、]", bare):  # "身份证号/统一社会信用代码": either name will do
        readings += [(part, None) for part in re.split(r"[/或、]", bare) if part]
    return readings


def alias_index(columns: Sequence[ColumnSpec]) -> dict[str, ColumnSpec]:
    """Normalised header or alias → spec; the first spec claiming a name keeps it."""
    index: dict[str, ColumnSpec] = {}
    for spec in columns:
        for name in (spec.header, *spec.aliases):
            for reading, _ in split_unit(normalise_header(name)):
                index.setdefault(reading, spec)
    return index


def alias_ranks(columns: Sequence[ColumnSpec]) -> dict[str, int]:
    """Normalised header or alias → its place in its spec's list (the header 0, then the aliases in
    order): when two columns of a sheet both name a spec (期初借方 and 年初借方), the better-placed
    name takes it, wherever the columns stand."""
    ranks: dict[str, int] = {}
    for spec in columns:
        for position, name in enumerate((spec.header, *spec.aliases)):
            for reading, _ in split_unit(normalise_header(name)):
                ranks.setdefault(reading, position)
    return ranks


def unit_factor(spec: ColumnSpec, unit: str | None) -> Decimal | None:
    """The header's unit as a factor for this column type, ``None`` when it states none we know."""
    if unit is None:
        return None
    table = AMOUNT_UNITS if spec.type == "amount" else AREA_UNITS if spec.type == "area" else {}
    return table.get(unit)


def locate(grid: Grid, columns: Sequence[ColumnSpec]) -> Layout | None:
    """The best header reading in the first rows: all required columns present, most columns
    matched, a single row before two, earliest first."""
    index, ranks = alias_index(columns), alias_ranks(columns)
    best: Layout | None = None
    for row in range(min(HEADER_SCAN_ROWS, len(grid.rows))):
        single = _match(grid, (row,), index, ranks, columns)
        # a numbered group title ("一、东片区") under the header is the first group, not a second header row
        double = _match(grid, (row, row + 1), index, ranks, columns) \
            if row + 1 < len(grid.rows) and skip_reason(grid.rows[row + 1]) != "heading" else None
        for layout in (single, double):
            if layout is None or not layout.mapping:
                continue
            if best is None or _rank(layout) > _rank(best):
                best = layout
    if best is not None:
        _apply_title_unit(grid, best)
    return best


def _rank(layout: Layout) -> tuple[int, int, int]:
    """Fewest required columns missing, then most columns matched, then a single header row."""
    return (-len(layout.missing), len(layout.mapping), -len(layout.header_rows))


def _header_cells(grid: Grid, rows: tuple[int, ...]) -> list[list[str]]:
    """Candidate header texts per column: one row, or parent (filled across merges) + child."""
    top = grid.rows[rows[0]]
    if len(rows) == 1:
        return [[normalise_header(cell)] for cell in top]
    bottom = grid.rows[rows[1]]
    width = max(len(top), len(bottom))
    parents, last = [], ""
    for col in range(width):
        value = normalise_header(top[col] if col < len(top) else "")
        child = normalise_header(bottom[col] if col < len(bottom) else "")
        last = value or (last if child else "")
        parents.append((last, child))
    return [[child, parent + child] if child else [parent] for parent, child in parents]


def _match(grid: Grid, rows: tuple[int, ...], index: dict[str, ColumnSpec], ranks: dict[str, int],
           columns: Sequence[ColumnSpec]) -> Layout:
    mapping: list[tuple[int, ColumnSpec, Decimal]] = []
    headers: dict[str, str] = {}
    units: dict[str, bool] = {}
    cells = _header_cells(grid, rows)
    # the fullest reading first, for every column: under a two-row header "期初余额 / 借方" must win
    # the 借方余额 column over "期末余额 / 借方" wherever the two stand; a bare "借方" only then.
    # Two columns naming the same spec: the better-placed name (``alias_ranks``) takes it.
    unmatched: list[tuple[int, list[str]]] = []
    claims = []
    for col, candidates in enumerate(cells):
        found = _match_cell(candidates[-1:], index, {})
        if found is None:
            unmatched.append((col, candidates))
        else:
            claims.append((ranks.get(found[3], len(ranks)), col, candidates, found))
    for _, col, candidates, found in sorted(claims, key=lambda claim: claim[:2]):
        if found[0].key in headers:  # taken by a better name: another reading of this cell may fit
            found = _match_cell(candidates[-1:], index, headers)
            if found is None:
                unmatched.append((col, candidates))
                continue
        _take(mapping, headers, units, col, found)
    unmatched.sort(key=lambda item: item[0])
    still: list[tuple[int, list[str]]] = []
    for col, candidates in unmatched:
        found = _match_cell(candidates[:-1], index, headers)
        if found is None:
            still.append((col, candidates))
            continue
        _take(mapping, headers, units, col, found)
    unmatched = still
    ignored: list[str] = []
    for col, candidates in unmatched:
        # a row that is already a header (two exact names) may name other columns more fully:
        # "户主姓名", "承租人姓名" end with the known "姓名"
        found = _match_suffix(candidates, index, headers) if len(mapping) >= 2 else None
        if found is not None:
            _take(mapping, headers, units, col, found)
        elif candidates[-1] and candidates[-1] not in ("序号", "编号序号"):
            ignored.append(candidates[-1])
    mapping.sort(key=lambda item: item[0])
    missing = [spec for spec in columns if spec.required and spec.key not in headers]
    return Layout(rows, mapping, headers, ignored, missing, units)


def _take(mapping: list, headers: dict, units: dict, col: int, found: tuple) -> None:
    spec, factor, text = found[:3]
    mapping.append((col, spec, factor or Decimal(1)))
    headers[spec.key] = text
    units[spec.key] = factor is not None


def _match_cell(candidates: list[str], index: dict[str, ColumnSpec], taken: dict[str, str]):
    for text in candidates:
        if not text:
            continue
        for name, unit in split_unit(text):
            spec = index.get(name)
            if spec is not None and spec.key not in taken:
                return spec, unit_factor(spec, unit), text, name
    return None


def _match_suffix(candidates: list[str], index: dict[str, ColumnSpec], taken: dict[str, str]):
    """The longest known name (two characters or more) that ends the header, when only one column has it."""
    for text in candidates:
        for name, unit in split_unit(text) if text else ():
            endings = sorted((alias for alias in index if len(alias) >= 2 and name.endswith(alias)), key=len, reverse=True)
            specs = {index[alias].key for alias in endings[:1]}
            if endings and len(specs) == 1 and index[endings[0]].key not in taken:
                spec = index[endings[0]]
                return spec, unit_factor(spec, unit), text
    return None


def _apply_title_unit(grid: Grid, layout: Layout) -> None:
    """"单位：万元" in a title row scales amount columns whose header states no unit of its own."""
    scale = None
    for row in grid.rows[: layout.header_rows[0]]:
        for cell in row:
            match = _TITLE_UNIT_RE.search(str(cell or ""))
            if match:
                scale = AMOUNT_UNITS[match.group(1)]
    if scale is None or scale == 1:
        return
    layout.mapping = [
        (col, spec, scale if spec.type == "amount" and not layout.has_unit[spec.key] else factor)
        for col, spec, factor in layout.mapping
    ]


# ---------------------------------------------------------------- rows

def skip_reason(row: Sequence[Any]) -> str | None:
    """Why a row is not data: "blank"; "skip" when its first filled cell opens a total, sign-off or
    note; "heading" when its only filled cell is a numbered group title ("一、东片区", "（二）西片区")."""
    for position, cell in enumerate(row):
        if cell is None or cell == "":
            continue
        if isinstance(cell, str):
            text = _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", cell))
            if not text:
                continue
            if _SKIP_RE.match(text):
                return "skip"
            if _HEADING_RE.match(text) and _only_filled(row, position):
                return "heading"
        return None
    return "blank"


def _only_filled(row: Sequence[Any], position: int) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row[position + 1:])


def heading_text(cells: Sequence[Any]) -> str:
    """"一、东片区" → "东片区": the group a heading row opens, without its numbering."""
    text = next(str(cell) for cell in cells if cell is not None and str(cell).strip())
    return _HEADING_RE.sub("", unicodedata.normalize("NFKC", text).strip(), count=1).strip()


def data_rows(grid: Grid, layout: Layout) -> Iterator[tuple[int, list[Any], str]]:
    """(Excel row number, cells, group) of every data row below the header; ``group`` is the
    title of the numbered heading row above it, if any ("东片区" under "一、东片区")."""
    first_col = layout.mapping[0][0]
    first_header = grid.rows[layout.header_rows[-1]][first_col]
    rows = grid.rows
    group = ""
    for index in range(layout.data_start, len(rows)):
        cells = rows[index]
        head = cells[0] if cells else None
        # most rows open with a number (序号) or a name: only text can open a total or sign-off row
        if head is None or head == "" or type(head) is str:
            reason = skip_reason(cells)
            if reason == "heading":
                group = heading_text(cells)
                continue
            if reason is not None:
                continue
        if first_col < len(cells) and cells[first_col] == first_header and _is_header_again(grid, layout, cells):
            continue  # the header repeated on a printed page
        yield index + 1, cells, group


def _is_header_again(grid: Grid, layout: Layout, cells: Sequence[Any]) -> bool:
    header = grid.rows[layout.header_rows[-1]]
    return all(col < len(cells) and cells[col] == header[col] for col, _, _ in layout.mapping)


def parse_rows(grid: Grid, layout: Layout, columns: Sequence[ColumnSpec]) -> tuple[list[ParsedRow], list[RowError]]:
    """Convert every data row; each bad cell becomes a RowError naming its row and column.
    Columns absent from the sheet take their empty value (the importer may fill them from the books).

    Conversion runs column by column (``convert_column``): one call per column instead of one per
    cell is most of what keeps a 50,000-row import close to the bare read.
    """
    where = layout.where()
    found = list(data_rows(grid, layout))
    numbers = [number for number, _, _ in found]
    lines = [cells for _, cells, _ in found]
    groups = [group for _, _, group in found]
    narrowest = min((len(cells) for cells in lines), default=0)
    keys: list[str] = []
    converted: list[list[Any]] = []
    failures: list[tuple[int, int, str, str]] = []
    for position, (col, spec, factor) in enumerate(layout.mapping):
        cells = [line[col] for line in lines] if col < narrowest else \
            [line[col] if col < len(line) else None for line in lines]
        values, bad = convert_column(spec, cells, factor)
        keys.append(spec.key)
        converted.append(values)
        failures.extend((index, position, spec.key, reason) for index, reason in bad)
    mapped = set(keys)
    absent = {spec.key: spec.empty_value for spec in columns if spec.key not in mapped}
    records = list(map(dict, map(zip, repeat(keys), zip(*converted))))  # one dict per row, built in C
    if absent:
        for record in records:
            record.update(absent)
    name = grid.name
    title = " ".join(str(cell).strip() for line in grid.rows[: layout.header_rows[0]] for cell in line
                     if cell is not None and str(cell).strip())
    rows = [ParsedRow(name, number, record, cells, where, group, title)
            for number, record, cells, group in zip(numbers, records, lines, groups)]
    if grid.uncached:
        failures.extend(_uncached_failures(grid, layout, numbers))
    errors = [rows[index].error(key, reason) for index, _, key, reason in sorted(failures)]
    return rows, errors


def _uncached_failures(grid: Grid, layout: Layout, numbers: list[int]) -> list[tuple[int, int, str, str]]:
    """A data cell holding a formula saved without its result would read as empty: refused."""
    position_of = {number - 1: index for index, number in enumerate(numbers)}
    failures = []
    for position, (col, spec, _) in enumerate(layout.mapping):
        for row_index, cell_col in grid.uncached:
            if cell_col == col and row_index in position_of:
                failures.append((position_of[row_index], position, spec.key,
                                 "单元格是公式，但文件中没有保存公式的计算结果（文件可能由程序生成、未经 Excel 保存）；"
                                 "请在 Excel 中打开并保存此文件后再导入，或把公式改为数值"))
    return failures

"""The rows of a located table (DOMAIN §8): which are data, under which group, converted column
by column.

Walking down from the header: totals, sign-off, notes and 其中 breakdowns are skipped; 以下空白
ends the table; a numbered heading (一、东片区) opens a group for the rows below it; a row holding
only its 序号 (a pre-numbered blank form) is no record; a header row met again (printed on every
page, or a second table on the same sheet) is skipped, and when its columns differ the rows below
it are read by that header. A sheet whose name or title names a group (东片区) puts its rows in it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter

from assetdesk.errors import AssetDeskError

from .convert import convert_column
from .header import Layout, Names, finish, header_at, header_key
from .kinds.base import ColumnSpec, ParsedRow, RowError
from .rows import first_text, heading_text, named_group, row_kind

Refine = Callable[["Grid", Layout], "Layout | None"]  # a kind's refine_layout

if TYPE_CHECKING:
    from .reader import Grid

_END_STARTS = frozenset("以此本(（ \u3000")


@dataclass
class Segment:
    """One table of a sheet: its layout and its data rows as (Excel row number, cells, group).
    ``foreign``: a table under a header the kind does not take as its own (its rows are not read)."""

    layout: Layout
    rows: list[tuple[int, Sequence[Any], str]] = field(default_factory=list)
    foreign: bool = False


def sheet_group(grid: Grid, layout: Layout) -> str:
    """The group the whole sheet stands for: its name ("东片区"), else its title."""
    title = " ".join(str(cell) for row in grid.rows[: layout.header_rows[0]] for cell in row
                     if isinstance(cell, str) and cell.strip())
    return named_group(grid.name) or named_group(title)


def segments(grid: Grid, layout: Layout, names: Names, refine: Refine | None = None) -> list[Segment]:
    """The sheet's tables from ``layout`` down, each with its data rows (see the module docstring).
    A later table's header is given the kind's own second look (``refine``, the kind's
    ``refine_layout``), as the first one was: an opening-balance table's 本期借方 is never a balance."""
    rows = grid.rows
    title_rows = rows[: layout.header_rows[0]]
    current = Segment(layout)
    parts = [current]
    walk = _Walk(rows, layout)
    first_col = walk.first_col
    group = sheet_group(grid, layout)
    ended = False
    resume = layout.data_start  # where the walk goes on after a header met again
    filled = grid.merge_filled
    for index in range(layout.data_start, len(rows)):
        if index < resume:
            continue
        cells = rows[index]
        head = cells[0] if cells else None
        # most rows open with a number (序号) or a name: only text opens a total, heading or header
        if head is None or head == "" or type(head) is str:
            at = first_text(cells)
            if at[2] is not None and (names.may_open_header(header_key(at[2])) or walk.repeats_header(cells)):
                again = _header_again(grid, index, names, title_rows, current.layout)
                if again is not None:
                    _drop_title_above(current, index, rows)
                    if not again.same_columns(current.layout):
                        current = _segment(grid, again, refine)
                        parts.append(current)
                        walk = _Walk(rows, again)
                        first_col = walk.first_col
                    ended = False
                    resume = again.data_start
                    continue
            kind = row_kind(cells, at)
            if kind is not None:
                if kind == "heading":
                    group = heading_text(cells)
                elif kind == "end":
                    ended = True
                continue
        elif len(cells) > 1 and (type(second := cells[1]) is not str or second[:1] in _END_STARTS) \
                and _ends_after_number(cells):
            ended = True
            continue
        if ended:
            continue
        own = _own_cells(cells, filled.get(index)) if filled else cells
        first = own[first_col] if first_col < len(own) else None
        if (first is None or first == "") and walk.only_numbering(own):
            continue
        current.rows.append((index + 1, cells, group))
    return parts


def _drop_title_above(current: Segment, header: int, rows: Sequence[Sequence[Any]]) -> None:
    """The row just above a header met again (blank rows between allowed) holding one text cell
    and nothing else is that table's title (补充名单, 科目汇总表, the page title printed again),
    not a record of the table above."""
    if not current.rows:
        return
    number, cells, _ = current.rows[-1]
    filled = [cell for cell in cells if not _blank(cell)]
    if len(filled) != 1 or type(filled[0]) is not str:
        return
    if any(not _blank(cell) for between in rows[number:header] for cell in between):
        return
    current.rows.pop()


def _segment(grid: Grid, layout: Layout, refine: Refine | None) -> Segment:
    """A later table of the sheet, read by the kind's second look at its header; a table that
    look refuses (no balance column, no date) is another kind's: its rows are passed over."""
    if refine is None:
        return Segment(layout)
    try:
        refined = refine(grid, layout)
    except AssetDeskError:
        refined = None
    if refined is None or refined.missing:
        _note_skipped_table(grid, layout)
        return Segment(layout, foreign=True)
    return Segment(refined)


def _note_skipped_table(grid: Grid, layout: Layout) -> None:
    """Passed over, never silently: the clerk is told where the other table starts and its header."""
    top = layout.header_rows[0]
    headers = [str(cell).strip() for cell in grid.rows[layout.header_rows[-1]]
               if isinstance(cell, str) and cell.strip()]
    shown = "、".join(headers[:5]) + ("…" if len(headers) > 5 else "")
    note = f"工作表“{grid.name}”第 {top + 1} 行起的表格（{shown}）"
    if note not in grid.skipped_tables:
        grid.skipped_tables.append(note)


class _Walk:
    """What the row walk checks often, prepared once per table."""

    def __init__(self, rows: Sequence[Sequence[Any]], layout: Layout):
        self.layout = layout
        self.first_col = layout.mapping[0][0]
        header = rows[layout.header_rows[-1]]
        self.first_header = header[self.first_col] if self.first_col < len(header) else None
        self.mapped = frozenset(col for col, _, _ in layout.mapping)

    def repeats_header(self, cells: Sequence[Any]) -> bool:
        return (self.first_header is not None and self.first_col < len(cells)
                and cells[self.first_col] == self.first_header)

    def only_numbering(self, cells: Sequence[Any]) -> bool:
        """A pre-numbered blank line: nothing but its 序号 filled in (asked only when the first
        matched column is empty: a usual data row is decided by one look)."""
        filled = [col for col, cell in enumerate(cells) if not _blank(cell)]
        if not filled or any(col in self.mapped for col in filled):
            return False
        return all(col in self.layout.numbering or (col == 0 and _is_whole_number(cells[0])) for col in filled)


def _own_cells(cells: Sequence[Any], merged: set[int] | None) -> Sequence[Any]:
    """The row without what a merge above gave it: a pre-numbered blank line under a 片区 merged
    down beside it is still a blank line."""
    if not merged:
        return cells
    return [None if col in merged else cell for col, cell in enumerate(cells)]


def _blank(cell: Any) -> bool:
    return cell is None or (type(cell) is str and not cell.strip())


def _is_whole_number(cell: Any) -> bool:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell).is_integer()
    return isinstance(cell, str) and cell.strip().isdigit()


def _ends_after_number(cells: Sequence[Any]) -> bool:
    """"5 | 以下空白": on a pre-numbered form the end mark follows the next 序号."""
    for cell in islice(cells, 1, None):
        if cell is None or cell == "":
            continue
        return type(cell) is str and cell.lstrip()[:1] in _END_STARTS and row_kind([cell]) == "end"
    return False


def _header_again(grid: Grid, index: int, names: Names, title_rows: Sequence[Sequence[Any]],
                  current: Layout) -> Layout | None:
    """Row ``index`` read as a header of this kind, with all required columns and at least as many
    columns as a header needs (two, or the current table's count when smaller); else ``None``."""
    layout = header_at(grid, index, names)
    if layout is None or layout.missing or len(layout.mapping) < min(2, len(current.mapping)):
        return None
    finish(grid, layout, title_rows)
    return layout


# ---------------------------------------------------------------- conversion

def parse_rows(grid: Grid, layout: Layout, columns: Sequence[ColumnSpec],
               refine: Refine | None = None) -> tuple[list[ParsedRow], list[RowError]]:
    """Convert every data row; each bad cell becomes a RowError naming its row and column, and a
    unit the app cannot convert one naming the cell that states it. Columns absent from the sheet
    take their empty value (the importer may fill them from the books).

    ``layout.headers`` ends up holding the columns every table of the sheet has: a column only
    one of two tables gives is not "present" for the rows of the other.
    """
    title = " ".join(str(cell).strip() for line in grid.rows[: layout.header_rows[0]] for cell in line
                     if cell is not None and str(cell).strip())
    rows: list[ParsedRow] = []
    errors: list[RowError] = []
    parts = [part for part in segments(grid, layout, Names(columns), refine) if not part.foreign]
    for part in parts:
        errors.extend(_unit_errors(grid, part.layout))
        converted, failed = _convert(grid, part, columns, title)
        rows.extend(converted)
        errors.extend(failed)
    for part in parts[1:]:
        for key in [key for key in layout.headers if key not in part.layout.headers]:
            del layout.headers[key]
    return rows, errors


def _unit_errors(grid: Grid, layout: Layout) -> list[RowError]:
    spec_at = {col: spec for col, spec, _ in layout.mapping}
    return [RowError(grid.name, error.row + 1,
                     f"{get_column_letter(error.col + 1)}（{layout.headers[spec_at[error.col].key]}）",
                     error.unit, error.reason) for error in layout.unit_errors]


def _convert(grid: Grid, part: Segment, columns: Sequence[ColumnSpec],
             title: str) -> tuple[list[ParsedRow], list[RowError]]:
    """Conversion runs column by column (``convert_column``): one call per column instead of one per
    cell is most of what keeps a 50,000-row import close to the bare read."""
    layout = part.layout
    where = layout.where()
    numbers = [number for number, _, _ in part.rows]
    lines = [cells for _, cells, _ in part.rows]
    groups = [group for _, _, group in part.rows]
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
    rows = [ParsedRow(name, number, record, cells, where, group, title)
            for number, record, cells, group in zip(numbers, records, lines, groups)]
    if grid.uncached or grid.placeholder_results:
        failures = _formula_failures(grid, layout, numbers, failures)
    errors = [rows[index].error(key, reason) for index, _, key, reason in sorted(failures)]
    return rows, errors


_NO_RESULT = ("单元格是公式，但文件中没有保存公式的计算结果（文件可能由程序生成、未经 Excel 保存）；"
              "请在 Excel 中打开并保存此文件后再导入，或把公式改为数值")
_PLACEHOLDER_RESULT = ("单元格是公式，文件标明其中保存的结果须在打开时重新计算（文件由程序生成、未经 Excel 保存），"
                       "这个值不一定是公式的结果；请在 Excel 中打开并保存此文件后再导入，或把公式改为数值")


def _formula_failures(grid: Grid, layout: Layout, numbers: list[int],
                      failures: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A data cell holding a formula saved without its result would read as empty (or as the
    writer's placeholder 0): refused, with that one reason (not also "必须填写" for the same cell)."""
    position_of = {number - 1: index for index, number in enumerate(numbers)}
    found = {}
    for position, (col, spec, _) in enumerate(layout.mapping):
        for cells, reason in ((grid.uncached, _NO_RESULT), (grid.placeholder_results, _PLACEHOLDER_RESULT)):
            for row_index, cell_col in cells:
                if cell_col == col and row_index in position_of:
                    found[position_of[row_index], position] = (spec.key, reason)
    kept = [failure for failure in failures if (failure[0], failure[1]) not in found]
    return kept + [(index, position, key, reason) for (index, position), (key, reason) in found.items()]

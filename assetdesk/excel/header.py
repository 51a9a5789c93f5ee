"""Finding a kind's table in a sheet (DOMAIN §8): the header row by known column names (aliases,
line breaks, full-width brackets, two-row headers), and the unit each matched column counts in.

Units come from the header ("建筑面积（万平方米）"), from a units row right under it ("（户）|（亩）"),
or from the title's unit row ("单位：户、万平方米、万元", each unit for the columns of its type).
A unit the app cannot convert for a column is an error naming the column (``Layout.unit_errors``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter

from assetdesk.names import INVISIBLE

from . import units
from .kinds.base import ColumnSpec
from .rows import row_kind
from .units import Factor, UnitReading

if TYPE_CHECKING:
    from .reader import Grid

HEADER_SCAN_ROWS = 30
SEQUENCE_HEADERS = frozenset(("序号", "序", "编号序号", "顺序号", "行次", "行号", "no", "no.", "#"))
_WHITESPACE_RE = re.compile(r"\s+")
_ONE = Decimal(1)


@dataclass
class UnitError:
    """A unit the app cannot convert for a column: where it was written and why it is refused."""

    row: int  # index in the grid of the row holding the unit
    col: int
    unit: str
    reason: str


@dataclass
class Layout:
    """Where a kind's table sits in a grid and how each matched column converts."""

    header_rows: tuple[int, ...]
    mapping: list[tuple[int, ColumnSpec, Factor]]
    headers: dict[str, str]
    ignored: list[str] = field(default_factory=list)
    missing: list[ColumnSpec] = field(default_factory=list)
    has_unit: dict[str, bool] = field(default_factory=dict)
    unit_errors: list[UnitError] = field(default_factory=list)
    numbering: frozenset[int] = frozenset()  # the 序号 columns
    units_row: int | None = None  # a row of units right under the header ("（户）|（亩）")

    @property
    def data_start(self) -> int:
        return max(self.header_rows[-1], -1 if self.units_row is None else self.units_row) + 1

    def where(self) -> dict[str, tuple[int, str, str]]:
        return {spec.key: (index, get_column_letter(index + 1), self.headers[spec.key])
                for index, spec, _ in self.mapping}

    def same_columns(self, other: "Layout") -> bool:
        """The same columns read the same way under the same header texts (a header repeated)."""
        return self.headers == other.headers and \
            [(c, s.key, f) for c, s, f in self.mapping] == [(c, s.key, f) for c, s, f in other.mapping]


class Names:
    """A kind's column names, normalised once: what the header search and the row walk look up."""

    def __init__(self, columns: Sequence[ColumnSpec]):
        self.columns = columns
        self.index = alias_index(columns)
        self.ranks = alias_ranks(columns)

    def may_open_header(self, key: str) -> bool:
        """``key`` (``header_key`` of a row's first text) could be the first cell of a header row."""
        if key in self.index or key in SEQUENCE_HEADERS:
            return True
        return "(" in key and split_unit(key)[0][0] in self.index


# ---------------------------------------------------------------- names

def normalise_header(text: Any) -> str:
    """Full-width → half-width, no whitespace or line breaks, no required-marks, lower case."""
    return header_key(_WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", str(text or "")).translate(INVISIBLE)))


def header_key(cleaned: str) -> str:
    """``normalise_header`` of a text already NFKC-normalised and without whitespace."""
    cleaned = cleaned.strip("*＊")
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
    slashed = re.fullmatch(r"(.+)/([^/]+)", bare) if not match else None
    if slashed and units.unit_type(slashed.group(2)):
        readings.insert(0, (slashed.group(1), slashed.group(2)))  # "建筑面积/万平方米"
    if re.search(r"[/或、]", bare):  # "身份证号/统一社会信用代码": either name will do
        readings += [(part, None) for part in re.split(r"[/或、]", bare) if part]
    if not match and not slashed and (ending := _unit_ending(bare)):
        readings.append((bare[: -len(ending)], ending))  # "建筑面积万平方米", "金额万元": the unit unbracketed
    return readings


def _unit_ending(header: str) -> str:
    """The longest area or money unit ending ``header`` after a name of two characters or more."""
    for length in range(min(6, len(header) - 2), 0, -1):
        if units.unit_type(header[-length:]):
            return header[-length:]
    return ""


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


def unit_factor(spec: ColumnSpec, unit: str | None) -> Factor | None:
    """The header's unit as a factor for this column type, ``None`` when it states none (or one
    the app cannot convert: ``units.for_column`` says why)."""
    reading = units.for_column(spec.type, unit)
    return reading.factor if reading is not None else None


# ---------------------------------------------------------------- the header row

def locate(grid: Grid, columns: Sequence[ColumnSpec], names: Names | None = None) -> Layout | None:
    """The best header reading in the first rows: all required columns present, most columns
    matched, a single row before two, earliest first; with its units (header, units row, title).

    A complete header with data under it comes first even when a later one names more columns:
    the sheet then holds two tables, and the later one is read by its own header (``table``)."""
    names = names or Names(columns)
    best: Layout | None = None
    complete: list[Layout] = []
    for row in range(min(HEADER_SCAN_ROWS, len(grid.rows))):
        layout = header_at(grid, row, names)
        if layout is None:
            continue
        if not layout.missing:
            complete.append(layout)
        if best is None or _rank(layout) > _rank(best):
            best = layout
    if best is not None:
        best = next((layout for layout in complete if layout.header_rows[0] < best.header_rows[0]
                     and len(layout.mapping) >= min(2, len(best.mapping))
                     and _has_data(grid, layout.header_rows[-1] + 1, best.header_rows[0])), best)
        finish(grid, best, grid.rows[: best.header_rows[0]])
    return best


def _has_data(grid: Grid, first: int, end: int) -> bool:
    """Some row in ``first``..``end`` (exclusive) may be data: not blank, total, heading or units."""
    return any(row_kind(grid.rows[row]) is None and units.row_units(grid.rows[row]) is None
               for row in range(first, end))


def header_at(grid: Grid, row: int, names: Names) -> Layout | None:
    """The better reading of ``row`` as a header: alone, or with the next row under it."""
    rows = grid.rows
    single = _match(grid, (row,), names)
    double = None
    if row + 1 < len(rows):
        below = rows[row + 1]
        # a numbered group title ("一、东片区") or a units row under the header is not a second header row
        if row_kind(below) != "heading" and units.row_units(below) is None:
            double = _match(grid, (row, row + 1), names)
    best = None
    for layout in (single, double):
        if layout is not None and layout.mapping and (best is None or _rank(layout) > _rank(best)):
            best = layout
    return best


def finish(grid: Grid, layout: Layout, title_rows: Sequence[Sequence[Any]]) -> None:
    """Units not in the header cells: a units row right under it, then the title's unit row."""
    _absorb_units_row(grid, layout)
    _apply_title_units(layout, title_rows)


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


def _match(grid: Grid, rows: tuple[int, ...], names: Names) -> Layout:
    index, ranks = names.index, names.ranks
    layout = Layout(rows, [], {})
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
        if found[0].key in layout.headers:  # taken by a better name: another reading of this cell may fit
            found = _match_cell(candidates[-1:], index, layout.headers)
            if found is None:
                unmatched.append((col, candidates))
                continue
        _take(layout, col, found)
    unmatched.sort(key=lambda item: item[0])
    still: list[tuple[int, list[str]]] = []
    for col, candidates in unmatched:
        found = _match_cell(candidates[:-1], index, layout.headers)
        if found is None:
            still.append((col, candidates))
            continue
        _take(layout, col, found)
    numbering = set()
    for col, candidates in still:
        # a row that is already a header (two exact names) may name other columns more fully:
        # "户主姓名", "承租人姓名" end with the known "姓名"
        if any(text in SEQUENCE_HEADERS for text in candidates):
            numbering.add(col)  # 序号, even under a parent ("…统计表 / 序号"): never a data column
            continue
        found = _match_suffix(candidates, index, layout.headers) if len(layout.mapping) >= 2 else None
        if found is not None:
            _take(layout, col, found)
        elif candidates[-1]:
            layout.ignored.append(candidates[-1])
    layout.mapping.sort(key=lambda item: item[0])
    layout.missing = [spec for spec in names.columns if spec.required and spec.key not in layout.headers]
    layout.numbering = frozenset(numbering)
    return layout


def _take(layout: Layout, col: int, found: tuple) -> None:
    spec, unit, text = found[:3]
    reading = units.for_column(spec.type, unit)
    layout.mapping.append((col, spec, reading.factor if reading is not None and reading.factor is not None else _ONE))
    layout.headers[spec.key] = text
    layout.has_unit[spec.key] = reading is not None
    if reading is not None and reading.error:
        layout.unit_errors.append(UnitError(layout.header_rows[-1], col, unit, reading.error))


def _match_cell(candidates: list[str], index: dict[str, ColumnSpec], taken: dict[str, str]):
    for text in candidates:
        if not text:
            continue
        for name, unit in split_unit(text):
            spec = index.get(name)
            if spec is not None and spec.key not in taken:
                return spec, unit, text, name
    return None


def _match_suffix(candidates: list[str], index: dict[str, ColumnSpec], taken: dict[str, str]):
    """The longest known name (two characters or more) that ends the header, when only one column has it."""
    for text in candidates:
        for name, unit in split_unit(text) if text else ():
            endings = sorted((alias for alias in index if len(alias) >= 2 and name.endswith(alias)), key=len,
                             reverse=True)
            specs = {index[alias].key for alias in endings[:1]}
            if endings and len(specs) == 1 and index[endings[0]].key not in taken:
                return index[endings[0]], unit, text
    return None


# ---------------------------------------------------------------- units outside the header cells

def _absorb_units_row(grid: Grid, layout: Layout) -> None:
    """A row of units right under the header ("（户）", "（亩）", "（万元）") is part of the header:
    each unit counts for its column unless the header cell already states one."""
    row = layout.data_start
    found = units.row_units(grid.rows[row]) if row < len(grid.rows) else None
    if found is None:
        return
    layout.units_row = row
    for position, (col, spec, _) in enumerate(layout.mapping):
        unit = found[col] if col < len(found) else None
        if unit is None or layout.has_unit[spec.key]:
            continue
        _set_unit(layout, position, units.for_column(spec.type, unit), row, unit)


def _set_unit(layout: Layout, position: int, reading: UnitReading | None, row: int, unit: str,
              reason: str = "") -> None:
    if reading is None:
        return
    col, spec, _ = layout.mapping[position]
    layout.has_unit[spec.key] = True
    if reading.error or reading.factor is None:
        layout.unit_errors.append(UnitError(row, col, unit, reason or reading.error))
    else:
        layout.mapping[position] = (col, spec, reading.factor)


def _apply_title_units(layout: Layout, title_rows: Sequence[Sequence[Any]]) -> None:
    """"单位：户、万平方米、万元" above the header: each unit applies to the columns of its type whose
    header states none. Several different units of one type go to those columns in order when
    their numbers agree; otherwise which column uses which cannot be told, and each is an error."""
    listed: list[tuple[int, str]] = []
    for row, cells in enumerate(title_rows):
        for cell in cells:
            listed.extend((row, unit) for unit in units.title_units(cell))
    if not listed:
        return
    for column_type in units.UNITS_BY_TYPE:
        mine = [(row, unit) for row, unit in listed if units.unit_type(unit) == column_type]
        targets = [position for position, (_, spec, _) in enumerate(layout.mapping)
                   if spec.type == column_type and not layout.has_unit[spec.key]]
        if not mine or not targets:
            continue
        # a unit of this column type always reads as a factor or an error, never as "no unit"
        readings = [units.for_column(column_type, unit)
                    or UnitReading(error=units.unknown_unit_message(column_type, unit)) for _, unit in mine]
        if len({(r.factor, r.error) for r in readings}) == 1:
            chosen = [(mine[0], readings[0])] * len(targets)
        elif len(mine) == len(targets):
            chosen = list(zip(mine, readings))
        else:
            both = "、".join(dict.fromkeys(unit for _, unit in mine))
            reason = (f"标题中的单位（{both}）有几种{units.TYPE_WORDS[column_type]}单位，无法确定这一列用哪一种；"
                      f"请在列名中写明单位，例如“{units.TYPE_WORDS[column_type]}（{both.split('、')[0]}）”")
            chosen = [(mine[0], UnitReading(error=reason))] * len(targets)
        for position, ((row, unit), reading) in zip(targets, chosen):
            _set_unit(layout, position, reading, row, unit)

"""The declarative description of one sheet kind and the shared row/err value types.

A ``SheetKind`` says which columns a sheet has (with the aliases district workbooks use), which
columns form the natural key, and how rows are checked against the books, compared with what is
already there, committed with ONE bulk service call, and exported. The reader, importer, writer and
template are generic over it, so a new sheet kind is one small module.
"""
from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.books import Books

COLUMN_TYPES = ("text", "amount", "int", "area", "date", "period", "choice", "bool")
TYPE_LABELS = {
    "text": "文本",
    "amount": "金额（元，两位小数）",
    "int": "整数",
    "area": "面积（㎡，两位小数）",
    "date": "日期（2025-01-31）",
    "period": "会计期间（2025-03）",
    "choice": "从列表中选择",
    "bool": "是 / 否",
}


@dataclass(frozen=True)
class ColumnSpec:
    """One column: ``key`` in code, ``header`` in Chinese, ``aliases`` other headers meaning the same.

    Empty optional cells take ``default`` (or the type's natural empty value: "" / 0 / None).
    ``choices`` lists allowed values; ``choice_aliases`` maps other spellings onto them.
    """

    key: str
    header: str
    type: str = "text"
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: int = 14
    example: Any = None
    note: str = ""
    choices: tuple[str, ...] = ()
    choice_aliases: tuple[tuple[str, str], ...] = ()
    default: Any = None
    # a code or ID number: full-width characters become half-width and spaces go ("１０２" → "102",
    # "1101 0119 9001 0112 34" → "110101199001011234"); names and notes are kept as written
    code: bool = False
    # the most characters the books keep for this column (the database field's length); 0: no limit
    max_length: int = 0
    # read when a file has it (another program's layout), never written in exports or templates
    import_only: bool = False

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"unknown column type {self.type!r}")

    @property
    def empty_value(self) -> Any:
        if self.default is not None:
            return self.default
        return {"text": "", "choice": "", "amount": 0, "int": 0, "area": 0, "bool": False}.get(self.type)


@dataclass(frozen=True)
class RowError:
    """One refusal the clerk can find in Excel: sheet, 1-based row, column letter and header."""

    sheet: str
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"“{self.sheet}”第 {self.row} 行" if self.row else f"“{self.sheet}”"
        letter, _, header = self.column.partition("（")
        column = f" {letter} 列" + (f"（{header}" if header else "") if self.column else ""
        value = f"“{self.value}”" if self.value else ""
        return f"{where}{column}{value}：{self.reason}"


@dataclass(slots=True)
class ParsedRow:
    """A data row after cell conversion.

    ``raw`` is the row as read and ``where`` (shared by every row of a sheet) maps a column key to
    (index in ``raw``, column letter, header as written), so an error can name the exact cell
    without each row carrying its own copy.
    """

    sheet: str
    row: int
    values: dict[str, Any]
    raw: Sequence[Any] = ()
    where: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    group: str = ""  # the numbered heading row the row stands under ("东片区" under "一、东片区")
    title: str = ""  # the text above the sheet's header (title and unit rows), shared by its rows

    def error(self, key: str | None, reason: str) -> RowError:
        """A RowError pointing at this row and, when known, the cell of column ``key``."""
        if key and key in self.where:
            index, letter, header = self.where[key]
            raw = self.raw[index] if index < len(self.raw) else None
            return RowError(self.sheet, self.row, f"{letter}（{header}）", _show(raw), reason)
        return RowError(self.sheet, self.row, "", "", reason)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def _show(raw: Any) -> str:
    """A cell as the clerk sees it: 2025-04-01 for a date cell (the reader hands over a datetime
    at midnight), 120 for a whole number."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return raw.date().isoformat()
    return str(raw)


class Change(NamedTuple):
    """What an import would do to one record: "new", "changed" (with the fields) or "unchanged".

    A named tuple rather than a frozen dataclass: an import makes one per row, and a frozen
    dataclass costs five times as much to create (65 ms for 50,000)."""

    status: str
    key: str
    detail: str = ""


class SheetKind:
    """Base of every sheet kind. Subclasses set the class attributes and override the hooks."""

    name: str = ""
    title: str = ""
    unit: str = "元"
    columns: tuple[ColumnSpec, ...] = ()
    key_columns: tuple[str, ...] = ()
    # columns compared with the books to classify a row as changed; default: all non-key columns
    compare_columns: tuple[str, ...] | None = None

    def column(self, key: str) -> ColumnSpec:
        return next(spec for spec in self.columns if spec.key == key)

    def key_of(self, row: ParsedRow | dict) -> tuple:
        values = row.values if isinstance(row, ParsedRow) else row
        return tuple(values[key] for key in self.key_columns)

    # True for a kind whose records span several rows (a voucher's lines): the importer then hands
    # ``validate_rows`` every row plus the errors of bad cells, instead of leaving those rows out
    checks_rows_with_bad_cells: bool = False

    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Cross-row and database checks; the base refuses a natural key repeated inside the file.
        ``cell_errors`` (the bad cells) comes only to a kind that ``checks_rows_with_bad_cells``."""
        return self.duplicate_errors(rows)

    def duplicate_errors(self, rows: Sequence[ParsedRow]) -> list[RowError]:
        """A record listed twice; the first listing named with its sheet when it stands on another."""
        seen: dict[tuple, ParsedRow] = {}
        errors = []
        for row in rows:
            key = self.key_of(row)
            if key in seen:
                first = seen[key]
                where = f"第 {first.row} 行" if first.sheet == row.sheet else f"工作表“{first.sheet}”第 {first.row} 行"
                errors.append(row.error(self.key_columns[0], f"与{where}重复（同一记录出现两次），请删除其中一行"))
            else:
                seen[key] = row
        return errors

    def refine_layout(self, grid: Grid, layout: Layout) -> Layout:
        """A second look at where the reader found this kind's table in ``grid`` (a ``reader.Layout``):
        a kind may re-map columns that names alone cannot tell apart, or return the layout with
        ``missing`` set when the sheet is not its table after all. The base keeps the reader's reading."""
        return layout

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        """The sheet's data rows, converted, with the errors of bad cells (``reader.parse_rows``); a
        second table further down the sheet gets this kind's ``refine_layout`` as the first did. A
        kind may drop rows that are not data in its own tables (a chart's 资产类 heading)."""
        from assetdesk.excel import reader

        return reader.parse_rows(grid, layout, self.columns, self.refine_layout)

    def existing(self, books: Books) -> dict[tuple, dict[str, Any]]:
        """The records already in the books, keyed like ``key_of``, as dicts of column values."""
        return {}

    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """Compare each row with the books: the summary shown before the clerk commits.

        A column absent from the file means "leave as it is": its value is taken from the books
        (or left empty for a new record) and it is not compared.
        """
        existing = self.existing(books)
        compare = [k for k in self.compare_columns or (c.key for c in self.columns if c.key not in self.key_columns)
                   if k in present]
        absent = [c.key for c in self.columns if c.key not in present]
        same = operator.itemgetter(*compare) if compare else None  # one C call per row decides "unchanged"
        changes = []
        for row in rows:
            key = self.key_of(row)
            label = self.row_label(row, key)
            old = existing.get(key) if existing else None
            if old is None:
                changes.append(Change("new", label))
                continue
            values = row.values
            for k in absent:
                if k in old:
                    values[k] = old[k]
            if same is not None:
                try:
                    if same(old) == same(values):
                        changes.append(Change("unchanged", label))
                        continue
                except KeyError:  # a record without one of the columns: compare field by field
                    pass
            diffs = [self._describe(k, old.get(k), values.get(k)) for k in compare if old.get(k) != values.get(k)]
            changes.append(Change("changed", label, "；".join(diffs)) if diffs else Change("unchanged", label))
        return changes

    def row_label(self, row: ParsedRow, key: tuple) -> str:
        """How the change list names a record: its natural key, plus its name where the key is a code."""
        label = key[0] if len(key) == 1 and type(key[0]) is str else " ".join(str(part) for part in key)
        name = row.values.get("name")
        return f"{label} {name}" if name and name != label else label

    def _describe(self, key: str, old: Any, new: Any) -> str:
        spec = self.column(key)
        return f"{spec.header}：{format_value(spec, old)} → {format_value(spec, new)}"

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        """Write every row with ONE bulk service call (one transaction)."""
        raise NotImplementedError

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        """Rows for export, as dicts keyed by column key with the same Python values import produces."""
        raise NotImplementedError

    def export_title(self, **options: Any) -> str:
        return self.title

    def headers(self) -> Iterator[str]:
        return (spec.header for spec in self.written_columns)

    @property
    def written_columns(self) -> tuple[ColumnSpec, ...]:
        """The columns exports and templates write (``import_only`` ones are only read)."""
        return tuple(spec for spec in self.columns if not spec.import_only)


def format_value(spec: ColumnSpec, value: Any) -> str:
    """Human form of a converted value for change lists (amounts in yuan, areas in ㎡)."""
    from assetdesk.money import format_amount

    if value is None or value == "":
        return "（空）"
    if spec.type == "amount":
        return format_amount(value)
    if spec.type == "area":
        return format_amount(value, separators=False)
    if spec.type == "bool":
        return "是" if value else "否"
    return str(value)

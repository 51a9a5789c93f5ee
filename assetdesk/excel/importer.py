"""Two-step import (DOMAIN §8): ``preview`` validates everything and says what would change;
``commit`` writes all or nothing through one bulk service call.

Nothing is written unless every row is valid, and a file imported twice changes nothing the
second time (rows are matched on the kind's natural key and compared with the books).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assetdesk.errors import AssetDeskError, ImportFileError, InputError
from assetdesk.events import DataImported
from assetdesk.gc_pause import gc_paused

from . import reader
from .convert import convert
from .kinds.base import Change, ParsedRow, RowError, SheetKind

if TYPE_CHECKING:
    from assetdesk.services.books import Books

EXAMPLE_MARK = "示例"


class ImportRejectedError(InputError):
    """The file was read but some rows are wrong: nothing was imported. Carries the preview."""

    def __init__(self, preview: "ImportPreview"):
        first = "；".join(str(error) for error in preview.errors[:3])
        more = f" 等共 {len(preview.errors)} 处" if len(preview.errors) > 3 else ""
        super().__init__(f"导入文件有错误，未导入任何数据：{first}{more}", "请按错误报告改正后重新导入")
        self.preview = preview


class ImportFileChangedError(InputError):
    """The file was saved again after the check: nothing was imported. ``.preview`` holds the new
    check of it, for the clerk to look over before importing."""

    def __init__(self, preview: "ImportPreview"):
        super().__init__(f"“{Path(preview.path).name}”在检查之后被修改过，未导入任何数据；已按修改后的内容重新检查",
                         "请核对新的检查结果，再点“导入”")
        self.preview = preview


@dataclass
class ImportPreview:
    """What an import would do: rows read, every error, and new / changed / unchanged records."""

    kind: SheetKind
    path: Path
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    present: set[str] = field(default_factory=set)
    ignored_columns: list[str] = field(default_factory=list)
    skipped_examples: int = 0
    grids: list[reader.Grid] = field(default_factory=list, repr=False)
    cell_errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    # sheets of the workbook left out, each with why (另一类表, 缺少列): "工作表“科目汇总”（缺少日期、凭证号列）"
    skipped_sheets: list[str] = field(default_factory=list)
    # tables further down a read sheet that are another kind's: "工作表“余额表”第 40 行起的表格（摘要、借方…）"
    skipped_tables: list[str] = field(default_factory=list)
    # the file's (size, modification time) when read: a commit of this preview is refused if it changed since
    stamp: tuple[int, int] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, status: str) -> int:
        return sum(1 for change in self.changes if change.status == status)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def changed(self) -> int:
        return self.count("changed")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    def summary(self) -> str:
        """One line for the clerk, e.g. "共 120 行：新增 3，修改 2，未变 115". With any error nothing
        is imported, so no count of what would be added is given: the counts would include the
        rows in error and read as if something happened."""
        if self.errors:
            text = f"共 {len(self.rows):,} 行；发现 {len(self.errors):,} 处错误，未导入任何数据"
        else:
            text = f"共 {len(self.rows):,} 行：新增 {self.new:,}，修改 {self.changed:,}，未变 {self.unchanged:,}"
        if self.skipped_sheets:
            text += "；未导入的工作表：" + "、".join(self.skipped_sheets)
        if self.skipped_tables:
            text += "；未导入的表格：" + "、".join(self.skipped_tables)
        return text


def read_file(kind: SheetKind, path: str | Path, sheet: str | None = None,
              progress: reader.Progress | None = None) -> ImportPreview:
    """Read and convert every sheet holding this kind's table, without touching the books.

    ``sheet`` names the one sheet to read: the clerk's word then stands over the guess of which
    kind each sheet is. ``progress(rows read, rows declared)`` hears how the read goes."""
    path = Path(path)
    preview = ImportPreview(kind, path, stamp=file_stamp(path))
    grids = reader.read_grids(path, sheet=sheet, progress=progress)
    if sheet:
        grids = _chosen_sheet(grids, path, sheet)
    best_missing: list = []
    elsewhere: list[tuple[str, SheetKind]] = []
    for grid in grids:
        layout = reader.locate(grid, kind.columns)
        layout = kind.refine_layout(grid, layout) if layout is not None else None
        if layout is None or layout.missing:
            if layout is not None and (not best_missing or len(layout.missing) < len(best_missing)):
                best_missing = layout.missing
            other = _better_kind(grid, kind, None)
            if other is not None:
                elsewhere.append((grid.name, other))
            _note_skipped(preview, grid.name, layout, other)
            continue
        better = None if sheet or _reads_on_its_own(layout, kind) else _better_kind(grid, kind, layout)
        if better is not None:
            elsewhere.append((grid.name, better))
            continue
        rows, errors = kind.read_rows(grid, layout)
        errors = _side_by_side(grid, layout, kind) + errors
        above = _table_above(grid, layout)
        notes = ([above] if above else []) + grid.skipped_tables
        preview.skipped_tables.extend(note for note in notes if note not in preview.skipped_tables)
        preview.rows.extend(rows)
        preview.errors.extend(errors)
        preview.cell_errors.extend(errors)
        preview.sheets.append(grid.name)
        preview.grids.append(grid)
        preview.present.update(layout.headers)
        preview.ignored_columns.extend(name for name in layout.ignored if name not in preview.ignored_columns)
    if not preview.sheets:
        hidden = reader.hidden_tables(path, kind.columns) if not sheet and not elsewhere else []
        raise _no_table(kind, path, best_missing, elsewhere, hidden)
    _drop_example_rows(preview)
    return preview


def file_stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time: what tells that the clerk saved the file again in Excel."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _table_above(grid: reader.Grid, layout: reader.Layout) -> str:
    """Rows above the header are titles, passed over; when two or more of them hold three cells
    or more, they are a table (往来单位 above the 小区 being read), and the clerk is told it was
    not imported rather than left to think it was."""
    filled = [number for number, row in enumerate(grid.rows[: layout.header_rows[0]], start=1)
              if sum(1 for cell in row if cell is not None and str(cell).strip()) >= 3]
    if len(filled) < 2:
        return ""
    return f"工作表“{grid.name}”第 {filled[0]}–{filled[-1]} 行（表头以上的内容）"


def _side_by_side(grid: reader.Grid, layout: reader.Layout, kind: SheetKind) -> list[RowError]:
    """A required column's header written twice in the header row (名称 in B and again in F) is
    two tables side by side: only the left one would be read, the right one silently left out.
    Refused, naming both columns. (A two-row header repeats 借方 under 期初 and 期末 by design: not
    looked at.)"""
    from openpyxl.utils import get_column_letter

    if len(layout.header_rows) > 1:
        return []
    header = grid.rows[layout.header_rows[-1]]
    texts = [reader.normalise_header(cell) for cell in header]
    mapped = {col for col, _, _ in layout.mapping}
    errors = []
    for col, spec, _ in layout.mapping:
        if not (spec.required or spec.key in kind.key_columns) or not texts[col]:
            continue
        again = [other for other, text in enumerate(texts)
                 if text == texts[col] and other != col and other not in mapped]
        if again:
            letters = "、".join(get_column_letter(c + 1) for c in (col, *again))
            errors.append(RowError(grid.name, layout.header_rows[-1] + 1, "", str(header[col]),
                                   f"表头“{header[col]}”出现了不止一次（{letters} 列），像是左右并排的几张表，"
                                   f"只会读到最左边一张；请把其余的表移到下方或另一个工作表后再导入"))
    return errors


def _note_skipped(preview: ImportPreview, name: str, layout: reader.Layout | None, other: SheetKind | None) -> None:
    """A sheet that looked like part of the table (some of its columns) but is not read is named
    with the reason, so a 科目汇总表 beside a journal is seen to be left out rather than lost."""
    if other is not None:
        preview.skipped_sheets.append(f"工作表“{name}”（是{other.title}）")
    elif layout is not None and layout.mapping:
        missing = "、".join(spec.header for spec in layout.missing)
        preview.skipped_sheets.append(f"工作表“{name}”（缺少{missing}列）")


def _chosen_sheet(grids: list[reader.Grid], path: Path, sheet: str) -> list[reader.Grid]:
    chosen = [grid for grid in grids if grid.name == sheet] or \
        [grid for grid in grids if grid.name.strip() == sheet.strip()]  # "往来单位 " typed without its space
    if not chosen:
        names = "、".join(f"“{grid.name}”" for grid in grids) or "（没有可读的工作表）"
        raise ImportFileError(f"“{path.name}”中没有名为“{sheet}”的工作表", f"可选的工作表：{names}")
    return chosen


def _reads_on_its_own(layout: reader.Layout, kind: SheetKind) -> bool:
    """The clerk's kind finds each of its required columns under one of its own names: the sheet is
    read as that kind, whatever else it holds (a 住户台账 chosen as 往来单位及个人 gives the 户主).

    A name that only ends like one of its own does not count: 小区名称 ends with 名称, yet a 小区
    table is not a list of counterparties, so a district workbook's 小区 sheet is still left to
    the 片区与小区 import. Nor does a single matched column: a 科目表 chosen as 往来单位及个人
    found its "header" in the data row 11201 租户 and imported 51 accounts as people."""
    own = reader.alias_index(kind.columns)
    required = [spec for spec in kind.columns if spec.required]
    if not required:
        return False  # a kind that can do without every column (a journal) says nothing by reading a sheet
    if len(layout.mapping) < 2:
        return False  # one word matched (租户 in a 科目表's data rows) is no header of a table on its own
    for spec in required:
        header = layout.headers.get(spec.key)
        if header is None or not any(getattr(own.get(name), "key", None) == spec.key
                                     for name, _ in reader.split_unit(reader.normalise_header(header))):
            return False
    return True


def _better_kind(grid: reader.Grid, kind: SheetKind, layout: reader.Layout | None) -> SheetKind | None:
    """Another kind whose table this sheet is, when the clerk's kind cannot read it on its own
    (``_reads_on_its_own``) and the other explains more of the sheet's columns
    (than ``layout``, this kind's reading of it) and at least three of them: two shared words
    ("编码", "金额") do not make a sheet another kind's table.

    A district workbook often holds several tables, one per sheet (小区, 往来单位, 期初余额…), and
    their headers overlap: a 小区 sheet has 小区名称, 类别 and 备注, which also read as a
    counterparty's 名称, 类型 and 备注. Each sheet is taken by the kind that matches it best."""
    from .kinds import KINDS

    best, best_count = None, max(len(layout.mapping) if layout is not None else 0, 2)
    for other in KINDS.values():
        if other.name == kind.name:
            continue
        theirs = _layout_as(other, grid)
        if theirs is not None and not theirs.missing and len(theirs.mapping) > best_count:
            best, best_count = other, len(theirs.mapping)
    return best


def _layout_as(kind: SheetKind, grid: reader.Grid) -> reader.Layout | None:
    """How ``kind`` would read the sheet, after its own second look (``refine_layout``: a journal
    needs a date or 凭证号 column, opening balances a balance column); None when it would not."""
    layout = reader.locate(grid, kind.columns)
    if layout is None:
        return None
    try:
        return kind.refine_layout(grid, layout)
    except AssetDeskError:  # that kind would refuse the sheet: it is not that kind's table
        return None


def _no_table(kind: SheetKind, path: Path, missing: Sequence,
              elsewhere: Sequence[tuple[str, SheetKind]] = (), hidden: Sequence[str] = ()) -> ImportFileError:
    """Why no sheet was read: the table is another kind's, is only on a hidden sheet (imports
    read visible sheets unless the clerk names one), or its columns are missing."""
    if hidden:
        listed = "、".join(f"“{name}”" for name in hidden)
        return ImportFileError(f"在“{path.name}”中找不到{kind.title}表：表格在隐藏的工作表{listed}中，"
                               "导入时不读隐藏的工作表",
                               f"请在导入时选择工作表{listed}（命令行加 --sheet {hidden[0]}），"
                               "或在 Excel 中右键工作表标签选“取消隐藏”、保存后再导入")
    if elsewhere:
        sheets = "；".join(f"工作表“{name}”是{other.title}" for name, other in elsewhere)
        titles = "、".join(dict.fromkeys(f"“{other.title}”" for _, other in elsewhere))
        kinds = {other.name for _, other in elsewhere}
        table = kind.title if kind.title.endswith("表") else f"{kind.title}表"
        return ImportFileError(f"在“{path.name}”中找不到{table}：{sheets}",
                               f"请把导入类型改为{titles}，或选择含{table}的文件",
                               suggested_kind=kinds.pop() if len(kinds) == 1 else "")
    wanted = missing or [spec for spec in kind.columns if spec.required] or list(kind.columns[:4])
    names = "、".join(spec.header for spec in wanted)
    return ImportFileError(
        f"在“{path.name}”中找不到{kind.title}的表头（缺少列：{names}）",
        "请确认选择的文件和导入类型，或按导入模板的列名修改表头",
    )


def _drop_example_rows(preview: ImportPreview) -> None:
    """A template's grey example row left in place is not data: the first row of a sheet equal
    to the kind's example in every example column present, one of them marked "示例", is dropped."""
    example = {}
    for spec in preview.kind.columns:
        if spec.example is not None and spec.key in preview.present:
            try:
                example[spec.key] = convert(spec, spec.example)
            except InputError:
                return
    if not any(isinstance(value, str) and EXAMPLE_MARK in value for value in example.values()):
        return  # only a row carrying the "（示例）" text can be the example: a real row is never dropped
    firsts: dict[str, ParsedRow] = {}
    for row in preview.rows:
        firsts.setdefault(row.sheet, row)
    examples = [row for row in firsts.values() if all(row.values.get(k) == v for k, v in example.items())]
    preview.rows = [row for row in preview.rows if row not in examples] if examples else preview.rows
    preview.skipped_examples = len(examples)


def preview(books: Books, kind: SheetKind, path: str | Path, sheet: str | None = None,
            progress: reader.Progress | None = None) -> ImportPreview:
    """Validate the whole file against the books and classify each record; writes nothing."""
    with gc_paused():
        result = read_file(kind, path, sheet, progress)
        _check_against_books(books, result)
    return result


def _check_against_books(books: Books, result: ImportPreview) -> None:
    result.errors.extend(_kind_errors(books, result))
    result.errors.sort(key=lambda error: (result.sheets.index(error.sheet) if error.sheet in result.sheets else 0,
                                          error.row))
    result.changes = result.kind.classify(books, result.rows, result.present)


def _kind_errors(books: Books, result: ImportPreview) -> list[RowError]:
    """The kind's cross-row and database checks. Rows with a bad cell (already in ``result.errors``)
    are left out, so one mistake is reported once; a kind whose records span rows (a voucher's
    lines) sees every row, told which cells are bad, so a line with a bad cell still belongs to its
    record and does not make the next line look like the start of another."""
    if result.kind.checks_rows_with_bad_cells:
        return result.kind.validate_rows(books, result.rows, list(result.errors))
    bad_rows = {error.row for error in result.errors}
    checked = [row for row in result.rows if row.row not in bad_rows] if bad_rows else result.rows
    return result.kind.validate_rows(books, checked)


def commit(books: Books, kind: SheetKind, source: str | Path | ImportPreview, sheet: str | None = None,
           progress: reader.Progress | None = None) -> ImportPreview:
    """Import all rows in one transaction, or raise ``ImportRejectedError`` and write nothing.

    A preview passed in is re-checked against the books first (they may have changed since) and its
    rows are imported as read: a 50,000-row workbook is read once between the wizard's check and
    its import, not twice. If the file was saved again since the check, nothing is imported:
    ``ImportFileChangedError`` carries the new check, so what is imported is always what the clerk
    was shown.
    Records that would not change are not written again.
    """
    with gc_paused():
        return _commit(books, kind, source, sheet, progress)


def _commit(books: Books, kind: SheetKind, source: str | Path | ImportPreview, sheet: str | None,
            progress: reader.Progress | None) -> ImportPreview:
    if isinstance(source, ImportPreview) and (source.stamp is None or source.stamp != file_stamp(Path(source.path))):
        raise ImportFileChangedError(preview(books, kind, source.path, sheet, progress))
    if isinstance(source, ImportPreview):
        result = ImportPreview(
            kind, source.path, source.rows, list(source.cell_errors), sheets=source.sheets,
            present=source.present, ignored_columns=source.ignored_columns,
            skipped_examples=source.skipped_examples, grids=source.grids,
            skipped_sheets=source.skipped_sheets, skipped_tables=source.skipped_tables, stamp=source.stamp,
        )
        result.cell_errors = list(source.cell_errors)
        _check_against_books(books, result)
    else:
        result = preview(books, kind, source, sheet, progress)
    if result.errors:
        raise ImportRejectedError(result)
    if result.new or result.changed:
        with books.ctx.sourced(f"导入文件：{Path(result.path).name}"), books.ctx.transaction():
            kind.commit(books, _rows_to_write(result))
            books.ctx.publish(DataImported(kind.name))
    result.committed = True
    return result


def _rows_to_write(result: ImportPreview) -> list[ParsedRow]:
    """Only the rows that add or change something: re-importing the same file is a no-op."""
    if len(result.changes) != len(result.rows):
        return result.rows  # kinds classifying per group (vouchers) filter in their commit
    return [row for row, change in zip(result.rows, result.changes) if change.status != "unchanged"]

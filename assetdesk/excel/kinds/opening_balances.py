"""期初余额: the opening balance of each sub-account → ``set_opening_balances`` (signed fen), all or nothing.

Read from our own template or export, a hand-made table, or another program's 科目余额表:

- Which columns hold the opening is decided column by column and against the books' first period
  (``balance_columns``): movements (本期/本年/累计/发生) are never a balance; a table for the month
  before the books start gives its 期末; one that does not say which period it is for, and has no
  期初 columns, is refused with the columns named.
- How a row's columns make its balance (``opening_amounts``): 借方/贷方, 余额 + 方向, or one signed 余额.
- A code is matched together with the name beside it, never alone (DOMAIN §3.1); codes may be
  written 金蝶-style (102.01); class headings (资产类) and blank parent captions are not data.
- A parent account's row is a check against its sub-accounts in the file, never imported.
- 核算项目 rows under an account (``opening_parts``: a 核算项目 / 往来单位 / 小区 column, indented
  names, the record's own code in the code column) are its opening breakdown by 辅助核算: they add
  up to the account's row (or stand for it), name records of the books, and go in with the
  openings in one call. An account carrying a dimension needs them for a changed opening.
- The whole book after the import must balance (试算平衡), and nothing changes once the first month
  is closed: both are checked in the preview, as every other refusal the service would make.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import balance_columns as bc
from . import opening_checks as checks
from . import opening_parts as parts
from .account_names import AccountNames
from .account_refs import drop_class_headings, normalise_codes, plain_code
from .accounts import CODE_ALIASES
from .aux_refs import namesake_codes, written
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind
from .opening_amounts import header, read_row, side_amount
from .opening_parts import BELOW, PART, PartFinder, part_of

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.excel.units import Factor
    from assetdesk.periods import Period
    from assetdesk.services.accounts import AccountRow
    from assetdesk.services.books import Books

# 双向 (an account's direction in the chart, e.g. in an exported 期初余额 screen) says no side: the
# 借方/贷方 columns give it, and with one 余额 column a two-way account is asked for 借 or 贷.
_SIDES = ("借", "贷", "平")
_SIDE_ALIASES = (("借方", "借"), ("贷方", "贷"), ("双向", ""))
_READ_HERE = bc.BALANCE_KEYS | {"movement"}  # the columns ``refine_layout`` maps itself, whatever the reader found
NO_BALANCE = ColumnSpec("balance", "借方余额、贷方余额（或期初余额加余额方向）")
_WHEN = {"year": "表中没有期初余额列、账套从 1 月启用时，年初余额就是期初余额",
         "close": "表格标题或工作表名称写明是账套启用前一个月（或上一年度）的余额表时，取期末余额作期初余额"}


def _set_columns(timing: str, word: str, amount_aliases: tuple[str, ...]) -> tuple[ColumnSpec, ...]:
    """The columns of another timing's balances (年初, 期末): read to choose the opening among them."""
    keys, note = bc.KEYS[timing], _WHEN[timing]
    return (ColumnSpec(keys["debit"], f"{word}借方余额", "amount", import_only=True, note=note,
                       aliases=(f"{word}借方", f"{word}余额借方", f"借方{word}余额")),
            ColumnSpec(keys["credit"], f"{word}贷方余额", "amount", import_only=True, note=note,
                       aliases=(f"{word}贷方", f"{word}余额贷方", f"贷方{word}余额")),
            ColumnSpec(keys["direction"], f"{word}方向", "choice", import_only=True, note=note,
                       aliases=(f"{word}余额方向",), choices=_SIDES,
                       choice_aliases=_SIDE_ALIASES),
            ColumnSpec(keys["amount"], f"{word}余额", "amount", import_only=True, note=note, aliases=amount_aliases))


class OpeningBalancesKind(SheetKind):
    name = "opening-balances"
    title = "期初余额"
    columns = (
        ColumnSpec("code", "科目编码", code=True, aliases=CODE_ALIASES, required=True, width=12, example="10201"),
        ColumnSpec("name", "科目名称", aliases=("名称", "科目", "科目全称"), width=30,
                   example="银行存款—基本户（示例）",
                   note="与科目编码一起核对：名称与账中该编码的科目不符时不导入（可写明细名称或全称）"),
        *parts.COLUMNS,
        ColumnSpec("debit", "借方余额", "amount",
                   aliases=("期初借方余额", "期初借方", "借方期初余额", "借方期初", "期初余额借方", "期初借方金额",
                            "借方金额", "借方"),
                   example="1234.50"),
        ColumnSpec("credit", "贷方余额", "amount",
                   aliases=("期初贷方余额", "期初贷方", "贷方期初余额", "贷方期初", "期初余额贷方", "期初贷方金额",
                            "贷方金额", "贷方")),
        ColumnSpec("direction", "余额方向", "choice", aliases=("方向", "借贷方向", "借或贷", "借/贷", "期初方向"),
                   width=8, note="与“期初余额”一起使用；空白时按科目的余额方向",
                   choices=_SIDES, choice_aliases=_SIDE_ALIASES),
        ColumnSpec("balance", "期初余额", "amount", aliases=("期初数", "期初金额", "余额"),
                   width=14, note="只有一列余额时填这里，并填“余额方向”；没有方向列时正数为借、负数为贷"),
        *_set_columns("year", "年初", ("年初数", "年初金额", "上年结转")),
        *_set_columns("close", "期末", ("期末数", "期末金额", "年末余额")),
        ColumnSpec("movement", "本期发生额", import_only=True,
                   note="本期/本年/累计发生额不是余额，不导入；有这些列的表按科目余额表判断取期初还是期末余额"),
    )

    key_columns = ("code",)
    compare_columns = ("debit", "credit")
    # told which cells could not be read: the whole book's totals are not judged without their rows
    checks_rows_with_bad_cells = True

    # ------------------------------------------------------------ reading the sheet
    def refine_layout(self, grid: Grid, layout: Layout) -> Layout:
        """Re-read every balance column of the table by its whole header (``balance_columns``);
        a sheet without any balance column is not an opening-balance table (a 科目表 beside it)."""
        specs = {spec.key: spec for spec in self.columns}
        keep = [entry for entry in layout.mapping if entry[1].key not in _READ_HERE]
        fixed = {col for col, _, _ in keep}
        rows = tuple(layout.header_rows)
        if len(rows) == 1 and rows[0] + 1 < len(grid.rows) and bc.is_subheader(grid.rows[rows[0] + 1], fixed):
            rows = (rows[0], rows[0] + 1)
        columns = bc.header_columns(grid.rows, rows)
        found = bc.find_sets([column for column in columns if column.index not in fixed])
        scale = _title_scale(layout, grid.rows[: rows[0]])
        mapped = found.mapped()
        layout.header_rows = rows
        layout.mapping = sorted(keep + [(c.index, specs[key], c.reading.factor or scale) for key, c in mapped],
                                key=lambda entry: entry[0])
        layout.headers = {k: v for k, v in layout.headers.items() if k not in _READ_HERE}
        layout.headers.update({key: column.shown for key, column in mapped})
        layout.has_unit = {k: v for k, v in layout.has_unit.items() if k not in _READ_HERE}
        layout.has_unit.update({key: column.reading.factor is not None for key, column in mapped})
        from assetdesk.excel.header import SEQUENCE_HEADERS

        used = {col for col, _, _ in layout.mapping} | set(layout.numbering)
        layout.ignored = [c.full for c in columns if c.index not in used and c.full and c.full not in SEQUENCE_HEADERS]
        if found.unused:  # marks the sheet as a 余额表 with movements; its cells are never read as balances
            layout.mapping = sorted(layout.mapping + [(found.unused[0].index, specs["movement"], Decimal(1))],
                                    key=lambda entry: entry[0])
            layout.headers["movement"] = found.unused[0].shown
        if not any(role != "direction" for roles in found.sets.values() for role in roles):
            layout.missing = [*layout.missing, NO_BALANCE]
        if "code" not in layout.headers and parts.aux_columns(layout.headers) and parts.title_account(grid, layout):
            layout.missing = [spec for spec in layout.missing if spec.key != "code"]  # 科目：112 应收款 above it
        return layout

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        """The data rows without class headings (资产类 …). The header printed again on each page
        is passed over here, so every page is read by the columns chosen above (the reader would
        read it afresh, by names alone, and take a movement's 借方 for a balance)."""
        rows, errors = drop_class_headings(*super().read_rows(_without_repeated_header(grid, layout), layout))
        if "code" not in layout.headers:
            parts.take_title_account(rows, parts.title_account(grid, layout))
        return rows, parts.mark_code_less_rows(rows, errors)

    # ------------------------------------------------------------ checking against the books
    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Every refusal, by sheet, row and column, before anything is written (see the module).
        Rows with a cell that could not be read (``cell_errors``) are left out of the checks, and so
        are the breakdown rows under an account row left out."""
        for row in rows:
            for key in ("opening_fen", "opening_key", PART):
                row.values.pop(key, None)
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        names = AccountNames(accounts.values())
        unread = {(e.sheet, e.row) for e in cell_errors}
        given = rows
        rows = [row for row in rows if _place(row) not in unread]
        code_errors = {(e.sheet, e.row): e
                       for e in normalise_codes([row for row in rows if BELOW not in row.values], names)}
        finder = PartFinder(books, accounts, names)
        found = finder.find(rows, code_errors)
        errors = [error for place, error in code_errors.items() if place not in finder.forgiven] + found
        flagged = {(e.sheet, e.row) for e in errors}
        incomplete = finder.incomplete | _under_unread(given, unread)
        rows = [row for row in rows if _place(row) not in flagged and (BELOW not in row.values or part_of(row))]
        errors += self.duplicate_errors([row for row in rows if part_of(row) is None])
        errors += self._read_amounts(books, rows, accounts, names, incomplete)
        if not errors:
            errors += checks.book_after(books, rows, accounts, not unread and not incomplete, _taken_from)
        return errors

    def _read_amounts(self, books: Books, rows: list[ParsedRow], accounts: dict[str, AccountRow], names: AccountNames,
                      incomplete: set[str]) -> list[RowError]:
        """Each row's balance by the columns chosen for its table, then the sums between rows."""
        book = books.org.book()
        start = book.first_period if book is not None else None
        errors = []
        chosen = {}  # by table (a sheet may hold two, each with its own header): the columns of its opening
        for table in _by_table(rows):
            roles, reason = _chosen_columns(table[0], start)
            if reason:
                errors.append(reason)
            else:
                chosen[id(table[0].where)] = roles
        readings = []
        for row in rows:
            account = accounts.get(row["code"])
            part = part_of(row)
            if part is None or not part.from_name:
                errors.extend(checks.account_errors(row, account, names))
            if account is not None and id(row.where) in chosen:
                readings.append((row, account, read_row(row, chosen[id(row.where)], account, errors)))
        errors += checks.sides_of_one_column(readings)
        errors += checks.leaf_and_parent_rows(readings, incomplete)
        return errors

    # ------------------------------------------------------------ what would change
    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """A sub-account is changed when its signed opening differs from the books' (so 借方 -100
        and 贷方 100 are the same) or its breakdown by 核算项目 does; a parent account's row is a
        check and never written. Breakdown rows are told on their account's line."""
        existing = {r.code: r.debit_fen - r.credit_fen for r in books.accounts.opening_balances()}
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        infile = checks.file_parts(rows)
        stored = checks.stored_parts(books) if infile else {}
        changes = []
        for row in rows:
            account = accounts.get(row["code"])
            label = (f"{row['code']} {account.full_name}" if account is not None
                     else self.row_label(row, self.key_of(row)))
            new = row.values.get("opening_fen")
            if part_of(row) is not None and new is None:
                continue
            if account is not None and not account.is_leaf:
                changes.append(Change("unchanged", label, "上级科目汇总行，仅核对" if new is not None
                                      else "上级科目标题行"))
                continue
            details = []
            if new is not None and new != existing.get(row["code"], 0):
                details.append(f"期初余额：{side_amount(existing.get(row['code'], 0))} →"
                               f" {side_amount(new)}{_taken_from(row)}")
            if new is not None and row["code"] in infile and infile[row["code"]] != stored.get(row["code"], []):
                before, after = len(stored.get(row["code"], [])), len(infile[row["code"]])
                details.append(f"核算项目明细：{before} 项 → {after} 项" if before != after
                               else f"核算项目明细有变动（{after} 项）")
            changes.append(Change("changed", label, "；".join(details)) if details else Change("unchanged", label))
        return changes

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        """Every changed opening and breakdown in one call (``set_opening_balances``): all or nothing."""
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        balances, infile = checks.file_balances(rows, accounts), checks.file_parts(rows)
        current = {r.code: r.debit_fen - r.credit_fen for r in books.accounts.opening_balances()}
        codes = checks.changed_codes(balances, infile, current, checks.stored_parts(books) if infile else {})
        breakdown: dict[str, list] = {}
        for row in rows:
            part = part_of(row)
            if part is not None and part.signed is not None and part.code in codes:
                breakdown.setdefault(part.code, []).append(part.as_input())
        return books.accounts.set_opening_balances({code: amount for code, amount in balances.items() if code in codes},
                                                   breakdown=breakdown, require_balanced=True)

    def group(self, rows: Sequence[ParsedRow]) -> dict[int, list[ParsedRow]]:
        """The rows behind each line of ``classify``: an account's line with its breakdown rows."""
        carriers: dict[str, ParsedRow] = {}
        groups: dict[int, list[ParsedRow]] = {}
        for row in rows:
            if part_of(row) is None or row.values.get("opening_fen") is not None:
                groups[id(row)] = [row]
                if row.values.get("opening_fen") is not None:
                    carriers.setdefault(row["code"], row)
        for row in rows:
            part = part_of(row)
            if part is not None and row.values.get("opening_fen") is None and part.code in carriers:
                groups[id(carriers[part.code])].append(row)
        return groups

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        """Each leaf account's row, then its breakdown rows (核算项目 “往来单位：名称”) under it."""
        breakdowns = books.accounts.opening_breakdowns()
        codes = namesake_codes(books) if breakdowns else {}
        for r in books.accounts.opening_balances():
            yield {"code": r.code, "name": r.name, "debit": r.debit_fen, "credit": r.credit_fen}
            for part in breakdowns.get(r.code, []):
                yield {"code": r.code, "name": r.name, "aux": written(part.records, codes),
                       "debit": max(part.amount_fen, 0), "credit": max(-part.amount_fen, 0)}


def _place(row: ParsedRow | None) -> tuple[str, int] | None:
    return (row.sheet, row.row) if row is not None else None


def _under_unread(rows: Sequence[ParsedRow], unread: set[tuple[str, int]]) -> set[str]:
    """Accounts with a breakdown row that could not be read: their sums are not judged."""
    codes = set()
    for row in rows:
        if _place(row) in unread and (BELOW in row.values or parts.aux_filled(row)):
            code = str((row.values.get(BELOW) or row).values.get("code", ""))
            codes.add(plain_code(code) or code)
    return codes


def _without_repeated_header(grid: Grid, layout: Layout) -> Grid:
    """The grid with each later copy of the header rows blanked (same texts, same columns)."""
    header = [_texts(grid.rows[index]) for index in layout.header_rows]
    rows = list(grid.rows)
    found = False
    for index in range(layout.data_start, len(rows) - len(header) + 1):
        if all(_texts(rows[index + offset]) == texts for offset, texts in enumerate(header)):
            for offset in range(len(header)):
                rows[index + offset] = []
            found = True
    return dataclasses.replace(grid, rows=rows) if found else grid


def _texts(cells: Sequence[Any]) -> list[str]:
    texts = [re.sub(r"\s+", "", str(cell)) if cell is not None else "" for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _taken_from(row: ParsedRow) -> str:
    """Where a balance taken from a 期末 or 年初 column came from, so the clerk sees which was read."""
    key = row.values.get("opening_key") or ""
    if not key.startswith(("close_", "year_")):
        return ""
    period = bc.table_period([row.title, row.sheet])
    return f"（取自“{header(row, key)}”{'，表格为 ' + bc.describe_period(period) if period else ''}）"


def _title_scale(layout: Layout, title_rows: Sequence[Sequence[Any]]) -> Factor:
    """The unit the reader gave amount columns without one of their own ("单位：万元" in the title)."""
    for _, spec, factor in layout.mapping:
        if spec.type == "amount" and not layout.has_unit.get(spec.key):
            return factor
    for cells in title_rows:
        for cell in cells:
            text = str(cell or "").replace(" ", "")
            for unit, scale in (("单位:万元", 10000), ("单位：万元", 10000), ("单位:千元", 1000),
                                ("单位：千元", 1000)):
                if unit in text:
                    return Decimal(scale)
    return Decimal(1)


def _by_table(rows: Sequence[ParsedRow]) -> list[list[ParsedRow]]:
    """The rows of each table: those read under one header share its ``where``."""
    out: dict[int, list[ParsedRow]] = {}
    for row in rows:
        out.setdefault(id(row.where), []).append(row)
    return list(out.values())


def _chosen_columns(row: ParsedRow, start: Period | None) -> tuple[dict[str, str], RowError | None]:
    """role → column key of the balance set that is the books' opening, for ``row``'s sheet."""
    sets = {timing: {role: key for role, key in keys.items() if key in row.where} for timing, keys in bc.KEYS.items()}
    sets = {timing: roles for timing, roles in sets.items() if roles}
    timings = set(sets)
    if "open" in sets and not any(bc.read_header(header(row, key)).timing == "open" for key in sets["open"].values()):
        timings = {"plain"}  # balance columns without any timing: the table's only balances
    span = bc.table_period([row.title, row.sheet])
    timing, why = ("open", "") if timings == {"plain"} else bc.choose(timings, span, start, "movement" in row.where)
    if timing:
        return sets[timing], None
    return {}, _choice_error(row, sets, span, start, why)


def _choice_error(row: ParsedRow, sets: dict[str, dict[str, str]], span: tuple[Period, Period] | None,
                  start: Period | None, why: str) -> RowError:
    first_key = next(iter(next(iter(sets.values())).values()))
    _, letter, shown = row.where[first_key]
    if start is None:  # no 账套 yet: no first month to date the opening by
        return RowError(row.sheet, 0, f"{letter}（{shown}）", "",
                        "尚未建立账套，无法判断哪一列是期初余额：请先建立账套（社区名称和启用月份），再导入期初余额")
    listed = "；".join(f"{bc.TIMING_WORDS[timing]}（" + "、".join(
        f"{row.where[key][1]} 列“{row.where[key][2]}”" for key in roles.values()) + "）"
                      for timing, roles in sets.items())
    described = bc.describe_period(span) if span else ""  # a title's period: every reason below has one
    previous = start.previous()
    before = f"{previous.year}年{previous.month}月"
    if why == "no period":
        reason = (f"表中没有期初余额列，只有{listed}，标题和工作表名称也没有写明是哪一期的余额表，"
                  "无法判断哪一列是期初余额："
                  f"账套从 {start} 启用，如果这是 {before} 的余额表（其期末余额就是账套的期初余额），"
                  f"请在标题中写明“{before}”后重新导入；否则请改用 {start.year}年{start.month}月 的期初余额表")
    elif why == "no closing":
        reason = (f"表格标题表明这是 {described} 的余额表，"
                  f"它的期末余额才是账套（{start} 启用）的期初余额，"
                  f"但表中没有期末余额列（只有{listed}）")
    elif why == "no opening":
        reason = (f"表格标题表明这是 {described} 的余额表，账套从 {start} 启用，应取它的期初余额，"
                  f"但表中没有期初余额列（只有{listed}）")
    else:
        reason = (f"表格标题表明这是 {described} 的余额表，账套从 {start} 启用：期初余额应取 {before} "
                  f"的期末余额或 {start.year}年{start.month}月 的期初余额，"
                  "请换用相应期间的余额表（或在标题中改正期间）")
    return RowError(row.sheet, 0, f"{letter}（{shown}）", "", reason)

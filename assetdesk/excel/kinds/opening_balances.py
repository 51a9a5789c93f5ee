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
- The whole book after the import must balance (试算平衡), and nothing changes once the first month
  is closed: both are checked in the preview, as every other refusal the service would make.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assetdesk.services.accounts import opening_locked_message

from . import balance_columns as bc
from .account_names import AccountNames
from .account_refs import drop_class_headings, normalise_codes, written_name
from .accounts import CODE_ALIASES
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind
from .opening_amounts import Reading, apply_one_column, header, one_column_rule, read_row, side_amount

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
        return layout

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        """The data rows without class headings (资产类 …). The header printed again on each page
        is passed over here, so every page is read by the columns chosen above (the reader would
        read it afresh, by names alone, and take a movement's 借方 for a balance)."""
        return drop_class_headings(*super().read_rows(_without_repeated_header(grid, layout), layout))

    # ------------------------------------------------------------ checking against the books
    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Every refusal, by sheet, row and column, before anything is written (see the module).
        Rows with a cell that could not be read (``cell_errors``) are left out of the checks."""
        for row in rows:
            row.values.pop("opening_fen", None)
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        names = AccountNames(accounts.values())
        unread = {(e.sheet, e.row) for e in cell_errors}
        rows = [row for row in rows if (row.sheet, row.row) not in unread]
        errors = normalise_codes(rows, names)
        bad = {(e.sheet, e.row) for e in errors}
        rows = [row for row in rows if (row.sheet, row.row) not in bad]
        errors += self.duplicate_errors(rows)
        book = books.org.book()
        start = book.first_period if book is not None else None
        chosen = {}  # by table (a sheet may hold two, each with its own header): the columns of its opening
        for table in _by_table(rows):
            roles, reason = _chosen_columns(table[0], start)
            if reason:
                errors.append(reason)
            else:
                chosen[id(table[0].where)] = roles
        readings: dict[int, tuple[ParsedRow, AccountRow, Reading]] = {}
        for row in rows:
            account = accounts.get(row["code"])
            errors.extend(_account_errors(row, account, names))
            if account is not None and id(row.where) in chosen:
                readings[id(row)] = (row, account, read_row(row, chosen[id(row.where)], account, errors))
        errors += _sides_of_one_column(list(readings.values()))
        errors += _leaf_and_parent_rows(list(readings.values()))
        if not errors:
            errors += _book_after(books, rows, accounts, complete=not unread)
        return errors

    # ------------------------------------------------------------ what would change
    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """A sub-account is changed when its signed opening differs from the books' (so 借方 -100
        and 贷方 100 are the same); a parent account's row is a check and never written."""
        existing = {r.code: r.debit_fen - r.credit_fen for r in books.accounts.opening_balances()}
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        changes = []
        for row in rows:
            account = accounts.get(row["code"])
            label = (f"{row['code']} {account.full_name}" if account is not None
                     else self.row_label(row, self.key_of(row)))
            new = row.values.get("opening_fen")
            if account is not None and not account.is_leaf:
                changes.append(Change("unchanged", label, "上级科目汇总行，仅核对" if new is not None
                                      else "上级科目标题行"))
            elif new is None or new == existing.get(row["code"], 0):
                changes.append(Change("unchanged", label))
            else:
                changes.append(Change("changed", label, f"期初余额：{side_amount(existing.get(row['code'], 0))} → "
                                                        f"{side_amount(new)}{_taken_from(row)}"))
        return changes

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        leaf = {r.code for r in books.accounts.opening_balances()}
        return books.accounts.set_opening_balances(
            {row["code"]: row["opening_fen"] for row in rows if row["code"] in leaf and "opening_fen" in row.values},
            require_balanced=True)

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        for r in books.accounts.opening_balances():
            yield {"code": r.code, "name": r.name, "debit": r.debit_fen, "credit": r.credit_fen}


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


def _account_errors(row: ParsedRow, account: AccountRow | None, names: AccountNames) -> list[RowError]:
    """The code names an account of the books, and the name beside it (if any) names the same one."""
    name = written_name(row.values.get("name"))
    named = sorted(names.codes_for(name) - {row["code"]}, key=lambda code: (len(code), code)) if name else []
    known = f"“{name}”在账中是 {named[0]} {names.full_name(named[0])}" if named else ""
    if account is None:
        return [row.error("code",
                          f"科目不存在{'（' + known + '）' if known else ''}，请先在科目表中建立该科目或改正编码")]
    if name and not names.matches(account.code, name):
        elsewhere = f"；{known}" if known else ""
        return [row.error("name", f"科目名称与编码 {account.code} 在账中的科目“{account.full_name}”不符{elsewhere}："
                                  "请核对编码和名称是否错行（旧制度的科目编码与现行制度不同，不能只按编码导入）")]
    return []


def _sides_of_one_column(readings: list[tuple[ParsedRow, AccountRow, Reading]]) -> list[RowError]:
    """Give the amounts of a 余额 column without 方向 their sides, by the file's one rule."""
    waiting = [item for item in readings if item[2].signed is None and item[2].key]
    if not waiting:
        return []
    rule, reason = one_column_rule([item for item in waiting if item[1].is_leaf])
    if not rule:
        first = waiting[0][0]
        _, letter, shown = first.where[waiting[0][2].key]
        return [RowError(first.sheet, 0, f"{letter}（{shown}）", "", reason)]
    errors = []
    for row, account, reading in waiting:
        problem = apply_one_column(reading, account, rule)
        if problem:
            errors.append(row.error(reading.key, problem))
    return errors


def _leaf_and_parent_rows(readings: list[tuple[ParsedRow, AccountRow, Reading]]) -> list[RowError]:
    """Sub-account rows carry the balances; a parent row is a caption when blank, otherwise it must
    equal the net of its sub-accounts in the file (a two-way parent printed gross nets to the same)."""
    errors = []
    leaves = {}
    for row, account, reading in readings:
        if account.is_leaf and reading.signed is not None:
            if reading.both:
                errors.append(row.error(reading.key, "借方余额和贷方余额只能填一个"))
                continue
            row.values["opening_fen"], row.values["opening_key"] = reading.signed, reading.key
            leaves[account.code] = reading.signed
    for row, account, reading in readings:
        if account.is_leaf or reading.signed is None or reading.blank:
            continue
        row.values["opening_fen"] = reading.signed
        parts = [amount for code, amount in leaves.items() if code.startswith(account.code)]
        if not parts:
            if reading.signed:
                errors.append(row.error("code", f"“{account.full_name}”不是末级科目，期初余额请填在它的明细科目上"))
        elif sum(parts) != reading.signed:
            errors.append(row.error(reading.key,
                                    f"“{account.full_name}”的余额 {side_amount(reading.signed)} 与表中明细科目合计 "
                                    f"{side_amount(sum(parts))} 不符，请核对"))
    return errors


def _book_after(books: Books, rows: Sequence[ParsedRow], accounts: dict[str, AccountRow],
                complete: bool) -> list[RowError]:
    """The first month still open, and the whole book's openings balanced once the file is in
    (judged only when every row could be read: ``complete``)."""
    current = {r.code: r.debit_fen - r.credit_fen for r in books.accounts.opening_balances()}
    balances = {row["code"]: row["opening_fen"] for row in rows
                if "opening_fen" in row.values and accounts[row["code"]].is_leaf}
    changed = [row for row in rows if row["code"] in balances and balances[row["code"]] != current.get(row["code"], 0)]
    if not changed:
        return []
    locked = books.accounts.opening_locked()
    if locked is not None:
        first = changed[0]
        return [first.error(first.values.get("opening_key"),
                            f"{opening_locked_message(locked)}（本表改动 {len(changed)} 个科目的期初余额），"
                            "如确需修改，请先反结账")]
    after = books.accounts.opening_after(balances)
    if after.balanced or not complete:
        return []
    others = [(code, amount) for code, amount in current.items() if amount and code not in balances]
    listed = "、".join(f"{code} {accounts[code].full_name} {side_amount(amount)}" for code, amount in others[:10])
    more = f" 等 {len(others)} 个" if len(others) > 10 else ""
    outside = (f"；账中另有本表未列出的期初余额：{listed}{more}（如这些科目应为 0，请在表中列出并填 0）"
               if others else "")
    source = next((_taken_from(row) for row in rows if _taken_from(row)), "")
    return [RowError(rows[0].sheet, 0, "", "", f"导入后期初余额{after.message()}{source}{outside}；"
                                               "请核对后重新导入，未导入任何数据")]

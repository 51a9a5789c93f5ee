"""Rows of a 科目余额表 that break an account's balance down by 核算项目 (辅助核算).

Real tables from 金蝶 and 用友 list, under an account, its balance record by record, in one of
these ways (any mix of them in one file):

- a 核算项目 column (or 辅助核算, 往来单位, 客户, 供应商, 小区 …, or a 核算项目类别 / 编码 / 名称 set of
  columns): a row whose 核算项目 is filled is a breakdown row of the account its code names; the
  code may also be left blank, standing under its account's row;
- rows without a code, the record's name in the 科目名称 column (indented, or written
  "应收款—普洱茶源…"), under the account's row;
- rows with the account's code and the record's name in the 科目名称 column;
- rows with the other program's code of the record in the 科目编码 column, under the account's row;
- a table of one account's records without a 科目 column, the account in its title ("科目：112 应收款",
  用友's 客户余额表), on a sheet beside the 科目余额表.

A breakdown row is found as such when it names a record of the books (``aux_refs``), or when the
column it is written in says so (核算项目); a name that is neither an account nor a record is
refused, saying which register to fill first. An account's rows add up to its own row when the
table prints one (and stand for it when it does not). Here: telling breakdown rows apart and
finding their records; the sums are checked in ``opening_balances``.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdesk.dimensions import BY_KEY
from assetdesk.services.opening_breakdown import BreakdownInput

from .account_names import AccountNames, plain_name
from .account_refs import written_name
from .aux_refs import AuxRef, Records, parse
from .base import ColumnSpec, ParsedRow, RowError

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.accounts import AccountRow
    from assetdesk.services.books import Books

BELOW = "_below"  # values key (read stage): the row with a code this code-less row stands under
PART = "_part"  # values key (checks): the ``Part`` a breakdown row is

_NAMED = ("往来单位", "往来单位名称", "往来单位及个人", "客户", "客户名称", "供应商", "供应商名称", "往来户",
          "对方单位", "往来对象", "承租方", "租户", "缴费人", "单位及个人")
COLUMNS = (
    ColumnSpec("aux", "核算项目",
               aliases=("辅助核算", "辅助项目", "辅助核算项目", "核算项目名称", "辅助核算名称", "辅助项目名称",
                        "核算对象", "辅助核算明细", "核算项目明细", "辅助核算内容"), width=30,
               note="按往来单位、小区辅助核算的科目（如 112 应收款），在科目所在行下逐行列出各往来单位的期初余额："
                    "科目编码照填或留空，此列写“往来单位：名称”（小区写“小区：名称”），各行合计应等于科目的期初余额"),
    ColumnSpec("aux_kind", "核算项目类别", import_only=True,
               aliases=("核算类别", "辅助核算类别", "核算项目类型", "辅助核算类型", "辅助项目类别", "辅助类别",
                        "核算项目类")),
    ColumnSpec("aux_code", "核算项目编码", code=True, import_only=True,
               aliases=("核算项目代码", "辅助核算编码", "辅助核算代码", "辅助项目编码", "客户编码", "客户代码",
                        "供应商编码", "供应商代码", "往来单位编码", "往来单位代码", "小区编码", "证件号码",
                        "身份证号码", "身份证号", "统一社会信用代码")),
    ColumnSpec("aux_counterparty", "往来单位", import_only=True, aliases=_NAMED[1:]),
    ColumnSpec("aux_compound", "小区", import_only=True, aliases=("小区名称", "院落", "小区(院落)", "小区(院落)名称")),
)
AUX_KEYS = tuple(spec.key for spec in COLUMNS)


@dataclass
class Part:
    """A breakdown row: the account it breaks down, the records it names (dimension key → id), the
    column the records were read from (for errors) and, once its amounts are read, its balance."""

    code: str
    ids: dict[str, int] = field(default_factory=dict)
    key: str = "aux"
    from_name: bool = False  # the record was written in the 科目名称 column
    signed: int | None = None

    def as_input(self) -> BreakdownInput:
        return BreakdownInput(self.signed or 0, **{BY_KEY[key].line_field: record for key, record in self.ids.items()})


_TITLE_ACCOUNT_RE = re.compile(r"科目(?:代码|编码|名称)?\s*[:：]\s*(\d{3}[\d.\-]*)\s*([^\s:：,，;；]*)")


def title_account(grid: Grid, layout: Layout) -> tuple[str, str] | None:
    """(code, name) of the account a 辅助余额表 is for, as its title says ("科目：112 应收款"): 用友's
    客户余额表 lists one account's customers without a 科目 column."""
    texts = [grid.name] + [str(cell) for row in grid.rows[: layout.header_rows[0]] for cell in row
                           if isinstance(cell, str)]
    for text in texts:
        match = _TITLE_ACCOUNT_RE.search(unicodedata.normalize("NFKC", text))
        if match:
            return match.group(1), match.group(2)
    return None


def aux_columns(headers: dict[str, str]) -> bool:
    return any(key in headers for key in AUX_KEYS)


def take_title_account(rows: list[ParsedRow], account: tuple[str, str] | None) -> None:
    """The rows of a table without a 科目 column stand under the account its title names."""
    if account is None:
        return
    code, name = account
    for row in rows:
        row.values["code"] = code
        if not row.values.get("name"):
            row.values["name"] = name


def part_of(row: ParsedRow) -> Part | None:
    return row.values.get(PART)


def aux_filled(row: ParsedRow) -> bool:
    return any(row.values.get(key) for key in AUX_KEYS)


def mark_code_less_rows(rows: list[ParsedRow], errors: list[RowError]) -> list[RowError]:
    """Read stage: a row without a 科目编码 but with a name or a 核算项目, under a row with a code in
    the same table, stands under that row (``BELOW``); its blank-code error is dropped (the checks
    decide what it is)."""
    above: dict[int, ParsedRow] = {}
    under: set[tuple[str, int]] = set()
    for row in rows:
        if row.values.get("code"):
            above[id(row.where)] = row
            continue
        if id(row.where) in above and (written_name(row.values.get("name")) or aux_filled(row)):
            row.values[BELOW] = above[id(row.where)]
            under.add((row.sheet, row.row))
    if not under:
        return errors
    code_cells = {(row.sheet, row.row): row.error("code", "").column for row in rows if (row.sheet, row.row) in under}
    return [error for error in errors if code_cells.get((error.sheet, error.row)) != error.column
            or not error.reason.endswith("必须填写")]


class PartFinder:
    """Decides which rows are breakdown rows and finds their records (see the module)."""

    def __init__(self, books: Books, accounts: dict[str, AccountRow], names: AccountNames):
        self.accounts = accounts
        self.names = names
        self.carried = {code: tuple(key for key in BY_KEY if BY_KEY[key].label in account.dimensions)
                        for code, account in accounts.items()}
        self._records: Records | None = None
        self._books = books
        self.incomplete: set[str] = set()  # accounts with a breakdown row refused here: their sums are not judged
        self.forgiven: set[tuple[str, int]] = set()  # rows whose code was the record's: no code error

    @property
    def records(self) -> Records:
        if self._records is None:  # read once, and only for a table that has breakdown rows
            self._records = Records(self._books)
        return self._records

    def find(self, rows: Sequence[ParsedRow], code_errors: dict[tuple[str, int], RowError]) -> list[RowError]:
        """Mark the breakdown rows among ``rows`` (``PART``); the refusals of rows meant as such.

        ``code_errors``: rows whose 科目编码 is no code of the books' form. Such a row, or one whose
        code is no account, standing under an account's row is a breakdown row when what it names is
        a record of that account (the code is then the other program's code of the record, 用友 and
        金蝶 print it there), and its code error is forgiven (``self.forgiven``)."""
        errors: list[RowError] = []
        seen: dict[tuple, ParsedRow] = {}
        above: dict[int, ParsedRow | None] = {}  # by table: the account row the next code-less rows stand under
        for row in rows:
            place = (row.sheet, row.row)
            stray = place in code_errors or (BELOW not in row.values and row.values.get("code") not in self.accounts)
            if BELOW in row.values or stray:
                reason_key = self._under(row, above.get(id(row.where)), stray, errors)
                if stray and part_of(row) is None and not reason_key:
                    above[id(row.where)] = None  # an unknown code: what follows is not known to stand under anything
            else:
                reason_key = self._classify(row, errors)
                above[id(row.where)] = row
            if reason_key:
                self.incomplete.add(row.values.get("code", ""))
            part = part_of(row)
            if part is None or reason_key:
                continue
            if stray:
                self.forgiven.add(place)
            identity = (part.code, tuple(sorted(part.ids.items())))
            if identity in seen:
                first = seen[identity]
                where = f"第 {first.row} 行" if first.sheet == row.sheet else f"“{first.sheet}”第 {first.row} 行"
                errors.append(row.error(part.key, f"与{where}是同一科目的同一核算项目，请合并为一行"))
                del row.values[PART]
                self.incomplete.add(part.code)
            else:
                seen[identity] = row
        return errors

    def _under(self, row: ParsedRow, account_row: ParsedRow | None, stray: bool, errors: list[RowError]) -> str:
        """A row without a code (or with no account's code) under ``account_row``: its breakdown row,
        or, when it is not one, what it was before (a missing or unknown 科目编码)."""
        if account_row is None:
            if stray:
                return ""
            errors.append(row.error("code", "“科目编码”必须填写"))
            return "code"
        own = row.values.get("code", "")
        row.values["code"] = account_row.values["code"]
        if not stray:
            return self._classify(row, errors, under=True)
        refs = self._refs(row, own) if aux_filled(row) else parse(written_name(row.values.get("name")), code=own)
        if refs and self._resolves(refs, account_row.values["code"]):
            key = self._aux_key(row) if aux_filled(row) else "name"
            return self._attach(row, self.accounts[account_row.values["code"]], account_row.values["code"], refs, key,
                                from_name=True, errors=errors)
        row.values["code"] = own
        return ""

    def _refs(self, row: ParsedRow, code: str = "") -> list[AuxRef]:
        """The records the 核算项目 columns of ``row`` name."""
        refs = parse(row.values.get("aux") or row.values.get("aux_counterparty") or row.values.get("aux_compound"),
                     row.values.get("aux_kind"), row.values.get("aux_code") or code)
        return refs + self._extra_columns(row)

    @staticmethod
    def _aux_key(row: ParsedRow) -> str:
        return next(key for key in AUX_KEYS if row.values.get(key))

    def _classify(self, row: ParsedRow, errors: list[RowError], under: bool = False) -> str:
        """Make ``row`` a breakdown row when it is one; "" or the key of the cell an error was added on."""
        code = row.values.get("code", "")
        account = self.accounts.get(code)
        if aux_filled(row):
            return self._attach(row, account, code, self._refs(row), self._aux_key(row), from_name=False, errors=errors)
        name = written_name(row.values.get("name"))
        if account is None or not name or (not under and self.names.matches(code, name)):
            return ""
        text = self._without_account(code, name)
        if not under and not self.carried.get(code):
            return ""  # a name not matching its code: the account check says so
        refs = parse(text)
        if not under and not self._resolves(refs, code):
            return ""  # neither the account nor a record of it: the account check refuses the name
        if under and self.names.codes_for(name) and not self._resolves(refs, code):
            errors.append(row.error("code", "“科目编码”必须填写"))
            return "code"
        return self._attach(row, account, code, refs, "name", from_name=True, errors=errors)

    def _extra_columns(self, row: ParsedRow) -> list[AuxRef]:
        """A table with both a 往来单位 and a 小区 column names two records on each row."""
        if not (row.values.get("aux") or row.values.get("aux_counterparty")) or not row.values.get("aux_compound"):
            return []
        return [AuxRef("compound", "小区", "", written_name(row.values["aux_compound"]), row.values["aux_compound"])]

    def _without_account(self, code: str, name: str) -> str:
        """"应收款—普洱茶源…" → "普洱茶源…": the record's name after its account's, as some programs write it."""
        for separator in ("——", "—", "-", "－", "/", "／", "\\", "_", ":", "：", " "):
            head, _, rest = name.partition(separator)
            if rest.strip() and plain_name(head) in self.names.own_spellings(code):
                return rest.strip()
        return name

    def _resolves(self, refs: list[AuxRef], code: str) -> bool:
        return bool(refs) and all(self.records.resolve(ref, self.carried.get(code, ()))[1] is not None for ref in refs)

    def _attach(self, row: ParsedRow, account: AccountRow | None, code: str, refs: list[AuxRef], key: str, *,
                from_name: bool, errors: list[RowError]) -> str:
        """Resolve the records of a breakdown row against its account; refusals go to ``errors``."""
        if account is None:
            if row.values.get(BELOW) is None:
                return ""  # the code itself is refused by the account check
            return key
        label = f"“{account.code} {account.full_name}”"
        if not account.is_leaf:
            errors.append(row.error(key,
                                    f"核算项目应列在末级科目下：{label}有明细科目，请把这一行列在相应的明细科目下"))
            return key
        carried = self.carried.get(code, ())
        if not carried:
            shown = "；".join(ref.text for ref in refs[:1]) or written_name(row.values.get("name"))
            what = "像是核算项目，但" if from_name else ""
            errors.append(row.error(key, f"“{shown}”{what}科目{label}没有设置辅助核算，不能按核算项目分列期初余额："
                                         "请先在科目表中为该科目设置辅助核算（往来单位或小区）后重新导入"
                                         + ("；如果它是一个科目，请填写科目编码" if from_name else "")))
            return key
        ids: dict[str, int] = {}
        for ref in refs:
            dimension, record, reason = self.records.resolve(ref, carried)
            if record is None:
                errors.append(row.error(key, reason
                                        or f"没有读出核算项目，请写明{'或'.join(BY_KEY[k].label for k in carried)}"))
                return key
            if dimension not in carried:
                errors.append(row.error(key, f"科目{label}不按{BY_KEY[dimension].label}辅助核算（只按"
                                             f"{'、'.join(BY_KEY[k].label for k in carried)}），请核对"))
                return key
            ids[dimension] = record
        missing = [BY_KEY[k].label for k in carried if k not in ids]
        if missing:
            errors.append(row.error(key, f"没有写明{'、'.join(missing)}：科目{label}按"
                                         f"{'、'.join(BY_KEY[k].label for k in carried)}辅助核算，"
                                         "每行核算项目都要写明"))
            return key
        row.values[PART] = Part(code, ids, key, from_name)
        return ""


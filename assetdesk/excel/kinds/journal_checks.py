"""A journal's lines and vouchers against the books.

- 科目: a 科目编码 must name the account its 科目名称 names (DOMAIN §3.1: the 2004 system reused codes,
  so a code is never trusted alone); without a code the account is found by its name (full, leaf,
  or with the code in front: "102 银行存款"). Postings go to active leaf accounts.
- 往来单位 by name, or by 证件号码 (alone or in brackets after the name, as exports of books with two
  people of one name write it); a name two records share is refused, never guessed. 小区 by name
  or code.
- Dates: not before the books start, not in a closed month (for vouchers the import would post),
  and not after the current month of the books' clock (2052 for 2025 is a typing slip).

Every check runs on every row in one pass, so the clerk sees all the mistakes at once.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assetdesk.periods import Period
from assetdesk.services.account_catalog import AccountInfo
from assetdesk.services.period_guard import refusal
from assetdesk.services.posting_checks import line_problem

from .account_names import AccountNames, split_code
from .base import ParsedRow, RowError
from .journal import FileVoucher, given

if TYPE_CHECKING:
    from assetdesk.services.accounts import AccountRow
    from assetdesk.services.books import Books
    from assetdesk.services.org_types import CounterpartyRow

_BRACKETED_RE = re.compile(r"^(.*?)[(（]\s*([0-9A-Za-z]{6,})\s*[)）]$")
_SPACES_RE = re.compile(r"\s+")


def plain_person(text: str) -> str:
    """A counterparty's name without spaces (names are padded to line up in printed lists)."""
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", text or ""))


@dataclass
class BooksView:
    """What the checks read from the books, read once per validation."""

    accounts: dict[str, AccountRow]
    catalog: dict[str, AccountInfo]  # the chart as the posting path judges it (same checks, same words)
    names: AccountNames
    people: dict[str, list[CounterpartyRow]]
    people_by_code: dict[str, CounterpartyRow]
    compounds: dict[str, tuple[int, str]]
    first_period: Period | None
    closed: set[Period]
    this_month: Period

    @classmethod
    def read(cls, books: Books) -> "BooksView":
        accounts = books.accounts.list_accounts()
        people: dict[str, list[CounterpartyRow]] = defaultdict(list)
        by_code = {}
        for person in books.org.list_counterparties():
            people[plain_person(person.name)].append(person)
            if person.id_code:
                by_code[person.id_code.upper()] = person
        book = books.org.book()
        return cls({a.code: a for a in accounts}, books.vouchers.catalog.current(), AccountNames(accounts), people,
                   by_code, compounds_of(books), book.first_period if book else None,
                   {p.period for p in books.periods.list_periods() if p.is_closed}, Period.of(books.ctx.today()))

    def counterparty(self, text: str) -> tuple[CounterpartyRow | None, str]:
        """The record ``text`` names and, when none or several, why not."""
        text = unicodedata.normalize("NFKC", text).strip()
        if text.upper() in self.people_by_code:
            return self.people_by_code[text.upper()], ""
        match = _BRACKETED_RE.match(text)
        name, code = (match.group(1), match.group(2).upper()) if match else (text, "")
        found = self.people.get(plain_person(name), [])
        if code:
            found = [person for person in found if person.id_code.upper() == code]
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, f"有{len(found)}个同名的“{name.strip()}”，请在往来单位列填写证件号码或编码"
        return None, "往来单位不存在，请先导入往来单位及个人"


def compounds_of(books: Books) -> dict[str, tuple[int, str]]:
    """小区 by name and by code (a journal may give either) → (id, name)."""
    found: dict[str, tuple[int, str]] = {}
    for compound in books.org.list_compounds():
        found.setdefault(compound.name, (compound.id, compound.name))
        found.setdefault(compound.code, (compound.id, compound.name))
    return found


def resolve_accounts(rows: Sequence[ParsedRow], view: BooksView, bad: dict) -> list[RowError]:
    """Each line's 科目编码, checked against its 科目名称 or found from it."""
    errors = []
    for row in rows:
        if "code" in bad.get((row.sheet, row.row), ()):
            continue
        error = _resolve(row, view)
        if error is not None:
            errors.append(error)
    return errors


def _resolve(row: ParsedRow, view: BooksView) -> RowError | None:
    values = row.values
    code, text = values["code"], (values.get("account_name") or "").strip()
    if code:
        if code not in view.accounts:
            hint = _name_hint(text, view)
            return row.error("code",
                             f"科目不存在：编码 {code} 不在科目表中{hint}；请先在科目表中建立该科目，或改正编码")
        if text and not view.names.matches(code, text):
            return row.error("account_name", _mismatch(code, text, view))
        return None
    if not text:
        return row.error("code" if "code" in row.where else "account_name", "科目必须填写（科目编码或科目名称）")
    leading, name = split_code(text)
    if leading in view.accounts:
        if name and not view.names.matches(leading, name):
            return row.error("account_name", _mismatch(leading, name, view))
        values["code"] = leading
        return None
    found = view.names.codes_for(name if leading else text)
    if len(found) == 1:
        values["code"] = next(iter(found))
        return None
    if found:
        codes = "、".join(sorted(found))
        return row.error("account_name", f"科目名称对应多个科目（{codes}），请填写科目编码")
    hint = f"（编码 {leading} 不在科目表中）" if leading else ""
    return row.error("account_name", f"科目不存在{hint}，请填写科目编码或正确的科目名称")


def _name_hint(text: str, view: BooksView) -> str:
    found = view.names.codes_for(split_code(text)[1]) if text else set()
    return f"（科目名称“{text}”在账中的编码是 {next(iter(found))}）" if len(found) == 1 else ""


def _mismatch(code: str, text: str, view: BooksView) -> str:
    """Both names, and the code the written name has in these books when there is one."""
    found = view.names.codes_for(split_code(text)[1])
    other = f"（“{text}”的编码是 {next(iter(found))}）" if len(found) == 1 else ""
    return (f"科目编码 {code} 在账中是“{view.names.full_name(code)}”，与科目名称“{text}”不符{other}："
            "请核对编码和名称；旧制度（2004 年）的账请按现行科目编码调整")


def line_errors(rows: Sequence[ParsedRow], view: BooksView, bad: dict) -> list[RowError]:
    """Each line as the posting path will judge it (``posting_checks.line_problem``: leaf and active
    account, one amount, the 往来单位 or 小区 its account carries), plus the records it names."""
    errors = []
    for row in rows:
        broken = set(bad.get((row.sheet, row.row), ()))
        aux = _aux_errors(row, view, broken)
        errors += aux
        if row["code"] not in view.catalog:
            continue
        problem = line_problem(row.row, _as_line(row, view), view.catalog, for_posting=True)
        if problem is None or (problem.field == "amount" and broken & {"debit", "credit", "amount", "side"}):
            continue
        if problem.field.startswith("dimension:") and aux:
            continue  # the record it names is wrong: said once, above
        column = _COLUMNS.get(problem.field, "code")
        if problem.field == "amount":
            column = "credit" if row["debit"] and row["credit"] else ("amount" if "amount" in row.where else "debit")
            bad[(row.sheet, row.row)].add(column)
        errors.append(row.error(column, f"{problem.reason}：{problem.hint}"))
    return errors


_COLUMNS = {"account": "code", "dimension:counterparty": "counterparty", "dimension:compound": "compound"}


def _as_line(row: ParsedRow, view: BooksView):
    from assetdesk.services.voucher_types import LineInput

    compound = view.compounds.get(row.values.get("compound") or "")
    return LineInput(row["code"], row["debit"] or 0, row["credit"] or 0,
                     counterparty_id=row.values.get("counterparty_id"),
                     compound_id=compound[0] if compound else None)


def _aux_errors(row: ParsedRow, view: BooksView, broken: set[str]) -> list[RowError]:
    errors = []
    values = row.values
    values["counterparty_id"] = None
    if values["counterparty"] and "counterparty" not in broken:
        person, reason = view.counterparty(values["counterparty"])
        if person is None:
            errors.append(row.error("counterparty", reason))
        else:
            values["counterparty_id"] = person.id
    given_compound = values.get("compound")
    if given_compound and given_compound not in view.compounds:
        errors.append(row.error("compound", "小区不存在，请先导入片区与小区"))
    elif given_compound:
        values["compound"] = view.compounds[given_compound][1]  # a code becomes the name the books print
    return errors


def period_errors(vouchers: Sequence[FileVoucher], view: BooksView) -> list[RowError]:
    """The months the import would post into: open, not before the books, not after this month."""
    errors = []
    for voucher in vouchers:
        if voucher.date is None:
            continue
        period = Period.of(voucher.date)
        first = voucher.rows[0]
        key = "date" if given(first, "date") else "month" if given(first, "month") else "date"
        problem = refusal(period, view.first_period.key, {p.key for p in view.closed}) if view.first_period else None
        if problem:
            reason = "：".join(problem)
        elif period > view.this_month:
            reason = f"凭证日期 {voucher.date:%Y-%m-%d} 晚于本月（{view.this_month}）：请检查年份、月份是否输错"
        else:
            continue
        errors.append(first.error(key, f"凭证“{voucher.label}”（{voucher.span}）{reason}"))
    return errors

"""凭证: one row per line; rows with the same 日期 + 凭证号 form one voucher. Import posts them as
historical vouchers (``import_vouchers``, one transaction); export is the journal of a month or year.

A voucher already in the books with the same date and the same lines is "unchanged", whatever
number it was given, so importing a file twice never posts twice. Numbers are assigned by the
books (consecutive per month); the file's numbers only group the lines.

Journals exported by other programs often print 日期 and 凭证号 on a voucher's first line only
(the rest blank or merged), and give the account as one 科目 column ("102 银行存款" or just
"银行存款—基本存款户"): blanks are filled down from the line above, and a missing 科目编码 is taken
from the leading code or found by the account's (full) name.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from assetdesk.periods import Period

from .accounts import CODE_ALIASES
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind

_NUMBER_RE = re.compile(r"(\d+)")


def _plain(name: str) -> str:
    """Account names compared without separators: 经营收入-租金收入 = 经营收入—租金收入 = 经营收入租金收入."""
    return re.sub(r"[\s\-—_/\\：:－·]", "", name)


def voucher_number(value: str) -> int | None:
    """"记-0012", "记字第12号", "12" → 12."""
    match = _NUMBER_RE.search(unicodedata.normalize("NFKC", value or ""))
    return int(match.group(1)) if match else None


class VouchersKind(SheetKind):
    name = "vouchers"
    title = "凭证"
    columns = (
        ColumnSpec("date", "日期", "date", aliases=("凭证日期", "记账日期", "制单日期", "业务日期"), width=12,
                   example="2025-03-31", note="同一张凭证的后续行可留空"),
        ColumnSpec("number", "凭证号", aliases=("凭证编号", "凭证字号", "凭证号码", "字号", "号码"),
                   width=10, example="记-0001", note="同一日期、同一凭证号的各行组成一张凭证；后续行可留空"),
        ColumnSpec("summary", "摘要", max_length=200, aliases=("业务摘要", "内容", "摘要说明", "摘要内容"), width=30, example="收到三月租金（示例）"),
        ColumnSpec("code", "科目编码", code=True, aliases=CODE_ALIASES, width=12, example="10201",
                   note="可不填：按“科目名称”中的编码或名称查找"),
        ColumnSpec("account_name", "科目名称", aliases=("科目", "会计科目", "科目全称"), width=28,
                   note="有科目编码时仅供核对"),
        ColumnSpec("debit", "借方金额", "amount", aliases=("借方", "借方发生额", "借", "借方金额(元)", "借方本币", "本币借方", "借方金额本币"), example="1000"),
        ColumnSpec("credit", "贷方金额", "amount", aliases=("贷方", "贷方发生额", "贷", "贷方金额(元)", "贷方本币", "本币贷方", "贷方金额本币")),
        ColumnSpec("counterparty", "往来单位", aliases=("往来单位及个人", "对方单位", "单位", "客户", "往来户",
                                                    "辅助核算"), width=20),
        ColumnSpec("compound", "小区", aliases=("小区名称", "所属小区", "项目小区"), width=16,
                   note="该行分录所属的小区（物业费、维修等按小区核算时填写）"),
        # 序时账 of some programs give the date as 月 / 日 columns, the year in the title ("2025年")
        ColumnSpec("year", "年", "int", aliases=("年度", "年份"), import_only=True,
                   note="可代替“日期”：与“月”“日”一起；不填时取标题中的年份（如“2025年序时账”）"),
        ColumnSpec("month", "月", "int", aliases=("月份",), import_only=True, note="可代替“日期”：与“日”一起"),
        ColumnSpec("day", "日", "int", import_only=True, note="可代替“日期”：与“月”一起"),
        # or one 金额 column with a 借贷 column instead of 借方 / 贷方
        ColumnSpec("amount", "金额", "amount", aliases=("发生额", "本币金额", "金额(元)"), import_only=True,
                   note="可代替借方/贷方金额：与“借贷方向”一起"),
        ColumnSpec("side", "借贷方向", "choice", aliases=("借贷", "借/贷", "借或贷", "借贷标志"), import_only=True,
                   choices=("借", "贷"), choice_aliases=(("借方", "借"), ("贷方", "贷")), note="与“金额”一起使用"),
        # who prepared a historical voucher and how many documents it had: kept as the old books say
        ColumnSpec("preparer", "制单人", aliases=("制单", "制单人员", "录入人"), max_length=50, import_only=True,
                   note="原账中的制单人；不填时记为当前操作人"),
        ColumnSpec("attachments", "附单据数", "int", aliases=("附件", "附件数", "附件张数", "单据数", "附单据"),
                   import_only=True, note="原凭证所附单据张数"),
    )
    key_columns = ("date", "number")

    def group(self, rows: Sequence[ParsedRow]) -> dict[tuple, list[ParsedRow]]:
        """Rows → vouchers keyed by (date, number), in file order."""
        groups: dict[tuple, list[ParsedRow]] = defaultdict(list)
        for row in rows:
            groups[(row["date"], voucher_number(row["number"]))].append(row)
        return groups

    def validate_rows(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        errors = self._sides(rows) + self._fill_down(rows) + self._resolve_accounts(books, rows)
        if errors:
            return errors
        errors = self._line_errors(books, rows)
        errors += self._period_errors(books, self._rows_of_new_vouchers(books, rows))
        for lines in self.group(rows).values():
            errors += self._voucher_errors(lines)
        return errors

    @staticmethod
    def _sides(rows: Sequence[ParsedRow]) -> list[RowError]:
        """金额 + 借贷方向 → 借方金额 or 贷方金额 (the layout some programs export)."""
        errors = []
        for row in rows:
            values = row.values
            amount = values.get("amount")
            if not amount:
                continue
            if values["debit"] or values["credit"]:
                errors.append(row.error("amount", "已填写借方/贷方金额，“金额”列请留空"))
            elif values.get("side") not in ("借", "贷"):
                errors.append(row.error("side" if "side" in row.where else "amount", "请填写借贷方向（借或贷）"))
            else:
                values["debit" if values["side"] == "借" else "credit"] = amount
        return errors

    @staticmethod
    def _fill_down(rows: Sequence[ParsedRow]) -> list[RowError]:
        """A line without 日期 and 凭证号 continues the voucher above it."""
        errors, previous = [], None
        for row in rows:
            values = row.values
            if not values["date"] and values.get("month") and values.get("day"):
                errors.extend(_date_from_parts(row))
            if previous is not None and not values["number"] and not values["date"]:
                values["date"], values["number"] = previous["date"], previous["number"]
            elif previous is not None and not values["date"] and values["number"] == previous["number"]:
                values["date"] = previous["date"]
            elif previous is not None and not values["number"] and values["date"] == previous["date"]:
                values["number"] = previous["number"]  # 月/日 on every line, 凭证号 on the first only
            if not values["date"]:
                errors.append(row.error("date", "日期必须填写（同一张凭证的第一行）"))
            if not values["number"]:
                errors.append(row.error("number", "凭证号必须填写（同一张凭证的第一行）"))
            previous = values
        return errors

    @staticmethod
    def _resolve_accounts(books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """科目编码 from "102 银行存款" or from a (full) account name when the code column is blank."""
        accounts = books.accounts.list_accounts()
        codes = {a.code for a in accounts}
        by_name: dict[str, set[str]] = defaultdict(set)
        for a in accounts:
            for name in {a.name, a.full_name, _plain(a.full_name)}:
                by_name[name].add(a.code)
        errors = []
        for row in rows:
            if row["code"]:
                continue
            text = unicodedata.normalize("NFKC", row.values.get("account_name") or "").strip()
            match = re.match(r"^(\d{3,})\s*(.*)$", text)
            if match and match.group(1) in codes:
                row.values["code"] = match.group(1)
                continue
            found = by_name.get(text) or by_name.get(_plain(text)) or set()
            if len(found) == 1:
                row.values["code"] = next(iter(found))
            else:
                reason = "科目名称对应多个科目，请填写科目编码" if found else "科目不存在，请填写科目编码或正确的科目名称"
                errors.append(row.error("account_name" if text else "code", reason))
        return errors

    def _line_errors(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        accounts = {a.code: a for a in books.accounts.list_accounts()}
        names = {cp.name for cp in books.org.list_counterparties()}
        compounds = _compounds(books)
        errors = []
        for row in rows:
            account = accounts.get(row["code"])
            if voucher_number(row["number"]) is None:
                errors.append(row.error("number", "凭证号中没有数字，例如 记-0001"))
            if account is None:
                errors.append(row.error("code", "科目不存在，请先在科目表中建立该科目"))
            elif not account.is_leaf:
                errors.append(row.error("code", f"“{account.full_name}”不是末级科目，请填写它的明细科目"))
            elif not account.is_active:
                errors.append(row.error("code", f"“{account.full_name}”已停用"))
            if row["debit"] and row["credit"]:
                errors.append(row.error("credit", "一行只能填借方或贷方金额"))
            elif not (row["debit"] or row["credit"]):
                errors.append(row.error("debit", "借方和贷方金额都为空"))
            if row["counterparty"] and row["counterparty"] not in names:
                errors.append(row.error("counterparty", "往来单位不存在，请先导入往来单位及个人"))
            given = row.values.get("compound")
            if given and given not in compounds:
                errors.append(row.error("compound", "小区不存在，请先导入片区与小区"))
            elif given:
                row.values["compound"] = compounds[given][1]  # a code becomes the name the books print
        return errors

    def _rows_of_new_vouchers(self, books: Any, rows: Sequence[ParsedRow]) -> list[ParsedRow]:
        """Only vouchers the books do not hold yet are posted, so only they must fall in open months
        (re-importing an exported journal of closed months changes nothing and is not refused)."""
        groups = self.group(rows)
        changes = self.classify(books, rows, set())
        return [row for lines, change in zip(groups.values(), changes) if change.status == "new" for row in lines]

    def _period_errors(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        book = books.org.book()
        closed = {p.period for p in books.periods.list_periods() if p.is_closed}
        errors = []
        for row in rows:
            period = Period.of(row["date"])
            if book and period < book.first_period:
                errors.append(row.error("date", f"早于账套启用期间 {book.first_period}，启用前的余额请作为期初余额导入"))
            elif period in closed:
                errors.append(row.error("date", f"{period} 已结账，不能导入该月凭证"))
        return errors

    @staticmethod
    def _voucher_errors(lines: list[ParsedRow]) -> list[RowError]:
        first = lines[0]
        debit = sum(row["debit"] for row in lines)
        credit = sum(row["credit"] for row in lines)
        if len(lines) < 2:
            return [first.error("number", "凭证至少需要两行分录")]
        if debit != credit:
            from assetdesk.money import format_amount

            return [first.error("number", f"凭证借贷不平衡：借方合计 {format_amount(debit)}，贷方合计 "
                                          f"{format_amount(credit)}")]
        if not any(row["summary"] for row in lines):
            return [first.error("summary", "凭证摘要不能为空")]
        return []

    @staticmethod
    def signature(date: Any, lines: Iterable[tuple]) -> tuple:
        return (date, tuple(lines))

    def _file_signature(self, key: tuple, lines: list[ParsedRow]) -> tuple:
        summary = next((r["summary"] for r in lines if r["summary"]), "")
        return self.signature(key[0], ((r["code"], r["debit"], r["credit"], r["summary"] or summary,
                                        r["counterparty"], r.values.get("compound", "")) for r in lines))

    def classify(self, books: Any, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """One Change per voucher: "unchanged" when the books hold the same voucher already."""
        groups = self.group(rows)
        periods = {Period.of(key[0]) for key in groups if key[0]}
        available = Counter(self._book_signatures(books, min(periods), max(periods))) if periods else Counter()
        changes = []
        for key, lines in groups.items():
            signature = self._file_signature(key, lines)
            label = f"{key[0]} {lines[0]['number']}"
            if available[signature] > 0:
                available[signature] -= 1
                changes.append(Change("unchanged", label))
            else:
                changes.append(Change("new", label, f"{len(lines)} 行分录"))
        return changes

    def _book_signatures(self, books: Any, first: Period, last: Period) -> Iterable[tuple]:
        current: list = []
        current_key = None
        for line in journal_lines(books, first, last):
            key = line["voucher_id"]
            if key != current_key and current:
                yield self.signature(current[0]["date"], (_line_sig(l) for l in current))
                current = []
            current_key = key
            current.append(line)
        if current:
            yield self.signature(current[0]["date"], (_line_sig(l) for l in current))

    def commit(self, books: Any, rows: Sequence[ParsedRow]) -> Any:
        """Posts only the vouchers not already in the books, in date then number order."""
        from assetdesk.services.vouchers import LineInput, VoucherInput

        groups = self.group(rows)
        changes = self.classify(books, rows, set())
        counterparty_ids = {cp.name: cp.id for cp in books.org.list_counterparties()}
        compounds = _compounds(books)
        items = []
        for (key, lines), change in sorted(zip(groups.items(), changes), key=lambda kc: (kc[0][0][0], kc[0][0][1] or 0)):
            if change.status == "unchanged":
                continue
            summary = next(r["summary"] for r in lines if r["summary"])
            preparer = next((r.values["preparer"] for r in lines if r.values.get("preparer")), "")
            attachments = max((r.values.get("attachments") or 0 for r in lines), default=0)
            items.append(VoucherInput(key[0], summary, [
                LineInput(r["code"], r["debit"], r["credit"], r["summary"] or summary,
                          counterparty_id=counterparty_ids.get(r["counterparty"]) if r["counterparty"] else None,
                          compound_id=compounds[r.values["compound"]][0] if r.values.get("compound") else None)
                for r in lines], attachments=attachments, preparer=preparer, source="导入"))
        return books.vouchers.import_vouchers(items)

    def export_title(self, **options: Any) -> str:
        period, year = options.get("period"), options.get("year")
        return f"凭证（{period or year}年）" if year and not period else f"凭证（{period}）" if period else self.title

    def export_rows(self, books: Any, period: Any = None, year: Any = None, **options: Any) -> Iterable[dict[str, Any]]:
        first, last = export_range(books, period, year)
        names = {a.code: a.full_name for a in books.accounts.list_accounts()}
        for line in journal_lines(books, first, last):
            yield {"date": line["date"], "number": line["label"], "summary": line["summary"], "code": line["code"],
                   "account_name": names.get(line["code"], ""), "debit": line["debit"], "credit": line["credit"],
                   "counterparty": line["counterparty"], "compound": line["compound"]}


_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def _date_from_parts(row: ParsedRow) -> list[RowError]:
    """日期 from 年 / 月 / 日 columns; the year, when no column gives it, from the title."""
    values = row.values
    year = values.get("year") or next((int(y) for y in _TITLE_YEAR_RE.findall(row.title)), 0)
    if not year:
        return [row.error("month", "只有月、日，缺少年份：请增加“年”列，或在标题中写明年份（如“2025年序时账”）")]
    try:
        values["date"] = dt.date(year, values["month"], values["day"])
    except ValueError:
        return [row.error("day", f"{year}年{values['month']}月{values['day']}日不是有效的日期")]
    return []


def _line_sig(line: dict) -> tuple:
    return (line["code"], line["debit"], line["credit"], line["summary"], line["counterparty"], line["compound"])


def _compounds(books: Any) -> dict[str, tuple[int, str]]:
    """小区 by name and by code (a journal may give either) → (id, name)."""
    found: dict[str, tuple[int, str]] = {}
    for compound in books.org.list_compounds():
        found.setdefault(compound.name, (compound.id, compound.name))
        found.setdefault(compound.code, (compound.id, compound.name))
    return found


def export_range(books: Any, period: Any, year: Any) -> tuple[Period, Period]:
    """``--period YYYY-MM`` or ``--year YYYY``; neither = every month of the books so far."""
    if period:
        period = Period.parse(period)
        return period, period
    if year:
        return Period(int(year), 1), Period(int(year), 12)
    periods = [row.period for row in books.periods.list_periods()]
    return periods[0], periods[-1]


def journal_lines(books: Any, first: Period, last: Period) -> Iterable[dict[str, Any]]:
    """Posted lines of the months, in voucher order (``VoucherService.journal_lines``)."""
    return books.vouchers.journal_lines(first, last)

"""凭证: one row per line; the lines of one voucher stand together (``journal``). Import posts the
vouchers the books do not hold yet as historical vouchers (``import_vouchers``, one transaction);
export is the journal of a month or year.

Matching the books. A voucher with the same date and the same lines as one in the books is
"unchanged", whatever its number, so importing a file twice never posts twice. A voucher whose date
and 凭证字号 are those of a voucher in the books (its number there, or the paper number an import
recorded) but whose lines differ is a correction of a posted voucher: refused, since posted
vouchers are corrected by a red reversal, never posted a second time. Numbers: the paper numbers
are kept where the month allows it, else the books number on and keep the paper number in sight
(``services/voucher_history``); the preview says which numbers change.

Journals exported by other programs often print 日期 and 凭证号 on a voucher's first line only
(the rest blank or merged), split the date into 月 and 日, give the 凭证字 in a column of its own,
give the account as one 科目 column ("102 银行存款" or just "银行存款—基本存款户"), or one 金额 column
with a 方向 (借/贷): all are read. A sheet with neither a date nor a 凭证号 column (a 科目汇总表
beside the journal) is not a journal and is left alone.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assetdesk.errors import InputError
from assetdesk.periods import Period, PeriodRange

from .accounts import CODE_ALIASES
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind
from .journal import FileVoucher, bad_cells, given, parse_label, read_vouchers
from .journal_checks import BooksView, compounds_of, line_errors, period_errors, resolve_accounts
from .journal_rows import journal_rows

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.books import Books


def voucher_number(value: str) -> int | None:
    """"记-0012", "记字第12号", "12" → 12."""
    return parse_label(value)[1]


class VouchersKind(SheetKind):
    name = "vouchers"
    title = "凭证"
    _grouped: tuple[Sequence[ParsedRow], int, list[FileVoucher]] | None = None  # the rows last grouped
    columns = (
        ColumnSpec("date", "日期", "date", aliases=("凭证日期", "记账日期", "制单日期", "业务日期"), width=12,
                   example="2025-03-31", note="同一张凭证的后续行可留空"),
        ColumnSpec("number", "凭证号", aliases=("凭证编号", "凭证字号", "凭证号码", "字号", "号码", "号"),
                   width=10, example="记-0001",
                   note="同一月份、同一凭证字号的相邻各行组成一张凭证；后续行可留空。导入到还没有凭证的月份时保留原凭证号"),
        ColumnSpec("summary", "摘要", max_length=200, aliases=("业务摘要", "内容", "摘要说明", "摘要内容"), width=30,
                   example="收到三月租金（示例）"),
        ColumnSpec("code", "科目编码", code=True, aliases=CODE_ALIASES, width=12, example="10201",
                   note="可不填：按“科目名称”中的编码或名称查找"),
        ColumnSpec("account_name", "科目名称", aliases=("科目", "会计科目", "科目全称"), width=28,
                   note="与科目编码同时填写时须一致（全称、末级名称均可）"),
        ColumnSpec("debit", "借方金额", "amount",
                   aliases=("借方", "借方发生额", "借", "借方金额(元)", "借方本币", "本币借方", "借方金额本币"),
                   example="1000"),
        ColumnSpec("credit", "贷方金额", "amount",
                   aliases=("贷方", "贷方发生额", "贷", "贷方金额(元)", "贷方本币", "本币贷方", "贷方金额本币")),
        ColumnSpec("counterparty", "往来单位", aliases=("往来单位及个人", "对方单位", "单位", "客户", "往来户",
                                                    "辅助核算"), width=20,
                   note="名称或证件号码；同名的往来单位请写证件号码，或“名称（证件号码）”"),
        ColumnSpec("compound", "小区", aliases=("小区名称", "所属小区", "项目小区"), width=16,
                   note="该行分录所属的小区（物业费、维修等按小区核算时填写）"),
        # 序时账 of some programs give the date as 月 / 日 columns, the year in the title ("2025年")
        ColumnSpec("year", "年", "int", aliases=("年度", "年份"), import_only=True,
                   note="可代替“日期”：与“月”“日”一起；不填时取标题中的年份（如“2025年序时账”）"),
        ColumnSpec("month", "月", "int", aliases=("月份",), import_only=True, note="可代替“日期”：与“日”一起"),
        ColumnSpec("day", "日", "int", import_only=True, note="可代替“日期”：与“月”一起"),
        # 凭证字 apart from the number (金蝶: 凭证字 收 / 凭证号 1)
        ColumnSpec("word", "凭证字", aliases=("凭证类型", "凭证类别", "字", "凭证种类"), import_only=True,
                   note="收、付、转、记等；与“凭证号”一起标识凭证（收-1 与 付-1 是两张凭证）"),
        # or one 金额 column with a 借贷 column instead of 借方 / 贷方
        ColumnSpec("amount", "金额", "amount", aliases=("发生额", "本币金额", "金额(元)"), import_only=True,
                   note="可代替借方/贷方金额：与“借贷方向”一起"),
        ColumnSpec("side", "借贷方向", "choice", aliases=("借贷", "借/贷", "借或贷", "借贷标志", "方向"),
                   import_only=True,
                   choices=("借", "贷"), choice_aliases=(("借方", "借"), ("贷方", "贷")), note="与“金额”一起使用"),
        # who prepared a historical voucher and how many documents it had: kept as the old books say
        ColumnSpec("preparer", "制单人", aliases=("制单", "制单人员", "录入人"), max_length=50, import_only=True,
                   note="原账中的制单人；不填时记为当前操作人"),
        ColumnSpec("attachments", "附单据数", "int", aliases=("附件", "附件数", "附件张数", "单据数", "附单据"),
                   import_only=True, note="原凭证所附单据张数"),
    )
    key_columns = ("date", "number")
    checks_rows_with_bad_cells = True

    # --- reading ----------------------------------------------------------------------------------
    def refine_layout(self, grid: Grid, layout: Layout) -> Layout:
        """A sheet with neither a date (nor 月/日) nor a 凭证号 column holds no vouchers: a 科目汇总表
        has 科目编码, 科目名称, 借方 and 贷方 too, and read as lines it would post the month again."""
        keys = {spec.key for _, spec, _ in layout.mapping}
        if not keys & {"date", "month", "day", "number"}:
            layout.missing = [self.column("date"), self.column("number")]
        return layout

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        rows, errors = super().read_rows(grid, layout)
        return journal_rows(grid, layout, self.columns, rows, errors)

    def group(self, rows: Sequence[ParsedRow]) -> dict[tuple, list[ParsedRow]]:
        """Rows → the file's vouchers (lines in file order), in file order."""
        return {voucher.key: voucher.rows for voucher in self._vouchers(rows)}

    def _vouchers(self, rows: Sequence[ParsedRow]) -> list[FileVoucher]:
        """The file's vouchers, grouped once per import: the check, its summary and the commit all
        read the same rows (a 50,000-line journal takes 0.3 s to group)."""
        cached = getattr(self, "_grouped", None)
        if cached is not None and cached[0] is rows and cached[1] == len(rows):
            return cached[2]
        vouchers = read_vouchers(rows, check=False)[0]
        self._grouped = (rows, len(rows), vouchers)
        return vouchers

    # --- checking ---------------------------------------------------------------------------------
    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Every check on every line and voucher in one pass (the clerk fixes the file once)."""
        bad = bad_cells(rows, cell_errors)  # grows with each line found wrong: its voucher's balance waits
        view = BooksView.read(books)
        errors = _sides(rows, bad) + resolve_accounts(rows, view, bad) + line_errors(rows, view, bad)
        vouchers, grouping = read_vouchers(rows, bad)
        if not errors and not grouping and not any(bad.values()):
            self._grouped = (rows, len(rows), vouchers)  # a clean file groups the same for its summary
        errors += grouping
        matches = self._match(books, vouchers)
        errors += [_conflict(voucher, label) for voucher, (status, label) in zip(vouchers, matches)
                   if status == "conflict"]
        errors += period_errors([v for v, (status, _) in zip(vouchers, matches) if status == "new"], view)
        return errors

    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """One Change per voucher: "unchanged" when the books hold it already, "changed" when they
        hold a different voucher under its date and number (refused), else "new" with the number it
        gets in the books when that is not the file's."""
        vouchers = self._vouchers(rows)
        matches = self._match(books, vouchers)
        new = self._to_post(vouchers, matches)
        numbers = {id(voucher): label for voucher, label in zip(new, self._planned(books, new))}
        changes = []
        for voucher, (status, label) in zip(vouchers, matches):
            key = f"{voucher.date or ''} {voucher.label}".strip()
            if status == "unchanged":
                changes.append(Change("unchanged", key))
            elif status == "conflict":
                changes.append(Change("changed", key, f"账中的 {label} 已记账，内容与文件不同"))
            else:
                planned = numbers.get(id(voucher))
                renumbered = f"；在账中编为 {planned}" if planned and planned != _paper_label(voucher, planned) else ""
                changes.append(Change("new", key, f"{len(voucher.rows)} 行分录{renumbered}"))
        return changes

    def _match(self, books: Books, vouchers: list[FileVoucher]) -> list[tuple[str, str]]:
        """(status, the books' label) per voucher: "unchanged", "conflict" or "new"."""
        months = [voucher.month for voucher in vouchers if voucher.month]
        if not months:
            return [("new", "")] * len(vouchers)
        first, last = min(months), max(months)
        available = Counter(_book_signatures(books, first, last))
        papers: dict[tuple, list[tuple[str, str]]] = {}
        for day, word, number in books.vouchers.paper_numbers(first, last).values():
            papers.setdefault((day, number), []).append((word, f"{word}-{number:04d}"))
        matches = []
        for voucher in vouchers:
            signature = _file_signature(voucher)
            if voucher.date and available[signature] > 0:
                available[signature] -= 1
                matches.append(("unchanged", ""))
                continue
            same = [label for word, label in papers.get((voucher.date, voucher.number), ())
                    if not voucher.word or not word or word == voucher.word]
            matches.append(("conflict", same[0]) if same else ("new", ""))
        return matches

    @staticmethod
    def _to_post(vouchers: list[FileVoucher], matches: list[tuple[str, str]]) -> list[FileVoucher]:
        """The new vouchers, in the order they are posted: by date, then paper number, then file order."""
        new = [voucher for voucher, (status, _) in zip(vouchers, matches) if status == "new" and voucher.date]
        return sorted(new, key=lambda v: (v.date, v.number or 0))

    @staticmethod
    def _planned(books: Books, vouchers: list[FileVoucher]) -> list[str]:
        # the vouchers to post (``_to_post``), every one dated
        plan = books.vouchers.plan_import_numbers([(v.date, v.word, v.number) for v in vouchers if v.date])
        return [f"{word}-{number:04d}" for word, number in plan]

    # --- writing ----------------------------------------------------------------------------------
    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        """Posts only the vouchers not already in the books, in date then number order, with their
        paper numbers (kept or recorded: ``import_vouchers``)."""
        from assetdesk.services.vouchers import LineInput, VoucherInput

        vouchers = self._vouchers(rows)
        self._grouped = None  # the import is done: let the rows go
        new = self._to_post(vouchers, self._match(books, vouchers))
        compounds = compounds_of(books)
        items = []
        for voucher in new:
            lines = voucher.rows
            assert voucher.date is not None  # validate_rows refuses a voucher without a date
            summary = next(r["summary"] for r in lines if r["summary"])
            preparer = next((r.values["preparer"] for r in lines if r.values.get("preparer")), "")
            attachments = max((r.values.get("attachments") or 0 for r in lines), default=0)
            items.append(VoucherInput(voucher.date, summary, [
                LineInput(r["code"], r["debit"], r["credit"], r["summary"] or summary,
                          counterparty_id=r.values.get("counterparty_id"),
                          compound_id=compounds[r.values["compound"]][0] if r.values.get("compound") else None)
                for r in lines], attachments=attachments, preparer=preparer, source="导入"))
        return books.vouchers.import_vouchers(items, [(v.word, v.number) for v in new])

    # --- export -----------------------------------------------------------------------------------
    def export_title(self, **options: Any) -> str:
        """凭证（2025年1月）, 凭证（2025年3月—5月）, 凭证（2025年度）: the months worded as the printed
        reports word them."""
        period, year = options.get("period"), options.get("year")
        if period:
            return f"凭证（{PeriodRange.of(period).label}）"
        return f"凭证（{PeriodRange.year(int(str(year).strip())).label}）" if year else self.title

    def export_rows(self, books: Books, period: object = None, year: int | str | None = None,
                    **options: Any) -> Iterable[dict[str, Any]]:
        """The journal as it re-imports: a 往来单位 sharing its name with another is written with its
        证件号码 (丁超（110101…）), so the line finds the same record again."""
        first, last = export_range(books, period, year)
        names = {a.code: a.full_name for a in books.accounts.list_accounts()}
        people = _export_names(books)
        for line in journal_lines(books, first, last):
            yield {"date": line["date"], "number": line["label"], "summary": line["summary"], "code": line["code"],
                   "account_name": names.get(line["code"], ""),
                   "debit": line["debit"] or None, "credit": line["credit"] or None,  # the empty side blank, as printed
                   "counterparty": people.get(line["counterparty_id"], line["counterparty"]),
                   "compound": line["compound"]}


def _sides(rows: Sequence[ParsedRow], bad: dict) -> list[RowError]:
    """金额 + 借贷方向 (or 方向) → 借方金额 or 贷方金额 (the layout some programs export)."""
    errors = []
    for row in rows:
        values = row.values
        amount = values.get("amount")
        if not amount or bad.get((row.sheet, row.row), set()) & {"amount", "side"}:
            continue
        if given(row, "debit") or given(row, "credit"):
            errors.append(row.error("amount", "已填写借方/贷方金额，“金额”列请留空"))
        elif values.get("side") not in ("借", "贷"):
            errors.append(row.error("side" if "side" in row.where else "amount", "请填写借贷方向（借或贷）"))
            bad[(row.sheet, row.row)].add("side")
        else:
            values["debit" if values["side"] == "借" else "credit"] = amount
    return errors


def _conflict(voucher: FileVoucher, label: str) -> RowError:
    return voucher.rows[0].error("number", (
        f"凭证 {voucher.label}（{voucher.date:%Y-%m-%d}，{voucher.span}）已在账中且已记账（账中为 {label}），"
        "内容与文件不同；"
        "请用红字冲销更正，不能再导入一次"))


def _paper_label(voucher: FileVoucher, planned: str) -> str:
    word = voucher.word or planned.split("-")[0]
    return f"{word}-{voucher.number:04d}" if voucher.number else ""


def _file_signature(voucher: FileVoucher) -> tuple:
    if voucher.signature is None:
        summary = next((r["summary"] for r in voucher.rows if r["summary"]), "")
        voucher.signature = (voucher.date, tuple(
            (r["code"], r["debit"], r["credit"], r["summary"] or summary, r.values.get("counterparty_id"),
             r.values.get("compound", "")) for r in voucher.rows))
    return voucher.signature


def _book_signatures(books: Books, first: Period, last: Period) -> Iterable[tuple]:
    current: list = []
    for line in journal_lines(books, first, last):
        if current and line["voucher_id"] != current[0]["voucher_id"]:
            yield _signature_of(current)
            current = []
        current.append(line)
    if current:
        yield _signature_of(current)


def _signature_of(lines: list[dict]) -> tuple:
    return (lines[0]["date"], tuple((line["code"], line["debit"], line["credit"], line["summary"],
                                     line.get("counterparty_id"), line["compound"]) for line in lines))


def _export_names(books: Books) -> dict[int, str]:
    """Counterparty id → how the export writes it when its name is shared: 名称（证件号码）."""
    by_name: dict[str, list] = {}
    for person in books.org.list_counterparties():
        by_name.setdefault(person.name, []).append(person)
    return {person.id: f"{person.name}（{person.id_code}）" for people in by_name.values() if len(people) > 1
            for person in people if person.id_code}


def export_range(books: Books, period: object, year: int | str | None) -> tuple[Period, Period]:
    """``--period YYYY-MM`` (or a range ``YYYY-MM~YYYY-MM``, or a (first, last) pair) or
    ``--year YYYY``; neither = every month of the books so far."""
    if period:
        months = PeriodRange.of(period)
        return months.first, months.last
    if year:
        text = str(year).strip()
        if not (text.isdigit() and len(text) == 4):
            raise InputError(f"年份“{text}”应为四位数字", "例如 --year 2025")
        return Period(int(text), 1), Period(int(text), 12)
    periods = [row.period for row in books.periods.list_periods()]
    return periods[0], periods[-1]


def journal_lines(books: Books, first: Period, last: Period) -> Iterable[dict[str, Any]]:
    """Posted lines of the months, in voucher order (``VoucherService.journal_lines``)."""
    return books.vouchers.journal_lines(first, last)

"""A journal (序时账) read as vouchers: which rows form one voucher, and what is wrong with the
file's vouchers by themselves, before the books are asked.

A voucher's identity is its 凭证字, its number and its month: 收-1, 付-1 and 转-1 of one day are three
vouchers, and 记-1 of March is not 记-1 of April. A voucher's lines stand together: a line without
日期 and 凭证号 continues the voucher above it (never across sheets), and so does a line with the
same 凭证字号 in the same month. The same 凭证字号 met again further down is another voucher with a
duplicate number, refused with both row ranges named (a block pasted twice, a numbering slip),
unless neither part balances by itself: then they are one voucher's lines sorted apart.

Grouping reads what the cells hold, whether or not they convert: a line with a bad date or amount
still belongs to its voucher (it does not make the next line look like the start of another), and
a voucher with a bad cell is not checked for balance until the cell is fixed.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from assetdesk.money import format_amount
from assetdesk.periods import Period

from .base import ParsedRow, RowError

_DIGITS_RE = re.compile(r"\d+")
_WORD_NOISE_RE = re.compile(r"[字第号\s\-—－_#:：.·()（）]")
_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
AMOUNT_KEYS = ("debit", "credit", "amount", "side")


@lru_cache(maxsize=4096)
def parse_label(text: str, word: str = "") -> tuple[str, int | None]:
    """"记-0012", "记字第12号" → ("记", 12); "12" → ("", 12); a separate 凭证字 column wins for the word."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    match = _DIGITS_RE.search(text)
    written = _WORD_NOISE_RE.sub("", text[: match.start()] if match else text)
    word = _WORD_NOISE_RE.sub("", unicodedata.normalize("NFKC", str(word or "")))
    return word or written, int(match.group()) if match else None


def given(row: ParsedRow, key: str) -> bool:
    """Whether the cell of column ``key`` holds anything, converted or not."""
    place = row.where.get(key)
    return place is not None and _filled(row.raw, place[0])


def _filled(raw: Sequence, index: int) -> bool:
    if index < 0 or index >= len(raw):
        return False
    cell = raw[index]
    return cell is not None and not (type(cell) is str and not cell.strip())


class FileVoucher:
    """One voucher of the file: its lines in file order and its identity as written."""

    __slots__ = ("sheet", "word", "number", "written", "date", "month", "rows", "bad", "signature")

    def __init__(self, sheet: str, word: str, number: int | None, written: str, date: dt.date | None):
        self.sheet, self.word, self.number, self.written, self.date = sheet, word, number, written, date
        self.month = Period.of(date) if date else None
        self.rows: list[ParsedRow] = []
        self.bad: set[str] = set()  # columns with a bad cell on one of its lines
        self.signature: tuple | None = None  # what it posts, to match it against the books (kept once made)

    @property
    def key(self) -> tuple:
        return (self.sheet, self.rows[0].row)

    @property
    def identity(self) -> tuple:
        return (self.word, self.number, self.month)

    @property
    def label(self) -> str:
        return self.written or (f"{self.word}-{self.number}" if self.number else "")

    @property
    def span(self) -> str:
        """第 4–7 行."""
        first, last = self.rows[0].row, self.rows[-1].row
        return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"

    def totals(self) -> tuple[int, int]:
        return sum(row.values["debit"] for row in self.rows), sum(row.values["credit"] for row in self.rows)

    @property
    def balances(self) -> bool:
        debit, credit = self.totals()
        return debit == credit and debit != 0


def bad_cells(rows: Sequence[ParsedRow], errors: Sequence[RowError]) -> dict[tuple[str, int], set[str]]:
    """(sheet, row) → the column keys whose cells did not convert (from the reader's errors)."""
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    if not errors:
        return found
    by_place = {(row.sheet, row.row): row.where for row in rows}
    letters: dict[int, dict[str, str]] = {}  # each sheet (each table of a sheet) has its own columns
    for error in errors:
        where = by_place.get((error.sheet, error.row), {})
        if id(where) not in letters:
            letters[id(where)] = {letter: key for key, (_, letter, _) in where.items()}
        letter = error.column.split("（")[0] if error.column else ""
        found[(error.sheet, error.row)].add(letters[id(where)].get(letter, ""))
    return found


def read_vouchers(rows: Sequence[ParsedRow], bad: dict[tuple[str, int], set[str]] | None = None,
                  check: bool = True) -> tuple[list[FileVoucher], list[RowError]]:
    """The file's vouchers in file order and, when ``check``, what is wrong with them by themselves
    (a first line without 日期 or 凭证号, lines of one voucher on different dates, a number used
    twice, unbalanced). Fills each line's ``date`` and ``number`` from its voucher, as the rest of
    the import reads them."""
    bad = bad or {}
    vouchers: list[FileVoucher] = []
    errors: list[RowError] = []
    current: FileVoucher | None = None
    columns: dict[int, tuple[int, ...]] = {}  # where date, month, day, number are (-1: absent)
    for row in rows:
        if current is not None and current.sheet != row.sheet:
            current = None  # a sheet starts its own vouchers: nothing is carried over from the last one
        where = row.where
        at = columns.get(id(where))
        if at is None:
            at = columns[id(where)] = tuple(where[key][0] if key in where else -1
                                            for key in ("date", "month", "day", "number"))
        values = row.values
        if values["date"] is None and (values.get("month") or values.get("day")):
            errors.extend(date_from_parts(row))
        raw = row.raw
        has_date = _filled(raw, at[0]) or _filled(raw, at[1]) or _filled(raw, at[2])
        voucher = _continued(row, current, has_date, _filled(raw, at[3]), errors)
        if voucher is None:
            voucher = current = _started(row, has_date, _filled(raw, at[3]), errors)
            vouchers.append(voucher)
        voucher.rows.append(row)
        if bad:
            voucher.bad |= bad.get((row.sheet, row.row), set())
        if not values["date"]:  # a line's own date stays: a different one is reported
            values["date"] = voucher.date
        if not values["number"]:
            values["number"] = voucher.written
    vouchers = _join_sorted_apart(vouchers)
    if not check:
        return vouchers, []
    errors += _duplicates(vouchers)
    for voucher in vouchers:
        errors += _voucher_errors(voucher)
    return vouchers, errors


def _continued(row: ParsedRow, current: FileVoucher | None, has_date: bool, has_number: bool,
               errors: list[RowError]) -> FileVoucher | None:
    """``current`` when ``row`` continues it: no 日期 and no 凭证号; or the same 凭证字号 (in the
    same month when the line gives its date); or the same date with no 凭证号 (月/日 on every line,
    凭证号 on the first only). A line dated otherwise inside its voucher is reported."""
    if current is None:
        return None
    if not has_date and not has_number:
        return current
    values = row.values
    date = values["date"] if isinstance(values["date"], dt.date) else None
    if has_number:
        word, number = parse_label(values["number"], values.get("word") or "")
        if number != current.number or (word and current.word and word != current.word):
            return None
        if has_date and date is not None and current.date is not None and Period.of(date) != current.month:
            return None
    elif date is not None and date != current.date:
        return None
    if has_date and date is not None and current.date is not None and date != current.date:
        key = "date" if "date" in row.where and _filled(row.raw, row.where["date"][0]) else "day"
        errors.append(row.error(key, f"同一张凭证“{current.label}”的各行日期不同：第 {current.rows[0].row} 行是 "
                                     f"{current.date:%Y-%m-%d}，本行是 {date:%Y-%m-%d}；请改为同一日期，或改正凭证号"))
        current.bad.add("date")
    return current


def _started(row: ParsedRow, has_date: bool, has_number: bool, errors: list[RowError]) -> FileVoucher:
    """A new voucher opened by ``row``, with what its first line lacks reported."""
    values = row.values
    word, number = parse_label(values["number"], values.get("word") or "") if has_number else ("", None)
    if not has_date:
        errors.append(row.error("date", "日期必须填写（同一张凭证的第一行）"))
    if not has_number:
        errors.append(row.error("number", "凭证号必须填写（同一张凭证的第一行）"))
    elif number is None:
        errors.append(row.error("number", "凭证号中没有数字，例如 记-0001"))
    written = str(values["number"] or "").strip() if has_number else ""
    if written and word and word not in written:  # 凭证字 in a column of its own: 收 | 1 → 收-1
        written = f"{word}-{written}"
    date = values["date"] if isinstance(values["date"], dt.date) else None
    return FileVoucher(row.sheet, word, number, written, date)


def date_from_parts(row: ParsedRow) -> list[RowError]:
    """日期 from 年 / 月 / 日 columns; the year, when no column gives it, from the title."""
    values = row.values
    if values["date"] or not (values.get("month") or values.get("day")):
        return []
    if not (values.get("month") and values.get("day")):
        missing = "day" if values.get("month") else "month"
        return [] if given(row, missing) else [row.error(missing, "日期不完整：请填写月和日")]
    year = values.get("year") or next((int(y) for y in _TITLE_YEAR_RE.findall(row.title)), 0)
    if not year:
        return [row.error("month", "只有月、日，缺少年份：请增加“年”列，或在标题中写明年份（如“2025年序时账”）")]
    try:
        values["date"] = dt.date(year, values["month"], values["day"])
    except ValueError:
        return [row.error("day", f"{year}年{values['month']}月{values['day']}日不是有效的日期")]
    return []


def _join_sorted_apart(vouchers: list[FileVoucher]) -> list[FileVoucher]:
    """Parts with one 凭证字号 in one month, none balancing by itself: one voucher whose lines a
    sort (by date, by account) put apart. Parts that balance alone stay apart (``_duplicates``)."""
    parts: dict[tuple, list[FileVoucher]] = defaultdict(list)
    for voucher in vouchers:
        if voucher.number is not None and voucher.month is not None:
            parts[voucher.identity].append(voucher)
    absorbed: set[int] = set()
    for group in parts.values():
        if len(group) > 1 and not any(part.balances for part in group):
            for part in group[1:]:
                group[0].rows.extend(part.rows)
                group[0].bad |= part.bad
                absorbed.add(id(part))
    return [voucher for voucher in vouchers if id(voucher) not in absorbed] if absorbed else vouchers


def _duplicates(vouchers: list[FileVoucher]) -> list[RowError]:
    """A 凭证字号 used by two vouchers of one month, each named with both row ranges."""
    seen: dict[tuple, list[FileVoucher]] = defaultdict(list)
    for voucher in vouchers:
        if voucher.number is not None and voucher.month is not None:
            seen[voucher.identity].append(voucher)
    errors = []
    for (_, _, month), group in seen.items():
        if len(group) < 2:
            continue
        spans = "、".join(_where(part, group[0].sheet) for part in group)
        for part in group:
            errors.append(part.rows[0].error("number", (
                f"凭证号“{part.label}”在 {month} 用了 {len(group)} 次：{spans}；同一张凭证的各行应连在一起。"
                "如是重复粘贴，请删除多余的一组；如是两张凭证，请改正其中一张的凭证号")))
    return errors


def _where(voucher: FileVoucher, sheet: str) -> str:
    return voucher.span if voucher.sheet == sheet else f"工作表“{voucher.sheet}”{voucher.span}"


def _voucher_errors(voucher: FileVoucher) -> list[RowError]:
    """Two lines or more, balanced (unless a cell is bad already), a 摘要, one voucher not two."""
    first = voucher.rows[0]
    if len(voucher.rows) < 2:
        return [first.error("number", f"凭证“{voucher.label}”只有一行分录，凭证至少需要两行（借方和贷方）")]
    errors = [] if voucher.bad else _balance_errors(voucher) or _two_in_one(voucher)
    if "summary" not in voucher.bad and not any(row.values["summary"] for row in voucher.rows):
        errors.append(first.error("summary", "凭证摘要不能为空"))
    return errors


def _balance_errors(voucher: FileVoucher) -> list[RowError]:
    """An unbalanced voucher marks every one of its lines (the error report paints them all)."""
    debit, credit = voucher.totals()
    if debit == credit:  # as the voucher service refuses: no amount at all on the debit side
        rows = voucher.rows
        zero = all(row["debit"] == 0 for row in rows) and all(row["debit"] or row["credit"] for row in rows)
        return [rows[0].error("debit", "凭证金额合计为零")] if zero else []
    head = (f"凭证“{voucher.label}”（{voucher.span}）借贷不平衡：借方合计 {format_amount(debit)}，"
            f"贷方合计 {format_amount(credit)}，相差 {format_amount(debit - credit)}")
    return [row.error(_amount_key(row), head if index == 0
                      else f"属于借贷不平衡的凭证“{voucher.label}”（{voucher.span}）")
            for index, row in enumerate(voucher.rows)]


def _amount_key(row: ParsedRow) -> str:
    for key in ("debit", "credit", "amount"):
        if key in row.where and given(row, key):
            return key
    return "debit"


def _two_in_one(voucher: FileVoucher) -> list[RowError]:
    """Two vouchers given one number on one day, typed one under the other: the lines split into
    two parts that each balance, each under its own 摘要, and the second part's first line writes the
    凭证号 again. (Lines continuing a voucher leave the 凭证号 blank or repeat the 摘要.)"""
    rows = voucher.rows
    running = 0
    for split in range(1, len(rows) - 1):
        running += rows[split - 1]["debit"] - rows[split - 1]["credit"]
        if running or split < 2 or len(rows) - split < 2 or not given(rows[split], "number"):
            continue
        before = {row["summary"] for row in rows[:split] if row["summary"]}
        after = {row["summary"] for row in rows[split:] if row["summary"]}
        if len(before) == 1 and len(after) == 1 and before != after and rows[split]["summary"]:
            first, second = rows[0].row, rows[split].row
            return [rows[split].error("number", (
                f"第 {first}–{second - 1} 行与第 {second}–{rows[-1].row} 行都是凭证“{voucher.label}”，"
                "各自借贷平衡、摘要不同，"
                "像是两张凭证用了同一个凭证号：请改正其中一张的凭证号；如确是同一张凭证，请把后面各行的凭证号留空"))]
    return []

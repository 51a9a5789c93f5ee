"""Which columns of a 余额表 hold balances, and which balance is the opening of the books.

Other programs print the opening balance beside the year's opening, the period's movements and the
closing balance (用友 T3: 期初余额 over 方向|金额, 本期发生 over 借方|贷方, 期末余额 over 方向|金额; 金蝶:
期初余额 over 借方|贷方 …; 三资平台: 方向|期初余额|本期借方|本期贷方|方向|期末余额). Names alone cannot
tell them apart (every pair says 借方 / 贷方), so each column is read whole — its own header and the
header above it — as a timing and a role:

- timing: 期初 (月初), 年初 (上年结转), 期末 (月末, 年末), or none; a column qualified by 本期, 本年,
  本月, 累计 or 发生 is a movement and never a balance;
- role: 借方, 贷方, 方向 (借/贷/平), or an amount (余额, 金额, 数).

A 方向 column without a timing of its own belongs to the amount beside it. Columns without a timing
complete the 期初 set (our own export: 借方余额 | 贷方余额 | 余额方向 | 期初余额), or form the only set
when no column has a timing; beside 年初 or 期末 columns alone they are left unused, as they may be
the movements.

Which set is the opening is decided against the books (``choose``): the period a table is for is
read from its title and sheet name (``table_period``). 期末 of the month before the books start
is their opening; 期初 of the first month is too (and 年初 when the books start in January). A table
that does not say its period is read by its 期初 columns; with only 期末 (or 年初 and 期末) columns
there is nothing to go by, and the import refuses, naming the columns, rather than guess.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from assetdesk.errors import DateError
from assetdesk.periods import Period

TIMINGS = {"open": ("期初", "月初"), "year": ("年初", "上年结转"), "close": ("期末", "月末", "年末")}
TIMING_WORDS = {"open": "期初余额", "year": "年初余额", "close": "期末余额", "": "余额"}
MOVEMENT_WORDS = ("本期", "本年", "本月", "累计", "发生")
ROLES = ("debit", "credit", "direction", "amount")
# the column keys each set is read into (the 期初 set takes the kind's own columns)
KEYS = {
    "open": {"debit": "debit", "credit": "credit", "direction": "direction", "amount": "balance"},
    "year": {"debit": "year_debit", "credit": "year_credit", "direction": "year_direction", "amount": "year_balance"},
    "close": {"debit": "close_debit", "credit": "close_credit", "direction": "close_direction",
              "amount": "close_balance"},
}
BALANCE_KEYS = frozenset(key for keys in KEYS.values() for key in keys.values())
_AMOUNT_UNITS = {"元": Decimal(1), "人民币元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}
_UNIT_RE = re.compile(r"^(.*?)[(]([^()]*)[)]$")


@dataclass(frozen=True)
class HeaderReading:
    """What a balance table's column header says: ``timing`` ("open", "year", "close", "" or
    "movement"), ``role`` ("debit", "credit", "direction", "amount" or None: not a balance column)
    and the unit its own header states (``None``: none)."""

    timing: str
    role: str | None
    factor: Decimal | None = None


def _plain(text: Any) -> str:
    cleaned = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"\s+", "", cleaned).strip("*").replace("【", "(").replace("】", ")").lower()


def read_header(text: Any) -> HeaderReading:
    """"期初余额借方" → (open, debit); "本期发生借方" → (movement, debit); "方向" → ("", direction);
    "期末余额(万元)" → (close, amount, 10000); "科目名称" → role None."""
    name, factor = _plain(text), None
    match = _UNIT_RE.match(name)
    if match:
        unit = match.group(2).removeprefix("单位").lstrip(":")
        if unit in _AMOUNT_UNITS:
            name, factor = match.group(1), _AMOUNT_UNITS[unit]
    name = name.replace("(", "").replace(")", "")
    timing = "movement" if any(word in name for word in MOVEMENT_WORDS) else ""
    core = name
    for key, words in TIMINGS.items():
        for word in words:
            if word in core:
                timing = timing or key
                core = core.replace(word, "")
    for word in MOVEMENT_WORDS:
        core = core.replace(word, "")
    return HeaderReading(timing, _role(core, timing), factor)


def _role(core: str, timing: str) -> str | None:
    if "方向" in core or core in ("借或贷", "借/贷", "借贷", "借贷方"):
        return "direction"
    bare = core.replace("余额", "").replace("金额", "").replace("额", "")
    if bare in ("借方", "借"):
        return "debit"
    if bare in ("贷方", "贷"):
        return "credit"
    if core and (bare == "" or (bare == "数" and timing)):
        return "amount"
    return None


@dataclass(frozen=True)
class Column:
    index: int
    shown: str  # the header as the clerk reads it: "期初余额/借方"
    full: str  # parent and child run together, as the reader names an unused column
    reading: HeaderReading

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


def header_columns(grid_rows: Sequence[Sequence[Any]], header_rows: tuple[int, ...]) -> list[Column]:
    """Each column under a one- or two-row header; an upper header merged across several columns
    (期初余额 over 借方 | 贷方) covers each of them."""
    top = grid_rows[header_rows[0]]
    bottom = grid_rows[header_rows[1]] if len(header_rows) > 1 else []
    width = max(len(top), len(bottom))
    columns, parent = [], ""
    for index in range(width):
        upper = str(top[index]).strip() if index < len(top) and top[index] not in (None, "") else ""
        lower = str(bottom[index]).strip() if index < len(bottom) and bottom[index] not in (None, "") else ""
        parent = upper or (parent if lower else "")
        if lower and lower == parent:  # merged down over both rows (科目编码)
            lower = ""
        shown = f"{parent}/{lower}" if parent and lower else parent or lower
        columns.append(Column(index, re.sub(r"\s+", "", shown), _plain(parent + lower), read_header(parent + lower)))
    return columns


def is_subheader(cells: Sequence[Any], skip: Iterable[int]) -> bool:
    """A second header row under a one-row header: only 借方 / 贷方 / 方向 / 金额 words, two or more."""
    skip = set(skip)
    words = 0
    for index, cell in enumerate(cells):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if index in skip:
            continue
        reading = read_header(cell) if isinstance(cell, str) else HeaderReading("", None)
        if reading.role is None or reading.timing:
            return False
        words += 1
    return words >= 2


@dataclass
class BalanceSets:
    """The balance columns found: timing → role → Column; the balance-like columns left unused."""

    sets: dict[str, dict[str, Column]]
    unused: list[Column]

    def mapped(self) -> list[tuple[str, Column]]:
        return [(KEYS[timing][role], column) for timing, roles in self.sets.items() for role, column in roles.items()]


def _role_of(column: Column) -> str:
    """The role of a balance column: ``find_sets`` only groups columns that have one."""
    role = column.reading.role
    assert role is not None
    return role


def find_sets(columns: Sequence[Column]) -> BalanceSets:
    """Group the balance columns by timing (see the module's rules)."""
    balance = [c for c in columns if c.reading.role is not None and c.reading.timing != "movement"]
    unused = [c for c in columns if c.reading.role is not None and c.reading.timing == "movement"]
    timed = [c for c in balance if c.reading.timing]
    loose = _pair_directions([c for c in balance if not c.reading.timing], timed, columns)
    sets: dict[str, dict[str, Column]] = {}
    for column, timing in [(c, c.reading.timing) for c in timed] + loose:
        if timing and _role_of(column) in sets.get(timing, {}):
            unused.append(column)
        elif timing:
            sets.setdefault(timing, {})[_role_of(column)] = column
    untimed = [column for column, timing in loose if not timing]
    if "open" in sets or not sets:
        target = sets.setdefault("open", {}) if untimed else {}
        for column in untimed:
            if _role_of(column) in target:
                unused.append(column)
            else:
                target[_role_of(column)] = column
    else:
        unused.extend(untimed)
    return BalanceSets({t: roles for t, roles in sets.items() if roles}, sorted(unused, key=lambda c: c.index))


def _pair_directions(loose: list[Column], timed: list[Column], columns: Sequence[Column]) -> list[tuple[Column, str]]:
    """A 方向 column without a timing takes the timing of the amount column beside it: the one on
    the side where every such 方向 column has one (方向|期初余额 … 方向|期末余额), else the right."""
    amounts = {c.index: c.reading.timing for c in timed if c.reading.role == "amount"}
    directions = [c for c in loose if c.reading.role == "direction"]
    left_all = directions and all(c.index - 1 in amounts for c in directions)
    right_all = directions and all(c.index + 1 in amounts for c in directions)
    taken: set[int] = set()
    out = []
    for column in loose:
        timing = ""
        if column.reading.role == "direction":
            sides = (-1,) if left_all and not right_all else (1,) if right_all else (1, -1)
            for side in sides:
                if column.index + side in amounts and column.index + side not in taken:
                    timing = amounts[column.index + side]
                    taken.add(column.index + side)
                    break
        out.append((column, timing))
    return out


# ---------------------------------------------------------------- the period a table is for

_STAMP_RE = re.compile(r"(?:打印|制表|填报|编制|导出|报送)(?:日期|时间)[:：]?[\d年月日号./\-:：]*")
# a day (2024-12-31, 2024年12月31日): only its month counts; "2024年1-12月" and "2025.01-2025.03" are no days
_DATE_RE = re.compile(r"(\d{4})(?:年(\d{1,2})月|([./-])(\d{1,2})\3)(\d{1,2})[日号]?(?![\d月期])")
_NUMERIC_MONTH_RE = re.compile(r"(\d{4})[./-](\d{1,2})(?!\d)")  # 2025.01, 2025-1
_TERM_RE = re.compile(r"(\d{4})年度?第(\d{1,2})期")  # 金蝶: 2025年第3期
_RANGE_RE = re.compile(r"(\d{4})年(\d{1,2})月?份?(?:-|—|–|~|～|至|到)(?:(\d{4})年)?(\d{1,2})月")
_MONTH_RE = re.compile(r"(\d{4})年(\d{1,2})月")
_YEAR_RE = re.compile(r"(\d{4})年度?(?!\d)")


def table_period(texts: Iterable[str]) -> tuple[Period, Period] | None:
    """(first month, last month) a balance table covers, from its title rows and sheet name:
    "2024年12月", "2024.12", "2024-12-31", "2024年第12期" → (2024-12, 2024-12); "2024年1月-2024年12月",
    "2024年1-12月", "2024.01-2024.12", "2024年度" → (2024-01, 2024-12). ``None`` when no text says,
    or when they disagree on the last month. Print and fill-in dates (打印日期：…) are not the period."""
    found: set[tuple[Period, Period] | None] = set()
    for text in texts:
        text = _STAMP_RE.sub(" ", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))
        text = _DATE_RE.sub(lambda m: f"{m.group(1)}年{m.group(2) or m.group(4)}月", text)
        text = _TERM_RE.sub(r"\1年\2月", _NUMERIC_MONTH_RE.sub(r"\1年\2月", text))
        for match in _RANGE_RE.finditer(text):
            first_year, first_month, last_year, last_month = match.groups()
            found.add(_span(first_year, first_month, last_year or first_year, last_month))
        text = _RANGE_RE.sub(" ", text)
        for match in _MONTH_RE.finditer(text):
            found.add(_span(match.group(1), match.group(2), match.group(1), match.group(2)))
        for match in _YEAR_RE.finditer(_MONTH_RE.sub(" ", text)):
            found.add(_span(match.group(1), "1", match.group(1), "12"))
    spans = {span for span in found if span is not None}
    if not spans or len({last for _, last in spans}) != 1:
        return None
    return max(spans)  # the same last month: the narrowest reading (2024年12月 within 2024年度)


def _span(first_year: str, first_month: str, last_year: str, last_month: str) -> tuple[Period, Period] | None:
    try:
        first, last = Period(int(first_year), int(first_month)), Period(int(last_year), int(last_month))
    except DateError:  # a month 13 or a year 0123 in a title is no period
        return None
    return (first, last) if first <= last else None


def describe_period(span: tuple[Period, Period]) -> str:
    first, last = span
    if first == last:
        return f"{last.year}年{last.month}月"
    if (first.month, last.month) == (1, 12) and first.year == last.year:
        return f"{first.year}年度"
    return f"{first.year}年{first.month}月至{last.year}年{last.month}月"


def choose(timings: set[str], span: tuple[Period, Period] | None, start: Period | None,
           movements: bool = True) -> tuple[str, str]:
    """(timing of the set that is the books' opening, "") or ("", why none can be taken).

    ``timings``: the sets a sheet has; ``span``: the period its title states; ``start``: the books'
    first period; ``movements``: the sheet also has movement (or other unused balance-like) columns.
    A sheet with 期初 columns and nothing else is a list of openings, not a 余额表: dated the last
    day before the books start ("期初余额表 2024年12月31日"), its 期初 is the opening all the same."""
    if span is None or start is None:
        if "open" in timings:
            return "open", ""
        if "year" in timings and "close" not in timings and start is not None and start.month == 1:
            return "year", ""
        return "", "no period"
    first, last = span
    if last == start.previous():
        if "close" in timings:
            return "close", ""
        return ("open", "") if timings == {"open"} and not movements else ("", "no closing")
    if first == start:
        if "open" in timings:
            return "open", ""
        if "year" in timings and start.month == 1:
            return "year", ""
        return "", "no opening"
    return "", "other period"

"""The rent schedule (应收租金计划) generated from a lease's terms (DOMAIN §5). Pure: no database.

Decisions a clerk would make, stated once here:

- **Periods follow the calendar.** A cycle of N months runs from the first of the start month:
  the first period is the start date to the end of the cycle's last month (2025-01-15 quarterly:
  2025-01-15 – 2025-03-31), later periods are whole cycles (04-01 – 06-30 …), the last one ends on
  the end date. So a monthly lease from 01-15 pays 17/31 of a month first, and 14/31 of one last.
- **Due dates.** Rent is paid in advance on the due day of each period's first month; the first
  period falls due on the start date when the lease starts after that day, and a short last period
  that ends before the due day falls due on its last day (never after the days it pays for).
- **Pro-rata by days, per calendar month** (DOMAIN §5): a part of a month costs the monthly rent ×
  days ÷ days in that month (February has 28 or 29). Full months cost the monthly rent.
- **A rent change inside a period splits it by days**: an escalation anniversary or a step on
  2027-01-15 charges 01-01 – 01-14 at the old rent and 01-15 – 01-31 at the new one.
- **Free days** (免租) cost nothing, also pro-rata when they cover part of a month.
- **One rounding per period**: the exact sum over a period's days is rounded half-up to the fen once
  (``money.round_to_fen``, DOMAIN §2), so a full-month lease without changes bills months × rent.
"""
from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assetdesk.errors import InputError
from assetdesk.money import percent_of, round_to_fen
from assetdesk.services.leases.terms import EveryYears, LeaseTerms, RentBasis, add_months, add_years

NOTE_FREE = "免租"
NOTE_RISE = "递增"
NOTE_CHANGE = "调租"  # a step table may also lower the rent
NOTE_PRORATA = "按日折算"
_DAY = dt.timedelta(days=1)
_CENT = Decimal("0.01")
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class ScheduleLine:
    """One period of the schedule. ``months`` is the months it covers (partial months as days ÷
    days in the month, two decimals, for display); ``notes`` says why the amount is what it is."""

    seq: int
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    amount_fen: int
    months: Decimal
    notes: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        return "、".join(self.notes)


def generate_schedule(terms: LeaseTerms) -> tuple[ScheduleLine, ...]:
    """Every period of the lease, numbered from 1, tiling start_on – end_on exactly."""
    engine = _Engine(terms)
    return tuple(engine.line(seq, start, end) for seq, (start, end) in enumerate(engine.periods(), 1))


def regenerate(old_lines: Sequence[ScheduleLine], new_terms: LeaseTerms,
               frozen: int | Iterable[int]) -> tuple[ScheduleLine, ...]:
    """The schedule after the terms change: the frozen lines (billed or paid) exactly as they were,
    then the rest of the new term regenerated from ``new_terms``, numbered on.

    ``frozen`` is the last frozen seq, or the set of billed/paid seqs. Rent is billed in order, so
    that set must run from 1 without gaps; a gap would mean a later period was billed before an
    earlier one and is refused. A new period straddling the end of the frozen ones keeps only its
    days after them (pro-rated as usual)."""
    kept = _frozen_lines(old_lines, frozen)
    engine = _Engine(new_terms)
    lines = list(kept)
    frozen_end = max((line.period_end for line in kept), default=None)
    for start, end in engine.periods():
        if frozen_end is not None and end <= frozen_end:
            continue
        if frozen_end is not None and start <= frozen_end:
            start = frozen_end + _DAY
        lines.append(engine.line(len(lines) + 1, start, end))
    return tuple(lines)


def _frozen_lines(old_lines: Sequence[ScheduleLine], frozen: int | Iterable[int]) -> list[ScheduleLine]:
    seqs = set(range(1, frozen + 1)) if isinstance(frozen, int) else set(frozen)
    by_seq = {line.seq: line for line in old_lines}
    missing = sorted(seqs - by_seq.keys())
    if missing:
        raise InputError(f"原租金计划中没有第 {missing[0]} 期", "已开票或已收款的期次须来自原计划")
    if seqs != set(range(1, len(seqs) + 1)):
        raise InputError("已开票或已收款的期次须从第 1 期起连续",
                         f"收到的期次为 {sorted(seqs)}；租金按期次顺序开票，中间不能空缺")
    return [by_seq[seq] for seq in sorted(seqs)]


class _Engine:
    """The terms turned into a timeline: from each breakpoint date, the monthly rent then due
    (0 on free days), whether it is free, and which breakpoints change the rent."""

    def __init__(self, terms: LeaseTerms):
        self.terms = terms
        changes = _rent_changes(terms)
        free = _free_ranges(terms)
        points = {terms.start_on, *(day for day, _ in changes)}
        points.update(first for first, _ in free)
        points.update(last + _DAY for _, last in free)
        self.starts = sorted(p for p in points if terms.start_on <= p <= terms.end_on)
        change_days = [day for day, _ in changes]
        rents = [_rent_on(day, terms.base_monthly_rent(), change_days, changes) for day in self.starts]
        self.frees = [any(a <= day <= b for a, b in free) for day in self.starts]
        self.rates = [Decimal(0) if is_free else rent for rent, is_free in zip(rents, self.frees)]
        self.changes = _change_notes(terms, changes)
        self.change_days = [day for day, _ in self.changes]

    def periods(self) -> Iterator[tuple[dt.date, dt.date]]:
        """(start, end) of each period: calendar-aligned cycles from the start month."""
        anchor = self.terms.start_on.replace(day=1)
        start, k = self.terms.start_on, 1
        while start <= self.terms.end_on:
            end = min(add_months(anchor, k * self.terms.cycle.value) - _DAY, self.terms.end_on)
            yield start, end
            start, k = end + _DAY, k + 1

    def line(self, seq: int, start: dt.date, end: dt.date) -> ScheduleLine:
        total, months, notes = self._whole_months(start, end) or self._sum(start, end)
        i = bisect_left(self.change_days, start)
        while i < len(self.change_days) and self.change_days[i] <= end:
            notes.add(self.changes[i][1])
            i += 1
        due = start.replace(day=self.terms.due_day)
        ordered = tuple(n for n in (NOTE_FREE, NOTE_RISE, NOTE_CHANGE, NOTE_PRORATA) if n in notes) if notes else ()
        return ScheduleLine(seq, start, end, min(max(due, start), end), round_to_fen(total.scaleb(-2)),
                            months.quantize(_CENT), ordered)

    def _whole_months(self, start: dt.date, end: dt.date) -> tuple[Decimal, Decimal, set[str]] | None:
        """The common case, without walking the months: whole months under one rate cost rate × months."""
        if start.day != 1 or (end + _DAY).day != 1:
            return None
        i = bisect_right(self.starts, start) - 1
        if i + 1 < len(self.starts) and self.starts[i + 1] <= end:
            return None
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return self.rates[i] * months, Decimal(months), {NOTE_FREE} if self.frees[i] else set()

    def _sum(self, start: dt.date, end: dt.date) -> tuple[Decimal, Decimal, set[str]]:
        """Exact rent (fen, unrounded) and months over start – end, walked month by month."""
        total, months, notes = Decimal(0), Decimal(0), set()
        month_start = start.replace(day=1)
        while month_start <= end:
            days_in_month = _days_in_month(month_start.year, month_start.month)
            month_end = month_start.replace(day=days_in_month)
            first, last = max(start, month_start), min(end, month_end)
            if first != month_start or last != month_end:
                notes.add(NOTE_PRORATA)
                months += Decimal((last - first).days + 1) / days_in_month
            else:
                months += 1
            for days, rate, free in self._pieces(first, last):
                total += rate if days == days_in_month else rate * days / days_in_month
                if free:
                    notes.add(NOTE_FREE)
            month_start = month_end + _DAY
        return total, months, notes

    def _pieces(self, first: dt.date, last: dt.date) -> list[tuple[int, Decimal, bool]]:
        """(days, monthly rate, free) for each stretch of first – last under one rate."""
        i = bisect_right(self.starts, first) - 1
        if i + 1 == len(self.starts) or self.starts[i + 1] > last:  # the common case: one rate
            return [((last - first).days + 1, self.rates[i], self.frees[i])]
        pieces = []
        while first <= last:
            stop = self.starts[i + 1] - _DAY if i + 1 < len(self.starts) else last
            piece_end = min(stop, last)
            pieces.append(((piece_end - first).days + 1, self.rates[i], self.frees[i]))
            first, i = piece_end + _DAY, i + 1
        return pieces


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return _MONTH_DAYS[month]


def _rent_changes(terms: LeaseTerms) -> list[tuple[dt.date, Decimal]]:
    """(date, new monthly rent in fen) for each escalation or step inside the term, by date."""
    esc = terms.escalation
    if isinstance(esc, EveryYears):
        return _escalations(terms, esc)
    changes: dict[dt.date, Decimal] = {}
    for step in esc or ():
        day = add_years(terms.start_on, step.from_on - 1) if isinstance(step.from_on, int) else step.from_on
        changes[max(day, terms.start_on)] = Decimal(step.monthly_rent_fen)
    return sorted((day, rent) for day, rent in changes.items() if day <= terms.end_on)


def _escalations(terms: LeaseTerms, esc: EveryYears) -> list[tuple[dt.date, Decimal]]:
    """Compounding rises; the raised rent is rounded to the fen in the unit the contract states it
    (a yearly rent rises as a yearly rent, then is spread over 12 months)."""
    per_year = terms.basis is RentBasis.PER_YEAR
    rent = terms.rent_fen if per_year else int(terms.base_monthly_rent())
    changes, k = [], 1
    while (day := add_years(terms.start_on, k * esc.years)) <= terms.end_on:
        rent += percent_of(rent, esc.percent)
        changes.append((day, Decimal(rent) / 12 if per_year else Decimal(rent)))
        k += 1
    return changes


def _rent_on(day: dt.date, base: Decimal, change_days: list[dt.date],
             changes: list[tuple[dt.date, Decimal]]) -> Decimal:
    i = bisect_right(change_days, day)
    return changes[i - 1][1] if i else base


def _free_ranges(terms: LeaseTerms) -> list[tuple[dt.date, dt.date]]:
    ranges = list(terms.free_ranges)
    if terms.free_months:
        ranges.append((terms.start_on, add_months(terms.start_on, terms.free_months) - _DAY))
    return ranges


def _change_notes(terms: LeaseTerms, changes: list[tuple[dt.date, Decimal]]) -> list[tuple[dt.date, str]]:
    """递增 where the rent rises, 调租 where a step lowers it (or keeps it), by date."""
    notes, previous = [], terms.base_monthly_rent()
    for day, rent in changes:
        if day > terms.start_on:
            notes.append((day, NOTE_RISE if rent > previous else NOTE_CHANGE))
        previous = rent
    return notes

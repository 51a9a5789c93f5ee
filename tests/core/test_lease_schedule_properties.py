"""Properties of the rent schedule that must hold for any terms (Hypothesis): the periods tile the
term, no amount is negative, whole-month leases bill months × rent exactly, and regeneration never
touches a frozen (billed or paid) period."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assetdesk.services.leases.schedule import generate_schedule, regenerate
from assetdesk.services.leases.terms import EveryYears, LeaseTerms, PaymentCycle, RentStep, add_months

DAY = dt.timedelta(days=1)
starts = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))
cycles = st.sampled_from(list(PaymentCycle))
escalations = st.one_of(
    st.none(),
    st.builds(EveryYears, st.integers(1, 5), st.decimals(Decimal("0.5"), Decimal(20), places=1)),
    st.lists(st.builds(RentStep, st.integers(1, 8), st.integers(1, 10**7)), max_size=3).map(tuple),
)


@st.composite
def lease_terms(draw):
    start = draw(starts)
    end = start + dt.timedelta(days=draw(st.integers(0, 8 * 366)))
    free = draw(st.lists(st.tuples(st.integers(-30, 400), st.integers(0, 120)), max_size=2))
    return LeaseTerms(start, end, rent_fen=draw(st.integers(1, 10**8)), cycle=draw(cycles),
                      due_day=draw(st.integers(1, 28)), escalation=draw(escalations),
                      free_months=draw(st.integers(0, 6)),
                      free_ranges=tuple((start + dt.timedelta(days=a), start + dt.timedelta(days=a + n))
                                        for a, n in free))


def assert_tiles(lines, first: dt.date, last: dt.date):
    assert lines[0].period_start == first and lines[-1].period_end == last
    for before, after in zip(lines, lines[1:]):
        assert after.period_start == before.period_end + DAY
    assert all(line.period_start <= line.due_on <= line.period_end for line in lines)


@settings(max_examples=300, deadline=None)
@given(lease_terms())
def test_periods_tile_the_term_and_amounts_are_never_negative(terms):
    lines = generate_schedule(terms)
    assert_tiles(lines, terms.start_on, terms.end_on)
    assert [line.seq for line in lines] == list(range(1, len(lines) + 1))
    assert all(line.amount_fen >= 0 for line in lines)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 1)), st.integers(1, 240), st.integers(1, 10**8), cycles,
       st.integers(1, 28))
def test_a_whole_month_lease_bills_months_times_rent(start, months, rent, cycle, due_day):
    start = start.replace(day=1)
    terms = LeaseTerms(start, add_months(start, months) - DAY, rent_fen=rent, cycle=cycle, due_day=due_day)
    lines = generate_schedule(terms)
    assert sum(line.amount_fen for line in lines) == months * rent
    assert sum(line.months for line in lines) == months


@settings(max_examples=200, deadline=None)
@given(lease_terms(), st.data())
def test_regeneration_never_changes_frozen_lines(terms, data):
    old = generate_schedule(terms)
    frozen = data.draw(st.integers(0, len(old)))
    new_end = terms.start_on + dt.timedelta(days=data.draw(st.integers(0, 8 * 366)))
    new_terms = LeaseTerms(terms.start_on, new_end, rent_fen=data.draw(st.integers(1, 10**8)),
                           cycle=data.draw(cycles), escalation=data.draw(escalations))
    lines = regenerate(old, new_terms, frozen)
    assert lines[:frozen] == old[:frozen]
    assert [line.seq for line in lines] == list(range(1, len(lines) + 1))
    rest = lines[frozen:]
    if rest:  # the regenerated part carries on the day after the frozen periods, to the new end
        assert_tiles(rest, old[frozen - 1].period_end + DAY if frozen else terms.start_on, new_end)
        assert all(line.amount_fen >= 0 for line in rest)
    else:
        assert frozen and old[frozen - 1].period_end >= new_end


@settings(max_examples=200, deadline=None)
@given(lease_terms())
def test_the_whole_month_shortcut_agrees_with_the_month_by_month_walk(terms):
    from assetdesk.services.leases.schedule import _Engine  # the shortcut is an optimisation: same sums
    engine = _Engine(terms)
    for start, end in engine.periods():
        shortcut = engine._whole_months(start, end)
        if shortcut is not None:
            assert shortcut == engine._sum(start, end)

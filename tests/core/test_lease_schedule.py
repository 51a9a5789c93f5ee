"""The rent schedule engine (应收租金计划, DOMAIN §5): every expected figure is worked by hand in the
comments, so a change in the engine's arithmetic shows here as a figure a clerk can check."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assetdesk.errors import InputError
from assetdesk.services.leases.schedule import generate_schedule, regenerate
from assetdesk.services.leases.terms import (
    EveryYears,
    LeaseTerms,
    PaymentCycle,
    RentBasis,
    RentStep,
    add_years,
)

D = dt.date


def amounts(lines):
    return [line.amount_fen for line in lines]


def test_monthly_rent_pro_rated_by_days_at_both_ends():
    lines = generate_schedule(LeaseTerms(D(2025, 1, 15), D(2026, 1, 14), rent_fen=300000))
    assert len(lines) == 13
    # 2025-01-15 – 01-31 is 17 of January's 31 days: 3,000 × 17 / 31 = 1,645.1613 → 1,645.16
    first = lines[0]
    assert (first.period_start, first.period_end, first.amount_fen) == (D(2025, 1, 15), D(2025, 1, 31), 164516)
    assert first.due_on == D(2025, 1, 15)  # the start is after the due day (1st): due on the start
    assert first.note == "按日折算" and first.months == Decimal("0.55")
    # February – December: 11 whole months of 3,000.00, each due on the 1st
    assert amounts(lines[1:12]) == [300000] * 11
    assert [line.due_on for line in lines[1:3]] == [D(2025, 2, 1), D(2025, 3, 1)]
    assert lines[1].notes == () and lines[1].months == Decimal("1.00")
    # 2026-01-01 – 01-14 is 14 of 31 days: 3,000 × 14 / 31 = 1,354.8387 → 1,354.84
    assert (lines[-1].period_start, lines[-1].period_end, lines[-1].amount_fen) == (D(2026, 1, 1), D(2026, 1, 14), 135484)
    # 1,645.16 + 33,000 + 1,354.84 = 36,000.00: a year's rent, as the clerk expects
    assert sum(amounts(lines)) == 3600000
    assert [line.seq for line in lines] == list(range(1, 14))


def test_quarterly_in_advance_with_a_due_day():
    terms = LeaseTerms(D(2025, 2, 20), D(2026, 2, 19), rent_fen=300000, cycle=PaymentCycle.QUARTERLY, due_day=10)
    lines = generate_schedule(terms)
    # cycles of 3 months from the start month: Feb–Apr, May–Jul, Aug–Oct, Nov–Jan, then Feb 1–19
    assert [(line.period_start, line.period_end) for line in lines] == [
        (D(2025, 2, 20), D(2025, 4, 30)), (D(2025, 5, 1), D(2025, 7, 31)), (D(2025, 8, 1), D(2025, 10, 31)),
        (D(2025, 11, 1), D(2026, 1, 31)), (D(2026, 2, 1), D(2026, 2, 19))]
    # first: Feb 20–28 is 9 of 28 days: 3,000 × 9 / 28 = 964.2857, + March and April 6,000 = 6,964.29
    # last: Feb 1–19 of 2026: 3,000 × 19 / 28 = 2,035.7143 → 2,035.71; 6,964.29 + 27,000 + 2,035.71 = 36,000
    assert amounts(lines) == [696429, 900000, 900000, 900000, 203571]
    # due on the 10th of each period's first month; the first period starts after the 10th: its start
    assert [line.due_on for line in lines] == [D(2025, 2, 20), D(2025, 5, 10), D(2025, 8, 10), D(2025, 11, 10),
                                               D(2026, 2, 10)]
    assert lines[0].months == Decimal("2.32")  # 9/28 + 2


def test_three_free_months():
    lines = generate_schedule(LeaseTerms(D(2025, 3, 1), D(2026, 2, 28), rent_fen=500000, free_months=3))
    # March, April, May are free; June – February are 9 months × 5,000 = 45,000
    assert amounts(lines) == [0, 0, 0] + [500000] * 9
    assert [line.note for line in lines[:4]] == ["免租", "免租", "免租", ""]
    assert sum(amounts(lines)) == 4500000


def test_free_months_from_a_mid_month_start_end_inside_a_month():
    lines = generate_schedule(LeaseTerms(D(2025, 1, 15), D(2025, 12, 31), rent_fen=300000, free_months=3))
    # free 01-15 – 04-14: January (part), February, March cost nothing; April 15–30 is 16 of 30 days
    # at 3,000: 1,600.00
    assert amounts(lines[:5]) == [0, 0, 0, 160000, 300000]
    assert lines[0].note == "免租、按日折算" and lines[3].note == "免租"


def test_an_explicit_free_range_inside_a_month():
    terms = LeaseTerms(D(2025, 3, 1), D(2025, 5, 31), rent_fen=500000, free_ranges=((D(2025, 3, 10), D(2025, 3, 19)),))
    # March 10–19 free: 21 of 31 days paid, 5,000 × 21 / 31 = 3,387.0968 → 3,387.10
    assert amounts(generate_schedule(terms)) == [338710, 500000, 500000]


def test_escalation_five_percent_every_two_years_over_six_years():
    terms = LeaseTerms(D(2025, 1, 1), D(2030, 12, 31), rent_fen=1000000, cycle=PaymentCycle.YEARLY,
                       escalation=EveryYears(2, Decimal(5)))
    lines = generate_schedule(terms)
    # 10,000/month; from 2027-01-01 10,500 (10,000 × 1.05); from 2029-01-01 11,025 (10,500 × 1.05)
    assert amounts(lines) == [12000000, 12000000, 12600000, 12600000, 13230000, 13230000]
    assert [line.note for line in lines] == ["", "", "递增", "", "递增", ""]


def test_escalation_inside_a_period_splits_it_by_days():
    terms = LeaseTerms(D(2025, 1, 15), D(2031, 1, 14), rent_fen=300000, cycle=PaymentCycle.QUARTERLY,
                       escalation=EveryYears(2, Decimal(5)))
    q = {line.period_start: line for line in generate_schedule(terms)}[D(2027, 1, 1)]
    # the anniversary 2027-01-15 falls in Jan–Mar 2027: Jan 1–14 at 3,000 × 14/31 = 1,354.8387,
    # Jan 15–31 at 3,150 × 17/31 = 1,727.4194, Feb + Mar 6,300: 9,382.2581 → 9,382.26
    assert (q.period_end, q.amount_fen, q.note) == (D(2027, 3, 31), 938226, "递增")


def test_escalation_rounds_the_raised_rent_to_the_fen_and_compounds():
    terms = LeaseTerms(D(2025, 1, 1), D(2030, 12, 31), rent_fen=333333, cycle=PaymentCycle.YEARLY,
                       escalation=EveryYears(1, Decimal("3.5")))
    # 3,333.33 × 1.035 = 3,449.99655 → 3,450.00; × 1.035 = 3,570.75; × 1.035 = 3,695.72625 → 3,695.73
    assert amounts(generate_schedule(terms))[:4] == [333333 * 12, 345000 * 12, 357075 * 12, 369573 * 12]


def test_a_step_table_by_lease_year_and_by_date():
    steps = (RentStep(2, 220000), RentStep(D(2027, 7, 1), 250000))
    terms = LeaseTerms(D(2025, 1, 1), D(2027, 12, 31), rent_fen=200000, cycle=PaymentCycle.HALF_YEARLY,
                       escalation=steps)
    lines = generate_schedule(terms)
    # 2,000 × 6 in 2025; lease year 2 (from 2026-01-01) 2,200 × 6; from 2027-07-01 2,500 × 6
    assert amounts(lines) == [1200000, 1200000, 1320000, 1320000, 1320000, 1500000]
    assert [line.note for line in lines] == ["", "", "递增", "", "", "递增"]


def test_a_step_down_is_noted_as_a_rent_change():
    terms = LeaseTerms(D(2025, 1, 1), D(2025, 3, 31), rent_fen=200000, escalation=(RentStep(D(2025, 2, 15), 100000),))
    lines = generate_schedule(terms)
    # February: 14 days at 2,000 + 14 days at 1,000, of 28: 1,000 + 500 = 1,500.00
    assert amounts(lines) == [200000, 150000, 100000] and lines[1].note == "调租"


def test_rent_per_square_metre_per_month():
    terms = LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), basis=RentBasis.PER_SQM_MONTH, rate_yuan=Decimal("25.50"),
                       area_centi_sqm=8640, cycle=PaymentCycle.QUARTERLY)
    # 25.50 元/㎡·月 × 86.40 ㎡ = 2,203.20 a month, 6,609.60 a quarter
    assert amounts(generate_schedule(terms)) == [660960] * 4
    # a rate below the fen: 25.505 × 86.40 = 2,203.632 → 2,203.63 a month, rounded when formed
    finer = LeaseTerms(D(2025, 1, 1), D(2025, 2, 28), basis=RentBasis.PER_SQM_MONTH, rate_yuan=Decimal("25.505"),
                       area_centi_sqm=8640)
    assert amounts(generate_schedule(finer)) == [220363, 220363]


def test_rent_per_year():
    terms = LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), basis=RentBasis.PER_YEAR, rent_fen=10000000,
                       cycle=PaymentCycle.QUARTERLY)
    # 100,000 a year is 25,000 a quarter; monthly it is 8,333.3333 → 8,333.33 each month
    assert amounts(generate_schedule(terms)) == [2500000] * 4
    monthly = LeaseTerms(D(2025, 1, 1), D(2025, 2, 28), basis=RentBasis.PER_YEAR, rent_fen=10000000)
    assert amounts(generate_schedule(monthly)) == [833333, 833333]


def test_a_lease_over_february_29_in_a_leap_year():
    lines = generate_schedule(LeaseTerms(D(2024, 2, 15), D(2025, 2, 14), rent_fen=290000))
    # 2024-02-15 – 02-29 is 15 of 29 days: 2,900 × 15 / 29 = 1,500.00
    # 2025-02-01 – 02-14 is 14 of 28 days: 2,900 × 14 / 28 = 1,450.00
    assert (lines[0].period_end, lines[0].amount_fen) == (D(2024, 2, 29), 150000)
    assert (lines[-1].period_start, lines[-1].amount_fen) == (D(2025, 2, 1), 145000)
    # a lease started on 02-29 has its anniversaries on 02-28 in common years
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28) and add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    leap = LeaseTerms(D(2024, 2, 29), D(2026, 2, 27), rent_fen=290000, escalation=EveryYears(1, Decimal(10)))
    feb = {line.period_start: line for line in generate_schedule(leap)}[D(2025, 2, 1)]
    # 2025-02: 27 days at 2,900 and 02-28 at 3,190: (2,900 × 27 + 3,190) / 28 = 2,910.36
    assert feb.amount_fen == 291036 and feb.note == "递增"


def test_a_twenty_year_lease_and_one_day_more():
    lines = generate_schedule(LeaseTerms(D(2025, 1, 1), D(2044, 12, 31), rent_fen=100000, cycle=PaymentCycle.YEARLY))
    assert len(lines) == 20 and lines[-1].period_end == D(2044, 12, 31)
    assert sum(amounts(lines)) == 100000 * 12 * 20
    with pytest.raises(InputError, match="租期超过 20 年"):
        LeaseTerms(D(2025, 1, 1), D(2045, 1, 1), rent_fen=100000)
    allowed = LeaseTerms(D(2025, 1, 1), D(2045, 1, 1), rent_fen=100000, cycle=PaymentCycle.YEARLY,
                         allow_over_20_years=True)
    # the extra day 2045-01-01 is 1/31 of a month: 1,000 / 31 = 32.26
    assert amounts(generate_schedule(allowed))[-1] == 3226


@pytest.mark.parametrize("kwargs, message", [
    (dict(start_on=D(2025, 2, 1), end_on=D(2025, 1, 31), rent_fen=100), "早于开始日"),
    (dict(rent_fen=0), "租金须大于 0"),
    (dict(rent_fen=-5), "租金须大于 0"),
    (dict(rent_fen=100, due_day=29), "交租日 29 无效"),
    (dict(rent_fen=100, due_day=0), "交租日 0 无效"),
    (dict(basis=RentBasis.PER_SQM_MONTH, rate_yuan=Decimal("25.5"), area_centi_sqm=0), "租赁面积"),
    (dict(basis=RentBasis.PER_SQM_MONTH, rate_yuan=Decimal(0), area_centi_sqm=100), "单价须大于 0"),
    (dict(rent_fen=100, escalation=EveryYears(2, Decimal(0))), "递增比例 0% 超出范围"),
    (dict(rent_fen=100, escalation=EveryYears(2, Decimal(150))), "超出范围"),
    (dict(rent_fen=100, escalation=EveryYears(0, Decimal(5))), "递增间隔 0 年无效"),
    (dict(rent_fen=100, escalation=(RentStep(0, 100),)), "租赁年度 0 无效"),
    (dict(rent_fen=100, escalation=(RentStep(2, 0),)), "阶梯租金须大于 0"),
    (dict(rent_fen=100, free_months=-1), "免租月数"),
    (dict(rent_fen=100, free_ranges=((D(2025, 3, 2), D(2025, 3, 1)),)), "免租期结束日"),
])
def test_refusals_say_what_is_wrong_in_chinese(kwargs, message):
    base = dict(start_on=D(2025, 1, 1), end_on=D(2025, 12, 31))
    with pytest.raises(InputError, match=message):
        LeaseTerms(**{**base, **kwargs})


def test_regeneration_keeps_billed_periods_exactly():
    old = generate_schedule(LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=300000))
    new_terms = LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=350000)
    lines = regenerate(old, new_terms, 3)
    assert lines[:3] == old[:3]
    assert amounts(lines) == [300000] * 3 + [350000] * 9 and [line.seq for line in lines] == list(range(1, 13))
    assert regenerate(old, new_terms, {1, 2, 3}) == lines
    assert regenerate(old, new_terms, 0) == generate_schedule(new_terms)


def test_regeneration_trims_a_new_period_that_straddles_the_billed_ones():
    old = generate_schedule(LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=300000))
    new_terms = LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=350000, cycle=PaymentCycle.QUARTERLY)
    lines = regenerate(old, new_terms, 2)
    # Jan and Feb stay billed at 3,000; of the new Jan–Mar quarter only March remains: 3,500
    assert [(line.seq, line.period_start, line.period_end, line.amount_fen) for line in lines[:4]] == [
        (1, D(2025, 1, 1), D(2025, 1, 31), 300000), (2, D(2025, 2, 1), D(2025, 2, 28), 300000),
        (3, D(2025, 3, 1), D(2025, 3, 31), 350000), (4, D(2025, 4, 1), D(2025, 6, 30), 1050000)]


def test_regeneration_refuses_gaps_and_unknown_periods():
    old = generate_schedule(LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=300000))
    new_terms = LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=350000)
    with pytest.raises(InputError, match="从第 1 期起连续"):
        regenerate(old, new_terms, {1, 3})
    with pytest.raises(InputError, match="没有第 13 期"):
        regenerate(old, new_terms, 13)


def test_an_early_end_after_billed_periods_adds_nothing():
    old = generate_schedule(LeaseTerms(D(2025, 1, 1), D(2025, 12, 31), rent_fen=300000, cycle=PaymentCycle.QUARTERLY))
    # terminated on 2025-05-15 with Q1 and Q2 billed: the billed quarters stay as they are (settlement
    # of what was billed beyond the end is the termination's business, not the schedule's)
    lines = regenerate(old, LeaseTerms(D(2025, 1, 1), D(2025, 5, 15), rent_fen=300000), 2)
    assert lines == old[:2]


def test_a_short_last_period_falls_due_by_its_last_day():
    lines = generate_schedule(LeaseTerms(D(2025, 1, 1), D(2025, 2, 5), rent_fen=280000, due_day=10))
    # February 1–5 ends before the 10th: due on 02-05; 2,800 × 5 / 28 = 500.00
    assert [(line.due_on, line.amount_fen) for line in lines] == [(D(2025, 1, 10), 280000), (D(2025, 2, 5), 50000)]

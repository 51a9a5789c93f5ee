import datetime as dt

import pytest

from assetdesk.errors import DateError
from assetdesk.periods import Period, months_between, parse_date


@pytest.mark.parametrize("value", ["2025-01-31", "2025/1/31", "2025.1.31", "2025年1月31日", "２０２５-０１-３１",
                                   45688, 45688.0, "20250131", dt.datetime(2025, 1, 31, 8, 0), "2025-01-31 00:00:00",
                                   20250131, 20250131.0, "2025-01-31T00:00:00", "2025-01-31T09:30:00+08:00"])
def test_every_documented_date_form(value):
    assert parse_date(value) == dt.date(2025, 1, 31)


@pytest.mark.parametrize("value", ["2025-02-30", "31/01/2025", "明天", "", 45688.5, None, 20251399, 3000000])
def test_bad_dates_are_refused_in_chinese(value):
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert "日期" in str(info.value)


def test_periods_step_across_years():
    assert str(Period.parse("2025年12月").next()) == "2026-01"
    assert Period.parse("2025-01").previous() == Period(2024, 12)
    assert Period.parse(202503).last_day == dt.date(2025, 3, 31)
    assert [str(p) for p in months_between(Period(2024, 11), Period(2025, 2))] == ["2024-11", "2024-12", "2025-01", "2025-02"]
    with pytest.raises(DateError):
        Period.parse("2025-13")


def test_a_day_written_with_hao_is_read():
    from assetdesk.periods import parse_date

    assert parse_date("2025年3月1号") == parse_date("2025年3月1日") == parse_date("2025-03-01")

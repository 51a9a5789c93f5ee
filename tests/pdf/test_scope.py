"""How report periods are read from the CLI/UI and printed."""
from __future__ import annotations

import pytest

from assetdesk.errors import DateError
from assetdesk.pdf.scope import PeriodRange
from assetdesk.periods import Period


@pytest.mark.parametrize("value, label", [
    ("2025-03", "2025年3月"),
    (Period(2025, 3), "2025年3月"),
    ("2025-01~2025-03", "2025年1月—3月"),
    ("2025-01..2025-03", "2025年1月—3月"),
    (("2024-11", "2025-02"), "2024年11月—2025年2月"),
    ("2025-01~2025-12", "2025年度"),
])
def test_period_forms_and_labels(value, label):
    assert PeriodRange.of(value).label == label


def test_year():
    scope = PeriodRange.year(2025)
    assert (scope.first, scope.last) == (Period(2025, 1), Period(2025, 12))


def test_backwards_range_is_refused_in_chinese():
    with pytest.raises(DateError, match="结束期间不能早于开始期间"):
        PeriodRange.of("2025-03~2025-01")

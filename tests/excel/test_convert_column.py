"""Whole-column conversion gives exactly what converting each cell on its own gives.

The importer converts a column at a time (fast paths for plain text, each distinct value of other
columns converted once); these properties pin it to the cell-by-cell rule it replaces, so a speed
change can never change what a clerk's workbook imports as.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from assetdesk.errors import InputError
from assetdesk.excel.convert import convert, convert_column
from assetdesk.excel.kinds.base import ColumnSpec
from assetdesk.gc_pause import gc_paused

SPECS = [
    ColumnSpec("name", "名称", required=True),
    ColumnSpec("note", "备注"),
    ColumnSpec("code", "科目编码", code=True),
    ColumnSpec("fee", "金额", "amount"),
    ColumnSpec("due", "日期", "date"),
    ColumnSpec("count", "户数", "int"),
    ColumnSpec("area", "面积", "area"),
    ColumnSpec("kind", "类型", "choice", choices=("个人", "单位"), choice_aliases=(("公司", "单位"),)),
    ColumnSpec("active", "启用", "bool"),
]

cells = st.one_of(
    st.none(),
    st.sampled_from(["", "  ", "\u3000", "个人", " 单位 ", "公司", "是", "否", "1,234.50", "¥12", "3万元", "120户",
                     "2025-03-01", "2025年3月1日", "'=SUM(A1)", "'-5", "abc", "１２３", "\u3000张三", "-0", "1.005", "１０２", "10 201", " 1101 01"]),
    st.text(max_size=6),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
)


def one_by_one(spec: ColumnSpec, column: list) -> tuple[list, list]:
    values, failures = [], []
    for index, raw in enumerate(column):
        try:
            values.append(convert(spec, raw))
        except InputError as exc:
            failures.append((index, str(exc)))
            values.append(spec.empty_value)
    return values, failures


@settings(max_examples=150, deadline=None)
@given(spec=st.sampled_from(SPECS), column=st.lists(cells, max_size=12))
def test_column_conversion_equals_cell_by_cell(spec, column):
    values, failures = convert_column(spec, column)
    expected_values, expected_failures = one_by_one(spec, column)
    assert failures == expected_failures
    assert [(type(v), v) for v in values] == [(type(v), v) for v in expected_values]


def test_a_repeated_bad_value_is_reported_on_every_row():
    spec = ColumnSpec("fee", "金额", "amount")
    values, failures = convert_column(spec, ["12.50", "十二元", "3", "十二元"])
    assert values == [1250, 0, 300, 0]
    assert [index for index, _ in failures] == [1, 3]
    assert "十二元" in failures[0][1]


def test_required_text_left_blank_is_refused_in_the_fast_path_too():
    spec = ColumnSpec("name", "名称", required=True)
    values, failures = convert_column(spec, [" 张三 ", "", None, "李四"])
    assert values[0] == "张三" and values[3] == "李四"
    assert [index for index, _ in failures] == [1, 2]
    assert all("必须填写" in reason for _, reason in failures)


def test_collector_pause_restores_the_previous_state():
    import gc

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it paused and leaves it so
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_infinite_and_absurd_numbers_are_clear_errors_not_crashes():
    count = ColumnSpec("count", "户数", "int")
    area = ColumnSpec("area", "面积", "area")
    _, failures = convert_column(count, [float("inf"), float("nan"), "12"])
    assert [index for index, _ in failures] == [0, 1] and "不是数字" in failures[0][1]
    values, failures = convert_column(area, [1e300, "1.5亩", 86.5])
    assert [index for index, _ in failures] == [0] and "过大" in failures[0][1]
    assert values[1:] == [100000, 8650]

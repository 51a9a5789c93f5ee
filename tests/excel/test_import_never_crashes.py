"""Whatever a workbook holds, an import either works or refuses with the clerk's message — never a crash."""
import datetime as dt

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdesk.errors import AssetDeskError
from assetdesk.excel import KINDS, import_file

cell = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**16, max_value=10**16),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.text(alphabet=st.sampled_from(list("0123456789.,-¥元万亩户借贷年月日/ 张三小区合计：记-") + ["\n"]), max_size=12),
    st.sampled_from(["合计", "小计", "填表人：张三", "说明：无", "=SUM(A1)", "@x", "老旧小区", "借", "承租方", "2025-13-45"]),
)


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=8), min_size=0, max_size=6), title=st.booleans())
def test_random_rows_under_a_real_header_never_crash(books, tmp_path_factory, kind, rows, title):
    spec = KINDS[kind]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([f"兰花社区{spec.title}"])
    sheet.append([column.header for column in spec.columns])
    for row in rows:
        sheet.append(row)
    path = tmp_path_factory.mktemp("fuzz") / "f.xlsx"
    workbook.save(path)
    try:
        import_file(books, kind, path, dry_run=True)
    except AssetDeskError as exc:
        assert str(exc)


HEADER_NAMES = sorted({name for kind in KINDS.values() for column in kind.columns for name in (column.header, *column.aliases)}
                      | {"序号", "金额（万元）", "面积（亩）", "小区（院落）名称", "借方", "贷方"})


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=st.lists(st.sampled_from(HEADER_NAMES), min_size=1, max_size=8),
       rows=st.lists(st.lists(cell, min_size=1, max_size=8), max_size=6), sheets=st.integers(1, 3),
       parent_row=st.booleans())
def test_any_mix_of_known_headers_on_several_sheets_never_crashes(books, tmp_path_factory, kind, headers, rows, sheets,
                                                                  parent_row):
    """Headers of every kind, in any order and repeated, over one to three sheets (some with a
    parent header row above): each sheet is read as some kind or refused; the import commits
    or refuses with a message."""
    workbook = openpyxl.Workbook()
    for index in range(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet(f"表{index}")
        sheet.append(["兰花社区"])
        if parent_row:
            sheet.append(["期初余额", None, "期末余额", None])
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    path = tmp_path_factory.mktemp("mix") / "f.xlsx"
    workbook.save(path)
    try:
        import_file(books, kind, path)
    except AssetDeskError as exc:
        assert str(exc)

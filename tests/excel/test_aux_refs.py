"""How 核算项目 texts of other programs are read: category, the record's code, its name."""
from __future__ import annotations

import pytest

from assetdesk.excel.kinds.aux_refs import parse


@pytest.mark.parametrize("text, expected", [
    ("普洱茶源商贸有限公司", ("", "", "普洱茶源商贸有限公司")),
    ("  张三", ("", "", "张三")),
    ("往来单位：普洱茶源商贸有限公司", ("counterparty", "", "普洱茶源商贸有限公司")),
    ("[客户]普洱茶源商贸有限公司", ("counterparty", "", "普洱茶源商贸有限公司")),
    ("【供应商】兰庭物业", ("counterparty", "", "兰庭物业")),
    ("客户-001 普洱茶源", ("counterparty", "001", "普洱茶源")),
    ("客户---001---普洱茶源", ("counterparty", "001", "普洱茶源")),
    ("客户 - 001 - 普洱茶源", ("counterparty", "001", "普洱茶源")),
    ("客户/普洱茶源", ("counterparty", "", "普洱茶源")),
    ("(个人)张三", ("counterparty", "", "张三")),
    ("[001]普洱茶源", ("", "001", "普洱茶源")),
    ("张三（110101199001011237）", ("", "110101199001011237", "张三")),
    ("小区：XQ001 兰园小区", ("compound", "XQ001", "兰园小区")),
    ("部门：办公室", ("?", "", "办公室")),
    ("1号院", ("", "", "1号院")),  # a number that is part of the name stays in it
    ("A-1栋商户", ("", "", "A-1栋商户")),
    ("甲/乙合伙", ("", "", "甲/乙合伙")),  # a slash without categories is part of one name
])
def test_one_record(text, expected):
    (ref,) = parse(text)
    assert (ref.dimension, ref.code, ref.name) == expected


def test_several_dimensions_in_one_cell_and_columns_of_their_own():
    first, second = parse("客户:001 普洱茶源/小区:XQ001 兰园小区")
    assert (first.dimension, first.name, second.dimension, second.code, second.name) == (
        "counterparty", "普洱茶源", "compound", "XQ001", "兰园小区")
    (ref,) = parse("普洱茶源", category="客户", code="C001")
    assert (ref.dimension, ref.category, ref.code, ref.name) == ("counterparty", "客户", "C001", "普洱茶源")
    assert parse("") == [] and parse(None) == []

"""CSV and text files as clerks and other programs write them."""
from __future__ import annotations

import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel import import_file
from assetdesk.excel.importer import read_file

from .helpers import DemoKind

KIND = DemoKind()


def test_a_line_break_inside_a_quoted_cell_stays_in_that_cell(books, tmp_path):
    path = tmp_path / "往来.csv"
    path.write_bytes('名称,地址,备注\r\n张三,"兰花小区3栋\n2单元501",租户\r\n李四,兰花小区5栋,"两行\r\n备注"\r\n'.encode("gbk"))
    result = import_file(books, "counterparties", path)
    assert (result.new, result.errors) == (2, [])
    found = {cp.name: (cp.address, cp.note) for cp in books.org.list_counterparties()}
    assert found == {"张三": ("兰花小区3栋\n2单元501", "租户"), "李四": ("兰花小区5栋", "两行\n备注")}


def test_codes_kept_as_text_with_an_apostrophe_or_an_excel_formula_read_plain(tmp_path):
    path = tmp_path / "资产.csv"
    path.write_text('编码,名称,金额\n\'0123,门面房,100\n="00456",仓库,"=""200"""\n', encoding="utf-8")
    preview = read_file(KIND, path)
    assert preview.errors == []
    assert [row["code"] for row in preview.rows] == ["0123", "00456"]
    assert [row["amount"] for row in preview.rows] == [100_00, 200_00]
    assert [row["name"] for row in preview.rows] == ["门面房", "仓库"]


def test_tab_separated_unicode_text_with_quoted_tabs(tmp_path):
    path = tmp_path / "资产.txt"
    text = '编码\t名称\t备注\r\nA1\t"门面\t房"\t"说明"\r\n'
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (row,) = read_file(KIND, path).rows
    assert (row["code"], row["name"], row["note"]) == ("A1", "门面\t房", "说明")


def test_a_quote_never_closed_is_explained_not_a_crash(tmp_path):
    path = tmp_path / "坏.csv"
    path.write_text('编码,名称\nA1,"' + "很长的说明" * 30000 + "\nA2,库\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="双引号是否成对"):
        read_file(KIND, path)

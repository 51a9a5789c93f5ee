"""Files that must be refused before any reader loads them, each with a Chinese message."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel import safety
from assetdesk.excel.reader import read_grids

from .helpers import make_workbook


def test_renamed_text_file_is_refused(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_text("编码,名称\nA1,房屋\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="不是 Excel 工作簿"):
        read_grids(path)


def test_zip_without_workbook_is_refused(tmp_path):
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="不是 Excel 工作簿"):
        safety.check_file(path)


def test_zip_bomb_is_refused_before_loading(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(64):
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFileError, match="压缩比异常"):
        read_grids(path)


def test_oversized_archive_is_refused(tmp_path, monkeypatch):
    path = make_workbook(tmp_path / "big.xlsx", [["编码", "名称"], ["A1", "x" * 5000]])
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(ImportFileError, match="过大"):
        safety.check_file(path)


def test_encrypted_workbook_is_refused(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(safety.OLE_SIGNATURE + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)
    with pytest.raises(ImportFileError, match="密码"):
        read_grids(path)


def test_encrypted_xls_is_refused(tmp_path):
    path = tmp_path / "加密.xls"
    path.write_bytes(safety.OLE_SIGNATURE + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="密码"):
        safety.check_file(path)


def test_too_many_rows_is_refused(tmp_path, monkeypatch):
    path = make_workbook(tmp_path / "rows.xlsx", [["编码"]] + [[f"A{i}"] for i in range(30)])
    monkeypatch.setattr(safety, "MAX_ROWS", 20)
    with pytest.raises(ImportFileError, match="超过一次导入的上限"):
        read_grids(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ImportFileError, match="找不到文件"):
        read_grids(tmp_path / "none.xlsx")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_or_gbk_is_read(tmp_path, encoding):
    path = tmp_path / "往来.csv"
    path.write_bytes("编码,名称\nA1,兰花社区\n".encode(encoding))
    (grid,) = read_grids(path)
    assert grid.rows == [["编码", "名称"], ["A1", "兰花社区"]]


def test_corrupt_zip_is_refused(tmp_path):
    good = make_workbook(tmp_path / "good.xlsx", [["编码"], ["A1"]])
    path = tmp_path / "bad.xlsx"
    path.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ImportFileError):
        read_grids(path)


def _table_with_far_cells(path, far_cells):
    """A two-row table, and ``far_cells`` ({column: value}) in the sheet's last row, 1,048,576."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["名称", "电话"])
    sheet.append(["张三", "13800138000"])
    for column, value in far_cells.items():
        sheet.cell(row=1048576, column=column, value=value)
    workbook.save(path)
    return path


def test_a_stray_space_in_the_last_row_of_the_sheet_does_not_block_the_import(tmp_path):
    """Excel then declares 1,048,576 rows; the table above is read row by row and imported."""
    path = _table_with_far_cells(tmp_path / "名册.xlsx", {1: " ", 30: "\u3000"})
    assert safety.check_file(path) == "xlsx-far"
    (grid,) = read_grids(path)
    assert [row[:2] for row in grid.rows] == [["名称", "电话"], ["张三", "13800138000"]]
    assert all(cell is None for row in grid.rows for cell in row[2:])


def test_real_content_far_below_the_table_is_refused_naming_its_row(tmp_path):
    path = _table_with_far_cells(tmp_path / "名册.xlsx", {2: "误输入"})
    with pytest.raises(ImportFileError) as caught:
        read_grids(path)
    assert "第 1048576 行有内容“误输入”" in caught.value.message
    assert "删除该行" in caught.value.hint


@pytest.mark.parametrize(("name", "encoding", "separator"), [
    ("名册.txt", "utf-16", "\t"),  # Excel's "Unicode 文本"
    ("名册.csv", "utf-8-sig", ";"),
    ("名册.tsv", "gb18030", "\t"),
])
def test_text_tables_in_other_encodings_and_separators_are_read(tmp_path, name, encoding, separator):
    path = tmp_path / name
    lines = ["兰花社区往来名册", separator.join(["名称", "电话", "地址"]), separator.join(["张三", "138", "一栋, 二单元"])]
    path.write_bytes("\n".join(lines).encode(encoding))
    (grid,) = read_grids(path)
    assert grid.rows[1:] == [["名称", "电话", "地址"], ["张三", "138", "一栋, 二单元"]]


def test_a_file_another_program_holds_is_explained(tmp_path, monkeypatch):
    path = make_workbook(tmp_path / "名册.xlsx", [["名称"], ["张三"]])

    def locked(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safety, "_read_head", locked)
    with pytest.raises(ImportFileError) as caught:
        read_grids(path)
    assert "正被其他程序占用" in caught.value.message and "关闭这个文件" in caught.value.hint


@pytest.mark.parametrize("content, said", [
    (b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>x</td></tr></table>', "网页（HTML）"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/>', "Excel 2003 XML"),
])
def test_a_web_page_or_2003_xml_named_xls_is_named_for_what_it_is(tmp_path, content, said):
    path = tmp_path / "导出.xls"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        read_grids(path)
    assert said in caught.value.message and "另存为" in caught.value.hint


def test_a_strict_open_xml_workbook_is_read(tmp_path):
    """Excel's "Strict Open XML" save: other namespaces, which openpyxl does not know (no sheets)."""
    import zipfile

    import openpyxl

    source = tmp_path / "src.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["名称", "角色"], ["张伟", "缴费人"]):
        workbook.active.append(row)
    workbook.save(source)
    strict = tmp_path / "严格.xlsx"
    swaps = ((b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships", b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item)
            for old, new in swaps:
                data = data.replace(old, new)
            out.writestr(item, data)
    (grid,) = read_grids(strict)
    assert grid.rows[1][:2] == ["张伟", "缴费人"]

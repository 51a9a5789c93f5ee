"""What the .xlsx reader (openpyxl's read-only mode) needs help with, in workbooks as other programs
write them: line breaks stored as _x000D_, Chinese Excel's built-in date formats, a stray cell far
to the right, damaged parts, an .xls under an .xlsx name, merges over pre-numbered blank lines."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel import import_file
from assetdesk.excel.reader import read_grids

from .helpers import make_workbook


def rewrite(path: Path, target: Path, **replacements: tuple[bytes, bytes]) -> Path:
    """Copy the workbook at ``path`` to ``target`` with bytes replaced in its parts (part name with
    "/" written as "__" and "." as "_", e.g. xl__styles_xml), as another program would write them."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            change = replacements.get(item.filename.replace("/", "__").replace(".", "_"))
            if change is not None:
                assert change[0] in data, (item.filename, change[0])
                data = data.replace(*change)
            out.writestr(item, data)
    return target


def test_line_breaks_stored_as_x000d_read_as_line_breaks(books, tmp_path):
    """Excel stores a typed CR as _x000D_ in the file; openpyxl hands the escape over as text,
    which would hide the header (户数 not found, 0 imported) and put _x000D_ into names."""
    source = make_workbook(tmp_path / "src.xlsx", [["所属片区", "小区名称", "户数⏎（户）", "物业公司"],
                                                   ["东片区", "兰亭苑", 356, "顺心物业⏎服务有限公司"]])
    path = rewrite(source, tmp_path / "换行.xlsx", xl__worksheets__sheet1_xml=("⏎".encode(), b"_x000D_\n"))
    (grid,) = read_grids(path)
    assert grid.rows[0][2] == "户数\r\n（户）" and grid.rows[1][3] == "顺心物业\r\n服务有限公司"
    preview = import_file(books, "compounds", path, dry_run=True)
    assert preview.ok, preview.errors
    assert preview.rows[0].values["households"] == 356
    assert "_x000" not in str(preview.rows[0].values)


def with_built_in_format(source: Path, target: Path, format_id: int) -> Path:
    """``source`` with every custom number format replaced by the built-in ``format_id``: the file
    then holds only the number and the format's id, no format text, as Chinese Excel saves it."""
    with zipfile.ZipFile(source) as archive:
        styles = archive.read("xl/styles.xml")
    styles = re.sub(rb"<numFmts\b.*?</numFmts>", b"", styles, flags=re.S)
    styles = re.sub(rb'numFmtId="1[6-9]\d"', f'numFmtId="{format_id}"'.encode(), styles)
    return rewrite(source, target, xl__styles_xml=(archive_part(source, "xl/styles.xml"), styles))


def archive_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def chinese_date_workbook(path: Path, format_id: int, value: dt.datetime, epoch_1904: bool = False) -> Path:
    """A 序时账 whose 日期 cells use Chinese Excel's built-in format ``format_id``."""
    workbook = openpyxl.Workbook()
    if epoch_1904:
        workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = workbook.active
    ws.append(["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"])
    for row in ([value, "记-0001", "提取备用金", "101", 500, None], [value, "记-0001", "提取备用金", "102", None, 500]):
        ws.append(row)
    workbook.save(path.with_suffix(".src.xlsx"))
    return with_built_in_format(path.with_suffix(".src.xlsx"), path, format_id)


@pytest.mark.parametrize("format_id", [31, 57, 58])
def test_dates_in_chinese_built_in_formats_are_dates(tmp_path, format_id):
    path = chinese_date_workbook(tmp_path / f"fmt{format_id}.xlsx", format_id, dt.datetime(2025, 1, 5, 14, 30))
    (grid,) = read_grids(path)
    assert grid.rows[1][0] == dt.datetime(2025, 1, 5, 14, 30)  # not 45662.604…


def test_a_1904_workbook_in_a_chinese_date_format_keeps_its_dates(books, tmp_path):
    path = chinese_date_workbook(tmp_path / "mac.xlsx", 31, dt.datetime(2025, 1, 5), epoch_1904=True)
    (grid,) = read_grids(path)
    assert grid.rows[1][0].date() == dt.date(2025, 1, 5)  # not four years early


def test_a_balance_table_dated_in_a_chinese_format_takes_the_closing_balances(books, tmp_path):
    """会计期间 2024-12-31 in format 57 (yyyy"年"m"月"): the table is December's, so the openings
    are its 期末 columns, not its 期初 ones."""
    rows = [["科目余额表"], ["会计期间：", dt.datetime(2024, 12, 31)],
            ["科目编码", "科目名称", "期初余额", None, "期末余额", None],
            [None, None, "借方", "贷方", "借方", "贷方"],
            ["101", "库存现金", 1000, None, 1200, None], ["301", "资本", None, 1000, None, 1200]]
    source = make_workbook(tmp_path / "src.xlsx", rows, merges=["C3:D3", "E3:F3"])
    wb = openpyxl.load_workbook(source)
    wb.active["B2"].number_format = 'yyyy"年"m"月"'
    wb.save(source)
    path = with_built_in_format(source, tmp_path / "余额表.xlsx", 57)
    import_file(books, "opening-balances", path)
    openings = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances() if r.debit_fen or r.credit_fen}
    assert openings == {"101": (1200_00, 0), "301": (0, 1200_00)}


def test_a_stray_cell_far_to_the_right_costs_one_long_row_not_a_grid(tmp_path):
    workbook = openpyxl.Workbook(write_only=True)
    ws = workbook.create_sheet("往来")
    ws.append(["序号", "名称", "角色"])
    for i in range(3000):
        ws.append([i + 1, f"住户{i}", "缴费人"] + ([None] * 16377 + [" "] if i == 2 else []))
    workbook.save(tmp_path / "远.xlsx")
    (grid,) = read_grids(tmp_path / "远.xlsx")
    assert sum(len(row) for row in grid.rows) < 3001 * 3 + 16384  # rows are not padded to column XFD


def test_a_damaged_sheet_part_is_refused_as_damaged(tmp_path):
    source = make_workbook(tmp_path / "src.xlsx", [["编码", "名称"], ["A1", "甲"]])
    damaged = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(source) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        data = bytearray(source.read_bytes())
        with archive.open(sheet) as member:  # where the compressed bytes start, past the local header
            start = member._fileobj.tell()  # noqa: SLF001 (zipfile has no public way to say it)
    for offset in range(start, start + min(40, sheet.compress_size)):
        data[offset] ^= 0xFF  # the sheet's compressed bytes scrambled, as a bad disk or download leaves them
    damaged.write_bytes(bytes(data))
    with pytest.raises(ImportFileError) as caught:
        read_grids(damaged)
    assert "损坏" in caught.value.message


def test_an_old_xls_renamed_to_xlsx_is_read_as_what_it_is(books, tmp_path):
    renamed = tmp_path / "名册.xlsx"
    shutil.copy(Path(__file__).parent / "fixtures" / "district_2003.xls", renamed)
    assert import_file(books, "compounds", renamed, dry_run=True).new == 3


def test_an_unreadable_style_is_explained_in_chinese(tmp_path):
    """openpyxl refuses the stylesheet, and the sheet declaring a million rows keeps calamine away:
    the clerk reads Chinese and one short line of the reader's own reason, not a page of English."""
    source = make_workbook(tmp_path / "src.xlsx", [["小区名称", "户数"], ["兰亭苑", 10]])
    far_row = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t> </t></is></c></row></sheetData>'
    far = rewrite(source, tmp_path / "far.xlsx", xl__worksheets__sheet1_xml=(b"</sheetData>", far_row))
    far = rewrite(far, tmp_path / "far2.xlsx", xl__worksheets__sheet1_xml=(b'<dimension ref="A1:B2" />', b'<dimension ref="A1:B1000000" />'))
    odd = rewrite(far, tmp_path / "样式.xlsx", xl__styles_xml=(b'patternType="gray125"', b'patternType="odd"'))
    with pytest.raises(ImportFileError) as caught:
        read_grids(odd)
    assert "无法读取" in caught.value.message and "\n" not in caught.value.message
    assert "另存为" in caught.value.hint


def test_a_stray_space_far_below_in_a_file_only_calamine_reads_is_no_row(tmp_path):
    """No size declared (openpyxl's write-only files), a style openpyxl refuses: calamine reads
    it, and the space typed in row 1,000,000 is dropped as the openpyxl path drops it."""
    workbook = openpyxl.Workbook(write_only=True)
    ws = workbook.create_sheet("小区")
    ws.append(["小区名称", "户数"])
    ws.append(["兰亭苑", 10])
    workbook.save(tmp_path / "src.xlsx")
    far_row = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t> </t></is></c></row></sheetData>'
    far = rewrite(tmp_path / "src.xlsx", tmp_path / "far.xlsx", xl__worksheets__sheet1_xml=(b"</sheetData>", far_row))
    odd = rewrite(far, tmp_path / "样式.xlsx", xl__styles_xml=(b'patternType="gray125"', b'patternType="odd"'))
    (grid,) = read_grids(odd)
    assert grid.rows == [["小区名称", "户数"], ["兰亭苑", 10.0]]


def test_a_pre_numbered_blank_line_under_a_merged_area_is_no_record(books, tmp_path):
    rows = [["序号", "所属片区", "小区名称", "户数"], [1, "东片区", "翠云小区", 120], [2, None, "兰亭苑", 356],
            [3, None, None, None], [4, None, "幸福里", 48]]
    path = make_workbook(tmp_path / "小区.xlsx", rows, merges=["B2:B5"])
    preview = import_file(books, "compounds", path, dry_run=True)
    assert preview.ok and [row.values["name"] for row in preview.rows] == ["翠云小区", "兰亭苑", "幸福里"]
    assert {row.values["area_name"] for row in preview.rows} == {"东片区"}


def test_a_merge_down_the_last_column_reaches_rows_that_end_before_it(books, tmp_path):
    """Rows end at their last cell: a 物业公司 merged down the last column still fills every row."""
    rows = [["小区名称", "户数", "物业公司"], ["翠云小区", 120, "顺心物业"], ["兰亭苑", 356, None]]
    path = make_workbook(tmp_path / "小区.xlsx", rows, merges=["C2:C3"])  # openpyxl writes no cell C3 at all
    (grid,) = read_grids(path)
    assert grid.rows[2] == ["兰亭苑", 356, "顺心物业"]


def test_a_required_cell_holding_a_formula_without_result_gets_one_error(books, tmp_path):
    rows = [["序号", "名称", "角色"], [1, "=VLOOKUP(A2,花名册!A:B,2,0)", "缴费人"], [2, "李四", "缴费人"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "往来.xlsx", rows), dry_run=True)
    (error,) = preview.errors
    assert (error.row, error.column) == (2, "B（名称）") and "公式" in error.reason


def test_a_date_cell_is_quoted_as_the_clerk_sees_it(books, tmp_path):
    """openpyxl hands a date cell over as a datetime at midnight; messages quote 2025-01-20."""
    rows = [["所属片区", "小区名称", "户数"], ["东片区", "兰亭苑", dt.datetime(2025, 1, 20)]]
    preview = import_file(books, "compounds", make_workbook(tmp_path / "小区.xlsx", rows), dry_run=True)
    (error,) = preview.errors
    assert error.value == "2025-01-20" and "“2025-01-20”不是数字" in error.reason


def test_rows_and_cells_written_out_of_order_are_all_read(tmp_path):
    """Some programs write row 4 before row 3, or a row's D before its C: openpyxl's iter_rows
    drops what comes "late"; the reader places every row by its number and cell by its column."""
    source = make_workbook(tmp_path / "src.xlsx", [["名称", "电话", "地址", "备注"], ["张伟", "1", "1栋", "a"],
                                                   ["李娜", "3", "3栋", "c"], ["王芳", "4", "4栋", "d"]])
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    rows = re.findall(rb"<row .*?</row>", sheet, flags=re.S)
    swapped = sheet.replace(rows[2] + rows[3], rows[3] + rows[2])  # row 4 written before row 3
    cells = re.findall(rb"<c .*?</c>", rows[1], flags=re.S)  # row 2: A B C D written as A B D C
    swapped = swapped.replace(rows[1], rows[1].replace(cells[2] + cells[3], cells[3] + cells[2]))
    path = rewrite(source, tmp_path / "乱序.xlsx", xl__worksheets__sheet1_xml=(sheet, swapped))
    (grid,) = read_grids(path)
    assert grid.rows == [["名称", "电话", "地址", "备注"], ["张伟", "1", "1栋", "a"],
                         ["李娜", "3", "3栋", "c"], ["王芳", "4", "4栋", "d"]]


def test_numbers_shown_with_leading_zeros_are_read_as_shown(books, tmp_path):
    """片区编码 01 and 小区编码 001 typed as numbers under a 00 / 000 format, a phone number under
    00000000000: the clerk sees the zeros, and so does the import."""
    rows = [["片区编码", "片区名称", "小区编码", "小区名称", "物业电话"], [1, "东片区", 1, "翠云小区", 8716543210],
            [1, "东片区", 2, "兰苑小区", 8716543211]]
    path = make_workbook(tmp_path / "小区.xlsx", rows)
    workbook = openpyxl.load_workbook(path)
    for column, code in (("A", "00"), ("C", "000"), ("E", "00000000000")):
        for cell in workbook.active[column][1:]:
            cell.number_format = code
    workbook.save(path)
    (grid,) = read_grids(path)
    assert grid.rows[1] == ["01", "东片区", "001", "翠云小区", "08716543210"]
    preview = import_file(books, "compounds", path, dry_run=True)
    assert preview.ok and [row.values["code"] for row in preview.rows] == ["001", "002"]

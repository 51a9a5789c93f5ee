"""Exports 应收租金计划 (``rent-schedule``) and 欠租明细 (``arrears``): a title row with the
community's name, 单位：元, a frozen header, money as ``#,##0.00`` numbers, a 合计 row; the arrears
aged 1–30 … 365天以上 as of today or of the end of ``--period``."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from assetdesk.excel import export_arrears, export_rent_schedule, import_file

from .helpers import make_workbook
from .test_lease_kinds import _contracts, with_assets  # noqa: F401  (the fixture)
from .test_rent_payment_kind import BOOK

D = dt.date
SCHEDULE_HEADER = ["合同编号", "承租方", "资产", "期次", "起始日", "截止日", "应收日", "月数", "应收金额", "已收", "未收",
                   "状态", "说明"]
ARREARS_HEADER = ["承租方", "合同编号", "笔数", "欠款合计", "1–30天", "31–90天", "91–180天", "181–365天", "365天以上",
                  "最早应收日", "逾期天数"]


@pytest.fixture
def collected(with_assets, tmp_path):  # noqa: F811
    """Three leases billed through March 2025; 叶桂霞 paid her first quarter, 兰花物业 February; 张三 nothing."""
    books = with_assets
    import_file(books, "leases", _contracts(tmp_path))
    books.leases.bill_rent("2025-03")
    import_file(books, "rent-payments", make_workbook(tmp_path / "收款.xlsx", BOOK[:5]))
    return books


def _sheet(path):
    sheet = openpyxl.load_workbook(path).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_rent_schedule_lists_every_period_with_what_was_received(collected, tmp_path):
    books = collected
    path = export_rent_schedule(books, tmp_path / "应收租金计划.xlsx")
    sheet, rows = _sheet(path)
    assert rows[0][0] == "兰花社区 应收租金计划" and rows[1][0] == "单位：元"
    assert rows[2] == SCHEDULE_HEADER and sheet.freeze_panes == "A4"
    body = rows[3:-1]
    expected = sum(len(books.leases.schedule(n)) for n in ("ZL2025-001", "ZL2025-002", "ZL2025-003"))
    assert len(body) == expected
    first = body[0]
    assert first[:4] == ["ZL2025-001", "叶桂霞", "ZC001 东街商铺", 1]
    assert [v.date() for v in first[4:7]] == [D(2025, 1, 1), D(2025, 3, 31), D(2025, 1, 5)]
    assert first[8:12] == [6000, 6000, 0, "已收清"]
    assert "免租" in first[12]
    assert sheet.cell(4, 9).number_format == "#,##0.00"
    march = next(r for r in body if r[0] == "ZL2025-002" and r[4].date() == D(2025, 3, 1))
    assert march[8:12] == [5000, 0, 5000, "未收"]
    later = next(r for r in body if r[0] == "ZL2025-002" and r[4].date() == D(2025, 6, 1))
    assert later[8:12] == [5000, 0, 5000, "未到期"]
    total = rows[-1]
    assert total[0] == "合计" and total[8] == sum(r[8] for r in body) and total[9] == 11000
    assert {r[2] for r in body if r[0] == "ZL2025-002"} == {"ZC002 北仓库、ZC003 南仓库"}


def test_the_schedule_of_one_contract(collected, tmp_path):
    _, rows = _sheet(export_rent_schedule(collected, tmp_path / "one.xlsx", lease="ZL2025-003"))
    assert rows[0][0] == "兰花社区 应收租金计划（合同 ZL2025-003）"
    assert {r[0] for r in rows[3:-1]} == {"ZL2025-003"} and len(rows[3:-1]) == 12


def test_arrears_are_aged_by_tenant_and_contract_as_of_today(collected, tmp_path):
    path = export_arrears(collected, tmp_path / "欠租明细.xlsx")
    sheet, rows = _sheet(path)
    assert rows[0][0] == "兰花社区 欠租明细（截至2025年3月15日）"
    assert rows[2] == ARREARS_HEADER and sheet.freeze_panes == "A4"
    body = {r[1]: r for r in rows[3:-1]}
    assert set(body) == {"ZL2025-002", "ZL2025-003"}  # 叶桂霞 paid her quarter
    zhang = body["ZL2025-003"]
    assert zhang[:5] == ["张三", "ZL2025-003", 3, 3000, 1000]  # March: 14 days
    assert zhang[5:9] == [2000, None, None, None]  # January and February: 31–90 days
    assert (zhang[9].date(), zhang[10]) == (D(2025, 1, 1), 73)
    assert body["ZL2025-002"][:5] == ["兰花物业有限公司", "ZL2025-002", 1, 5000, 5000]
    total = rows[-1]
    assert total[:6] == ["合计", "2户", 4, 8000, 6000, 2000]
    assert sheet.cell(4, 4).number_format == "#,##0.00"


def test_arrears_at_the_end_of_a_month(collected, tmp_path):
    _, rows = _sheet(export_arrears(collected, tmp_path / "2月.xlsx", period="2025-02"))
    assert rows[0][0] == "兰花社区 欠租明细（截至2025年2月28日）"
    assert {r[1]: r[3] for r in rows[3:-1]} == {"ZL2025-003": 2000}


def test_the_cli_exports_arrears_and_the_schedule(collected, tmp_path, capsys):
    from assetdesk.cli import main

    db = str(collected.database_path)
    collected.close()
    assert main(["--db", db, "export", "arrears", str(tmp_path / "欠租.xlsx")]) == 0
    assert capsys.readouterr().out.strip().endswith("欠租.xlsx")
    assert _sheet(tmp_path / "欠租.xlsx")[1][2] == ARREARS_HEADER
    assert main(["--db", db, "export", "arrears", str(tmp_path / "欠租2.xlsx"), "--period", "2025-02"]) == 0
    assert "2025年2月28日" in _sheet(tmp_path / "欠租2.xlsx")[1][0][0]
    assert main(["--db", db, "export", "rent-schedule", str(tmp_path / "计划.xlsx")]) == 0
    assert main(["--db", db, "export", "arrears", str(tmp_path / "欠租.pdf")]) == 2
    assert main(["--db", db, "export", "leases", str(tmp_path / "合同.xlsx")]) == 0
    assert main(["--db", db, "import", "leases", str(tmp_path / "合同.xlsx")]) == 0
    assert "未变 3" in capsys.readouterr().out


def test_the_contracts_export_re_imports_unchanged_with_every_kind_of_term(with_assets, tmp_path):  # noqa: F811
    from assetdesk.excel import export_file

    from .helpers import listed
    from .test_lease_kinds import CONTRACTS

    books = with_assets
    rows = [list(row) for row in CONTRACTS[:6]]
    rows[2][11] = "租金"
    rows[2].insert(11, "计租方式")
    for row in rows[3:]:
        row.insert(11, "元/月")
    rows[4][11:13] = ["元/年", 60000]  # 兰花物业 pays by the year
    rows[5][11:13] = ["元/㎡·月", 2.12]  # 张三's parking: by the ㎡
    rows[5][14] = "1个月；2025-07-01至2025-07-15"
    rows[5][13] = "第2年起1200元/月"
    import_file(books, "leases", make_workbook(tmp_path / "in.xlsx", rows))
    park = books.leases.input_of("ZL2025-003")
    assert (park.rate_yuan, park.free_months, len(park.free_ranges)) == (Decimal("2.12"), 1, 1)
    out = export_file(books, "leases", tmp_path / "合同.xlsx")
    _, written = _sheet(out)
    header = written[2]
    assert "租金单价(元/㎡·月)" in header and "租金递增" in header
    shop = written[3]
    assert shop[header.index("租金递增")] == "每2年递增3%" and shop[header.index("缴费周期")] == "季付"
    assert listed(import_file(books, "leases", out, dry_run=True)) == []
    before = [books.leases.schedule(n) for n in ("ZL2025-001", "ZL2025-002", "ZL2025-003")]
    import_file(books, "leases", out)
    assert [books.leases.schedule(n) for n in ("ZL2025-001", "ZL2025-002", "ZL2025-003")] == before


def test_a_rate_with_three_decimals_exports_and_re_imports_exactly(with_assets, tmp_path):  # noqa: F811
    from assetdesk.excel import export_file

    from .helpers import listed

    books = with_assets
    rows = [["合同编号", "承租方", "资产编码", "租赁面积(㎡)", "租赁期限", "租金单价(元/㎡·月)", "缴费周期"],
            ["ZL-9", "赵六", "ZC003", 100, "2025-01-01至2025-12-31", "25.505", "月付"]]
    import_file(books, "leases", make_workbook(tmp_path / "in.xlsx", rows))
    assert books.leases.schedule("ZL-9")[0].amount_fen == 2550_50  # 100 ㎡ × 25.505
    out = export_file(books, "leases", tmp_path / "out.xlsx")
    assert listed(import_file(books, "leases", out, dry_run=True)) == []
    assert books.leases.input_of("ZL-9").rate_yuan == Decimal("25.505")

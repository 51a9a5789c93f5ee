"""资产台账 and 闲置资产 printed, exported to Excel and asked for on the command line: the assets by
类别 or 片区 with their 小计 and 合计, the idle ones longest idle first, the same figures in both."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.cli import main
from assetdesk.errors import InputError
from assetdesk.excel.report_sheets import export_report
from assetdesk.pdf import build_report
from assetdesk.periods import Period
from assetdesk.services.assets import AssetInput
from assetdesk.services.org import CompoundInput
from tests.conftest import FIXED_NOW

AS_OF = FIXED_NOW.date()  # the books' today: the Excel sheets count idle days to it


@pytest.fixture
def assets(books):
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", location="东街12号", compound_code="XQ001",
                                     building_area_centi=120_50, acquired_on=dt.date(2020, 1, 5),
                                     original_fen=120_000_00, opening_depreciation_fen=20_000_00, status="出租"))
    books.assets.register(AssetInput("ZC002", "西街商铺", "商铺", location="西街3号", building_area_centi=80_00,
                                     acquired_on=dt.date(2021, 3, 1), original_fen=60_000_00,
                                     opening_depreciation_fen=5_000_00, status="闲置",
                                     idle_since=AS_OF - dt.timedelta(days=30)))
    books.assets.register(AssetInput("ZC003", "村口空地", "土地", nature="资源性", land_area_centi=3_50,
                                     land_area_unit="亩", compound_code="XQ001", acquired_on=dt.date(2000, 1, 1),
                                     status="闲置", idle_since=AS_OF - dt.timedelta(days=400)))
    return books


def test_register_prints_each_category_with_its_subtotal_and_the_total(assets, tmp_path, read_pdf):
    text = read_pdf(build_report(assets, "asset-register", tmp_path / "r.pdf", printed_on=AS_OF)).replace("\n", "")
    for needle in ("资产台账", "兰花社区", f"截至{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日", "单位：元",
                   "按类别分组", "资产编码", "坐落位置", "片区/小区", "建筑面积㎡", "占地面积", "累计折旧", "使用状态",
                   "东街商铺", "西街商铺", "村口空地", "东片区/兰园小区", "3.50亩", "120.50", "2020-01-05",
                   "商铺小计2项", "土地小计1项", "合计3项",
                   "180,000.00", "25,000.00", "155,000.00", "200.50", "100,000.00",
                   "第 1 页 / 共 1 页", "制表人"):
        assert needle in text, needle
    # DOMAIN's order of 类别: 土地 before 商铺
    assert text.index("村口空地") < text.index("土地小计") < text.index("东街商铺") < text.index("商铺小计")


def test_register_by_area_puts_assets_without_one_last(assets, tmp_path, read_pdf):
    text = read_pdf(build_report(assets, "asset-register", tmp_path / "r.pdf", group="area",
                                 printed_on=AS_OF)).replace("\n", "")
    assert "按片区分组" in text and "东片区小计2项" in text and "未分片区小计1项" in text
    assert text.index("东片区小计") < text.index("西街商铺") < text.index("未分片区小计")
    with pytest.raises(InputError, match="分组"):
        build_report(assets, "asset-register", tmp_path / "x.pdf", group="owner", printed_on=AS_OF)
    with pytest.raises(InputError, match="--group"):
        build_report(assets, "idle-assets", tmp_path / "x.pdf", group="area", printed_on=AS_OF)


def test_idle_assets_longest_idle_first_with_days_to_the_report_date(assets, tmp_path, read_pdf):
    text = read_pdf(build_report(assets, "idle-assets", tmp_path / "i.pdf", printed_on=AS_OF)).replace("\n", "")
    for needle in ("闲置资产明细表", "兰花社区", "单位：元", "闲置天数", "400", "30", "合计2项", "80.00",
                   "55,000.00", "第 1 页 / 共 1 页"):
        assert needle in text, needle
    assert "东街商铺" not in text
    assert text.index("村口空地") < text.index("西街商铺")
    later = read_pdf(build_report(assets, "idle-assets", tmp_path / "j.pdf", printed_on=AS_OF + dt.timedelta(10)))
    assert "410" in later and "40" in later


def test_empty_register_still_prints(books, tmp_path, read_pdf):
    assert "资产台账中没有资产" in read_pdf(build_report(books, "asset-register", tmp_path / "e.pdf",
                                                          printed_on=AS_OF))
    assert "没有闲置资产" in read_pdf(build_report(books, "idle-assets", tmp_path / "e2.pdf", printed_on=AS_OF))


def _rows(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def _fen(value) -> int:
    return round(value * 100)


def test_register_workbook_holds_the_same_figures(assets, tmp_path):
    rows = _rows(export_report(assets, "asset-register", tmp_path / "r.xlsx", Period(2025, 1), Period(2025, 1)))
    assert "资产台账" in str(rows[0]) and "单位：元" in str(rows[1])
    header = rows[2]
    data = {r[1]: dict(zip(header, r)) for r in rows[3:] if r[1]}
    assert _fen(data["东街商铺"]["净值"]) == 100_000_00 and data["东街商铺"]["片区/小区"] == "东片区/兰园小区"
    assert (_fen(data["村口空地"]["占地面积"]), data["村口空地"]["占地面积单位"]) == (3_50, "亩")
    assert _fen(data["商铺小计"]["原值"]) == 180_000_00 and data["商铺小计"]["类别"] == "2项"
    total = data["合计"]
    assert (_fen(total["原值"]), _fen(total["累计折旧"]), _fen(total["净值"]), _fen(total["建筑面积㎡"])) == \
        (180_000_00, 25_000_00, 155_000_00, 200_50)
    by_area = _rows(export_report(assets, "asset-register", tmp_path / "a.xlsx", Period(2025, 1), Period(2025, 1),
                                  group="area"))
    assert "未分片区小计" in {r[1] for r in by_area}


def test_idle_workbook_holds_the_same_figures(assets, tmp_path):
    rows = _rows(export_report(assets, "idle-assets", tmp_path / "i.xlsx", Period(2025, 1), Period(2025, 1)))
    header = rows[2]
    data = [dict(zip(header, r)) for r in rows[3:]]
    assert [(d["名称"], d["闲置天数"]) for d in data[:2]] == [("村口空地", 400), ("西街商铺", 30)]
    assert (data[2]["名称"], data[2]["类别"]) == ("合计", "2项") and _fen(data[2]["净值"]) == 55_000_00


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_and_exports_both_reports(assets, tmp_path, capsys, read_pdf):
    db = str(assets.database_path)
    for name, needle in (("asset-register", "村口空地"), ("idle-assets", "西街商铺")):
        for suffix in ("pdf", "xlsx"):
            out_path = tmp_path / f"{name}.{suffix}"
            code, out, err = run(capsys, "--db", db, "report", name, "-o", str(out_path))
            assert code == 0, err
            text = read_pdf(out_path) if suffix == "pdf" else str(_rows(out_path))
            assert needle in text, (name, suffix)
    code, out, err = run(capsys, "--db", db, "report", "asset-register", "--group", "area", "-o",
                         str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert "按片区分组" in read_pdf(tmp_path / "a.pdf")

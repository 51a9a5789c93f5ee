"""资产负债表 and 收益及收益分配表 printed from real books, through the registry and the CLI."""
from __future__ import annotations

import datetime as dt

import pytest

from assetdesk.pdf import REPORTS, build_report
from assetdesk.pdf.statements import balance_sheet_rows
from tests.helpers import post, rent_account

PRINTED = dt.date(2025, 4, 1)


def fill(books):
    rent = rent_account(books)
    internal = books.accounts.add_sub_account("113", "一组").code
    books.accounts.set_opening_balances({"101": 1_000_00, "10201": 50_000_00, "151": 20_000_00,
                                         "152": -5_000_00, internal: -700_00, "301": -65_300_00})
    post(books, "2025-01-05", "收商铺租金", ("101", 1_234_50), (rent, -1_234_50))
    post(books, "2025-02-10", "付办公费", ("51301", 300_00), ("10201", -300_00))
    post(books, "2025-03-05", "收门面租金", ("10201", 16_409_02), (rent, -16_409_02))
    return books


@pytest.fixture
def filled(books):
    return fill(books)


def test_registered_for_cli_and_screens():
    assert REPORTS["balance-sheet"][0] == "资产负债表"
    assert REPORTS["income-statement"][0] == "收益及收益分配表"


def test_balance_sheet_prints_both_halves_and_totals(filled, tmp_path, read_pdf):
    pages = read_pdf.pages(build_report(filled, "balance-sheet", tmp_path / "bs.pdf", period="2025-03",
                                        printed_on=PRINTED))
    assert len(pages) == 1
    text = pages[0]
    for needle in ("资产负债表", "兰花社区", "2025年3月31日", "单位：元", "资产", "负债和所有者权益",
                   "年初数", "期末数", "流动资产：", "货币资金", "应付款项", "固定资产净值", "资产总计",
                   "负债和所有者权益总计", "未分配收益", "17,343.52", "68,343.52", "83,343.52",
                   "15,000.00", "700.00", "制表人", "审核人"):
        assert needle in text, needle
    assert "不相等" not in text


def test_balance_sheet_rows_pair_totals_side_by_side(filled):
    rows = balance_sheet_rows(filled.statements.balance_sheet("2025-03"))
    by_left = {row.cells[0].strip("\u3000"): row for row in rows}
    assert by_left["资产总计"].cells[4] == "负债和所有者权益总计"
    assert by_left["资产总计"].kind == "total"
    assert by_left["流动资产合计"].cells[4] == "流动负债合计"
    assert by_left["非流动资产合计"].cells[4] == "所有者权益合计"
    assert by_left["固定资产净值"].cells[4] == "负债合计"
    assert by_left["固定资产净值"].kind == "subtotal"  # printed as a pair of rules across both halves
    assert rows[-1].cells[3] == rows[-1].cells[7] == 83_343_52


def test_range_prints_its_last_month(filled, tmp_path, read_pdf):
    text = read_pdf(build_report(filled, "balance-sheet", tmp_path / "bs.pdf", period="2025-01~2025-02",
                                 printed_on=PRINTED))
    assert "2025年2月28日" in text


def test_income_statement_prints_month_and_year(filled, tmp_path, read_pdf):
    text = read_pdf(build_report(filled, "income-statement", tmp_path / "is.pdf", period="2025-03",
                                 printed_on=PRINTED))
    for needle in ("收益及收益分配表", "2025年3月", "本月数", "本年累计数", "经营收入", "经营收益",
                   "收益总额", "净收益", "可分配收益", "年末未分配收益", "16,409.02", "17,643.52",
                   "17,343.52", "300.00"):
        assert needle in text, needle


def test_cli_prints_balance_sheet(tmp_path):
    from assetdesk.cli import main
    from tests.conftest import _open

    db = tmp_path / "cli.db"
    books = _open(db)
    fill(books)
    books.close()
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db), "report", "balance-sheet", "-o", str(out), "--period", "2025-03"]) == 0
    assert out.exists() and out.stat().st_size > 1000
    assert main(["--db", str(db), "report", "income-statement", "-o", str(tmp_path / "y.pdf"),
                 "--period", "2025-03"]) == 0

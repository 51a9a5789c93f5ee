"""合同台账, 租金收缴台账 and 欠租账龄表 printed, exported and asked for on the command line, over books
with two leases billed through March 2025, one partly paid: the figures a clerk checks against the
contracts and the receipt book (应收, 实收, 欠款, the aging buckets, the 合计) in the PDF and the
workbook alike."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.cli import main
from assetdesk.errors import InputError
from assetdesk.excel.report_sheets import export_report
from assetdesk.pdf import build_report, lease_reports
from assetdesk.pdf.lease_reports import arrears_spec, build_rent_ledger, rent_ledger_spec
from assetdesk.pdf.report import render_table_report
from assetdesk.periods import Period, PeriodRange
from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.terms import PaymentCycle
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from assetdesk.services.receivables import ArrearsRow, Payer, ReceiptInput
from assetdesk.services.receivables.ledger import LedgerTotals, RentLedger, rent_ledger
from tests.helpers import day

PRINTED = dt.date(2025, 4, 1)  # the ledger of January–March counts receipts to March 31


@pytest.fixture
def leased(books):
    return lease_two(books)


def lease_two(books):
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", building_area_centi=120_00, status="闲置",
                                     idle_since=day("2024-06-01")))
    books.assets.register(AssetInput("ZC002", "村口空地", "土地", nature="资源性", land_area_centi=300,
                                     land_area_unit="亩", status="闲置", idle_since=day("2024-01-01")))
    books.leases.create(LeaseInput("HT2025-001", "张三", (LeasedAsset("ZC001"),), day("2025-01-01"), day("2025-12-31"),
                                   rent_fen=3000_00, deposit_fen=6000_00, purpose="餐饮", method="公开竞价",
                                   decision_ref="社决〔2024〕5号"))
    books.leases.create(LeaseInput("HT2025-002", "李四", (LeasedAsset("ZC002"),), day("2025-01-01"), day("2026-12-31"),
                                   rent_fen=2000_00, cycle=PaymentCycle.QUARTERLY, purpose="仓储"))
    books.leases.bill_rent("2025-03")  # 张三 1-3月 3×3,000.00; 李四 第一季度 6,000.00
    zhang = books.leases.get("HT2025-001")
    books.receivables.receive_deposit(zhang.id, 6000_00, day("2025-01-05"), "现金")
    books.receivables.receive(ReceiptInput(Payer.counterparty(zhang.tenant_id), day("2025-02-10"), 7500_00, "转账"))
    return books


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "").replace("\u3000", "")


# --- 租金收缴台账 ---------------------------------------------------------------------------------
def test_rent_ledger_lists_each_charge_with_subtotals_and_the_total(leased, tmp_path, read_pdf):
    text = flat(read_pdf(build_report(leased, "rent-ledger", tmp_path / "l.pdf", period="2025-01~2025-03",
                                      printed_on=PRINTED)))
    for needle in ("租金收缴台账", "兰花社区", "2025年1月—3月", "单位：元", "实收计至2025年3月31日",
                   "HT2025-001", "张三", "HT2025-002", "李四", "2025-03-01", "2025-03-01～2025-03-31",
                   "HT2025-001小计3笔9,000.007,500.001,500.0030",  # 应收 实收 欠款 and Mar 1's 30 days overdue
                   "合计2份合同4笔15,000.007,500.007,500.0089",  # 李四's quarter: 89 days on Mar 31
                   "第1页/共1页", "制表人", "审核人", "负责人"):
        assert needle in text, needle
    assert "HT2025-002小计" not in text  # one charge: its line is its subtotal


def test_a_long_ledger_prints_a_line_per_lease_with_the_same_total(leased, tmp_path, read_pdf, monkeypatch):
    year = flat(read_pdf(build_rent_ledger(leased, tmp_path / "y.pdf", PeriodRange.year(2025),
                                           printed_on=dt.date(2026, 1, 10))))
    assert "逐笔列示" in year and "2025年度" in year and "实收计至2025年12月31日" in year
    monkeypatch.setattr(lease_reports, "DETAIL_LIMIT", 3)  # more charges than a ledger lists one by one
    text = flat(read_pdf(build_rent_ledger(leased, tmp_path / "s.pdf", PeriodRange.year(2025),
                                           printed_on=dt.date(2026, 1, 10))))
    assert "共4笔，每份合同一行合计" in text and "到期笔数" in text
    assert "HT2025-001张三32025-03-01" in text  # 3 charges, the oldest still owed due Mar 1
    assert "合计2份合同4笔15,000.007,500.007,500.00" in text
    assert "2025-01-01～" not in text  # no charge lines


def test_rent_not_yet_billed_is_named_not_counted(leased, tmp_path, read_pdf):
    april = PeriodRange(Period(2025, 4), Period(2025, 4))
    text = flat(read_pdf(build_rent_ledger(leased, tmp_path / "a.pdf", april, printed_on=dt.date(2025, 4, 15))))
    assert "另有2笔已到期租金尚未出账" in text and "本期没有到期的租金" in text  # 张三's April, 李四's 2nd quarter
    leased.leases.bill_rent("2025-04")
    text = flat(read_pdf(build_rent_ledger(leased, tmp_path / "b.pdf", april, printed_on=dt.date(2025, 4, 15))))
    assert "尚未出账" not in text and "合计2份合同2笔9,000.009,000.0014" in text


def test_rent_ledger_counts_receipts_to_the_end_of_the_range(leased):
    db = leased.ctx.db
    before = rent_ledger(db, day("2025-01-01"), day("2025-03-31"), day("2025-02-09"))
    after = rent_ledger(db, day("2025-01-01"), day("2025-03-31"), day("2025-03-31"))
    assert (before.totals.received_fen, before.totals.outstanding_fen) == (0, 15000_00)
    assert (after.totals.received_fen, after.totals.outstanding_fen) == (7500_00, 7500_00)
    summary = rent_ledger(db, day("2025-01-01"), day("2025-03-31"), day("2025-03-31"), detail=False)
    assert summary.totals == after.totals and summary.charge_count == after.charge_count == 4
    zhang = next(lease for lease in summary.leases if lease.number == "HT2025-001")
    assert (zhang.oldest_owed_on, zhang.days_overdue) == (day("2025-03-01"), 30)


def test_rent_ledger_reads_the_same_on_postgresql(pg_books, tmp_path, read_pdf):
    books = lease_two(pg_books)
    for detail in (True, False):
        ledger = rent_ledger(books.ctx.db, day("2025-01-01"), day("2025-03-31"), day("2025-03-31"), detail=detail)
        assert (ledger.totals.due_fen, ledger.totals.received_fen, ledger.totals.outstanding_fen) == \
            (15000_00, 7500_00, 7500_00)
        assert [(lease.number, lease.oldest_owed_on, lease.days_overdue) for lease in ledger.leases] == \
            [("HT2025-001", day("2025-03-01"), 30), ("HT2025-002", day("2025-01-01"), 89)]
    text = flat(read_pdf(build_report(books, "rent-ledger", tmp_path / "l.pdf", period="2025-01~2025-03",
                                      printed_on=PRINTED)))
    assert "合计2份合同4笔15,000.007,500.007,500.0089" in text


def test_rent_ledger_shows_a_write_off_and_leaves_it_out_of_arrears(leased):
    li = next(c for c in leased.leases.schedule("HT2025-002") if c.state == "billed")
    leased.receivables.write_off(li.id, day("2026-01-20"), "承租方失联", "王主任", amount_fen=1000_00)
    ledger = rent_ledger(leased.ctx.db, day("2025-01-01"), day("2025-03-31"), day("2026-01-31"))
    assert (ledger.totals.due_fen, ledger.totals.written_off_fen, ledger.totals.outstanding_fen) == \
        (15000_00, 1000_00, 6500_00)
    at_march = rent_ledger(leased.ctx.db, day("2025-01-01"), day("2025-03-31"), day("2025-03-31"))
    assert (at_march.totals.written_off_fen, at_march.totals.outstanding_fen) == (0, 7500_00)


def test_empty_rent_ledger_still_prints(books, tmp_path, read_pdf):
    assert "本期没有到期的租金" in read_pdf(build_report(books, "rent-ledger", tmp_path / "e.pdf",
                                                          printed_on=PRINTED))


# --- 欠租账龄表 ----------------------------------------------------------------------------------
def test_arrears_ages_each_lease_and_totals_the_buckets(leased, tmp_path, read_pdf):
    text = flat(read_pdf(build_report(leased, "arrears", tmp_path / "a.pdf", period="2025-03",
                                      printed_on=PRINTED)))
    for needle in ("欠租账龄表", "截至2025年3月31日", "账龄", "1–30天", "31–90天", "91–180天", "181–365天",
                   "365天以上", "张三HT2025-00112025-03-01301,500.001,500.00",
                   "李四HT2025-00212025-01-01896,000.006,000.00",
                   "合计2份合同2897,500.001,500.006,000.00"):
        assert needle in text, needle
    assert text.index("李四") < text.index("张三")  # the longest overdue first: the tenant to chase


def test_a_tenant_with_two_leases_gets_a_subtotal(tmp_path, read_pdf):
    def row(lease_id, number, buckets):
        return ArrearsRow(Payer.counterparty(1), "王五", "lease", lease_id, number, 2, sum(buckets), buckets,
                          day("2024-01-01"), 455)
    rows = [row(1, "HT-A", (100_00, 0, 0, 0, 900_00)), row(2, "HT-B", (0, 200_00, 0, 300_00, 0))]
    spec = arrears_spec(rows, as_of=day("2025-03-31"), community="兰花社区", printed_on=PRINTED)
    text = flat(read_pdf(render_table_report(tmp_path / "w.pdf", spec)))
    assert "王五小计2份合同44551,500.00100.00200.00300.00900.00" in text
    assert "合计2份合同44551,500.00100.00200.00300.00900.00" in text


def test_arrears_default_to_the_day_printed(leased, tmp_path, read_pdf):
    text = flat(read_pdf(build_report(leased, "arrears", tmp_path / "a.pdf", printed_on=dt.date(2025, 7, 1))))
    # on Jul 1: 张三's March rent is 122 days old (91–180), 李四's quarter 181 (181–365)
    assert "截至2025年7月1日" in text
    assert "张三HT2025-00112025-03-011221,500.001,500.00" in text
    assert "李四HT2025-00212025-01-011816,000.006,000.00" in text


def test_no_arrears_still_prints(books, tmp_path, read_pdf):
    assert "没有欠租" in read_pdf(build_report(books, "arrears", tmp_path / "e.pdf", printed_on=PRINTED))


# --- 合同台账 -------------------------------------------------------------------------------------
def test_lease_register_by_status_and_by_asset(leased, tmp_path, read_pdf):
    text = flat(read_pdf(build_report(leased, "lease-register", tmp_path / "r.pdf", printed_on=PRINTED)))
    for needle in ("合同台账", "截至2025年4月1日", "按状态分组", "HT2025-001", "张三", "东街商铺", "120.00", "餐饮",
                   "公开竞价", "社决〔2024〕5号", "2025-01-01", "2025-12-31", "3,000.00元/月", "季",
                   "6,000.006,000.00",  # 押金 应收 / 在押
                   "协议无决议文号",  # 李四's lease has none: the 预警 a reviewer looks for
                   "生效小计2份", "合计2份", "15,000.007,500.007,500.00"):
        assert needle in text, needle
    by_asset = flat(read_pdf(build_report(leased, "lease-register", tmp_path / "a.pdf", group="asset",
                                          printed_on=PRINTED)))
    assert "按资产分组" in by_asset and "ZC001东街商铺小计1份" in by_asset and "ZC002村口空地小计1份" in by_asset
    assert by_asset.index("ZC001东街商铺小计") < by_asset.index("ZC002村口空地小计")
    with pytest.raises(InputError, match="合同台账不能按"):
        build_report(leased, "lease-register", tmp_path / "x.pdf", group="category", printed_on=PRINTED)
    with pytest.raises(InputError, match="--group"):
        build_report(leased, "rent-ledger", tmp_path / "x.pdf", group="status", printed_on=PRINTED)


def test_empty_lease_register_still_prints(books, tmp_path, read_pdf):
    assert "没有租赁合同" in read_pdf(build_report(books, "lease-register", tmp_path / "e.pdf", printed_on=PRINTED))


# --- Excel --------------------------------------------------------------------------------------
def _rows(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def _fen(value) -> int:
    return round(value * 100)


def _by_first(rows) -> dict:
    header = rows[2]
    return {r[0]: dict(zip(header, r)) for r in rows[3:] if r[0]}


def test_workbooks_carry_the_printed_totals(leased, tmp_path):
    ledger = _by_first(_rows(export_report(leased, "rent-ledger", tmp_path / "l.xlsx", Period(2025, 1),
                                           Period(2025, 3))))
    total = ledger["合计"]
    assert (_fen(total["应收"]), _fen(total["实收"]), _fen(total["欠款"])) == (15000_00, 7500_00, 7500_00)
    assert _fen(ledger["HT2025-001小计"]["欠款"]) == 1500_00
    register = _rows(export_report(leased, "lease-register", tmp_path / "r.xlsx", Period(2025, 1), Period(2025, 1)))
    header = register[2]
    data = {r[1]: dict(zip(header, r)) for r in register[3:] if r[1]}
    assert (_fen(data["合计"]["累计应收"]), _fen(data["合计"]["累计已收"]), _fen(data["合计"]["欠款"])) == \
        (15000_00, 7500_00, 7500_00)
    assert _fen(data["张三"]["押金在押"]) == 6000_00 and data["张三"]["决议文号"] == "社决〔2024〕5号"
    aging = _by_first(_rows(export_report(leased, "arrears", tmp_path / "a.xlsx", Period(2025, 3), Period(2025, 3),
                                          as_of=day("2025-03-31"))))
    total = aging["合计"]
    assert _fen(total["欠款合计"]) == 7500_00
    assert (_fen(total["1–30天"]), _fen(total["31–90天"])) == (1500_00, 6000_00)


# --- the command line ---------------------------------------------------------------------------
def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_and_exports_the_lease_reports(leased, tmp_path, capsys, read_pdf):
    db = str(leased.database_path)
    for name, extra, needle in (("lease-register", (), "HT2025-001"), ("rent-ledger", ("--period", "2025-03"), "张三"),
                                ("arrears", ("--period", "2025-03"), "李四")):
        for suffix in ("pdf", "xlsx"):
            out_path = tmp_path / f"{name}.{suffix}"
            code, out, err = run(capsys, "--db", db, "report", name, *extra, "-o", str(out_path))
            assert code == 0, err
            text = flat(read_pdf(out_path)) if suffix == "pdf" else str(_rows(out_path))
            assert needle in text, (name, suffix)
    code, out, err = run(capsys, "--db", db, "report", "lease-register", "--group", "asset", "-o",
                         str(tmp_path / "g.pdf"))
    assert code == 0, err
    assert "按资产分组" in read_pdf(tmp_path / "g.pdf")
    code, out, err = run(capsys, "--db", db, "report", "arrears", "--number", "1", "-o", str(tmp_path / "n.pdf"))
    assert code == 1 and "--number" in err
    for suffix in ("pdf", "xlsx"):  # a day before the books began: nothing owed yet, not refused
        out_path = tmp_path / f"early.{suffix}"
        code, out, err = run(capsys, "--db", db, "report", "arrears", "--year", "2024", "-o", str(out_path))
        assert code == 0, err
        text = flat(read_pdf(out_path)) if suffix == "pdf" else str(_rows(out_path))
        assert "截至2024年12月31日" in text and "HT2025" not in text, suffix


def test_specs_render_from_plain_rows(tmp_path, read_pdf):
    """The UI's preview fills the spec from the same read model; an empty ledger prints its note."""
    ledger = RentLedger(day("2025-01-01"), day("2025-01-31"), day("2025-01-31"), (), LedgerTotals())
    path = render_table_report(tmp_path / "s.pdf", rent_ledger_spec(ledger, period_label="2025年1月", community="兰花社区",
                                                                     printed_on=PRINTED))
    assert "本期没有到期的租金" in read_pdf(path)

"""辅助余额表 / 辅助明细账 printed, exported to Excel and asked for on the command line: the tenants'
names and amounts, the same figures in the PDF and in the workbook."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.cli import main
from assetdesk.db.models import Account, AccountDimension
from assetdesk.errors import AccountError, InputError
from assetdesk.excel.report_sheets import export_report
from assetdesk.money import format_amount
from assetdesk.pdf import build_report
from assetdesk.periods import Period
from assetdesk.services.org_types import CompoundInput, CounterpartyInput
from tests.aux_books import LI, TEA, post_aux, tenant_book
from tests.helpers import rent_account

PRINTED = dt.date(2025, 4, 1)


@pytest.fixture
def tenants(books):
    tenant_book(books)
    return books


def test_aux_balance_prints_every_tenant_the_unassigned_row_and_the_total(tenants, tmp_path, read_pdf):
    path = build_report(tenants, "aux-balance", tmp_path / "b.pdf", period="2025-02~2025-03", account="112",
                        printed_on=PRINTED)
    text = read_pdf(path)
    for needle in ("辅助余额表", "兰花社区", "2025年2月—3月", "单位：元", "科目：112 应收款", "辅助核算：往来单位",
                   "期初余额", "本期发生额", "本年累计发生额", "期末余额", "证件号码", TEA, LI,
                   "91530100MA6K0000XR", "（未指定往来单位）", "合计", "第 1 页 / 共 1 页", "制表人",
                   "3,000.00", "2,500.00", "550.00", "3,350.00"):
        assert needle in text, needle
    balance = tenants.aux.balance("112", "2025-02", "2025-03")
    assert format_amount(balance.totals.closing_amount_fen) == "3,350.00"


def test_aux_ledger_of_one_tenant_by_name(tenants, tmp_path, read_pdf):
    path = build_report(tenants, "aux-ledger", tmp_path / "l.pdf", period="2025-01~2025-03", account="112",
                        counterparty=TEA, printed_on=PRINTED)
    text = read_pdf(path)
    for needle in ("辅助明细账", f"往来单位：{TEA}", "科目：112 应收款", "上年结转", "收茶源租金", "记-0001",
                   "本月合计", "本年累计", "1,500.00", "2,500.00"):
        assert needle in text, needle
    assert LI not in text and "未指定往来单位的挂账" not in text


def test_aux_ledger_of_every_tenant_one_section_each(tenants, tmp_path, read_pdf):
    path = build_report(tenants, "aux-ledger", tmp_path / "l.pdf", period="2025-03", account="112",
                        printed_on=PRINTED)
    pages = read_pdf.pages(path)
    headings = [next(line for line in page.splitlines() if line.startswith("科目：")) for page in pages]
    assert [h.split("往来单位：")[1] for h in headings] == \
        [f"{TEA}（91530100MA6K0000XR）", f"{LI}（530102198001010023）", "（未指定往来单位）"]


def test_aux_ledger_carries_across_pages(books, tmp_path, read_pdf):
    """A tenant with more lines than a page: 过次页 at the foot, 承前页 at the head of the next."""
    rent = rent_account(books)
    tea = books.org.add_counterparty(CounterpartyInput(TEA))
    for n in range(60):
        post_aux(books, f"2025-01-{1 + n % 28:02d}", f"租金{n}", ("112", 100_00, {"counterparty_id": tea.id}),
                 (rent, -100_00, {}))
    text = read_pdf(build_report(books, "aux-ledger", tmp_path / "l.pdf", period="2025-01", account="112",
                                 counterparty=TEA, printed_on=PRINTED))
    assert "过次页" in text and "承前页" in text and "6,000.00" in text


def test_aux_reports_refuse_options_of_another_report_or_an_account_without_dimensions(tenants, tmp_path):
    with pytest.raises(InputError, match="--counterparty"):
        build_report(tenants, "aux-balance", tmp_path / "x.pdf", period="2025-03", account="112",
                     counterparty=TEA, printed_on=PRINTED)
    with pytest.raises(InputError, match="--dimension"):
        build_report(tenants, "ledger", tmp_path / "x.pdf", period="2025-03", dimension="小区", printed_on=PRINTED)
    with pytest.raises(AccountError, match="没有设置辅助核算"):
        build_report(tenants, "aux-balance", tmp_path / "x.pdf", period="2025-03", account="102", printed_on=PRINTED)
    assert not (tmp_path / "x.pdf").exists()


def test_without_an_account_every_declared_account_prints(tenants, tmp_path, read_pdf):
    """211 declared by 往来单位 too: the 辅助余额表 of all accounts holds 112 and 211, a section each."""
    AccountDimension.create(account=Account.get(Account.code == "211"), dimension="counterparty")
    pages = read_pdf.pages(build_report(tenants, "aux-balance", tmp_path / "all.pdf", period="2025-03",
                                        printed_on=PRINTED))
    assert len(pages) == 2 and "科目：112 应收款" in pages[0] and "科目：211 应付款" in pages[1]
    assert TEA in pages[1] and "50.00" in pages[1]
    text = read_pdf(build_report(tenants, "aux-ledger", tmp_path / "tea.pdf", period="2025-03", counterparty=TEA,
                                 printed_on=PRINTED))
    assert "他科目的往来单位" in text and "科目：211 应付款" in text and "科目：112 应收款" in text
    sheet = _sheet_rows(export_report(tenants, "aux-balance", tmp_path / "all.xlsx", Period(2025, 3), Period(2025, 3)))
    assert sheet[2][:5] == ("科目编码", "科目名称", "辅助核算", "编码", "核算项目")
    assert {(r[0], r[4]) for r in sheet[3:] if r[0]} >= {("112", TEA), ("112", "合计"), ("211", TEA)}


def _sheet_rows(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_aux_balance_workbook_holds_the_same_figures_as_the_report(tenants, tmp_path):
    path = export_report(tenants, "aux-balance", tmp_path / "b.xlsx", Period(2025, 2), Period(2025, 3), "112")
    rows = _sheet_rows(path)
    assert rows[0][0].startswith("兰花社区") and "辅助余额表 112 应收款（往来单位）（2025年2月—3月）" in rows[0][0]
    data = {r[1]: r for r in rows if r[1]}
    balance = tenants.aux.balance("112", "2025-02", "2025-03")
    for row in (*balance.rows, balance.totals):
        read = data[row.name]
        assert read[0] == (row.code or None) and read[2] == row.opening_direction and read[8] == row.closing_direction
        assert round(float(read[3]) * 100) == row.opening_amount_fen
        assert round(float(read[9]) * 100) == row.closing_amount_fen
        assert round(float(read[4] or 0) * 100) == row.debit_fen and round(float(read[5] or 0) * 100) == row.credit_fen
    assert round(float(data["合计"][9]) * 100) == 3_350_00


def test_aux_ledger_workbook_lists_each_tenant_entries(tenants, tmp_path):
    path = export_report(tenants, "aux-ledger", tmp_path / "l.xlsx", Period(2025, 1), Period(2025, 3), "112",
                         counterparty=LI)
    rows = _sheet_rows(path)
    assert f"辅助明细账 112 应收款 {LI}（2025年1月—3月）" in rows[0][0]
    lines = [r for r in rows if r[3] and str(r[3]).startswith("记-")]
    assert {r[1] for r in lines} == {LI}
    assert [(r[4], round(float(r[5] or r[6]) * 100)) for r in lines] == \
        [("一月租金", 400_00), ("收李秀英租金", 900_00), ("代垫押金", 300_00)]
    last = [r for r in rows if r[4] == "本年累计"][-1]
    assert last[7] == "借" and round(float(last[8]) * 100) == 300_00


# --- the command line -------------------------------------------------------------------------
def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_aux_balance_as_pdf_and_xlsx(tenants, tmp_path, capsys, read_pdf):
    db = str(tenants.database_path)
    code, out, err = run(capsys, "--db", db, "report", "aux-balance", "--account", "112", "-o",
                         str(tmp_path / "b.pdf"), "--period", "2025-03")
    assert code == 0, err
    assert TEA in read_pdf(tmp_path / "b.pdf") and "2025年3月" in read_pdf(tmp_path / "b.pdf")
    code, out, err = run(capsys, "--db", db, "report", "aux-balance", "--account", "112", "-o",
                         str(tmp_path / "b.xlsx"), "--year", "2025", "--dimension", "counterparty")
    assert code == 0, err
    assert LI in {r[1] for r in _sheet_rows(tmp_path / "b.xlsx")}


def test_cli_aux_ledger_of_a_counterparty_or_a_compound(tenants, tmp_path, capsys, read_pdf):
    tenants.org.add_area("P01", "东片区")  # written before the command runs: the models follow the last books opened
    tenants.org.add_compound(CompoundInput("XQ001", "兰苑小区", "P01"))
    db = str(tenants.database_path)
    code, _, err = run(capsys, "--db", db, "report", "aux-ledger", "--account", "112", "--counterparty", LI,
                       "-o", str(tmp_path / "l.pdf"), "--period", "2025-01~2025-03")
    assert code == 0, err
    assert "收李秀英租金" in read_pdf(tmp_path / "l.pdf") and "收茶源租金" not in read_pdf(tmp_path / "l.pdf")
    code, _, err = run(capsys, "--db", db, "report", "aux-ledger", "--account", "112", "--compound", "XQ001",
                       "-o", str(tmp_path / "c.xlsx"), "--period", "2025-03")
    assert code == 0, err
    assert "兰苑小区" in _sheet_rows(tmp_path / "c.xlsx")[3][1]


def test_cli_refuses_twins_and_unknown_names_in_chinese(tenants, tmp_path, capsys, read_pdf):
    tenants.org.add_counterparty(CounterpartyInput(LI, "个人", "530102199002020033"))
    db = str(tenants.database_path)
    code, _, err = run(capsys, "--db", db, "report", "aux-ledger", "--account", "112", "--counterparty", LI,
                       "-o", str(tmp_path / "l.pdf"), "--period", "2025-03")
    assert code == 1 and "都叫“李秀英”" in err and "证件号码" in err and not (tmp_path / "l.pdf").exists()
    code, _, err = run(capsys, "--db", db, "report", "aux-ledger", "--account", "112", "--counterparty",
                       "530102199002020033", "-o", str(tmp_path / "l.pdf"), "--period", "2025-03")
    assert code == 0, err
    code, _, err = run(capsys, "--db", db, "report", "aux-balance", "-o", str(tmp_path / "x.pdf"), "--period", "2025-03")
    assert code == 0 and "科目：112 应收款" in read_pdf(tmp_path / "x.pdf")  # every declared account
    code, _, err = run(capsys, "--db", db, "report", "trial-balance", "--counterparty", LI, "-o", str(tmp_path / "y.pdf"))
    assert code == 1 and "--counterparty" in err and not (tmp_path / "y.pdf").exists()


def test_printed_voucher_names_the_tenant_after_the_account(tenants, tmp_path, read_pdf):
    text = read_pdf(build_report(tenants, "vouchers", tmp_path / "v.pdf", period="2025-02", printed_on=PRINTED))
    assert "11201 应收款—租金—" in text and "普洱茶源商贸有限公" in text.replace("\n", "")
    assert "102 银行存款" in text

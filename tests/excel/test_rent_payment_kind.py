"""Historical rent receipts (kind ``rent-payments``) moving off paper: each paper receipt by its
number, the payer by name, the contract when given; the money settles rent already billed, oldest
first, and becomes credit (预收) when nothing is billed yet, which the check says before importing."""
from __future__ import annotations

import datetime as dt

import pytest

from assetdesk.excel import ImportRejectedError, import_file
from assetdesk.excel.kinds.rent_payments import NOTHING_OPEN
from assetdesk.services.receivables import Payer

from .helpers import listed, make_workbook
from .test_lease_kinds import _contracts, with_assets  # noqa: F401  (the fixture)

D = dt.date
HEADER = ["序号", "收据编号", "交款人", "合同号", "缴款日期", "收款金额", "支付方式", "事由", "备注"]
BOOK = [
    ["兰花社区2025年租金收款登记簿"],
    ["单位：元"],
    HEADER,
    [1, "0000101", "叶桂霞", "ZL2025-001", "2025-01-05", 6000, "银行转账", "2025年一季度租金", None],
    [2, "0000102", "兰花物业有限公司", None, "2025-02-03", 5000, "微信支付", "2月租金", None],
    [3, "0000103", "张三", "ZL2025-003", dt.datetime(2025, 3, 1), "3,000.00", "现金", "1-3月停车场租金", "补录"],
    ["合计", None, None, None, None, 14000],
    ["收款人：王会计", None, None, "复核：李主任"],
]


@pytest.fixture
def billed(with_assets, tmp_path):  # noqa: F811
    books = with_assets
    import_file(books, "leases", _contracts(tmp_path))
    books.leases.bill_rent("2025-03")
    return books


def _book(tmp_path, rows=BOOK, name="收款登记簿.xlsx"):
    return make_workbook(tmp_path / name, rows, merges=("A1:I1",))


def _payer(books, name):
    return Payer.counterparty(books.org.find_counterparty(name).id)


def test_paper_receipts_import_and_settle_the_billed_rent(billed, tmp_path):
    books = billed
    path = _book(tmp_path)
    assert listed(import_file(books, "rent-payments", path, dry_run=True)) == [
        "新增 0000101 叶桂霞 6,000.00元", "新增 0000102 兰花物业有限公司 5,000.00元", "新增 0000103 张三 3,000.00元"]
    import_file(books, "rent-payments", path)
    first = books.receivables.receipt("0000101")
    assert (first.payer_name, first.received_on, first.amount_fen, first.method, first.summary) == \
        ("叶桂霞", D(2025, 1, 5), 6000_00, "转账", "2025年一季度租金")
    assert first.source == "lease" and first.source_id == books.leases.get("ZL2025-001").id
    assert first.credit_fen == 0 and [a.amount_fen for a in first.allocations] == [6000_00]
    assert books.receivables.receipt("0000102").method == "微信"
    third = books.receivables.receipt("0000103")
    assert (third.method, third.note, sum(a.amount_fen for a in third.allocations)) == ("现金", "补录", 3000_00)
    assert books.leases.schedule("ZL2025-001")[0].outstanding_fen == 0
    assert [c.outstanding_fen for c in books.leases.schedule("ZL2025-003")[:3]] == [0, 0, 0]
    # 兰花物业 paid February only: March is still owed
    owed = {row.source_label: row.outstanding_fen for row in books.receivables.arrears(D(2025, 3, 15), "lease")}
    assert owed == {"ZL2025-002": 5000_00}


def test_importing_the_receipts_twice_changes_nothing(billed, tmp_path):
    books = billed
    path = _book(tmp_path)
    import_file(books, "rent-payments", path)
    before = books.receivables.receipts()
    preview = import_file(books, "rent-payments", path)
    assert listed(preview) == [] and preview.unchanged == 3
    assert books.receivables.receipts() == before


def test_money_for_rent_not_billed_yet_becomes_credit_and_the_check_says_so(with_assets, tmp_path):  # noqa: F811
    books = with_assets
    import_file(books, "leases", _contracts(tmp_path))  # no bill-rent run
    path = _book(tmp_path, BOOK[:4])
    assert listed(import_file(books, "rent-payments", path, dry_run=True)) == \
        [f"新增 0000101 叶桂霞 6,000.00元：{NOTHING_OPEN}"]
    import_file(books, "rent-payments", path)
    assert books.receivables.credit_of(_payer(books, "叶桂霞")) == 6000_00
    assert "bill-rent" in NOTHING_OPEN and "预收" in NOTHING_OPEN


def test_bad_receipts_are_reported_by_row_and_column_and_nothing_is_written(billed, tmp_path):
    books = billed
    rows = [list(row) for row in BOOK[:6]]
    rows[3][2] = "王五"  # nobody of that name
    rows[4][3] = "ZL2025-001"  # 兰花物业 does not rent that contract
    rows[5][6] = "刷脸"
    rows.append([4, "0000104", "张三", "ZL2099-009", "2025-03-02", 100, "现金", None, None])
    rows.append([5, "0000105", "张三", None, "2025-03-02", -100, "现金", None, None])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "rent-payments", _book(tmp_path, rows))
    errors = {(e.row, e.column): e.reason for e in caught.value.preview.errors}
    assert "往来单位或个人“王五”不存在" in errors[(4, "C（交款人）")]
    assert "不是合同“ZL2025-001”的承租方（叶桂霞）" in errors[(5, "C（交款人）")]
    assert "“刷脸”不是可选的值" in errors[(6, "G（支付方式）")]
    assert "合同编号“ZL2099-009”不存在" in errors[(7, "D（合同号）")]
    assert "收款金额须大于 0" in errors[(8, "F（收款金额）")]
    assert len(errors) == 5
    assert books.receivables.receipts() == []


def test_a_receipt_number_already_used_for_another_payment_is_refused(billed, tmp_path):
    books = billed
    import_file(books, "rent-payments", _book(tmp_path))
    rows = [HEADER, [1, "0000102", "兰花物业有限公司", None, "2025-03-03", 5000, "转账", "3月租金", None]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "rent-payments", make_workbook(tmp_path / "again.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert (error.row, error.column) == (2, "B（收据编号）")
    assert "收据号已用于 2025-02-03 兰花物业有限公司 的收款 5,000.00 元" in error.reason
    assert len(books.receivables.receipts()) == 3


def test_the_cli_imports_receipts(billed, tmp_path, capsys):
    from assetdesk.cli import main

    path = _book(tmp_path)
    db = str(billed.database_path)
    billed.close()
    assert main(["--db", db, "import", "rent-payments", str(path)]) == 0
    assert "新增 3" in capsys.readouterr().out


def test_the_receipts_export_re_imports_unchanged(billed, tmp_path):
    from assetdesk.excel import export_file

    books = billed
    import_file(books, "rent-payments", _book(tmp_path))
    out = export_file(books, "rent-payments", tmp_path / "收款导出.xlsx")
    preview = import_file(books, "rent-payments", out, dry_run=True)
    assert preview.errors == [] and listed(preview) == [] and preview.unchanged == 3


def test_a_receipt_book_chosen_as_leases_is_named_for_what_it_is(books, tmp_path):
    from assetdesk.errors import ImportFileError

    with pytest.raises(ImportFileError, match="是租金收款记录") as caught:
        import_file(books, "leases", _book(tmp_path), dry_run=True)
    assert caught.value.suggested_kind == "rent-payments"

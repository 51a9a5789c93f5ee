"""收款收据 printed (DOMAIN §9, §2.1): three copies 存根 / 收据 / 记账 on one A4 page, the amount in
大写 and in figures, the months the money settled, and a large 作废 on every copy of a voided
receipt, never on a valid one; ``assetdesk report receipt --number N`` and its refusals."""
from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import pytest
from pypdf import PdfReader

from assetdesk.cli import main
from assetdesk.errors import InputError, NotFoundError
from assetdesk.money import to_capital
from assetdesk.pdf import build_report
from assetdesk.pdf.receipt import render_receipt
from assetdesk.services.receivables.ledger import months_text, receipt_reason
from assetdesk.services.receivables.types import Allocation, Payer, ReceiptView
from tests.helpers import day
from tests.pdf.test_lease_reports import flat, leased  # noqa: F401  (the books with two leases)

PRINTED = dt.date(2025, 4, 1)


def _view(**changes) -> ReceiptView:
    allocations = tuple(Allocation(i, "租金", dt.date(2026, m, 1), dt.date(2026, m, 28), dt.date(2026, m, 1), 3000_00)
                        for i, m in enumerate((1, 2, 3), start=1))
    view = ReceiptView(1, "2026-0012", Payer.counterparty(1), "普洱茶源商贸有限公司", "charges", "lease", 1,
                       dt.date(2026, 1, 15), "微信", 16409_02, 0, "", "", False, None, "", "李会计", allocations,
                       "2026-01 记-0012")
    return dataclasses.replace(view, **changes)


def _rent_receipt(books) -> ReceiptView:
    return next(r for r in books.receivables.receipts() if r.purpose == "charges")


def test_three_copies_on_one_page_with_the_amount_in_capitals(leased, tmp_path, read_pdf):  # noqa: F811
    receipt = _rent_receipt(leased)
    path = build_report(leased, "receipt", tmp_path / "r.pdf", number=receipt.number, printed_on=PRINTED)
    assert len(PdfReader(str(path)).pages) == 1
    text = flat(read_pdf(path))
    for copy in ("第一联存根", "第二联收据（交付款人）", "第三联记账"):
        assert copy in text, copy
    assert text.count("收款收据") == 3 and text.count(f"NO.{receipt.number}") == 3
    capital = to_capital(7500_00)
    assert capital == "柒仟伍佰元整"
    for needle in ("收款单位：兰花社区", "2025年02月10日", "交款单位（人）张三", "收款事由2025年1-3月租金",
                   f"人民币{capital}", "¥7,500.00", "收款方式转账", "收款人：测试会计", "单位盖章", "交款人："):
        assert text.count(needle) == 3, needle
    assert text.count("沿虚线裁开") == 2  # the cut lines between the three copies
    assert "作废" not in text


def test_a_voided_receipt_prints_void_on_every_copy(leased, tmp_path, read_pdf):  # noqa: F811
    receipt = _rent_receipt(leased)
    leased.receivables.void_receipt(receipt.number, day("2025-03-01"), "金额开错")
    text = flat(read_pdf(build_report(leased, "receipt", tmp_path / "v.pdf", number=receipt.number,
                                      printed_on=PRINTED)))
    assert text.count("本收据已于2025-03-01作废，原因：金额开错") == 3
    assert text.count("作废") == 6  # the large mark and the line under each copy
    assert text.count(f"NO.{receipt.number}") == 3 and "¥7,500.00" in text  # the number and amount stay


def test_a_deposit_receipt_names_the_contract(leased, tmp_path, read_pdf):  # noqa: F811
    deposit = next(r for r in leased.receivables.receipts() if r.purpose == "deposit")
    text = flat(read_pdf(build_report(leased, "receipt", tmp_path / "d.pdf", number=deposit.number,
                                      printed_on=PRINTED)))
    assert text.count("收款事由押金合同HT2025-001") == 3 and "人民币陆仟元整" in text and "收款方式现金" in text


def test_a_receipt_from_plain_data_prints_domain_capitals(tmp_path, read_pdf):
    text = flat(read_pdf(render_receipt(tmp_path / "p.pdf", _view(), community="兰花社区", printed_on=PRINTED)))
    assert text.count("人民币壹万陆仟肆佰零玖元零贰分") == 3 and text.count("¥16,409.02") == 3
    assert "记账凭证：2026-01记-0012" in text and "收款方式微信" in text
    void = flat(read_pdf(render_receipt(tmp_path / "v.pdf", _view(is_void=True, voided_on=dt.date(2026, 1, 16)),
                                        community="兰花社区", printed_on=PRINTED)))
    assert void.count("作废") == 6


def test_the_reason_names_the_months_settled():
    assert receipt_reason(_view()) == "2026年1-3月租金"
    across = (Allocation(1, "租金", dt.date(2025, 11, 1), dt.date(2026, 1, 31), dt.date(2025, 11, 1), 9000_00),
              Allocation(2, "租金", dt.date(2026, 4, 1), dt.date(2026, 4, 30), dt.date(2026, 4, 1), 3000_00))
    assert months_text(across) == "2025年11月-2026年1月、2026年4月"
    assert receipt_reason(_view(allocations=across[1:], credit_fen=500_00)) == "2026年4月租金、预收款¥500.00"
    assert receipt_reason(_view(allocations=(), summary="补交水电费")) == "补交水电费"


def test_a_missing_or_unknown_number_is_refused(leased, tmp_path):  # noqa: F811
    with pytest.raises(InputError, match="--number"):
        build_report(leased, "receipt", tmp_path / "x.pdf", printed_on=PRINTED)
    with pytest.raises(NotFoundError, match="没有收据号为“9999”的收据"):
        build_report(leased, "receipt", tmp_path / "x.pdf", number="9999", printed_on=PRINTED)
    assert not (tmp_path / "x.pdf").exists()


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_and_exports_a_receipt(leased, tmp_path, capsys, read_pdf):  # noqa: F811
    db, number = str(leased.database_path), _rent_receipt(leased).number
    code, out, err = run(capsys, "--db", db, "report", "receipt", "--number", number, "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    assert str(tmp_path / "r.pdf") in out and flat(read_pdf(tmp_path / "r.pdf")).count("第一联存根") == 1
    code, out, err = run(capsys, "--db", db, "report", "receipt", "--number", number, "-o", str(tmp_path / "r.xlsx"))
    assert code == 0, err
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True))
    data = dict(zip(rows[2], rows[3]))
    assert (data["收据号"], data["交款单位（人）"], data["收款事由"], data["金额（大写）"], data["状态"]) == \
        (number, "张三", "2025年1-3月租金", "人民币柒仟伍佰元整", "有效")
    assert round(data["金额"] * 100) == 7500_00
    code, out, err = run(capsys, "--db", db, "report", "receipt", "-o", str(tmp_path / "n.pdf"))
    assert code == 1 and "--number" in err and not (tmp_path / "n.pdf").exists()
    code, out, err = run(capsys, "--db", db, "report", "receipt", "--number", "9999", "-o", str(tmp_path / "u.pdf"))
    assert code == 1 and "没有收据号为“9999”的收据" in err and not (tmp_path / "u.pdf").exists()
    code, out, err = run(capsys, "--db", db, "report", "ledger", "--number", number, "-o", str(tmp_path / "l.pdf"))
    assert code == 1 and "--number 只用于 receipt" in err

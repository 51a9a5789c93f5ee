"""`assetdesk bill-rent --through YYYY-MM`: the due-rent run from the command line, idempotent."""
from __future__ import annotations

from assetdesk.cli import main
from assetdesk.services import open_books
from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.terms import PaymentCycle
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from tests.helpers import day


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_bill_rent_posts_due_rent_once(tmp_path, capsys):
    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    books = open_books(db)
    try:
        books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", building_area_centi=120_00))
        books.leases.create(LeaseInput("HT2025-001", "张三", (LeasedAsset("ZC001"),), day("2025-01-01"),
                                       day("2025-12-31"), rent_fen=3000_00, cycle=PaymentCycle.MONTHLY,
                                       decision_ref="社决〔2024〕5号"))
    finally:
        books.close()
    code, out, err = run(capsys, "--db", db, "bill-rent", "--through", "2025-03")
    assert code == 0, err
    assert out.startswith("已出账 3 笔应收租金，合计 ¥9,000.00，凭证 2025-01 记-") and " 至 2025-03 记-" in out
    code, out, _ = run(capsys, "--db", db, "bill-rent", "--through", "2025-03")
    assert (code, out.strip()) == (0, "截至 2025-03 没有到期未出账的租金")
    code, out, _ = run(capsys, "--db", db, "bill-rent", "--through", "2025-04")
    assert code == 0 and out.startswith("已出账 1 笔应收租金，合计 ¥3,000.00，凭证 2025-04 记-") and "至" not in out
    code, _, err = run(capsys, "--db", db, "bill-rent", "--through", "2025-13")
    assert code == 1 and "2025-13" in err

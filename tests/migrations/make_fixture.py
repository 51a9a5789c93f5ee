"""Write the fixture database of the current schema version (run when a schema version is released):

    python -m tests.migrations.make_fixture

It holds a small set of books so the upgrade test can check that nothing is lost.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from assetdesk.db.migrations import LATEST_VERSION
from assetdesk.services import open_books
from assetdesk.services.org import CompoundInput, CounterpartyInput
from assetdesk.services.vouchers import LineInput, VoucherInput

FIXTURES = Path(__file__).parent / "fixtures"


# What each version lacks compared with the next one (so an old fixture can be re-made exactly).
_LATER_CHANGES = {
    1: ["DROP TABLE account_period_total"],
    2: ["DROP INDEX voucher_debit_fen", "ALTER TABLE voucher DROP COLUMN debit_fen",
        "ALTER TABLE voucher DROP COLUMN search_text"],
    3: ["DROP INDEX voucher_document_kind_document_id_document_seq", "ALTER TABLE voucher DROP COLUMN document_kind",
        "ALTER TABLE voucher DROP COLUMN document_id", "ALTER TABLE voucher DROP COLUMN document_seq",
        "ALTER TABLE voucher DROP COLUMN paper_label", "ALTER TABLE period_state DROP COLUMN closed_number",
        "DROP TABLE voucher_counter", "DROP TABLE account_dimension", "DROP TABLE opening_balance_aux",
        "DROP TABLE posting_rule"],
    4: ["DROP TABLE asset_event", "DROP TABLE asset"],
    5: ["DROP TABLE write_off", "DROP TABLE offset_record", "DROP TABLE deposit_move", "DROP TABLE payer_credit",
        "DROP TABLE settlement", "DROP TABLE receipt", "DROP TABLE charge", "DROP TABLE charge_batch",
        "DROP TABLE charge_run", "DROP TABLE lease_asset", "DROP TABLE lease", "DROP TABLE attachment",
        "DELETE FROM posting_rule WHERE key IN ('receivable.prepaid', 'offset.payable', 'bad_debt.expense')",
        "DELETE FROM account WHERE code = '21102'"],
    6: ["DROP TABLE household_move", "DROP TABLE household"],
}


def _downgrade(db, version: int) -> None:
    for later in range(version, LATEST_VERSION):
        for statement in _LATER_CHANGES[later]:
            db.execute_sql(statement)
    db.execute_sql(f"UPDATE schema_version SET version = {version}")


def main(version: int = LATEST_VERSION) -> Path:
    path = FIXTURES / f"schema_v{version}.db"
    path.unlink(missing_ok=True)
    books = open_books(path, clock=lambda: dt.datetime(2025, 2, 1, 9, 0), user="王会计")
    books.org.setup_book("兰花社区", "2025-01", credit_code="N2530802MF0000000X")
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01", "老旧小区", "社区托管", 120, 980000))
    tenant = books.org.add_counterparty(CounterpartyInput("张三", "个人", roles=("承租方",)))
    # the accounts the posting rules give (v4 on: 10201 基本存款户, 50101 租金收入 in new books); a v1–v3
    # fixture re-made by this script keeps them, where the released ones posted to 102 and a 50101 it added
    accounts = books.posting_rules.resolve(["bank", "rent.income", "rent.receivable"])
    bank, rent, receivable = accounts["bank"], accounts["rent.income"], accounts["rent.receivable"]
    books.accounts.set_opening_balances({bank: 100_000_00, "301": -100_000_00})
    books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 5), "收张三一月租金", [
        LineInput.debit(bank, 2_500_00), LineInput.credit(rent, 2_500_00)]))
    books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 6), "应收张三二月租金", [
        LineInput.debit(receivable, 2_500_00, counterparty_id=tenant.id), LineInput.credit(rent, 2_500_00)]))
    books.periods.close("2025-01")
    if version < LATEST_VERSION:
        _downgrade(books.ctx.db, version)
    books.ctx.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    books.ctx.db.execute_sql("PRAGMA journal_mode=DELETE")
    books.close()
    return path


if __name__ == "__main__":
    import sys

    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else LATEST_VERSION))

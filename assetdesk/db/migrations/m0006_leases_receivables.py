"""Version 6: leases (租赁合同), the shared receivables and receipts, attachments.

Tables ``lease``, ``lease_asset``, ``charge_run``, ``charge_batch``, ``charge``, ``receipt``,
``settlement``, ``payer_credit``, ``deposit_move``, ``offset_record``, ``write_off`` and
``attachment``. The three posting rules this version adds (预收, 抵销 against 应付款, 坏账核销) are
set where the books hold their default account as an active leaf, matched by code and name as
version 4 did (``_default_account``); otherwise they stay unset until the clerk chooses.
"""
from __future__ import annotations

import peewee

from assetdesk.db.migrations.m0004_documents_and_dimensions import _default_posting_rules

VERSION = 6

# Frozen here, as a migration must be (services.posting_rules.RULE_SLOTS may change later).
_V6_RULE_DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("receivable.prepaid", "112", "应收款"), ("offset.payable", "21102", "其他应付款"),
    ("bad_debt.expense", "515", "其他支出"),
)


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db import models as m

    db.create_tables([m.Attachment, m.Lease, m.LeaseAsset, m.ChargeRun, m.ChargeBatch, m.Charge, m.Receipt,
                      m.Settlement, m.PayerCredit, m.DepositMove, m.Offset, m.WriteOff], safe=True)
    _default_posting_rules(db, _V6_RULE_DEFAULTS)  # set where the books hold the default, as version 4 did

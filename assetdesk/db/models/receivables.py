"""Receivables and receipts (应收与收款), shared by every area that bills someone (DOMAIN §5, §6).

A ``Charge`` is one amount a payer owes: a rent period of a lease's schedule, a household's fee for
a month. The payer is a counterparty (往来单位及个人) or, for property fees, a household:
``payer_kind`` + ``payer_id``. A charge is ``planned`` (in a schedule, not yet due), ``billed``
(posted by a run: 112 debit) or ``cancelled`` (a planned period dropped by a termination).

What settles a charge is a ``Settlement`` row: a receipt, the deposit, an offset (抵销), a write-off
(坏账核销), the payer's credit, or an adjustment (a termination crediting days not used). A voided
receipt voids its settlements (``is_void``), so outstanding = amount − live settlements, always.
Money never lives in two places: a payer's credit (预收) is the sum of its ``PayerCredit`` rows, a
lease's deposit held is the sum of its ``DepositMove`` rows. Every row that moves money posts one
document (kind + id) through the posting rules.
"""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel
from assetdesk.db.models.leases import Lease


class ChargeRun(BaseModel):
    """A due-charge run (租金到期 run through a month, a fee billing run); it posts one batch per month."""

    id: peewee.AutoField[int]
    source = peewee.CharField(max_length=20)  # lease / fee / …
    through = peewee.CharField(max_length=7)  # YYYY-MM: the last month whose charges fell due
    charges = peewee.IntegerField(default=0)
    total_fen = peewee.BigIntegerField(default=0)
    undone_at = peewee.DateTimeField(null=True)  # reversed as a whole (红字冲销) while nothing was paid
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "charge_run"


class ChargeBatch(BaseModel):
    """The charges of one run falling due in one month: one document (``receivable_charges`` / id), one voucher."""

    id: peewee.AutoField[int]
    run = peewee.ForeignKeyField(ChargeRun, backref="batches", on_delete="RESTRICT")
    run_id: peewee.ForeignKeyField[int]
    period = peewee.CharField(max_length=7)
    posted_on = peewee.DateField()

    class Meta:
        table_name = "charge_batch"


class Charge(BaseModel):
    id: peewee.AutoField[int]
    source = peewee.CharField(max_length=20)  # lease / fee / company_fee
    source_id = peewee.IntegerField()  # the lease (or bill) it comes from
    seq = peewee.IntegerField(default=0)  # the schedule line's number within its source
    item = peewee.CharField(max_length=30, default="租金")  # 租金 / 物业服务费 / 卫生费 …
    payer_kind = peewee.CharField(max_length=12, default="counterparty")  # counterparty / household
    payer_id = peewee.IntegerField()
    lease = peewee.ForeignKeyField(Lease, null=True, on_delete="RESTRICT")
    lease_id: peewee.ForeignKeyField[int | None]
    asset_id = peewee.IntegerField(null=True)  # the (first) asset, for income by asset
    compound_id = peewee.IntegerField(null=True)
    receivable_rule = peewee.CharField(max_length=40, default="rent.receivable")
    income_rule = peewee.CharField(max_length=40, default="rent.income")
    period_start = peewee.DateField()
    period_end = peewee.DateField()
    due_on = peewee.DateField(index=True)
    amount_fen = peewee.BigIntegerField()
    months_text = peewee.CharField(max_length=12, default="")  # months covered, "2.55"
    note = peewee.CharField(max_length=100, default="")  # 免租、递增、按日折算
    state = peewee.CharField(max_length=10, default="planned", index=True)  # planned / billed / cancelled
    batch = peewee.ForeignKeyField(ChargeBatch, null=True, backref="charges", on_delete="RESTRICT")
    batch_id: peewee.ForeignKeyField[int | None]

    class Meta:
        table_name = "charge"
        indexes = ((("source", "source_id", "seq"), False), (("payer_kind", "payer_id"), False))


class Receipt(BaseModel):
    """收款收据: numbered, never deleted; a void one keeps its number and prints 作废."""

    id: peewee.AutoField[int]
    number = peewee.CharField(max_length=30, unique=True)  # 收据号
    payer_kind = peewee.CharField(max_length=12, default="counterparty")
    payer_id = peewee.IntegerField()
    payer_name = peewee.CharField(max_length=200, default="")  # as printed (the name may change later)
    purpose = peewee.CharField(max_length=10, default="charges")  # charges / deposit
    source = peewee.CharField(max_length=20, default="")  # lease / fee …: what it was taken for
    source_id = peewee.IntegerField(null=True)  # the lease for a deposit or a lease's rent
    received_on = peewee.DateField(index=True)
    method = peewee.CharField(max_length=10)  # 现金 / 转账 / 微信 / 支付宝
    amount_fen = peewee.BigIntegerField()
    credit_fen = peewee.BigIntegerField(default=0)  # the part kept as the payer's credit (预收)
    summary = peewee.CharField(max_length=200, default="")  # 收款事由
    note = peewee.TextField(default="")
    is_void = peewee.BooleanField(default=False)
    voided_on = peewee.DateField(null=True)
    void_reason = peewee.CharField(max_length=200, default="")
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "receipt"


class Settlement(BaseModel):
    """An amount of a charge settled by one thing: kind receipt / deposit / offset / writeoff / credit / adjust."""

    id: peewee.AutoField[int]
    charge = peewee.ForeignKeyField(Charge, backref="settlements", on_delete="RESTRICT")
    charge_id: peewee.ForeignKeyField[int]
    kind = peewee.CharField(max_length=10)
    source_id = peewee.IntegerField()  # the receipt, deposit move, offset, write-off, credit row or adjustment
    amount_fen = peewee.BigIntegerField()
    settled_on = peewee.DateField()
    is_void = peewee.BooleanField(default=False)

    class Meta:
        table_name = "settlement"
        indexes = ((("kind", "source_id"), False),)


class PayerCredit(BaseModel):
    """A movement of a payer's credit (预收): + from a receipt's overpayment or an adjustment, − when used."""

    id: peewee.AutoField[int]
    payer_kind = peewee.CharField(max_length=12, default="counterparty")
    payer_id = peewee.IntegerField()
    amount_fen = peewee.BigIntegerField()
    kind = peewee.CharField(max_length=10)  # receipt / apply / adjust / refund
    source_id = peewee.IntegerField(null=True)
    moved_on = peewee.DateField()
    is_void = peewee.BooleanField(default=False)

    class Meta:
        table_name = "payer_credit"
        indexes = ((("payer_kind", "payer_id"), False),)


class DepositMove(BaseModel):
    """押金: 收取 (+), 抵扣 (applied to arrears, −), 退还 (refunded, −). Held = the sum."""

    id: peewee.AutoField[int]
    lease = peewee.ForeignKeyField(Lease, backref="deposit_moves", on_delete="RESTRICT")
    lease_id: peewee.ForeignKeyField[int]
    payer_id = peewee.IntegerField()  # the counterparty
    kind = peewee.CharField(max_length=4)  # 收取 / 抵扣 / 退还
    amount_fen = peewee.BigIntegerField()  # positive; the kind gives the sign
    moved_on = peewee.DateField()
    method = peewee.CharField(max_length=10, default="")
    receipt = peewee.ForeignKeyField(Receipt, null=True, on_delete="RESTRICT")  # the receipt of a 收取
    receipt_id: peewee.ForeignKeyField[int | None]
    note = peewee.CharField(max_length=200, default="")
    is_void = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "deposit_move"


class Offset(BaseModel):
    """抵销: a payer's debt settled against what the centre owes the same party; no cash moves."""

    id: peewee.AutoField[int]
    payer_kind = peewee.CharField(max_length=12, default="counterparty")
    payer_id = peewee.IntegerField()
    amount_fen = peewee.BigIntegerField()
    offset_on = peewee.DateField()
    reason = peewee.CharField(max_length=200)
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "offset_record"


class WriteOff(BaseModel):
    """坏账核销 of (part of) one charge, with its reason and the 负责人 who approved it."""

    id: peewee.AutoField[int]
    charge = peewee.ForeignKeyField(Charge, backref="write_offs", on_delete="RESTRICT")
    charge_id: peewee.ForeignKeyField[int]
    amount_fen = peewee.BigIntegerField()
    written_back_fen = peewee.BigIntegerField(default=0)  # reversed when money came later
    written_on = peewee.DateField()
    reason = peewee.CharField(max_length=200)
    approved_by = peewee.CharField(max_length=50)
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "write_off"

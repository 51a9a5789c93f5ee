"""租赁合同 (DOMAIN §5): a lease and the assets (or parts of them) it lets.

The rent terms are stored as the clerk states them (basis, rent or rate, escalation, free months,
cycle, due day) so the schedule can always be generated again from them; the schedule itself lives
in the shared receivables (``Charge`` rows with ``source = 'lease'``). Money is fen, areas ㎡ × 100.
A lease is never deleted: it ends (``end_on``), is terminated early (``terminated_on``) or renewed
(the new lease's ``previous`` names it).
"""
from __future__ import annotations

import peewee

from assetdesk.db.models.assets import Asset
from assetdesk.db.models.base import BaseModel
from assetdesk.db.models.org import Counterparty


class Lease(BaseModel):
    id: peewee.AutoField[int]
    number = peewee.CharField(max_length=50, unique=True)  # 合同编号
    tenant = peewee.ForeignKeyField(Counterparty, on_delete="RESTRICT")  # 承租方
    tenant_id: peewee.ForeignKeyField[int]
    purpose = peewee.CharField(max_length=100, default="")  # 用途
    method = peewee.CharField(max_length=10, default="")  # 交易方式: 公开竞价 / 协议 / 续租
    decision_ref = peewee.CharField(max_length=100, default="")  # 成员(代表)大会决议 number
    decision_on = peewee.DateField(null=True)
    signed_on = peewee.DateField(null=True)
    start_on = peewee.DateField()
    end_on = peewee.DateField()  # inclusive, as the contract states it
    basis = peewee.CharField(max_length=10)  # 元/月 / 元/年 / 元/㎡·月
    rent_fen = peewee.BigIntegerField(default=0)  # for 元/月 and 元/年
    rate_text = peewee.CharField(max_length=30, default="")  # 元/㎡·月 as a Decimal's text (25.505)
    area_centi = peewee.BigIntegerField(default=0)  # leased area ㎡ × 100 (the sum over its assets)
    escalation = peewee.TextField(default="")  # JSON: {"years": 3, "percent": "5"} or {"steps": [[from, fen], …]}
    free_months = peewee.IntegerField(default=0)
    free_ranges = peewee.TextField(default="")  # JSON: [["2025-01-01", "2025-02-28"], …]
    cycle_months = peewee.IntegerField(default=1)  # 1 / 3 / 6 / 12, paid in advance
    due_day = peewee.IntegerField(default=1)
    deposit_fen = peewee.BigIntegerField(default=0)  # the deposit the contract asks for
    allow_over_20_years = peewee.BooleanField(default=False)
    previous = peewee.ForeignKeyField("self", null=True, backref="renewals", on_delete="RESTRICT")  # 续租 of
    previous_id: peewee.ForeignKeyField[int | None]
    terminated_on = peewee.DateField(null=True)  # 提前终止: the last day rent runs
    termination_note = peewee.TextField(default="")
    note = peewee.TextField(default="")
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "lease"


class LeaseAsset(BaseModel):
    """An asset a lease lets; ``area_centi`` is the part of it let (0 = the whole asset)."""

    id: peewee.AutoField[int]
    lease = peewee.ForeignKeyField(Lease, backref="assets", on_delete="RESTRICT")
    lease_id: peewee.ForeignKeyField[int]
    asset = peewee.ForeignKeyField(Asset, backref="leases", on_delete="RESTRICT")
    asset_id: peewee.ForeignKeyField[int]
    area_centi = peewee.BigIntegerField(default=0)

    class Meta:
        table_name = "lease_asset"
        indexes = ((("lease", "asset"), True),)

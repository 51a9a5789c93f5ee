"""The community's master data: 片区, 小区, counterparties (往来单位及个人)."""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel


class Area(BaseModel):
    id: peewee.AutoField[int]
    code = peewee.CharField(max_length=20, unique=True)
    name = peewee.CharField(max_length=100)

    class Meta:
        table_name = "area"


class Counterparty(BaseModel):
    id: peewee.AutoField[int]
    name = peewee.CharField(max_length=200, index=True)
    kind = peewee.CharField(max_length=10, default="个人")  # 个人 / 单位
    id_code = peewee.CharField(max_length=30, default="", index=True)  # 身份证号 / 统一社会信用代码
    phone = peewee.CharField(max_length=50, default="")
    address = peewee.CharField(max_length=200, default="")
    roles = peewee.CharField(max_length=100, default="")  # comma-separated: 承租方,缴费人,收款方,物业公司
    note = peewee.TextField(default="")
    is_active = peewee.BooleanField(default=True)

    class Meta:
        table_name = "counterparty"


class Compound(BaseModel):
    id: peewee.AutoField[int]
    code = peewee.CharField(max_length=20, unique=True)
    name = peewee.CharField(max_length=100)
    area = peewee.ForeignKeyField(Area, backref="compounds", on_delete="RESTRICT")
    area_id: peewee.ForeignKeyField[int]
    category = peewee.CharField(max_length=10)
    management_mode = peewee.CharField(max_length=10)
    households = peewee.IntegerField(default=0)
    building_area_centi = peewee.BigIntegerField(default=0)  # ㎡ × 100
    property_company = peewee.ForeignKeyField(Counterparty, null=True, on_delete="RESTRICT")
    property_company_id: peewee.ForeignKeyField[int | None]
    note = peewee.TextField(default="")

    class Meta:
        table_name = "compound"

"""房屋/住户 (DOMAIN §6): the rooms of a compound that property fees are billed to.

A household is the room (小区 + 楼栋 + 单元 + 房号, unique), not the person: bills follow the room
when people move, and each move in or out is a ``HouseholdMove``. 建筑面积 is ㎡ × 100. A relief
category (低保 / 特困 / 残疾 / 其他) carries its basis and who approved it.
"""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel
from assetdesk.db.models.org import Compound


class Household(BaseModel):
    id: peewee.AutoField[int]
    compound = peewee.ForeignKeyField(Compound, backref="households_list", on_delete="RESTRICT")
    compound_id: peewee.ForeignKeyField[int]
    building = peewee.CharField(max_length=20)  # 楼栋
    unit = peewee.CharField(max_length=10, default="")  # 单元 ("" for a building without units)
    room = peewee.CharField(max_length=20)  # 房号
    owner = peewee.CharField(max_length=100, default="")  # 户主 (now living there; "" when empty)
    initials = peewee.CharField(max_length=100, default="", index=True)  # pinyin initials of 户主
    phone = peewee.CharField(max_length=50, default="")
    area_centi = peewee.BigIntegerField()  # 建筑面积 ㎡ × 100
    occupancy = peewee.CharField(max_length=10, default="自住")  # 自住 / 出租 / 空置 / 其他
    relief = peewee.CharField(max_length=10, default="")  # 减免类别: 低保 / 特困 / 残疾 / 其他
    relief_basis = peewee.CharField(max_length=200, default="")  # 依据 (证号, 文件)
    relief_approved_by = peewee.CharField(max_length=50, default="")
    relief_approved_on = peewee.DateField(null=True)
    note = peewee.TextField(default="")

    class Meta:
        table_name = "household"
        indexes = ((("compound", "building", "unit", "room"), True),)


class HouseholdMove(BaseModel):
    """迁入 / 迁出 of a household: who lived there from when (the bills stay with the room)."""

    id: peewee.AutoField[int]
    household = peewee.ForeignKeyField(Household, backref="moves", on_delete="RESTRICT")
    household_id: peewee.ForeignKeyField[int]
    kind = peewee.CharField(max_length=4)  # 迁入 / 迁出
    name = peewee.CharField(max_length=100)
    phone = peewee.CharField(max_length=50, default="")
    moved_on = peewee.DateField()
    note = peewee.CharField(max_length=200, default="")
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "household_move"

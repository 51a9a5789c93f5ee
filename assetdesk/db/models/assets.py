"""资产台账 (DOMAIN §4): the community's assets and what happens to them (disposal …).

Areas are ㎡ × 100 (integers, like every quantity the books keep); 占地面积 keeps the unit the
clerk entered (㎡ or 亩), because land certificates state it one way or the other and converting
would invent digits. Money is fen. An asset is never deleted: disposal is an ``AssetEvent``.
"""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel
from assetdesk.db.models.org import Compound


class Asset(BaseModel):
    id: peewee.AutoField[int]
    code = peewee.CharField(max_length=30, unique=True)  # 资产编码
    name = peewee.CharField(max_length=200)  # 名称
    category = peewee.CharField(max_length=10)  # 类别: 土地 / 房屋 / 商铺 / 构筑物 / 设施设备 / 其他
    nature = peewee.CharField(max_length=10, default="经营性")  # 经营性 / 非经营性 / 资源性
    location = peewee.CharField(max_length=200, default="")  # 坐落位置
    boundaries = peewee.CharField(max_length=200, default="")  # 四至
    compound = peewee.ForeignKeyField(Compound, null=True, on_delete="RESTRICT")  # 小区 (its 片区 through it)
    compound_id: peewee.ForeignKeyField[int | None]
    building_area_centi = peewee.BigIntegerField(default=0)  # 建筑面积 ㎡ × 100
    land_area_centi = peewee.BigIntegerField(default=0)  # 占地面积 × 100, in land_area_unit
    land_area_unit = peewee.CharField(max_length=2, default="㎡")  # ㎡ / 亩
    land_type = peewee.CharField(max_length=50, default="")  # 地类
    ownership = peewee.CharField(max_length=100, default="")  # 权属
    certificate_no = peewee.CharField(max_length=100, default="")  # 产权证号
    acquisition = peewee.CharField(max_length=10, default="")  # 取得方式
    acquired_on = peewee.DateField(null=True)  # 取得日期
    original_fen = peewee.BigIntegerField(default=0)  # 原值
    opening_depreciation_fen = peewee.BigIntegerField(default=0)  # 累计折旧 when registered
    life_months = peewee.IntegerField(default=0)  # 使用年限, in months
    salvage_fen = peewee.BigIntegerField(default=0)  # 净残值
    status = peewee.CharField(max_length=10, default="闲置", index=True)  # 使用状态
    idle_since = peewee.DateField(null=True)  # the day it became 闲置
    keeper = peewee.CharField(max_length=50, default="")  # 管护人
    note = peewee.TextField(default="")  # 备注

    class Meta:
        table_name = "asset"


class AssetEvent(BaseModel):
    """A recorded event of an asset's life: 处置 (with its proceeds and reason), 状态变更 …"""

    id: peewee.AutoField[int]
    asset = peewee.ForeignKeyField(Asset, backref="events", on_delete="RESTRICT")
    asset_id: peewee.ForeignKeyField[int]
    kind = peewee.CharField(max_length=10)  # 处置 / 状态变更
    happened_on = peewee.DateField()
    amount_fen = peewee.BigIntegerField(default=0)  # 处置收入
    reason = peewee.TextField(default="")
    created_at = peewee.DateTimeField()
    created_by = peewee.CharField(max_length=50, default="")

    class Meta:
        table_name = "asset_event"

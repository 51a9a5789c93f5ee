"""``AssetService`` (``books.assets``): the only writer of the asset register (资产台账, DOMAIN §4).

Registering an asset posts nothing: an asset the community already owns is in the opening balance
of 151 固定资产 (and its 累计折旧 in 152), one bought later in the voucher that paid for it. The
register's totals must then equal 151 and 152, which ``check`` reconciles (``reconcile``).
Depreciation runs and disposals post their vouchers as documents through the posting rules.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from assetdesk.db.models import Asset, AssetEvent, Compound
from assetdesk.errors import DuplicateError, InputError, NotFoundError
from assetdesk.events import AssetsChanged
from assetdesk.periods import Period
from assetdesk.services.assets import depreciation, status
from assetdesk.services.assets.register import filter_sql, read_rows
from assetdesk.services.assets.types import (
    ACQUISITIONS,
    CATEGORIES,
    DISPOSED,
    IDLE,
    LAND_UNITS,
    NATURES,
    STATUSES,
    AssetEventRow,
    AssetInput,
    AssetRow,
    DepreciationRun,
    Disposal,
)
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.counterparties import check_choice, check_length
from assetdesk.services.documents import DocumentPostingService
from assetdesk.services.org_types import UpsertResult

_TEXT_FIELDS = {"code": "资产编码", "name": "名称", "location": "坐落位置", "boundaries": "四至", "land_type": "地类",
                "ownership": "权属", "certificate_no": "产权证号", "keeper": "管护人"}


class AssetService(Service):
    def __init__(self, ctx: ServiceContext, documents: DocumentPostingService):
        super().__init__(ctx)
        self._documents = documents

    # --- reading ---------------------------------------------------------------------------
    def list_assets(self, category: str | None = None, status: str | None = None, compound_code: str | None = None,
                    area_code: str | None = None, idle_over_days: int | None = None,
                    today: dt.date | None = None) -> list[AssetRow]:
        """By 资产编码; ``idle_over_days`` keeps the 闲置 assets idle longer than that on ``today``."""
        where, params = filter_sql(self.db, category, status, compound_code, area_code, idle_over_days,
                                   today or self.ctx.today())
        return read_rows(self.db, where, params)

    def get(self, code: str) -> AssetRow:
        rows = read_rows(self.db, f"WHERE a.code = {self.db.param}", (code.strip(),))
        if not rows:
            raise NotFoundError(f"资产编码“{code}”不存在", "请刷新后重试，或先在资产台账中登记")
        return rows[0]

    def find(self, code: str) -> AssetRow | None:
        rows = read_rows(self.db, f"WHERE a.code = {self.db.param}", (code.strip(),))
        return rows[0] if rows else None

    def events(self, code: str) -> list[AssetEventRow]:
        """The asset's 状态 history and disposal, oldest first."""
        asset_id = self.get(code).id
        rows = AssetEvent.select().where(AssetEvent.asset == asset_id).order_by(AssetEvent.happened_on, AssetEvent.id)
        return [AssetEventRow(int(r.id), r.kind, r.happened_on, int(r.amount_fen), r.reason, r.created_at,
                              r.created_by) for r in rows]

    # --- the clerk's form ----------------------------------------------------------------------
    def register(self, item: AssetInput) -> AssetRow:
        with self.ctx.transaction():
            fields = self._fields(item)
            if Asset.select().where(Asset.code == fields["code"]).exists():
                raise DuplicateError(f"资产编码“{fields['code']}”已登记", "每项资产的编码必须唯一，请换一个编码")
            asset = Asset.create(**fields)
            self.ctx.audit("登记资产", "asset", asset.id, after=item)
            self._publish(AssetsChanged())
        return self.get(str(fields["code"]))

    def update(self, code: str, item: AssetInput) -> AssetRow:
        """Everything but the status of a disposed asset (disposal is final); the code may change."""
        with self.ctx.transaction():
            before = self.get(code)
            fields = self._fields(item)
            if fields["code"] != before.code and Asset.select().where(Asset.code == fields["code"]).exists():
                raise DuplicateError(f"资产编码“{fields['code']}”已登记", "每项资产的编码必须唯一")
            if before.status == DISPOSED:
                fields.update(status=DISPOSED, idle_since=None)
            elif fields["status"] == DISPOSED:
                raise InputError("不能直接把资产改为“已处置”", "请使用“处置”登记处置事项，系统会生成处置凭证")
            Asset.update(**fields).where(Asset.id == before.id).execute()
            self.ctx.audit("修改资产", "asset", before.id, before=before, after=item)
            self._publish(AssetsChanged())
        return self.get(str(fields["code"]))

    def set_status(self, code: str, status: str, on: dt.date) -> AssetRow:
        """闲置 ↔ 出租 / 自用 …; becoming 闲置 records ``on`` as the day it became idle."""
        with self.ctx.transaction():
            before = self.get(code)
            check_choice(status, [s for s in STATUSES if s != DISPOSED], "使用状态")
            if before.status == DISPOSED:
                raise InputError(f"资产“{before.code} {before.name}”已处置，不能再改变状态", "已处置的资产只能查看")
            Asset.update(status=status, idle_since=on if status == IDLE else None).where(
                Asset.id == before.id).execute()
            self._event(before.id, "状态变更", on, 0, f"{before.status} → {status}")
            self.ctx.audit("变更资产状态", "asset", before.id, before={"使用状态": before.status},
                           after={"使用状态": status, "日期": on})
            self._publish(AssetsChanged())
        return self.get(code)

    def upsert_assets(self, items: list[AssetInput]) -> UpsertResult:
        """Import path, one transaction: new codes are registered, known ones updated, unchanged ones left."""
        created = updated = unchanged = 0
        with self.ctx.transaction():
            seen: set[str] = set()
            for item in items:
                fields = self._fields(item)
                if fields["code"] in seen:
                    raise DuplicateError(f"资产编码“{fields['code']}”出现两次", "每项资产只能有一行")
                seen.add(str(fields["code"]))
                before = self.find(str(fields["code"]))
                if before is None:
                    created += 1
                    self.register(item)
                elif _same(before, item):
                    unchanged += 1
                else:
                    updated += 1
                    self.update(before.code, dataclasses.replace(item, status=before.status)
                                if before.status == DISPOSED else item)
        return UpsertResult(created, updated, unchanged)

    def follow_leases(self, asset_ids: Sequence[int], on: dt.date) -> None:
        """Status follows the leases (DOMAIN §4): an asset let on ``on`` is 出租; a 出租 asset whose last
        lease has ended returns to 闲置, idle since the day after that lease's last day. Runs inside
        the caller's transaction (the lease service's), so the lease and the status change together."""
        with self.ctx.transaction():
            if status.follow(asset_ids, on, self._event):
                self.ctx.audit("资产状态随租赁合同变更", "asset", ",".join(str(i) for i in sorted(set(asset_ids))),
                               after={"日期": on})
                self._publish(AssetsChanged())

    # --- postings --------------------------------------------------------------------------------
    def run_depreciation(self, period: object) -> DepreciationRun:
        """计提折旧 for a month: one voucher (document ``depreciation`` / YYYYMM) for every asset due."""
        return depreciation.run(self, self._documents, Period.parse(period))

    def dispose(self, code: str, on: dt.date, proceeds_fen: int = 0, reason: str = "") -> Disposal:
        """处置: the event and its voucher (原值 and 累计折旧 off, the net value to 固定资产清理)."""
        return depreciation.dispose(self, self._documents, code, on, proceeds_fen, reason)

    # --- helpers -------------------------------------------------------------------------------
    def _event(self, asset_id: int, kind: str, on: dt.date, amount_fen: int, reason: str) -> int:
        return int(AssetEvent.create(asset=asset_id, kind=kind, happened_on=on, amount_fen=amount_fen, reason=reason,
                                     created_at=self.ctx.now(), created_by=self.ctx.user).id)

    def _fields(self, item: AssetInput) -> dict:
        """Checked and normalised column values of ``item`` (Chinese errors naming the field)."""
        texts = {name: str(getattr(item, name)).strip() for name in _TEXT_FIELDS}
        fields: dict[str, object] = dict(texts)
        if not texts["code"]:
            raise InputError("资产编码不能为空", "请填写资产编码，例如 ZC001")
        if not texts["name"]:
            raise InputError(f"资产“{texts['code']}”的名称不能为空", "请填写资产名称")
        for name, label in _TEXT_FIELDS.items():
            check_length(texts[name], getattr(Asset, name), label)
        check_choice(item.category, CATEGORIES, "类别")
        check_choice(item.nature, NATURES, "资产性质")
        check_choice(item.land_area_unit, LAND_UNITS, "占地面积单位")
        check_choice(item.status, STATUSES, "使用状态")
        if item.acquisition:
            check_choice(item.acquisition, ACQUISITIONS, "取得方式")
        _check_amounts(item, texts["code"])
        fields.update(category=item.category, nature=item.nature, land_area_unit=item.land_area_unit,
                      status=item.status, acquisition=item.acquisition, acquired_on=item.acquired_on,
                      building_area_centi=item.building_area_centi, land_area_centi=item.land_area_centi,
                      original_fen=item.original_fen, opening_depreciation_fen=item.opening_depreciation_fen,
                      life_months=item.life_months, salvage_fen=item.salvage_fen, note=item.note,
                      idle_since=(item.idle_since or item.acquired_on) if item.status == IDLE else None,
                      compound=self._compound_id(item.compound_code))
        return fields

    def _compound_id(self, code: str) -> int | None:
        if not code.strip():
            return None
        found = Compound.get_or_none(Compound.code == code.strip())
        if found is None:
            raise NotFoundError(f"小区编码“{code}”不存在", "请先在 小区 中登记，或留空")
        return int(found.id)


def _check_amounts(item: AssetInput, code: str) -> None:
    for value, label in ((item.building_area_centi, "建筑面积"), (item.land_area_centi, "占地面积"),
                         (item.original_fen, "原值"), (item.opening_depreciation_fen, "累计折旧"),
                         (item.life_months, "使用年限"), (item.salvage_fen, "净残值")):
        if value < 0:
            raise InputError(f"资产“{code}”的{label}不能为负数", f"请核对{label}")
    if item.salvage_fen > item.original_fen:
        raise InputError(f"资产“{code}”的净残值大于原值", "净残值不能超过原值")
    if item.opening_depreciation_fen > item.original_fen - item.salvage_fen:
        raise InputError(f"资产“{code}”的累计折旧超过了原值减净残值", "请核对累计折旧、原值和净残值")


def _same(before: AssetRow, item: AssetInput) -> bool:
    """Whether importing ``item`` again would change nothing (status and idle date as the books hold them)."""
    keep = ("code", "name", "category", "nature", "location", "boundaries", "compound_code", "building_area_centi",
            "land_area_centi", "land_area_unit", "land_type", "ownership", "certificate_no", "acquisition",
            "acquired_on", "original_fen", "opening_depreciation_fen", "life_months", "salvage_fen", "keeper", "note")
    return all(getattr(before, name) == (getattr(item, name).strip() if isinstance(getattr(item, name), str)
                                         and name != "note" else getattr(item, name)) for name in keep) \
        and (item.status == before.status or before.status == DISPOSED)

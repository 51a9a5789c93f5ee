"""The checks a contract passes before it is stored (DOMAIN §5, issue 11 "Bad input"): its number,
its assets and the area let of each, no overlap with another lease on the same area, and the terms
(20 years at most unless both the contract and the setting allow more)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assetdesk.db.models import Asset, Lease, LeaseAsset
from assetdesk.errors import InputError, NotFoundError
from assetdesk.services.context import ServiceContext
from assetdesk.services.counterparties import check_choice, check_length
from assetdesk.services.leases.terms import MAX_TERM_YEARS, LeaseTerms, add_years
from assetdesk.services.leases.types import METHODS, LeaseInput

ALLOW_OVER_20_YEARS = "leases.allow_over_20_years"  # setting: "1" lets a contract run over 20 years
DISPOSED = "已处置"
SQM_PER_MU = Decimal(2000) / 3  # 1 亩 = 666.67 ㎡


@dataclass(frozen=True)
class LetAsset:
    """An asset of the contract: its row, the area let (0 = whole) and the asset's own area (0 = unknown)."""

    asset: Asset
    area_centi: int
    asset_area_centi: int

    @property
    def let_centi(self) -> int:
        """The area let in ㎡ × 100: the part, or the whole asset's area."""
        return self.area_centi or self.asset_area_centi


@dataclass(frozen=True)
class Checked:
    assets: tuple[LetAsset, ...]
    area_centi: int  # the sum let
    terms: LeaseTerms


def area_text(centi: int) -> str:
    return f"{Decimal(centi) / 100:,.2f} ㎡"


def asset_area_centi(asset: Asset) -> int:
    """The asset's area in ㎡ × 100: its building area, or its land area (亩 converted); 0 when none is recorded."""
    if asset.building_area_centi:
        return int(asset.building_area_centi)
    if asset.land_area_centi:
        if asset.land_area_unit == "亩":
            return int((Decimal(asset.land_area_centi) * SQM_PER_MU).to_integral_value())
        return int(asset.land_area_centi)
    return 0


def check_number(number: str) -> str:
    number = number.strip()
    if not number:
        raise InputError("合同编号不能为空", "请填写租赁合同上的编号")
    check_length(number, Lease.number, "合同编号")
    if Lease.select().where(Lease.number == number).exists():
        raise InputError(f"合同编号 {number} 已存在", "每份合同的编号必须唯一；续签请用“续租”")
    return number


def check_form(item: LeaseInput) -> None:
    check_choice(item.method, METHODS, "交易方式")
    check_length(item.purpose.strip(), Lease.purpose, "用途")
    check_length(item.decision_ref.strip(), Lease.decision_ref, "决议编号")
    if item.rent_fen < 0:
        raise InputError("租金须大于 0", "请填写合同约定的租金")


def let_assets(item: LeaseInput) -> tuple[LetAsset, ...]:
    """The contract's assets: known, not disposed, each once, the area let within the asset's area."""
    if not item.assets:
        raise InputError("租赁合同须至少有一项资产", "请选择出租的资产")
    result: list[LetAsset] = []
    seen: set[str] = set()
    for leased in item.assets:
        code = leased.asset_code.strip()
        if code in seen:
            raise InputError(f"资产“{code}”在合同中出现两次", "同一资产只需列一次；出租部分面积请填写租赁面积")
        seen.add(code)
        asset = Asset.get_or_none(Asset.code == code)
        if asset is None:
            raise NotFoundError(f"资产编码“{code}”不存在", "请先在资产台账中登记该资产")
        if asset.status == DISPOSED:
            raise InputError(f"资产“{code} {asset.name}”已处置，不能出租", "请选择其他资产")
        if leased.area_centi < 0:
            raise InputError(f"资产“{code}”的租赁面积不能为负数", "出租整项资产请把租赁面积留空")
        whole = asset_area_centi(asset)
        if whole and leased.area_centi > whole:
            raise InputError(f"资产“{code} {asset.name}”的租赁面积 {area_text(leased.area_centi)} 超过了资产面积 "
                             f"{area_text(whole)}", "租赁面积不能大于资产的建筑面积（没有建筑面积时为占地面积）")
        result.append(LetAsset(asset, leased.area_centi, whole))
    return tuple(result)


def last_day(lease: Lease) -> dt.date:
    return lease.terminated_on or lease.end_on


def check_overlap(assets: Iterable[LetAsset], start_on: dt.date, end_on: dt.date,
                  exclude: Iterable[int] = ()) -> None:
    """Refuse a lease on an area another lease lets in overlapping dates: either lets the whole asset,
    or the areas let together exceed the asset's (an asset without a recorded area: only whole lets)."""
    excluded = set(exclude)
    for let in assets:
        others = (LeaseAsset.select(LeaseAsset, Lease).join(Lease)
                  .where(LeaseAsset.asset == let.asset.id, Lease.start_on <= end_on).order_by(Lease.start_on))
        used = 0
        for other in others:
            lease = other.lease
            if lease.id in excluded or last_day(lease) < start_on:
                continue
            used += int(other.area_centi)
            if let.area_centi == 0 or other.area_centi == 0 or (
                    let.asset_area_centi and used + let.area_centi > let.asset_area_centi):
                raise InputError(
                    f"资产“{let.asset.code} {let.asset.name}”：与合同 {lease.number}（{lease.start_on} 至 "
                    f"{last_day(lease)}）在同一资产的面积上重叠",
                    "同一资产同一期间出租的面积合计不能超过资产面积；请调整租期或租赁面积，"
                    "原合同提前结束的请先办理终止")


def check_term_length(ctx: ServiceContext, item: LeaseInput) -> bool:
    """Whether a term over 20 years is allowed for this contract; refused unless both the contract
    and the setting say so (the law voids the part over 20 years, 民法典 第七百零五条)."""
    if item.end_on < add_years(item.start_on, MAX_TERM_YEARS):
        return False
    from assetdesk.services.settings import SettingsService

    setting = SettingsService(ctx).get(ALLOW_OVER_20_YEARS).strip() == "1"
    if item.allow_over_20_years and setting:
        return True
    message = f"租期超过 {MAX_TERM_YEARS} 年（{item.start_on} 至 {item.end_on}）"
    if not setting:
        raise InputError(message, "《民法典》规定租赁期限不得超过二十年，超过部分无效。确需录入时，请先在 设置 中打开"
                                  "“允许租期超过20年”（leases.allow_over_20_years = 1），再在合同中勾选“允许超过20年”")
    raise InputError(message, "《民法典》规定租赁期限不得超过二十年，超过部分无效。确需录入时，请在合同中勾选"
                              "“允许超过20年”，系统会在预警中提示")

"""``LeaseService`` (``books.leases``): the only writer of leases (租赁合同, DOMAIN §5).

A lease's rent schedule is generated from its terms (``schedule.generate_schedule``) and stored as
planned charges in the shared receivables (``source = 'lease'``); the due-rent run bills them, the
counter collects them, both through ``ReceivableService``. Accounts come from the posting rules.

The asset register is another area, so this service never imports it: ``Books`` hands it
``follow_leases`` (``AssetService.follow_leases``), which sets each let asset 出租 or back to 闲置
with the day it became idle, inside the lease's own transaction.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

import peewee

from assetdesk.db.models import Asset, Counterparty, Lease, LeaseAsset
from assetdesk.errors import DuplicateError, InputError, NotFoundError
from assetdesk.events import LeasesChanged
from assetdesk.names import normalise_name
from assetdesk.periods import Period
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.counterparties import CounterpartyService
from assetdesk.services.leases import reading, store, termination, validation
from assetdesk.services.leases.schedule import ScheduleLine, generate_schedule, regenerate
from assetdesk.services.leases.types import LeaseInput, LeaseRow, Termination
from assetdesk.services.org_types import CounterpartyInput, UpsertResult
from assetdesk.services.receivables import ChargeRow, ReceivableService, RunResult

SOURCE = store.SOURCE  # the receivables' source of rent charges
TENANT_ROLE = "承租方"
RENEWAL = "续租"
_ORGANISATION_MARKS = ("公司", "厂", "店", "中心", "合作社", "协会", "学校", "医院", "银行", "超市", "集团", "所",
                       "部", "站")

FollowLeases = Callable[[Sequence[int], dt.date], None]


class LeaseService(Service):
    def __init__(self, ctx: ServiceContext, receivables: ReceivableService, follow_leases: FollowLeases):
        super().__init__(ctx)
        self._receivables = receivables
        self._follow_leases = follow_leases

    # --- the contract form ------------------------------------------------------------------
    def preview(self, item: LeaseInput, existing: str = "") -> tuple[ScheduleLine, ...]:
        """The schedule the terms give, checked as ``create`` would (overlaps included); writes nothing.
        With ``existing`` (the 合同编号 being edited) it is checked as ``update_terms`` would, and the
        schedule is the one new terms would leave: billed or paid periods as they are, the rest new."""
        self._check_tenant(item)
        if not existing:
            validation.check_number(item.number)
            return generate_schedule(self._check(item).terms)
        checked, charges, frozen = self._check_update(self._lease(existing), item)
        return regenerate([store.line_of(c) for c in charges], checked.terms, {c.seq for c in frozen})

    def create(self, item: LeaseInput) -> LeaseRow:
        with self.ctx.transaction():
            lease = self._create(item, previous=None, method=item.method)
        return self.get(lease.number)

    def update_terms(self, number: str, item: LeaseInput) -> LeaseRow:
        """New terms: periods already billed or paid stay, the rest is generated again."""
        with self.ctx.transaction():
            lease = self._lease(number)
            checked, charges, frozen = self._check_update(lease, item)
            before = self.get(lease.number)
            tenant_id = self._tenant(item)
            if frozen and tenant_id != int(lease.tenant_id):
                raise InputError("租金已出账，不能更换承租方",
                                 "已出账的租金属于原承租方；更换承租方请终止原合同后新建合同")
            fields = store.lease_fields(item, tenant_id, checked.area_centi, item.method)
            let_before = _asset_ids(int(lease.id))
            Lease.update(**fields).where(Lease.id == lease.id).execute()
            LeaseAsset.delete().where(LeaseAsset.lease == lease.id).execute()
            self._store_assets(int(lease.id), checked)
            lease = self._lease(lease.number)
            lines = regenerate([store.line_of(c) for c in charges], checked.terms, {c.seq for c in frozen})
            kept = {c.seq for c in frozen}
            self._store_schedule(lease, checked, [line for line in lines if line.seq not in kept])
            self._follow({let.asset.id for let in checked.assets} | let_before)
            self.ctx.audit("修改租赁合同", "lease", lease.id, before=before, after=item)
            self._publish(LeasesChanged())
        return self.get(lease.number)

    def renew(self, number: str, item: LeaseInput) -> LeaseRow:
        """续租: a new contract linked to the old one (its ``previous``), 交易方式 续租 by default
        (a form left at 协议 is a renewal by agreement, which is what 续租 means)."""
        with self.ctx.transaction():
            old = self._lease(number)
            old_last = validation.last_day(old)
            if item.start_on <= old_last:
                raise InputError(f"续租合同的起租日 {item.start_on} 须晚于原合同 {old.number} 的最后一日 {old_last}",
                                 f"请从 {old_last + dt.timedelta(days=1)} 或以后起租")
            if item.tenant_id is None and not item.tenant_name.strip():
                item = dataclasses.replace(item, tenant_id=int(old.tenant_id))
            method = RENEWAL if item.method in ("", "协议") else item.method
            lease = self._create(dataclasses.replace(item, method=method), previous=old, method=method)
        return self.get(lease.number)

    def terminate(self, number: str, on: dt.date, deposit_action: str = "apply_then_refund",
                  refund_method: str = "转账", note: str = "") -> Termination:
        """提前终止 on ``on`` (the last day of rent): rent settled to date, the deposit applied and/or refunded."""
        with self.ctx.transaction():
            lease = self._lease(number)
            termination.check(lease, on, deposit_action)
            before = self.get(lease.number)
            Lease.update(terminated_on=on, termination_note=note.strip()).where(Lease.id == lease.id).execute()
            lease = self._lease(lease.number)
            asset_id, compound_id = self._first_asset(int(lease.id))
            credited = termination.settle_rent(self._receivables, lease, on, asset_id, compound_id)
            applied, refunded = termination.settle_deposit(self._receivables, lease, on, deposit_action, refund_method)
            self._follow(_asset_ids(int(lease.id)))
            result = termination.result(self._receivables, lease, on, credited, applied, refunded)
            self.ctx.audit("终止租赁合同", "lease", lease.id, before=before, after=result)
            self._publish(LeasesChanged())
        return result

    def preview_termination(self, number: str, on: dt.date, deposit_action: str = "apply_then_refund",
                            refund_method: str = "转账") -> Termination:
        """What ``terminate`` would settle (rent credited back, deposit applied and refunded, still owed),
        worked out by the same code inside a savepoint that is rolled back: nothing is written or announced."""
        try:
            with self.ctx.transaction():
                raise _Preview(self.terminate(number, on, deposit_action, refund_method))
        except _Preview as preview:
            return preview.result

    def upsert_leases(self, items: Sequence[LeaseInput]) -> UpsertResult:
        """Import path (Excel kind ``leases``), one transaction: new 合同编号 created, known ones with
        changed terms updated as ``update_terms`` would, unchanged ones left; any error writes nothing."""
        created = updated = unchanged = 0
        with self.ctx.transaction():
            seen: set[str] = set()
            for item in items:
                number = item.number.strip()
                if number in seen:
                    raise DuplicateError(f"合同编号 {number} 出现两次", "每份合同只能有一行")
                seen.add(number)
                lease = Lease.get_or_none(Lease.number == number)
                if lease is None:
                    self._create(item, previous=None, method=item.method)
                    created += 1
                elif self._unchanged(lease, item):
                    unchanged += 1
                else:
                    self.update_terms(number, item)
                    updated += 1
        return UpsertResult(created, updated, unchanged)

    # --- reading ---------------------------------------------------------------------------
    def get(self, number: str) -> LeaseRow:
        lease = reading.select_leases().where(Lease.number == number.strip()).first()
        if lease is None:
            raise NotFoundError(f"合同编号“{number}”不存在", "请刷新后重试")
        return reading.rows_of([lease], self.ctx.today())[0]

    def find(self, number: str) -> LeaseRow | None:
        lease = reading.select_leases().where(Lease.number == number.strip()).first()
        return reading.rows_of([lease], self.ctx.today())[0] if lease else None

    def input_of(self, number: str) -> LeaseInput:
        """The contract form of a stored lease, as ``create`` took it (to edit, renew or export it)."""
        lease = self._lease(number)
        assets = (LeaseAsset.select(Asset.code, LeaseAsset.area_centi).join(Asset)
                  .where(LeaseAsset.lease == lease.id).order_by(LeaseAsset.id))
        return store.input_of(lease, [(code, int(area)) for code, area in reading.tuples(assets)])

    def list_leases(self, status: str | None = None, asset_code: str | None = None,
                    tenant: str | None = None, today: dt.date | None = None) -> list[LeaseRow]:
        """By 合同编号; ``status`` as derived on ``today`` (未开始 / 生效 / 已到期 / 已终止),
        ``tenant`` a part of the tenant's name."""
        today = today or self.ctx.today()
        query = reading.select_leases()
        if asset_code and asset_code.strip():
            query = query.where(Lease.id.in_(_leases_of_asset(asset_code)))
        if tenant and normalise_name(tenant):
            query = query.where(Counterparty.name.contains(normalise_name(tenant)))
        leases: list[Lease] = list(query.order_by(Lease.number))
        if status:
            leases = [lease for lease in leases if reading.status_on(lease, today) == status]
        return reading.rows_of(leases, today)

    def of_asset(self, asset_code: str) -> list[LeaseRow]:
        """An asset's lease history, newest first (the asset detail view)."""
        query = reading.select_leases().where(Lease.id.in_(_leases_of_asset(asset_code)))
        leases: list[Lease] = list(query.order_by(Lease.start_on.desc(), Lease.id.desc()))
        return reading.rows_of(leases, self.ctx.today())

    def schedule(self, number: str) -> list[ChargeRow]:
        return self._receivables.charges_of(SOURCE, int(self._lease(number).id))

    # --- runs ------------------------------------------------------------------------------
    def bill_rent(self, through: Period | str, on: dt.date | None = None) -> RunResult:
        """The due-rent run (``assetdesk bill-rent --through YYYY-MM``); idempotent."""
        self.follow_today(on)
        return self._receivables.bill_due(SOURCE, Period.parse(through), on)

    def follow_today(self, today: dt.date | None = None) -> None:
        """Bring asset statuses in line with the leases in force today (leases that began or ended)."""
        ids = [int(i) for (i,) in reading.tuples(LeaseAsset.select(LeaseAsset.asset).distinct())]
        if ids:
            with self.ctx.transaction():
                self._follow_leases(sorted(ids), today or self.ctx.today())

    # --- helpers -------------------------------------------------------------------------------
    def _create(self, item: LeaseInput, previous: Lease | None, method: str) -> Lease:
        number = validation.check_number(item.number)
        checked = self._check(item)
        tenant_id = self._tenant(item)
        fields = store.lease_fields(item, tenant_id, checked.area_centi, method)
        lease = Lease.create(number=number, previous=previous.id if previous else None,
                             created_at=self.ctx.now(), created_by=self.ctx.user, **fields)
        self._store_assets(int(lease.id), checked)
        self._store_schedule(lease, checked, generate_schedule(checked.terms))
        self._follow({let.asset.id for let in checked.assets})
        self.ctx.audit("续租" if previous else "新增租赁合同", "lease", lease.id, after=item)
        self._publish(LeasesChanged())
        return lease

    def _check(self, item: LeaseInput, exclude: Sequence[int] = ()) -> validation.Checked:
        validation.check_form(item)
        assets = validation.let_assets(item)
        allow = validation.check_term_length(self.ctx, item)
        area = sum(let.let_centi for let in assets)
        terms = store.terms_of(item, area, allow)
        validation.check_overlap(assets, item.start_on, item.end_on, exclude)
        return validation.Checked(assets, area, terms)

    def _check_tenant(self, item: LeaseInput) -> None:
        if item.tenant_id is not None:
            if not Counterparty.select().where(Counterparty.id == item.tenant_id).exists():
                raise NotFoundError("承租方不存在", "请刷新后重新选择承租方")
        elif not normalise_name(item.tenant_name):
            raise InputError("承租方不能为空", "请填写承租方的名称或姓名")

    def _tenant(self, item: LeaseInput) -> int:
        """The tenant: by id, by the exact (normalised) name, or a new counterparty with the role 承租方."""
        self._check_tenant(item)
        if item.tenant_id is not None:
            return item.tenant_id
        counterparties = CounterpartyService(self.ctx)
        name = normalise_name(item.tenant_name)
        found = counterparties.find_counterparty(name)
        if found is not None:
            if TENANT_ROLE not in found.roles:  # a known party now also rents: it joins the 承租方 list
                counterparties.update_counterparty(found.id, CounterpartyInput(
                    found.name, found.kind, found.id_code, found.phone, found.address,
                    (*found.roles, TENANT_ROLE), found.note))
            return found.id
        kind = "单位" if any(mark in name for mark in _ORGANISATION_MARKS) else "个人"
        return counterparties.add_counterparty(CounterpartyInput(name, kind=kind, roles=(TENANT_ROLE,))).id

    def _check_update(self, lease: Lease, item: LeaseInput) -> tuple[validation.Checked, list[ChargeRow],
                                                                    list[ChargeRow]]:
        """New terms checked for a stored lease; with its schedule and the lines they leave alone."""
        if lease.terminated_on is not None:
            raise InputError(f"合同 {lease.number} 已于 {lease.terminated_on} 终止，不能再修改条款",
                             "已终止的合同只能查看；如需重新出租请新建合同")
        if item.number.strip() and item.number.strip() != lease.number:
            raise InputError(f"合同编号不能从 {lease.number} 改为 {item.number.strip()}",
                             "合同编号是合同的标识，修改条款时请保持不变")
        self._check_tenant(item)
        checked = self._check(item, exclude=(int(lease.id),))
        charges, frozen = self._frozen(lease)
        frozen_end = max((c.period_end for c in frozen), default=None)
        if frozen_end is not None and item.end_on < frozen_end:
            raise InputError(f"租金已出账至 {frozen_end}，新的到期日 {item.end_on} 不能早于该日",
                             "已出账或已收款的期间不能改动；提前结束请用“终止”")
        return checked, charges, frozen

    def _frozen(self, lease: Lease) -> tuple[list[ChargeRow], list[ChargeRow]]:
        """The lease's schedule (not cancelled) and the lines new terms leave alone: billed or paid."""
        charges = [c for c in self._receivables.charges_of(SOURCE, int(lease.id)) if c.state != "cancelled"]
        return charges, [c for c in charges if c.state == "billed" or _settled(c)]

    def _store_assets(self, lease_id: int, checked: validation.Checked) -> None:
        for let in checked.assets:
            LeaseAsset.create(lease=lease_id, asset=let.asset.id, area_centi=let.area_centi)

    def _store_schedule(self, lease: Lease, checked: validation.Checked, lines: Sequence[ScheduleLine]) -> None:
        first = checked.assets[0].asset
        self._receivables.replace_planned(SOURCE, int(lease.id),
                                          store.charge_inputs(lease, lines, int(first.id), first.compound_id))

    def _first_asset(self, lease_id: int) -> tuple[int | None, int | None]:
        first = LeaseAsset.select(LeaseAsset).where(LeaseAsset.lease == lease_id).order_by(LeaseAsset.id).first()
        return (int(first.asset_id), first.asset.compound_id) if first else (None, None)

    def _follow(self, asset_ids: set[int] | Sequence[int]) -> None:
        self._follow_leases(sorted(int(i) for i in asset_ids), self.ctx.today())

    def _lease(self, number: str) -> Lease:
        lease = Lease.get_or_none(Lease.number == number.strip())
        if lease is None:
            raise NotFoundError(f"合同编号“{number}”不存在", "请刷新后重试")
        return lease

    def _unchanged(self, lease: Lease, item: LeaseInput) -> bool:
        """Whether importing ``item`` again would change nothing (same tenant, assets and terms)."""
        if item.tenant_id is not None:
            tenant_id: int | None = item.tenant_id
        else:
            found = Counterparty.get_or_none(Counterparty.name == normalise_name(item.tenant_name))
            tenant_id = int(found.id) if found else None
        if tenant_id is None:
            return False
        if _assets_of(int(lease.id)) != {(a.asset_code.strip(), a.area_centi) for a in item.assets}:
            return False
        method = lease.method if lease.previous_id and item.method in ("", "协议") else item.method
        return store.same_fields(lease, store.lease_fields(item, tenant_id, int(lease.area_centi), method))


def _settled(charge: ChargeRow) -> int:
    return (charge.received_fen + charge.deposit_fen + charge.offset_fen + charge.written_off_fen
            + charge.adjusted_fen)


def _assets_of(lease_id: int) -> set[tuple[str, int]]:
    query = LeaseAsset.select(Asset.code, LeaseAsset.area_centi).join(Asset).where(LeaseAsset.lease == lease_id)
    return {(code, int(area)) for code, area in reading.tuples(query)}


def _asset_ids(lease_id: int) -> set[int]:
    return {int(i) for (i,) in reading.tuples(LeaseAsset.select(LeaseAsset.asset).where(LeaseAsset.lease == lease_id))}


def _leases_of_asset(asset_code: str) -> peewee.ModelSelect[LeaseAsset]:
    return LeaseAsset.select(LeaseAsset.lease).join(Asset).where(Asset.code == asset_code.strip())


class _Preview(Exception):
    """Carries a preview's result out of the transaction it rolls back."""

    def __init__(self, result: Termination):
        super().__init__("preview")
        self.result = result

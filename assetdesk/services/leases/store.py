"""A lease as the database keeps it: ``LeaseInput`` ⇄ ``Lease`` columns, the stored terms ⇄
``LeaseTerms`` (escalation and free ranges as JSON), schedule lines ⇄ the receivables' charges."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from assetdesk.db.models import Lease
from assetdesk.money import format_amount, round_to_fen
from assetdesk.services.leases.schedule import ScheduleLine, _rent_changes, _rent_on
from assetdesk.services.leases.terms import EveryYears, LeaseTerms, PaymentCycle, RentBasis, RentStep
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from assetdesk.services.receivables import ChargeInput, ChargeRow, Payer

SOURCE = "lease"  # the receivables' source of rent charges
RENT_ITEM = "租金"


# --- escalation and free ranges as JSON -------------------------------------------------------
def escalation_json(escalation: EveryYears | tuple[RentStep, ...] | None) -> str:
    if escalation is None or escalation == ():
        return ""
    if isinstance(escalation, EveryYears):
        return json.dumps({"years": escalation.years, "percent": str(escalation.percent)})
    steps = [[step.from_on.isoformat() if isinstance(step.from_on, dt.date) else step.from_on,
              step.monthly_rent_fen] for step in escalation]
    return json.dumps({"steps": steps})


def escalation_of(text: str) -> EveryYears | tuple[RentStep, ...] | None:
    if not text:
        return None
    data = json.loads(text)
    if "years" in data:
        return EveryYears(int(data["years"]), Decimal(str(data["percent"])))
    return tuple(RentStep(dt.date.fromisoformat(first) if isinstance(first, str) else int(first), int(fen))
                 for first, fen in data.get("steps", ()))


def free_ranges_json(ranges: Sequence[tuple[dt.date, dt.date]]) -> str:
    return json.dumps([[first.isoformat(), last.isoformat()] for first, last in ranges]) if ranges else ""


def free_ranges_of(text: str) -> tuple[tuple[dt.date, dt.date], ...]:
    if not text:
        return ()
    return tuple((dt.date.fromisoformat(first), dt.date.fromisoformat(last)) for first, last in json.loads(text))


# --- terms --------------------------------------------------------------------------------------
def terms_of(item: LeaseInput, area_centi: int, allow_over_20_years: bool) -> LeaseTerms:
    """The terms of the clerk's form (``LeaseTerms`` refuses what a contract cannot have)."""
    return LeaseTerms(
        start_on=item.start_on, end_on=item.end_on, basis=item.basis,
        rent_fen=item.rent_fen if item.basis is not RentBasis.PER_SQM_MONTH else 0,
        rate_yuan=item.rate_yuan if item.basis is RentBasis.PER_SQM_MONTH else None,
        area_centi_sqm=area_centi, escalation=item.escalation or None, free_months=item.free_months,
        free_ranges=tuple(item.free_ranges), cycle=item.cycle, due_day=item.due_day, deposit_fen=item.deposit_fen,
        allow_over_20_years=allow_over_20_years)


def terms_of_row(lease: Lease, end_on: dt.date | None = None) -> LeaseTerms:
    """The stored terms (``end_on`` to cut them short, as a termination does)."""
    return LeaseTerms(
        start_on=lease.start_on, end_on=end_on or lease.end_on, basis=RentBasis(lease.basis),
        rent_fen=int(lease.rent_fen), rate_yuan=_decimal(lease.rate_text), area_centi_sqm=int(lease.area_centi),
        escalation=escalation_of(lease.escalation), free_months=int(lease.free_months),
        free_ranges=free_ranges_of(lease.free_ranges), cycle=PaymentCycle(int(lease.cycle_months)),
        due_day=int(lease.due_day), deposit_fen=int(lease.deposit_fen), allow_over_20_years=True)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def lease_fields(item: LeaseInput, tenant_id: int, area_centi: int, method: str) -> dict[str, object]:
    """The ``Lease`` columns of a form (not its number, dates of record or link to a previous lease)."""
    per_sqm = item.basis is RentBasis.PER_SQM_MONTH
    return dict(
        tenant=tenant_id, purpose=item.purpose.strip(), method=method, decision_ref=item.decision_ref.strip(),
        decision_on=item.decision_on, signed_on=item.signed_on, start_on=item.start_on, end_on=item.end_on,
        basis=item.basis.value, rent_fen=0 if per_sqm else item.rent_fen,
        rate_text=str(item.rate_yuan) if per_sqm and item.rate_yuan is not None else "", area_centi=area_centi,
        escalation=escalation_json(item.escalation), free_months=item.free_months,
        free_ranges=free_ranges_json(item.free_ranges), cycle_months=item.cycle.value, due_day=item.due_day,
        deposit_fen=item.deposit_fen, allow_over_20_years=item.allow_over_20_years, note=item.note)


def input_of(lease: Lease, assets: Sequence[tuple[str, int]]) -> LeaseInput:
    """The form of a stored lease (to edit its terms, renew it or export it)."""
    return LeaseInput(
        number=lease.number, tenant_name=lease.tenant.name, tenant_id=int(lease.tenant_id),
        assets=tuple(LeasedAsset(code, int(area)) for code, area in assets), start_on=lease.start_on,
        end_on=lease.end_on, basis=RentBasis(lease.basis), rent_fen=int(lease.rent_fen),
        rate_yuan=_decimal(lease.rate_text), escalation=escalation_of(lease.escalation),
        free_months=int(lease.free_months), free_ranges=free_ranges_of(lease.free_ranges),
        cycle=PaymentCycle(int(lease.cycle_months)), due_day=int(lease.due_day), deposit_fen=int(lease.deposit_fen),
        purpose=lease.purpose, method=lease.method, decision_ref=lease.decision_ref, decision_on=lease.decision_on,
        signed_on=lease.signed_on, allow_over_20_years=bool(lease.allow_over_20_years), note=lease.note)


def same_fields(lease: Lease, fields: dict[str, object]) -> bool:
    """Whether the stored lease already has these column values (an import of the same file again)."""
    for name, value in fields.items():
        stored = lease.tenant_id if name == "tenant" else getattr(lease, name)
        if isinstance(stored, str) and isinstance(value, str):
            if stored != value:
                return False
        elif stored != value:
            return False
    return True


# --- rent in force --------------------------------------------------------------------------------
def monthly_rent_on(terms: LeaseTerms, day: dt.date) -> int:
    """The contract's monthly rent in force on ``day`` (escalations and steps counted, free months not)."""
    day = min(max(day, terms.start_on), terms.end_on)
    changes = _rent_changes(terms)
    rent = _rent_on(day, terms.base_monthly_rent(), [d for d, _ in changes], changes)
    return round_to_fen(rent.scaleb(-2))


def rent_text(lease: Lease) -> str:
    """"3,000.00 元/月", "36,000.00 元/年", "25.50 元/㎡·月" (a rate keeps its own decimals beyond two)."""
    if lease.basis == RentBasis.PER_SQM_MONTH.value:
        rate = _decimal(lease.rate_text) or Decimal(0)
        cents = rate.quantize(Decimal("0.01"))
        shown = cents if cents == rate else rate
        return f"{shown:,} {lease.basis}"
    return f"{format_amount(int(lease.rent_fen))} {lease.basis}"


# --- schedule ⇄ charges -----------------------------------------------------------------------------
def charge_inputs(lease: Lease, lines: Sequence[ScheduleLine], asset_id: int | None,
                  compound_id: int | None) -> list[ChargeInput]:
    payer = Payer.counterparty(int(lease.tenant_id))
    return [ChargeInput(source=SOURCE, source_id=int(lease.id), seq=line.seq, payer=payer,
                        period_start=line.period_start, period_end=line.period_end, due_on=line.due_on,
                        amount_fen=line.amount_fen, item=RENT_ITEM, receivable_rule="rent.receivable",
                        income_rule="rent.income", lease_id=int(lease.id), asset_id=asset_id,
                        compound_id=compound_id, months_text=str(line.months), note=line.note)
            for line in lines]


def line_of(charge: ChargeRow) -> ScheduleLine:
    """A stored charge as the schedule line it came from (for ``regenerate``)."""
    try:
        months = Decimal(charge.months_text) if charge.months_text else Decimal(0)
    except InvalidOperation:
        months = Decimal(0)
    notes = tuple(n for n in charge.note.split("、") if n)
    return ScheduleLine(charge.seq, charge.period_start, charge.period_end, charge.due_on, charge.amount_fen,
                        months, notes)

"""``LeaseService`` (``books.leases``): the only writer of leases (租赁合同, DOMAIN §5).

A lease's rent schedule is generated from its terms (``schedule.generate_schedule``) and stored as
planned charges in the shared receivables (``source = 'lease'``); the due-rent run bills them, the
counter collects them, both through ``ReceivableService``. Accounts come from the posting rules.

The asset register is another area, so this service never imports it: ``Books`` hands it
``follow_leases`` (``AssetService.follow_leases``), which sets each let asset 出租 or back to 闲置
with the day it became idle, inside the lease's own transaction.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from assetdesk.periods import Period
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.leases.schedule import ScheduleLine
from assetdesk.services.leases.types import LeaseInput, LeaseRow, Termination
from assetdesk.services.org_types import UpsertResult
from assetdesk.services.receivables import ChargeRow, ReceivableService, RunResult

SOURCE = "lease"  # the receivables' source of rent charges

FollowLeases = Callable[[Sequence[int], dt.date], None]


class LeaseService(Service):
    def __init__(self, ctx: ServiceContext, receivables: ReceivableService, follow_leases: FollowLeases):
        super().__init__(ctx)
        self._receivables = receivables
        self._follow_leases = follow_leases

    # --- the contract form ------------------------------------------------------------------
    def preview(self, item: LeaseInput) -> tuple[ScheduleLine, ...]:
        """The schedule the terms give, checked as ``create`` would (overlaps included); writes nothing."""
        raise NotImplementedError

    def create(self, item: LeaseInput) -> LeaseRow:
        raise NotImplementedError

    def update_terms(self, number: str, item: LeaseInput) -> LeaseRow:
        """New terms: periods already billed or paid stay, the rest is generated again."""
        raise NotImplementedError

    def renew(self, number: str, item: LeaseInput) -> LeaseRow:
        """续租: a new contract linked to the old one (its ``previous``), 交易方式 续租 by default."""
        raise NotImplementedError

    def terminate(self, number: str, on: dt.date, deposit_action: str = "apply_then_refund",
                  refund_method: str = "转账", note: str = "") -> Termination:
        """提前终止 on ``on`` (the last day of rent): rent settled to date, the deposit applied and/or refunded."""
        raise NotImplementedError

    def upsert_leases(self, items: Sequence[LeaseInput]) -> UpsertResult:
        """Import path (Excel kind ``leases``), one transaction: new 合同编号 created, known ones with
        changed terms updated as ``update_terms`` would, unchanged ones left; any error writes nothing."""
        raise NotImplementedError

    # --- reading ---------------------------------------------------------------------------
    def get(self, number: str) -> LeaseRow:
        raise NotImplementedError

    def list_leases(self, status: str | None = None, asset_code: str | None = None,
                    tenant: str | None = None, today: dt.date | None = None) -> list[LeaseRow]:
        raise NotImplementedError

    def of_asset(self, asset_code: str) -> list[LeaseRow]:
        """An asset's lease history, newest first (the asset detail view)."""
        raise NotImplementedError

    def schedule(self, number: str) -> list[ChargeRow]:
        raise NotImplementedError

    # --- runs ------------------------------------------------------------------------------
    def bill_rent(self, through: Period | str, on: dt.date | None = None) -> RunResult:
        """The due-rent run (``assetdesk bill-rent --through YYYY-MM``); idempotent."""
        raise NotImplementedError

    def follow_today(self, today: dt.date | None = None) -> None:
        """Bring asset statuses in line with the leases in force today (leases that began or ended)."""
        raise NotImplementedError

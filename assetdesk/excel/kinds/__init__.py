"""Every sheet kind, by the name the CLI uses (``assetdesk import accounts file.xlsx``)."""
from __future__ import annotations

from .accounts import AccountsKind
from .assets import AssetsKind
from .base import ColumnSpec, ParsedRow, RowError, SheetKind
from .compounds import CompoundsKind
from .counterparties import CounterpartiesKind
from .leases import LeasesKind
from .opening_balances import OpeningBalancesKind
from .rent_payments import RentPaymentsKind
from .vouchers import VouchersKind

KINDS: dict[str, SheetKind] = {
    kind.name: kind
    for kind in (AccountsKind(), OpeningBalancesKind(), CounterpartiesKind(), CompoundsKind(), VouchersKind(),
                 AssetsKind(), LeasesKind(), RentPaymentsKind())
}

__all__ = ["KINDS", "ColumnSpec", "ParsedRow", "RowError", "SheetKind"]

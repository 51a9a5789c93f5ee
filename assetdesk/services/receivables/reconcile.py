"""``check``: the payers' sub-ledger (open charges less credit, deposits held) equals 112 and 211."""
from __future__ import annotations

from assetdesk.services.context import ServiceContext
from assetdesk.services.reconciliation import ReconciliationResult


def receivables_reconciliation(ctx: ServiceContext) -> list[ReconciliationResult]:
    return []  # H1 (receivables) fills this in

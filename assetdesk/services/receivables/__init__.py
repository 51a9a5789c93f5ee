"""Receivables and receipts (应收与收款): the engine leases and property fees share."""
from assetdesk.services.receivables.service import ReceivableService
from assetdesk.services.receivables.types import (
    METHODS,
    ArrearsRow,
    ChargeInput,
    ChargeRow,
    DepositState,
    Payer,
    ReceiptInput,
    ReceiptView,
    RunResult,
)

__all__ = ["ReceivableService", "METHODS", "ArrearsRow", "ChargeInput", "ChargeRow", "DepositState", "Payer",
           "ReceiptInput", "ReceiptView", "RunResult"]

"""Peewee records, one module per concept. ``ALL_MODELS`` is creation order (parents first)."""
from assetdesk.db.models.assets import Asset, AssetEvent
from assetdesk.db.models.attachments import Attachment
from assetdesk.db.models.audit import AuditEntry
from assetdesk.db.models.book import Book, SchemaVersion, Setting, User
from assetdesk.db.models.households import Household, HouseholdMove
from assetdesk.db.models.leases import Lease, LeaseAsset
from assetdesk.db.models.ledger import (
    Account,
    AccountDimension,
    AccountPeriodTotal,
    OpeningBalance,
    OpeningBalanceAux,
    PeriodLog,
    PeriodState,
    PostingRule,
    Voucher,
    VoucherCounter,
    VoucherLine,
)
from assetdesk.db.models.org import Area, Compound, Counterparty
from assetdesk.db.models.receivables import (
    Charge,
    ChargeBatch,
    ChargeRun,
    DepositMove,
    Offset,
    PayerCredit,
    Receipt,
    Settlement,
    WriteOff,
)

ALL_MODELS = [
    SchemaVersion, Book, Setting, User, Area, Counterparty, Compound,
    Account, OpeningBalance, Voucher, VoucherLine, AccountPeriodTotal, PeriodState, PeriodLog, AuditEntry,
    VoucherCounter, AccountDimension, OpeningBalanceAux, PostingRule, Asset, AssetEvent,
    Attachment, Lease, LeaseAsset, ChargeRun, ChargeBatch, Charge, Receipt, Settlement, PayerCredit, DepositMove,
    Offset, WriteOff, Household, HouseholdMove,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]

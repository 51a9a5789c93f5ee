"""``Books``: one open set of books and its services — the single gateway adapters use."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable

from assetdesk.db.connection import open_database
from assetdesk.db.migrate import migrate
from assetdesk.events import EventBus
from assetdesk.services.accounts import AccountService
from assetdesk.services.alerts import AlertRegistry
from assetdesk.services.assets import AssetService, register_reconciliation
from assetdesk.services.assets.alerts import asset_alerts
from assetdesk.services.attachments import AttachmentService
from assetdesk.services.audit import AuditService
from assetdesk.services.aux_ledger import AuxLedgerService
from assetdesk.services.backup import BackupService
from assetdesk.services.check import CheckService
from assetdesk.services.context import ServiceContext
from assetdesk.services.documents import DocumentPostingService
from assetdesk.services.fees import HouseholdService
from assetdesk.services.leases.alerts import lease_alerts
from assetdesk.services.leases.service import LeaseService
from assetdesk.services.ledger import LedgerService
from assetdesk.services.org import OrgService
from assetdesk.services.periods import PeriodService
from assetdesk.services.posting_rules import PostingRuleService
from assetdesk.services.receivables import ReceivableService
from assetdesk.services.receivables.reconcile import receivables_reconciliation
from assetdesk.services.settings import SettingsService
from assetdesk.services.statements import StatementService
from assetdesk.services.vouchers import VoucherService


class Books:
    """An open database with every service bound to it. ``open_books`` is the way to get one."""

    def __init__(self, url: str | os.PathLike | None, clock: Callable[[], dt.datetime], user: str = "会计"):
        self._url = url
        db, target = open_database(url)
        self.ctx = ServiceContext(db=db, target=target, clock=clock, user=user)
        self.upgrade_copy: Path | None = migrate(db, target, self.ctx.now())
        self.org = OrgService(self.ctx)
        self.accounts = AccountService(self.ctx)
        self.vouchers = VoucherService(self.ctx)
        self.posting_rules = PostingRuleService(self.ctx)
        self.documents = DocumentPostingService(self.ctx, self.vouchers, self.posting_rules)
        self.ledger = LedgerService(self.ctx)
        self.aux = AuxLedgerService(self.ctx, self.ledger)
        self.periods = PeriodService(self.ctx, self.ledger, self.vouchers, self.documents)
        self.settings = SettingsService(self.ctx)
        self.audit = AuditService(self.ctx)
        self.check = CheckService(self.ctx, self.ledger, self.posting_rules)
        self.statements = StatementService(self.ctx, self.ledger)
        self.backup = BackupService(self.ctx, self._reopen)
        self.assets = AssetService(self.ctx, self.documents)
        self.check.reconciliations.add(register_reconciliation)
        self.receivables = ReceivableService(self.ctx, self.documents)
        self.leases = LeaseService(self.ctx, self.receivables, self.assets.follow_leases)
        self.check.reconciliations.add(receivables_reconciliation)
        self.households = HouseholdService(self.ctx)
        self.alerts = AlertRegistry()
        self.alerts.add(lease_alerts)
        self.alerts.add(asset_alerts)
        self.attachments = AttachmentService(self.ctx)

    def _reopen(self) -> None:
        """After a restore: the restored file may be from an older version, so bring it up to date."""
        migrate(self.ctx.db, self.ctx.target, self.ctx.now())

    @property
    def user(self) -> str:
        return self.ctx.user

    @user.setter
    def user(self, name: str) -> None:
        self.ctx.user = name

    @property
    def events(self) -> EventBus:
        return self.ctx.events

    @property
    def location(self) -> str:
        """What to show the clerk: the file path, or the server URL without its password."""
        return self.ctx.target.display

    @property
    def database_path(self) -> Path | None:
        return self.ctx.target.path

    def is_initialised(self) -> bool:
        return self.org.book() is not None

    def close(self) -> None:
        if not self.ctx.db.is_closed():
            self.ctx.db.close()


def open_books(url: str | os.PathLike | None = None, *, clock: Callable[[], dt.datetime] | None = None,
               user: str = "会计") -> Books:
    """Open (create, migrate) the books at ``url``; raises ``DatabaseError`` with a Chinese message.

    ``clock`` defaults to the local wall clock — adapters may rely on that; tests pass a fixed one."""
    return Books(url, clock or dt.datetime.now, user)

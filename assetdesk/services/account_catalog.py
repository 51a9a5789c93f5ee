"""The chart as the posting path reads it: code → what a posting needs to know of the account.

Read once and kept, because posting a hundred thousand lines must not query the chart per line;
kept honest by a fingerprint of what posting depends on (which accounts exist, their parents,
whether active, their 辅助核算), read in one query inside each posting's own transaction: another
window or process that added a sub-account (turning a leaf into a parent), deactivated an account
or declared a dimension is seen at once. A rollback forgets the cache, so an account that was never
committed is never posted to; a rename in this process (``AccountsChanged``) is seen too.
"""
from __future__ import annotations

from dataclasses import dataclass

import peewee

from assetdesk.events import AccountsChanged
from assetdesk.services.context import ServiceContext

_FINGERPRINT = (
    "SELECT (SELECT COUNT(*) FROM account),"
    " (SELECT COALESCE(SUM(id * 2 + CASE WHEN is_active THEN 1 ELSE 0 END), 0) FROM account),"
    " (SELECT COALESCE(SUM(COALESCE(parent_id, 0) * id), 0) FROM account),"
    " (SELECT COUNT(*) FROM account_dimension),"
    " (SELECT COALESCE(SUM(account_id * LENGTH(dimension)), 0) FROM account_dimension)")


@dataclass(frozen=True)
class AccountInfo:
    id: int
    code: str
    name: str
    full_name: str  # 应收款—租户: the names of the account and its ancestors
    category: str
    is_leaf: bool
    is_active: bool
    dimensions: frozenset[str]  # keys of assetdesk.dimensions carried (declared on it or an ancestor)


class AccountCatalog:
    """The posting path's view of the chart (one per ``Books``)."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        self._accounts: dict[str, AccountInfo] | None = None
        self._revision: tuple | None = None
        self._checked_in: object = None
        ctx.on_rollback(self.forget)
        ctx.events.subscribe(AccountsChanged, lambda _event: self.forget())

    def forget(self) -> None:
        self._accounts = None
        self._checked_in = None

    def get(self, code: str) -> AccountInfo | None:
        return self.current().get(code)

    def current(self) -> dict[str, AccountInfo]:
        """The chart now; call inside the write transaction that relies on it (checked once per
        transaction: inside it, the write lock keeps other writers out)."""
        transaction = self._ctx.db.top_transaction()
        if self._accounts is not None and transaction is not None and transaction is self._checked_in:
            return self._accounts
        revision = self._read_revision()
        if self._accounts is None or revision != self._revision:
            self._accounts, self._revision = self._load(), revision
        self._checked_in = transaction
        return self._accounts

    def _read_revision(self) -> tuple:
        return tuple(int(v or 0) for v in self._ctx.db.execute_sql(_FINGERPRINT).fetchone())

    def _load(self) -> dict[str, AccountInfo]:
        return load_chart(self._ctx.db)


def load_chart(db: peewee.Database) -> dict[str, AccountInfo]:
    """code → what a posting (or a posting rule) needs of the account: full name, leaf, active,
    effective 辅助核算 — read in two queries."""
    rows = db.execute_sql("SELECT id, code, name, parent_id, category, is_active FROM account").fetchall()
    declared: dict[int, set[str]] = {}
    for account_id, key in db.execute_sql("SELECT account_id, dimension FROM account_dimension").fetchall():
        declared.setdefault(account_id, set()).add(key)
    by_id = {row[0]: row for row in rows}
    parents = {row[3] for row in rows if row[3]}
    result = {}
    for account_id, code, name, _parent, category, active in rows:
        names, dims, node = [], set(), by_id.get(account_id)
        while node is not None:
            names.append(node[2])
            dims |= declared.get(node[0], set())
            node = by_id.get(node[3]) if node[3] else None
        result[code] = AccountInfo(account_id, code, name, "—".join(reversed(names)), category,
                                   account_id not in parents, bool(active), frozenset(dims))
    return result

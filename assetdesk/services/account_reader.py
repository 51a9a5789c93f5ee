"""The chart of accounts as read: rows with full names, search, and each account's 辅助核算.

An account's dimensions apply to it and all its sub-accounts (``assetdesk.dimensions``): the
effective set of an account is the union of what it and its ancestors declare, in the catalogue's
order. The writers (``AccountService``) and the opening balances build on this reader.
"""
from __future__ import annotations

from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from assetdesk.db.models import Account, AccountDimension
from assetdesk.dimensions import BY_KEY, DIMENSIONS
from assetdesk.errors import NotFoundError
from assetdesk.services.chart import ACCOUNT_ALIASES
from assetdesk.services.context import Service


@dataclass(frozen=True)
class AccountRow:
    id: int
    code: str
    name: str
    parent_code: str
    level: int
    category: str
    normal_side: str
    is_leaf: bool
    is_active: bool
    initials: str
    full_name: str
    # the 辅助核算 it carries, declared on it or an ancestor: ("往来单位",) — labels, catalogue order
    dimensions: tuple[str, ...] = ()


def pinyin_initials(name: str) -> str:
    """``应收款`` → ``ysk``: what clerks type to find an account."""
    return "".join(part[0] for part in lazy_pinyin(name, style=Style.FIRST_LETTER) if part).lower()


def effective_dimensions(parents: dict[int, int | None], declared: dict[int, set[str]]) -> dict[int, tuple[str, ...]]:
    """account id → the dimension keys it carries (its own and its ancestors'), catalogue order.

    ``parents``: account id → parent id; ``declared``: account id → the keys it declares itself."""
    out: dict[int, tuple[str, ...]] = {}
    for account_id in parents:
        keys: set[str] = set()
        node: int | None = account_id
        while node is not None:
            keys |= declared.get(node, set())
            node = parents.get(node)
        out[account_id] = tuple(d.key for d in DIMENSIONS if d.key in keys)
    return out


def declared_dimensions() -> dict[int, set[str]]:
    """account id → the dimension keys declared on that account itself."""
    declared: dict[int, set[str]] = {}
    for row in AccountDimension.select(AccountDimension.account, AccountDimension.dimension):
        declared.setdefault(row.account_id, set()).add(row.dimension)
    return declared


class AccountReader(Service):
    """Reading the chart; every figure comes straight from the tables (nothing cached)."""

    def _all(self) -> list[Account]:
        return list(Account.select().order_by(Account.code))

    def list_accounts(self, active_only: bool = False) -> list[AccountRow]:
        accounts = self._all()
        by_id = {a.id: a for a in accounts}
        parents = {a.parent_id for a in accounts if a.parent_id}
        dimensions = effective_dimensions({a.id: a.parent_id for a in accounts}, declared_dimensions())
        rows = [self._row(a, by_id, parents, dimensions.get(a.id, ())) for a in accounts]
        return [r for r in rows if r.is_active] if active_only else rows

    @staticmethod
    def _row(account: Account, by_id: dict[int, Account], parents: set[int],
             dimensions: tuple[str, ...] = ()) -> AccountRow:
        names: list[str] = []
        node: Account | None = account
        while node is not None:
            names.append(node.name)
            node = by_id.get(node.parent_id) if node.parent_id else None
        parent = by_id.get(account.parent_id) if account.parent_id else None
        return AccountRow(account.id, account.code, account.name, parent.code if parent else "", account.level,
                          account.category, account.normal_side, account.id not in parents, account.is_active,
                          account.initials, "—".join(reversed(names)),
                          tuple(BY_KEY[key].label for key in dimensions))

    def get(self, code: str) -> AccountRow:
        for row in self.list_accounts():
            if row.code == code:
                return row
        raise NotFoundError(f"科目“{code}”不存在", "请在科目表中查找正确的科目编码")

    def search(self, text: str, leaf_only: bool = False) -> list[AccountRow]:
        """Code prefix, part of the name or pinyin initials (``yszk``); leaf accounts first."""
        text = (text or "").strip().lower()
        rows = [r for r in self.list_accounts(active_only=True) if not leaf_only or r.is_leaf]
        if not text:
            return rows
        hits = [r for r in rows if r.code.startswith(text) or text in r.name or text in r.full_name.lower()
                or any(key.startswith(text) or (len(text) > 1 and text in key) for key in self._search_keys(r))]
        return sorted(hits, key=lambda r: (not r.is_leaf, r.code))

    @staticmethod
    def _search_keys(row: AccountRow) -> list[str]:
        """Pinyin initials of the name, the full name and the known aliases of its level-1 account."""
        names = [row.full_name.replace("—", "")] + list(ACCOUNT_ALIASES.get(row.code, ()))
        return [row.initials] + [pinyin_initials(name) for name in names]

    def _get_model(self, code: str) -> Account:
        account = Account.get_or_none(Account.code == code)
        if account is None:
            raise NotFoundError(f"科目“{code}”不存在", "请在科目表中查找正确的科目编码")
        return account

    # --- 辅助核算 --------------------------------------------------------------------------
    def dimensions_of(self, code: str) -> tuple[str, ...]:
        """The dimension keys ``code`` carries ("counterparty", …): declared on it or an ancestor."""
        account = self._get_model(code)
        chain: list[int] = []
        node: Account | None = account
        while node is not None:
            chain.append(node.id)
            node = Account.get_or_none(Account.id == node.parent_id) if node.parent_id else None
        keys = {row.dimension for row in AccountDimension.select(AccountDimension.dimension)
                .where(AccountDimension.account.in_(chain))}
        return tuple(d.key for d in DIMENSIONS if d.key in keys)

    def _dimension_map(self) -> dict[str, tuple[str, ...]]:
        """code → the dimension keys each account carries."""
        accounts = list(Account.select(Account.id, Account.code, Account.parent))
        carried = effective_dimensions({a.id: a.parent_id for a in accounts}, declared_dimensions())
        return {a.code: carried[a.id] for a in accounts}

"""The chart of accounts (科目) and opening balances (期初), DOMAIN §3.1.

Sub-account codes are the parent's code plus two digits per level; postings go to leaf accounts only.
"""
from __future__ import annotations

from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from assetdesk.db.models import Account, AccountDimension, Book, OpeningBalance, PeriodState, VoucherLine
from assetdesk.errors import AccountError, ClosedPeriodError, DuplicateError, InputError, InUseError, NotFoundError
from assetdesk.events import AccountsChanged, OpeningBalancesChanged
from assetdesk.money import format_amount
from assetdesk.periods import Period
from assetdesk.services.chart import ACCOUNT_ALIASES, CHART_2023, DEFAULT_DIMENSIONS, DEFAULT_SUB_ACCOUNTS
from assetdesk.services.context import Service
from assetdesk.services.org import UpsertResult


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


@dataclass(frozen=True)
class AccountInput:
    code: str
    name: str


@dataclass(frozen=True)
class OpeningRow:
    code: str
    name: str
    normal_side: str
    debit_fen: int
    credit_fen: int


@dataclass(frozen=True)
class OpeningCheck:
    debit_fen: int
    credit_fen: int

    @property
    def balanced(self) -> bool:
        return self.debit_fen == self.credit_fen

    @property
    def difference_fen(self) -> int:
        return self.debit_fen - self.credit_fen

    def message(self) -> str:
        """试算不平衡：借方合计 …，贷方合计 …，差额 … — the words every refusal of unbalanced openings uses."""
        return (f"试算不平衡：借方合计 {format_amount(self.debit_fen)}，贷方合计 {format_amount(self.credit_fen)}，"
                f"差额 {format_amount(abs(self.difference_fen))}")


@dataclass(frozen=True)
class AccountProblem:
    """Why one item of a chart import cannot be written: its index in the list, the field at fault
    ("code" or "name") and the message. ``check_upsert`` lists them all before anything is written."""

    index: int
    field: str
    message: str
    duplicate: bool = False  # two sub-accounts of one parent with one name (DuplicateError)


def opening_locked_message(period: Period) -> str:
    return f"首个会计期间 {period} 已结账，期初余额不能再修改"


def pinyin_initials(name: str) -> str:
    """``应收款`` → ``ysk``: what clerks type to find an account."""
    return "".join(part[0] for part in lazy_pinyin(name, style=Style.FIRST_LETTER) if part).lower()


def seed_chart() -> None:
    """Insert the 42 first-level accounts and the default sub-accounts (inside the caller's transaction)."""
    for code, name, category, side in CHART_2023:
        Account.create(code=code, name=name, parent=None, level=1, category=category, normal_side=side,
                       initials=pinyin_initials(name))
    for code, name in DEFAULT_SUB_ACCOUNTS:
        parent = Account.get(Account.code == code[:-2])
        Account.create(code=code, name=name, parent=parent, level=2, category=parent.category,
                       normal_side=parent.normal_side, initials=pinyin_initials(name))
    for code, dimension_key in DEFAULT_DIMENSIONS:
        AccountDimension.create(account=Account.get(Account.code == code), dimension=dimension_key)


class AccountService(Service):
    """The only writer of the chart and the opening balances."""

    def _all(self) -> list[Account]:
        return list(Account.select().order_by(Account.code))

    def list_accounts(self, active_only: bool = False) -> list[AccountRow]:
        accounts = self._all()
        by_id = {a.id: a for a in accounts}
        parents = {a.parent_id for a in accounts if a.parent_id}
        rows = [self._row(a, by_id, parents) for a in accounts]
        return [r for r in rows if r.is_active] if active_only else rows

    @staticmethod
    def _row(account: Account, by_id: dict[int, Account], parents: set[int]) -> AccountRow:
        names: list[str] = []
        node: Account | None = account
        while node is not None:
            names.append(node.name)
            node = by_id.get(node.parent_id) if node.parent_id else None
        parent = by_id.get(account.parent_id) if account.parent_id else None
        return AccountRow(account.id, account.code, account.name, parent.code if parent else "", account.level,
                          account.category, account.normal_side, account.id not in parents, account.is_active,
                          account.initials, "—".join(reversed(names)))

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

    # --- changes to the chart ----------------------------------------------------------------
    def add_sub_account(self, parent_code: str, name: str, code: str | None = None) -> AccountRow:
        name = (name or "").strip()
        parent = Account.get_or_none(Account.code == parent_code)
        if parent is None:
            raise NotFoundError(f"上级科目“{parent_code}”不存在", "请先选择一个已有的科目")
        if not name:
            raise InputError("科目名称不能为空", "请填写明细科目名称")
        if Account.select().where((Account.parent == parent) & (Account.name == name)).exists():
            raise DuplicateError(f"“{parent.name}”下已有明细科目“{name}”", "请换一个名称")
        code = (code or "").strip() or self._next_child_code(parent)
        self._check_child_code(parent, code)
        first_use = not Account.select().where(Account.parent == parent).exists()
        if first_use and self._has_postings_or_opening(parent):
            raise AccountError(f"科目“{parent.code} {parent.name}”已有记账或期初余额，不能再增加明细科目",
                               "请在没有发生额的科目下增加明细，或先将余额转出")
        with self.ctx.transaction():
            account = Account.create(code=code, name=name, parent=parent, level=parent.level + 1,
                                     category=parent.category, normal_side=parent.normal_side,
                                     initials=pinyin_initials(name))
            self.ctx.audit("新增明细科目", "account", code, after={"code": code, "name": name})
        self._publish(AccountsChanged())
        return self.get(account.code)

    @staticmethod
    def _next_child_code(parent: Account) -> str:
        codes = [a.code for a in Account.select(Account.code).where(Account.parent == parent)]
        used = {int(c[len(parent.code):]) for c in codes if c[len(parent.code):].isdigit()}
        number = next(n for n in range(1, 100) if n not in used) if len(used) < 99 else None
        if number is None:
            raise AccountError(f"科目“{parent.code}”下的明细科目已满99个", "请合并不用的明细科目")
        return f"{parent.code}{number:02d}"

    @staticmethod
    def _check_child_code(parent: Account, code: str) -> None:
        if not (code.startswith(parent.code) and len(code) == len(parent.code) + 2 and code.isdigit()):
            raise InputError(f"明细科目编码“{code}”应为上级编码“{parent.code}”加两位数字", f"例如 {parent.code}01")
        if Account.select().where(Account.code == code).exists():
            raise DuplicateError(f"科目编码“{code}”已存在", "请换一个编码")

    @staticmethod
    def _has_postings_or_opening(account: Account) -> bool:
        return (VoucherLine.select().where(VoucherLine.account == account).exists()
                or OpeningBalance.select().where((OpeningBalance.account == account)
                                                 & (OpeningBalance.amount_fen != 0)).exists())

    def rename(self, code: str, name: str) -> AccountRow:
        account = self._get_model(code)
        name = (name or "").strip()
        if not name:
            raise InputError("科目名称不能为空", "请填写科目名称")
        if account.level == 1:
            raise AccountError("一级科目的名称由会计制度规定，不能修改", "可在其下增加明细科目")
        twin = Account.get_or_none((Account.parent == account.parent_id) & (Account.name == name)
                                   & (Account.id != account.id))
        if twin is not None:
            raise DuplicateError(f"“{account.parent.name}”下已有明细科目“{name}”（{twin.code}）", "请换一个名称")
        with self.ctx.transaction():
            self._write_name(account, name)
        self._publish(AccountsChanged())
        return self.get(code)

    def _write_name(self, account: Account, name: str) -> None:
        Account.update(name=name, initials=pinyin_initials(name)).where(Account.id == account.id).execute()
        self.ctx.audit("修改科目名称", "account", account.code, before={"name": account.name}, after={"name": name})

    def set_active(self, code: str, active: bool) -> AccountRow:
        account = self._get_model(code)
        with self.ctx.transaction():
            Account.update(is_active=active).where(Account.id == account.id).execute()
            self.ctx.audit("启用科目" if active else "停用科目", "account", code,
                           before={"is_active": account.is_active}, after={"is_active": active})
        self._publish(AccountsChanged())
        return self.get(code)

    def delete(self, code: str) -> None:
        """Only an unused sub-account can be deleted; posted history is never lost."""
        account = self._get_model(code)
        if account.level == 1:
            raise InUseError("一级科目由会计制度规定，不能删除", "不用的科目可以停用")
        if Account.select().where(Account.parent == account).exists():
            raise InUseError(f"科目“{code}”下还有明细科目，不能删除", "请先删除或停用其明细科目")
        if self._has_postings_or_opening(account):
            raise InUseError(f"科目“{code} {account.name}”已有记账分录或期初余额，不能删除",
                             "可将其停用，历史记录会保留")
        with self.ctx.transaction():
            OpeningBalance.delete().where(OpeningBalance.account == account).execute()
            Account.delete().where(Account.id == account.id).execute()
            self.ctx.audit("删除科目", "account", code, before={"code": code, "name": account.name})
        self._publish(AccountsChanged())

    def _get_model(self, code: str) -> Account:
        account = Account.get_or_none(Account.code == code)
        if account is None:
            raise NotFoundError(f"科目“{code}”不存在", "请在科目表中查找正确的科目编码")
        return account

    def accounts_in_use(self) -> set[str]:
        """Codes of the accounts with posted or draft lines or a non-zero opening balance: such an
        account can no longer get its first sub-account (its amounts would be left above the leaves)."""
        lines = Account.select(Account.code).join(VoucherLine, on=(VoucherLine.account == Account.id)).distinct()
        opening = (Account.select(Account.code).join(OpeningBalance, on=(OpeningBalance.account == Account.id))
                   .where(OpeningBalance.amount_fen != 0))
        return {a.code for a in lines} | {a.code for a in opening}

    def check_upsert(self, items: list[AccountInput]) -> list[AccountProblem]:
        """Every refusal ``upsert_accounts`` would make, without writing: an unknown parent, a first
        sub-account under an account already in use, and two sub-accounts of one parent left with the
        same name once the whole list is applied (new ones, renamed ones, and those already there).
        First-level accounts (3-digit codes) are never renamed here and are not checked."""
        accounts = {a.code: a for a in self._all()}
        by_id = {a.id: a for a in accounts.values()}
        in_use = self.accounts_in_use()
        with_children = {by_id[a.parent_id].code for a in accounts.values() if a.parent_id}
        names = {code: (by_id[a.parent_id].code if a.parent_id else "", a.name) for code, a in accounts.items()}
        problems: list[AccountProblem] = []
        listed: dict[str, int] = {}
        codes = {item.code for item in items}
        for index, item in enumerate(items):
            code, name = item.code, (item.name or "").strip()
            if len(code) <= 3:
                continue
            parent = code[:-2]
            listed[code] = index
            if not name:
                problems.append(AccountProblem(index, "name", "科目名称不能为空"))
            if code in accounts:
                names[code] = (parent, name or accounts[code].name)
                continue
            names[code] = (parent, name)
            if parent not in accounts and parent not in codes:
                problems.append(AccountProblem(index, "code",
                                               f"上级科目“{parent}”不存在，请先建立上级科目或在本表中加上它"))
            elif parent in in_use and parent not in with_children:
                problems.append(AccountProblem(
                    index, "code", f"科目“{parent} {accounts[parent].name}”已有记账或期初余额，不能再增加明细科目"
                                   f"（请在没有发生额的科目下增加明细，或先将余额转出）"))
        problems += self._twin_problems(names, listed, accounts)
        return sorted(problems, key=lambda problem: problem.index)

    @staticmethod
    def _twin_problems(names: dict[str, tuple[str, str]], listed: dict[str, int],
                       accounts: dict[str, Account]) -> list[AccountProblem]:
        """Sub-accounts of one parent sharing a name after the import, reported on each listed one."""
        siblings: dict[tuple[str, str], list[str]] = {}
        for code, (parent, name) in names.items():
            if parent and name:
                siblings.setdefault((parent, name), []).append(code)
        problems = []
        for (parent, name), codes in siblings.items():
            if len(codes) < 2:
                continue
            parent_name = accounts[parent].name if parent in accounts else names.get(parent, ("", parent))[1]
            for code in codes:
                if code in listed:
                    others = "、".join(other for other in sorted(codes) if other != code)
                    problems.append(AccountProblem(listed[code], "name",
                                                   f"“{parent_name}”下的明细科目 {others} 也叫“{name}”："
                                                   "同一上级科目下的明细科目不能同名，请换一个名称",
                                                   duplicate=True))
        return problems

    def upsert_accounts(self, items: list[AccountInput]) -> UpsertResult:
        """Import path: create sub-accounts (parent = code minus 2 digits) or rename them; one transaction.

        Everything is checked first (``check_upsert``), so the import either writes the whole list or
        nothing. Names are compared as the list leaves them: two sub-accounts may swap names."""
        problems = self.check_upsert(items)
        if problems:
            first = problems[0]
            error = DuplicateError if first.duplicate else AccountError
            raise error(f"科目“{items[first.index].code}”：{first.message}", "请改正科目表后重新导入")
        created = updated = unchanged = 0
        ordered = sorted(items, key=lambda i: (len(i.code), i.code))
        with self.ctx.transaction():
            for item in ordered:  # renames first: a new sub-account may take a name another one gives up
                current = Account.get_or_none(Account.code == item.code)
                if current is not None and current.level > 1 and current.name != item.name.strip():
                    self._write_name(current, item.name.strip())
                    updated += 1
                elif current is not None:
                    unchanged += 1
            for item in ordered:
                if not Account.select().where(Account.code == item.code).exists():
                    self.add_sub_account(item.code[:-2], item.name, item.code)
                    created += 1
        if updated:
            self._publish(AccountsChanged())
        return UpsertResult(created, updated, unchanged)

    # --- opening balances --------------------------------------------------------------------
    def opening_balances(self) -> list[OpeningRow]:
        amounts = {ob.account_id: ob.amount_fen for ob in OpeningBalance.select()}
        rows = []
        for row in self.list_accounts():
            if row.is_leaf:
                amount = amounts.get(row.id, 0)
                rows.append(OpeningRow(row.code, row.full_name, row.normal_side, max(amount, 0), max(-amount, 0)))
        return rows

    def opening_check(self) -> OpeningCheck:
        debit = credit = 0
        for ob in OpeningBalance.select(OpeningBalance.amount_fen):
            if ob.amount_fen > 0:
                debit += ob.amount_fen
            else:
                credit -= ob.amount_fen
        return OpeningCheck(debit, credit)

    def opening_locked(self) -> Period | None:
        """The first period when it is closed: opening balances can then no longer change."""
        book = Book.select().first()
        if book and PeriodState.select().where((PeriodState.period_key == book.first_period_key)
                                               & PeriodState.is_closed).exists():
            return Period.from_key(book.first_period_key)
        return None

    def opening_after(self, balances: dict[str, int]) -> OpeningCheck:
        """The whole book's opening totals once ``balances`` (signed, debit positive) are set; writes nothing."""
        amounts = {r.code: r.debit_fen - r.credit_fen for r in self.opening_balances()}
        amounts.update({code: int(amount) for code, amount in balances.items()})
        return OpeningCheck(sum(a for a in amounts.values() if a > 0), -sum(a for a in amounts.values() if a < 0))

    def set_opening_balances(self, balances: dict[str, int], *, require_balanced: bool = False) -> OpeningCheck:
        """Set 期初 (signed, debit positive) for leaf accounts; refused once the first month is closed.

        Typed in by hand, unbalanced openings are saved (the clerk enters them over several sittings)
        and the trial balance and month close report the difference until it is fixed. An import
        passes ``require_balanced``: a file is a finished table, and the whole book after it (the
        accounts it lists and those it does not) must balance, or nothing is written."""
        locked = self.opening_locked()
        if locked is not None:
            raise ClosedPeriodError(opening_locked_message(locked), "如确需修改，请先反结账")
        leaf_rows = {r.code: r for r in self.list_accounts() if r.is_leaf}
        for code in balances:
            if code not in leaf_rows:
                raise AccountError(f"科目“{code}”不存在或不是末级科目，不能录入期初余额", "期初余额只能录入到末级科目")
        if require_balanced:
            after = self.opening_after(balances)
            if not after.balanced:
                raise AccountError(f"期初余额{after.message()}，未导入",
                                   "请核对各科目的期初余额，使借方合计等于贷方合计")
        before = {r.code: r.debit_fen - r.credit_fen for r in self.opening_balances() if r.debit_fen or r.credit_fen}
        with self.ctx.transaction():
            for code, amount in balances.items():
                account_id = leaf_rows[code].id
                OpeningBalance.delete().where(OpeningBalance.account == account_id).execute()
                if amount:
                    OpeningBalance.create(account=account_id, amount_fen=int(amount))
            self.ctx.audit("录入期初余额", "opening_balance", "", before=before, after=balances)
        self._publish(OpeningBalancesChanged())
        return self.opening_check()

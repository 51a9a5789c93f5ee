"""The chart of accounts (科目) and opening balances (期初), DOMAIN §3.1.

Sub-account codes are the parent's code plus two digits per level; postings go to leaf accounts only.
"""
from __future__ import annotations

from dataclasses import dataclass

from assetdesk.db.models import Account, AccountDimension, OpeningBalance, OpeningBalanceAux, VoucherLine
from assetdesk.dimensions import BY_KEY, DIMENSIONS
from assetdesk.errors import AccountError, DuplicateError, InputError, InUseError, NotFoundError
from assetdesk.events import AccountsChanged
from assetdesk.services import account_dimensions as dims
from assetdesk.services.account_dimensions import DimensionChoice
from assetdesk.services.account_reader import AccountRow, declared_dimensions, effective_dimensions, pinyin_initials
from assetdesk.services.chart import CHART_2023, DEFAULT_DIMENSIONS, DEFAULT_SUB_ACCOUNTS
from assetdesk.services.opening_breakdown import BreakdownInput, BreakdownRow, RecordRef, side_amount
from assetdesk.services.openings import OpeningBalanceService, OpeningCheck, OpeningRow, opening_locked_message
from assetdesk.services.org import UpsertResult
from assetdesk.services.posting_rules import rule_names_using

__all__ = [
    "AccountInput", "AccountProblem", "AccountRow", "AccountService", "BreakdownInput", "BreakdownRow",
    "DimensionChoice", "OpeningCheck", "OpeningRow", "RecordRef", "opening_locked_message", "pinyin_initials",
    "seed_chart", "side_amount",
]


@dataclass(frozen=True)
class AccountInput:
    code: str
    name: str


@dataclass(frozen=True)
class AccountProblem:
    """Why one item of a chart import cannot be written: its index in the list, the field at fault
    ("code" or "name") and the message. ``check_upsert`` lists them all before anything is written."""

    index: int
    field: str
    message: str
    duplicate: bool = False  # two sub-accounts of one parent with one name (DuplicateError)


def seed_chart() -> None:
    """Insert the 42 first-level accounts, the default sub-accounts and 辅助核算, and point the posting
    rules at their default accounts (inside the caller's transaction)."""
    from assetdesk.services.posting_rules import seed_posting_rules

    for code, name, category, side in CHART_2023:
        Account.create(code=code, name=name, parent=None, level=1, category=category, normal_side=side,
                       initials=pinyin_initials(name))
    for code, name in DEFAULT_SUB_ACCOUNTS:
        parent = Account.get(Account.code == code[:-2])
        Account.create(code=code, name=name, parent=parent, level=2, category=parent.category,
                       normal_side=parent.normal_side, initials=pinyin_initials(name))
    for code, dimension_key in DEFAULT_DIMENSIONS:
        AccountDimension.create(account=Account.get(Account.code == code), dimension=dimension_key)
    seed_posting_rules()


class AccountService(OpeningBalanceService):
    """The only writer of the chart, its 辅助核算 and the opening balances."""

    # --- changes to the chart ----------------------------------------------------------------
    def add_sub_account(self, parent_code: str, name: str, code: str | None = None) -> AccountRow:
        """A sub-account (code: the parent's plus two digits); its checks run inside the write."""
        name = (name or "").strip()
        with self.ctx.transaction():
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
        """Lines, a non-zero opening, or an opening breakdown (records owing and owed may net to 0)."""
        return (VoucherLine.select().where(VoucherLine.account == account).exists()
                or OpeningBalance.select().where((OpeningBalance.account == account)
                                                 & (OpeningBalance.amount_fen != 0)).exists()
                or OpeningBalanceAux.select().where(OpeningBalanceAux.account == account).exists())

    def rename(self, code: str, name: str) -> AccountRow:
        name = (name or "").strip()
        with self.ctx.transaction():
            account = self._get_model(code)
            if not name:
                raise InputError("科目名称不能为空", "请填写科目名称")
            if account.level == 1:
                raise AccountError("一级科目的名称由会计制度规定，不能修改", "可在其下增加明细科目")
            twin = Account.get_or_none((Account.parent == account.parent_id) & (Account.name == name)
                                       & (Account.id != account.id))
            if twin is not None:
                raise DuplicateError(f"“{account.parent.name}”下已有明细科目“{name}”（{twin.code}）", "请换一个名称")
            self._write_name(account, name)
        self._publish(AccountsChanged())
        return self.get(code)

    def _write_name(self, account: Account, name: str) -> None:
        Account.update(name=name, initials=pinyin_initials(name)).where(Account.id == account.id).execute()
        self.ctx.audit("修改科目名称", "account", account.code, before={"name": account.name}, after={"name": name})

    def set_active(self, code: str, active: bool) -> AccountRow:
        with self.ctx.transaction():
            account = self._get_model(code)
            Account.update(is_active=active).where(Account.id == account.id).execute()
            self.ctx.audit("启用科目" if active else "停用科目", "account", code,
                           before={"is_active": account.is_active}, after={"is_active": active})
        self._publish(AccountsChanged())
        return self.get(code)

    def delete(self, code: str) -> None:
        """Only an unused sub-account can be deleted; posted history is never lost."""
        with self.ctx.transaction():
            account = self._get_model(code)
            if account.level == 1:
                raise InUseError("一级科目由会计制度规定，不能删除", "不用的科目可以停用")
            if Account.select().where(Account.parent == account).exists():
                raise InUseError(f"科目“{code}”下还有明细科目，不能删除", "请先删除或停用其明细科目")
            if self._has_postings_or_opening(account):
                raise InUseError(f"科目“{code} {account.name}”已有记账分录或期初余额，不能删除",
                                 "可将其停用，历史记录会保留")
            rules = rule_names_using(account.id)
            if rules:
                raise InUseError(f"科目“{code} {account.name}”是记账规则{'、'.join(rules)}的科目，不能删除",
                                 "请先在 设置 → 记账规则 中改用其他科目")
            OpeningBalance.delete().where(OpeningBalance.account == account).execute()
            Account.delete().where(Account.id == account.id).execute()
            self.ctx.audit("删除科目", "account", code, before={"code": code, "name": account.name})
        self._publish(AccountsChanged())

    def accounts_in_use(self) -> set[str]:
        """Codes of the accounts with posted or draft lines or a non-zero opening balance: such an
        account can no longer get its first sub-account (its amounts would be left above the leaves)."""
        lines = Account.select(Account.code).join(VoucherLine, on=(VoucherLine.account == Account.id)).distinct()
        opening = (Account.select(Account.code).join(OpeningBalance, on=(OpeningBalance.account == Account.id))
                   .where(OpeningBalance.amount_fen != 0))
        broken_down = Account.select(Account.code).join(OpeningBalanceAux, on=(OpeningBalanceAux.account == Account.id))
        return {a.code for a in lines} | {a.code for a in opening} | {a.code for a in broken_down}

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
        created = updated = unchanged = 0
        ordered = sorted(items, key=lambda i: (len(i.code), i.code))
        with self.ctx.transaction():
            problems = self.check_upsert(items)
            if problems:
                first = problems[0]
                error = DuplicateError if first.duplicate else AccountError
                raise error(f"科目“{items[first.index].code}”：{first.message}", "请改正科目表后重新导入")
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

    # --- 辅助核算 --------------------------------------------------------------------------
    def dimension_choices(self, code: str) -> list[DimensionChoice]:
        """Every dimension of the catalogue as the clerk may choose it for ``code`` (see ``DimensionChoice``)."""
        account = self._get_model(code)
        carried = set(self.dimensions_of(code))
        declared = declared_dimensions()
        inherited: dict[str, str] = {}
        for ancestor in self._ancestors(account):  # the nearest ancestor declaring it is named
            for key in declared.get(ancestor.id, set()):
                inherited.setdefault(key, f"{ancestor.code} {ancestor.name}")
        return [DimensionChoice(d.key, d.label, d.key in carried, inherited.get(d.key, ""),
                                dims.unavailable_reason(d.key))
                for d in DIMENSIONS]

    @staticmethod
    def _ancestors(account: Account) -> list[Account]:
        """The account's parent, grandparent … (nearest first)."""
        out, node = [], account
        while node.parent_id:
            node = Account.get_by_id(node.parent_id)
            out.append(node)
        return out

    def set_dimensions(self, code: str, dimension_keys) -> AccountRow:
        """The 辅助核算 ``code`` declares (keys or labels); what an ancestor declares stays and cannot be
        taken off here. Refused, nothing written, for a dimension without a register, or one that
        posted lines or an opening of the account or its sub-accounts do not name (see
        ``account_dimensions``). Taking one off folds the opening breakdown onto the dimensions left."""
        with self.ctx.transaction():
            account = self._get_model(code)
            wanted = set(dims.parse_keys(dimension_keys))
            declared = declared_dimensions()
            own = declared.get(account.id, set())
            from_above = set().union(*(declared.get(a.id, set()) for a in self._ancestors(account)))
            for key in sorted(from_above - wanted):
                above = next(a for a in self._ancestors(account) if key in declared.get(a.id, set()))
                raise AccountError(f"“{BY_KEY[key].label}”是上级科目“{above.code} {above.name}”设置的辅助核算，"
                                   f"明细科目“{code} {account.name}”不能取消", "如需取消，请在上级科目上修改")
            new_own = wanted - from_above
            if new_own == own:
                return self.get(code)
            self._apply_dimensions(account, own, new_own, declared)
            self.ctx.audit("设置辅助核算", "account", code, before={"辅助核算": self._labels(own | from_above)},
                           after={"辅助核算": self._labels(wanted | from_above)})
        self._publish(AccountsChanged())
        return self.get(code)

    def _apply_dimensions(self, account: Account, own: set[str], new_own: set[str], declared: dict) -> None:
        """Check, then write the account's declarations ``own`` → ``new_own``."""
        accounts = list(Account.select(Account.id, Account.code, Account.name, Account.parent))
        below = dims.subtree(account, accounts)
        parents = {a.id: a.parent_id for a in accounts}
        before = effective_dimensions(parents, declared)
        after = effective_dimensions(parents, {**declared, account.id: new_own})
        locked = self.opening_locked()
        for key in sorted(new_own - own, key=list(BY_KEY).index):
            dims.check_can_carry(key, account, [a for a in below if key not in before[a.id]], locked is not None)
        dropped = own - new_own
        if dropped:
            changing = [a.id for a in below if set(before[a.id]) - set(after[a.id])]
            if locked is not None and dims.would_fold(changing, dropped):
                raise dims.locked_refusal(self._labels(dropped)[0], locked)
            dims.fold_breakdown(changing, dropped, after)
        AccountDimension.delete().where((AccountDimension.account == account.id)
                                        & AccountDimension.dimension.in_(sorted(dropped))).execute()
        for key in sorted(new_own - own):
            AccountDimension.create(account=account.id, dimension=key)

    @staticmethod
    def _labels(keys: set[str]) -> list[str]:
        return [d.label for d in DIMENSIONS if d.key in keys]

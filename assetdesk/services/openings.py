"""期初余额: the opening balance of each leaf account, and its breakdown by 辅助核算 (DOMAIN §3.1).

Balances are signed (debit positive). An account carrying a dimension (应收款 by 往来单位) with a
non-zero opening keeps it record by record (``opening_breakdown``): the rows add up to the opening to
the fen. Nothing here changes once the first month is closed.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assetdesk.db.models import Book, OpeningBalance, PeriodState
from assetdesk.dimensions import BY_KEY
from assetdesk.errors import AccountError, ClosedPeriodError
from assetdesk.events import OpeningBalancesChanged
from assetdesk.money import format_amount
from assetdesk.periods import Period
from assetdesk.services import opening_breakdown as parts_of
from assetdesk.services.account_reader import AccountReader, AccountRow
from assetdesk.services.opening_breakdown import BreakdownInput, BreakdownRow, side_amount


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


def opening_locked_message(period: Period) -> str:
    return f"首个会计期间 {period} 已结账，期初余额不能再修改"


Breakdown = Mapping[str, Sequence[BreakdownInput]]


class OpeningBalanceService(AccountReader):
    """Reads and writes the opening balances (part of ``AccountService``)."""

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

    # --- the breakdown by 辅助核算 -------------------------------------------------------------
    def opening_breakdown(self, code: str) -> list[BreakdownRow]:
        """The account's opening, record by record (in the order entered); [] when not broken down."""
        account = self._get_model(code)
        return parts_of.load([account.id], {account.id: account.code}, self.db).get(account.id, [])

    def opening_breakdowns(self) -> dict[str, list[BreakdownRow]]:
        """Every broken-down opening: account code → its rows (an export writes them all)."""
        codes = {row.id: row.code for row in self.list_accounts()}
        return {codes[account_id]: rows for account_id, rows in parts_of.load(None, codes, self.db).items()}

    # --- the write ------------------------------------------------------------------------
    def set_opening_balances(self, balances: dict[str, int], *, breakdown: Breakdown | None = None,
                             require_balanced: bool = False) -> OpeningCheck:
        """Set 期初 (signed, debit positive) for leaf accounts, and the breakdown of those carrying a
        辅助核算: ``breakdown`` maps an account code to its rows (``BreakdownInput``), which replace
        the ones stored. An account given no rows keeps its stored ones while they still add up.
        Refused, with nothing written, once the first month is closed, for a breakdown that does not
        add up to the account's opening or names a record that does not exist, and for a non-zero
        opening of an account carrying a dimension without its breakdown; clearing an opening to 0
        clears its breakdown.

        Typed in by hand, unbalanced openings are saved (the clerk enters them over several sittings)
        and the trial balance and month close report the difference until it is fixed. An import
        passes ``require_balanced``: a file is a finished table, and the whole book after it (the
        accounts it lists and those it does not) must balance, or nothing is written."""
        breakdown = {code: list(rows) for code, rows in (breakdown or {}).items()}
        with self.ctx.transaction():
            locked = self.opening_locked()
            if locked is not None:
                raise ClosedPeriodError(opening_locked_message(locked), "如确需修改，请先反结账")
            leaf_rows = {r.code: r for r in self.list_accounts() if r.is_leaf}
            for code in [*balances, *breakdown]:
                if code not in leaf_rows:
                    raise AccountError(f"科目“{code}”不存在或不是末级科目，不能录入期初余额",
                                       "期初余额只能录入到末级科目")
            current = {r.code: r.debit_fen - r.credit_fen for r in self.opening_balances()
                       if r.debit_fen or r.credit_fen}
            plan, names = self._breakdown_plan(balances, breakdown, leaf_rows, current)
            if require_balanced:
                after = self.opening_after(balances)
                if not after.balanced:
                    raise AccountError(f"期初余额{after.message()}，未导入",
                                       "请核对各科目的期初余额，使借方合计等于贷方合计")
            self._write(balances, plan, leaf_rows, current, names)
        self._publish(OpeningBalancesChanged())
        return self.opening_check()

    def _breakdown_plan(self, balances: dict[str, int], breakdown: Mapping[str, Sequence[BreakdownInput]],
                        leaf_rows: dict[str, AccountRow], current: dict[str, int]):
        """(account code → the rows it will have, for each account whose rows change; the names of
        the records given), after every check of the accounts ``balances`` or ``breakdown`` touch."""
        carried = self._dimension_map()
        touched = list(dict.fromkeys([*balances, *breakdown]))
        stored = parts_of.load([leaf_rows[code].id for code in touched], {}, self.db)
        names = parts_of.record_names(self.db, parts_of.wanted_ids(p for rows in breakdown.values() for p in rows))
        plan: dict[str, tuple[BreakdownInput, ...]] = {}
        for code in touched:
            account = leaf_rows[code]
            amount = int(balances[code]) if code in balances else current.get(code, 0)
            if code in breakdown:
                plan[code] = parts_of.check_parts(account, carried[code], amount, breakdown[code], names)
                continue
            old = stored.get(account.id, [])
            total = sum(row.amount_fen for row in old)
            if (not old and not carried[code]) or (total == amount and (old or not amount)):
                continue
            if not amount:
                plan[code] = ()  # an opening cleared to 0 takes its breakdown with it
            elif old:
                raise AccountError(f"科目“{code} {account.full_name}”的期初余额改为 {side_amount(amount)}，"
                                   f"但其期初明细合计 {side_amount(total)}，差额 {format_amount(abs(total - amount))}",
                                   "请同时修改期初明细，使明细合计等于期初余额")
            else:
                labels = "、".join(BY_KEY[key].label for key in carried[code])
                raise AccountError(f"科目“{code} {account.full_name}”按{labels}辅助核算，"
                                   f"期初余额 {side_amount(amount)} 须分列到各{labels}",
                                   f"请点“期初明细”按{labels}录入各自的金额，或导入列有核算项目的科目余额表")
        return plan, names

    def _write(self, balances: dict[str, int], plan: dict[str, tuple[BreakdownInput, ...]],
               leaf_rows: dict[str, AccountRow], current: dict[str, int], names) -> None:
        for code, amount in balances.items():
            account_id = leaf_rows[code].id
            OpeningBalance.delete().where(OpeningBalance.account == account_id).execute()
            if amount:
                OpeningBalance.create(account=account_id, amount_fen=int(amount))
        before_parts = parts_of.load([leaf_rows[code].id for code in plan], {}, self.db)
        for code, rows in plan.items():
            parts_of.store(leaf_rows[code].id, rows)
        after: dict[str, object] = dict(balances)
        before: dict[str, object] = dict(current)
        if plan:
            before["期初明细"] = {code: parts_of.describe(before_parts.get(leaf_rows[code].id, [])) for code in plan}
            after["期初明细"] = {code: parts_of.describe(rows, names) for code, rows in plan.items()}
        self.ctx.audit("录入期初余额", "opening_balance", "", before=before, after=after)

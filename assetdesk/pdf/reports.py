"""The printable book reports by name: what ``assetdesk report NAME`` and the UI's 打印 call.

``build_report`` turns the CLI's options into each builder's arguments, so the command line, the
screens and the tests print through one path.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from assetdesk.errors import InputError
from assetdesk.pdf.asset_reports import build_asset_register, build_idle_assets
from assetdesk.pdf.aux_reports import build_aux_balance, build_aux_ledger
from assetdesk.pdf.chart import build_chart
from assetdesk.pdf.journal import build_journal
from assetdesk.pdf.lease_reports import build_arrears, build_lease_register, build_rent_ledger
from assetdesk.pdf.ledger import build_ledger
from assetdesk.pdf.month_books import build_both_journals, build_month_books
from assetdesk.pdf.receipt import build_receipt
from assetdesk.pdf.scope import PeriodRange
from assetdesk.pdf.statements import build_balance_sheet, build_income_statement
from assetdesk.pdf.trial_balance import build_trial_balance
from assetdesk.pdf.vouchers import build_vouchers


def _trial_balance(books, path, scope, account, printed_on):
    return build_trial_balance(books, path, scope, printed_on=printed_on)


def _ledger(books, path, scope, account, printed_on):
    return build_ledger(books, path, scope, account=account, printed_on=printed_on)


def _journal(books, path, scope, account, printed_on):
    if account is None:  # no account named: both journals, cash then bank, as they are filed
        return build_both_journals(books, path, scope, printed_on=printed_on)
    return build_journal(books, path, scope, account=account, printed_on=printed_on)


def _vouchers(books, path, scope, account, printed_on):
    return build_vouchers(books, path, scope, printed_on=printed_on)


def _balance_sheet(books, path, scope, account, printed_on):
    return build_balance_sheet(books, path, scope, printed_on=printed_on)


def _income_statement(books, path, scope, account, printed_on):
    return build_income_statement(books, path, scope, printed_on=printed_on)


def _month_books(books, path, scope, account, printed_on):
    return build_month_books(books, path, scope, printed_on=printed_on)


def _chart(books, path, scope, account, printed_on):
    return build_chart(books, path, printed_on=printed_on)


def _aux_balance(books, path, scope, account, printed_on, dimension=None):
    return build_aux_balance(books, path, scope, account=account, dimension=dimension, printed_on=printed_on)


def _aux_ledger(books, path, scope, account, printed_on, dimension=None, counterparty=None, compound=None):
    return build_aux_ledger(books, path, scope, account=account, dimension=dimension, counterparty=counterparty,
                            compound=compound, printed_on=printed_on)


def _asset_register(books, path, scope, account, printed_on, group=None):
    return build_asset_register(books, path, group=group, printed_on=printed_on)


def _idle_assets(books, path, scope, account, printed_on):
    return build_idle_assets(books, path, printed_on=printed_on)


def _lease_register(books, path, scope, account, printed_on, group=None):
    return build_lease_register(books, path, group=group, printed_on=printed_on)


def _rent_ledger(books, path, scope, account, printed_on):
    return build_rent_ledger(books, path, scope, printed_on=printed_on)


def _arrears(books, path, scope, account, printed_on):
    return build_arrears(books, path, as_of=report_as_of(scope, printed_on), printed_on=printed_on)


def _receipt(books, path, scope, account, printed_on, number=None):
    return build_receipt(books, path, number=number, printed_on=printed_on)


# name → (Chinese title, builder(books, path, PeriodRange, account, printed_on, **aux options) -> Path)
ACCOUNT_REPORTS = ("ledger", "journal", "aux-balance", "aux-ledger")  # the reports --account applies to
# the sub-ledgers by 辅助核算 record, and the options each takes besides --account
AUX_OPTIONS = {"aux-balance": ("dimension",), "aux-ledger": ("dimension", "counterparty", "compound"),
               "asset-register": ("group",), "lease-register": ("group",), "receipt": ("number",)}
_OPTION_FLAGS = {"dimension": "--dimension", "counterparty": "--counterparty", "compound": "--compound",
                 "group": "--group", "number": "--number"}
# printed as they stand today, of the day printed: no period
UNDATED_REPORTS = ("chart", "asset-register", "idle-assets", "lease-register", "receipt")
# of a day: the end of the months asked for (today while they run), today when none are asked
AS_OF_REPORTS = ("arrears",)
REPORTS: dict[str, tuple[str, Callable[..., Path]]] = {
    "trial-balance": ("科目余额表", _trial_balance),
    "ledger": ("明细分类账", _ledger),
    "journal": ("现金/银行存款日记账", _journal),
    "vouchers": ("记账凭证", _vouchers),
    "chart": ("会计科目表", _chart),
    "balance-sheet": ("资产负债表", _balance_sheet),
    "income-statement": ("收益及收益分配表", _income_statement),
    "month-books": ("全部账簿", _month_books),
    "aux-balance": ("辅助余额表", _aux_balance),
    "aux-ledger": ("辅助明细账", _aux_ledger),
    "asset-register": ("资产台账", _asset_register),
    "idle-assets": ("闲置资产明细表", _idle_assets),
    "lease-register": ("合同台账", _lease_register),
    "rent-ledger": ("租金收缴台账", _rent_ledger),
    "arrears": ("欠租账龄表", _arrears),
    "receipt": ("收款收据", _receipt),
}


def build_report(books, name: str, path: str | Path, period=None, year: int | None = None,
                 account: str | None = None, printed_on: date | None = None, **aux) -> Path:
    """Print report ``name`` to ``path`` and return the path.

    ``period``: "2025-03", "2025-01~2025-03", a ``Period`` or a (first, last) pair; ``year``: a
    whole year; neither: the current (first open) period. ``account``: the ledger's account code
    (all accounts with postings or a balance when None), the journal's "cash" / "bank" / code
    (both journals, bound, when None) or the account of an 辅助 report (required there).
    ``aux``: the 辅助 reports' options (``AUX_OPTIONS``): ``dimension`` (往来单位 / 小区 or its key),
    ``counterparty`` (name or 证件号码) or ``compound`` (code or name) of the 辅助明细账; ``group``
    (category / area) of the 资产台账 or (status / asset) of the 合同台账; ``number``: the 收据号 of
    the 收款收据. The asset reports and the 合同台账 are of ``printed_on``, not of a period; the
    欠租账龄表 is of the last day of the months asked for (``report_as_of``).
    ``printed_on`` defaults to today: this is the adapter edge (CLI, UI) where the clock is read;
    report builders below it never read it. The range is cut to the months the books hold
    (``PeriodService.reportable``): ``--year`` of a year in progress prints January to the
    latest month the books hold.
    """
    aux = {key: value for key, value in aux.items() if value is not None and value != ""}
    check_options(name, period, year, account, **aux)
    printed_on = printed_on or date.today()
    if name in UNDATED_REPORTS:
        scope = None
    elif name in AS_OF_REPORTS:  # the months asked for as they are, not cut to the books: a day, not figures
        scope = asked_scope(books, period, year) if period is not None or year is not None else None
    else:
        scope = report_scope(books, period, year)
    _, builder = REPORTS[name]
    return builder(books, Path(path), scope, account, printed_on, **aux)


def check_options(name: str, period=None, year=None, account: str | None = None, **aux) -> None:
    """Refuse what a report cannot do before any work: an unknown name, both a period and a year,
    an account for a report that is not printed by account, or an 辅助 option for another report."""
    if name not in REPORTS:
        raise InputError(f"没有名为“{name}”的报表", "可用：" + "、".join(REPORTS))
    if period is not None and year is not None:
        raise InputError("期间和年度只能指定一个", "用 --period 或 --year 其中之一")
    if account and name not in ACCOUNT_REPORTS:
        raise InputError(f"“{REPORTS[name][0]}”不按科目打印，--account 只用于明细账（ledger）、日记账（journal）"
                         "和辅助核算报表（aux-balance、aux-ledger）", "去掉 --account，或改打 ledger / journal")
    for key, value in aux.items():
        if value in (None, ""):
            continue
        allowed = [report for report, keys in AUX_OPTIONS.items() if key in keys]
        if name not in allowed:
            raise InputError(f"“{REPORTS[name][0]}”不用 {_OPTION_FLAGS.get(key, key)}",
                             f"{_OPTION_FLAGS.get(key, key)} 只用于 " + "、".join(allowed))


def report_as_of(scope: PeriodRange | None, printed_on: date) -> date:
    """The day of an ``AS_OF_REPORTS`` report (欠租账龄表): the last day of the months asked for, or
    ``printed_on`` when none were asked for or they have not ended yet."""
    return printed_on if scope is None else min(scope.last.last_day, printed_on)


def asked_scope(books, period=None, year: int | None = None) -> PeriodRange:
    """The months asked for: ``year``, ``period`` (a month or range) or the current period."""
    if year is not None:
        return PeriodRange.year(int(year))
    if period is not None:
        return PeriodRange.of(period)
    return PeriodRange.of(books.periods.current_period())


def report_scope(books, period=None, year: int | None = None) -> PeriodRange:
    """The months a report covers: those asked for, cut to the months the books hold."""
    asked = asked_scope(books, period, year)
    return PeriodRange(*books.periods.reportable(asked.first, asked.last))


def scope_note(books, period=None, year: int | None = None) -> str:
    """What to tell the clerk when the months printed are fewer than those asked for ("" if none)."""
    asked, printed = asked_scope(books, period, year), report_scope(books, period, year)
    if asked == printed:
        return ""
    return f"注意：账内只有{printed.label}的账，已按{printed.label}打印（要求的是{asked.label}）"

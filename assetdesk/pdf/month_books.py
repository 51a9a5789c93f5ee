"""全部账簿: the month's books in one PDF, in the order they are bound and filed.

At month end the clerk prints the vouchers, the cash and bank journals, the 明细账, the 科目余额表
and the two statements for the 书记's signature and the archive box. Each book is printed by its
own builder (its own page numbers, headings and signature line, as when printed alone) and the
files are joined with pypdf, with one bookmark per book so a viewer can jump between them.
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Callable

from pypdf import PdfWriter

from assetdesk.pdf.journal import build_journal
from assetdesk.pdf.ledger import build_ledger
from assetdesk.pdf.scope import PeriodRange
from assetdesk.pdf.statements import build_balance_sheet, build_income_statement
from assetdesk.pdf.trial_balance import build_trial_balance
from assetdesk.pdf.vouchers import build_vouchers

# (bookmark, builder(books, path, scope, printed_on)) in filing order
BOOKS: tuple[tuple[str, Callable[..., Path]], ...] = (
    ("记账凭证", lambda books, path, scope, on: build_vouchers(books, path, scope, printed_on=on)),
    ("现金日记账", lambda books, path, scope, on: build_journal(books, path, scope, account="cash", printed_on=on)),
    ("银行存款日记账", lambda books, path, scope, on: build_journal(books, path, scope, account="bank", printed_on=on)),
    ("明细分类账", lambda books, path, scope, on: build_ledger(books, path, scope, printed_on=on)),
    ("科目余额表", lambda books, path, scope, on: build_trial_balance(books, path, scope, printed_on=on)),
    ("资产负债表", lambda books, path, scope, on: build_balance_sheet(books, path, scope, printed_on=on)),
    ("收益及收益分配表", lambda books, path, scope, on: build_income_statement(books, path, scope, printed_on=on)),
)


def build_month_books(books, path: str | Path, period, *, printed_on: date) -> Path:
    """Every book of ``period`` (a month, a range or a year) in one PDF with a bookmark per book."""
    scope = PeriodRange.of(period)
    return bind_books(books, path, scope, BOOKS, f"全部账簿（{scope.label}）", printed_on=printed_on)


def build_both_journals(books, path: str | Path, period, *, printed_on: date) -> Path:
    """现金日记账 and 银行存款日记账 in one PDF (the journal report when no account is named)."""
    scope = PeriodRange.of(period)
    return bind_books(books, path, scope, BOOKS[1:3], f"现金日记账、银行存款日记账（{scope.label}）",
                      printed_on=printed_on)


def bind_books(books, path: str | Path, scope: PeriodRange, chosen, title: str, *, printed_on: date) -> Path:
    """The ``chosen`` books, each printed alone, joined into ``path`` with a bookmark per book."""
    path = Path(path)
    writer = PdfWriter()
    with tempfile.TemporaryDirectory(prefix="assetdesk-books-") as folder:
        for index, (bookmark, build) in enumerate(chosen):
            part = build(books, Path(folder) / f"{index}.pdf", scope, printed_on)
            writer.append(str(part), outline_item=bookmark)
        writer.add_metadata({"/Title": title})
        with path.open("wb") as handle:
            writer.write(handle)
    writer.close()
    return path

"""A business area for tests only (never shipped): rent charges posted as documents, the way the
lease area will post them — kinds, rule keys and dimensions, nothing of the accounts — with its
reconciliation (the charges not yet collected, by tenant = 112 应收款 by tenant) registered for check."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from assetdesk.services.documents import Document, DocumentLine, PostingRun, register_kind
from assetdesk.services.reconciliation import Difference, ReconciliationResult

KIND = "test_rent_charge"
register_kind(KIND, "应收租金（测试）")


@dataclass(frozen=True)
class Charge:
    id: int
    tenant_id: int
    due_on: dt.date
    amount_fen: int

    def document(self) -> Document:
        return Document(KIND, self.id, self.due_on, "应收租金", (
            DocumentLine("rent.receivable", debit_fen=self.amount_fen, counterparty_id=self.tenant_id),
            DocumentLine("rent.income", credit_fen=self.amount_fen)))


class RentArea:
    def __init__(self, books):
        self.books = books
        self.charges: dict[int, Charge] = {}
        books.check.reconciliations.add(self.reconcile)

    def bill(self, charges: list[Charge]) -> PostingRun:
        run = self.books.documents.post_many([charge.document() for charge in charges])
        self.charges.update({charge.id: charge for charge in charges})
        return run

    def reverse(self, charge_id: int):
        return self.books.documents.reverse(KIND, charge_id)

    def reconcile(self, ctx) -> list[ReconciliationResult]:
        """Charges still posted, by tenant, against 112's posted lines by tenant."""
        posted = self.books.documents.posted_ids(KIND, list(self.charges))
        expected: dict[int, int] = defaultdict(int)
        for charge_id in posted:
            expected[self.charges[charge_id].tenant_id] += self.charges[charge_id].amount_fen
        p = ctx.db.param
        books_side = {int(t): int(s) for t, s in ctx.db.execute_sql(
            "SELECT l.counterparty_id, SUM(l.amount_fen) FROM voucher_line l JOIN account a ON a.id = l.account_id"
            f" WHERE l.posted = {p} AND a.code LIKE {p} GROUP BY l.counterparty_id", (True, "112%")).fetchall()}
        names = {row.id: row.name for row in self.books.org.list_counterparties()}
        differences = tuple(Difference(names.get(t, str(t)), expected.get(t, 0), books_side.get(t, 0))
                            for t in sorted(set(expected) | set(books_side)) if expected.get(t, 0) != books_side.get(t, 0))
        return [ReconciliationResult("应收租金（测试）与应收款（112）按往来单位", sum(expected.values()),
                                     sum(books_side.values()), differences)]

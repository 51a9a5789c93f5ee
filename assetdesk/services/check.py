"""Integrity check (``assetdesk check``): what an auditor would verify before trusting the books."""
from __future__ import annotations

from dataclasses import dataclass

from assetdesk.db.migrate import current_version
from assetdesk.db.migrations import LATEST_VERSION
from assetdesk.money import format_money
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.ledger import LedgerService
from assetdesk.services.posting_rules import PostingRuleService
from assetdesk.services.reconciliation import ReconciliationRegistry


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


class CheckService(Service):
    def __init__(self, ctx: ServiceContext, ledger: LedgerService, rules: PostingRuleService | None = None):
        super().__init__(ctx)
        self._ledger = ledger
        self._rules = rules
        self.reconciliations = ReconciliationRegistry()

    def run(self) -> list[Finding]:
        """Every finding is a problem; an empty list means the books are sound."""
        findings = self._schema()
        if findings:
            return findings
        for check in (self._unbalanced_vouchers, self._line_copies, self._trial_balance,
                      self._non_leaf_postings, self._closed_period_postings, self._numbering,
                      self._sub_ledgers, self._posting_rules):
            findings.extend(check())
        return findings

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.db.execute_sql(sql, params).fetchall()

    def _schema(self) -> list[Finding]:
        version = current_version(self.db)
        if version != LATEST_VERSION:
            return [Finding("schema", f"数据结构版本为 {version}，应为 {LATEST_VERSION}；请运行 assetdesk init 升级")]
        return []

    def _unbalanced_vouchers(self) -> list[Finding]:
        rows = self._rows("SELECT v.id, v.period_key, v.number, SUM(l.amount_fen), COUNT(l.id) FROM voucher v "
                          "LEFT JOIN voucher_line l ON l.voucher_id = v.id WHERE v.status = 'posted' "
                          "GROUP BY v.id, v.period_key, v.number HAVING SUM(l.amount_fen) <> 0 OR COUNT(l.id) < 2")
        return [Finding("voucher_unbalanced", f"凭证 {p // 100}-{p % 100:02d} 记-{n or 0:04d} 借贷不平衡（差额 "
                        f"{format_money(int(s or 0))}）或少于两行") for _, p, n, s, _c in rows]

    def _line_copies(self) -> list[Finding]:
        rows = self._rows("SELECT COUNT(*) FROM voucher_line l JOIN voucher v ON v.id = l.voucher_id "
                          "WHERE l.period_key <> v.period_key OR l.date_on <> v.date_on "
                          "OR l.posted <> (v.status = 'posted')")
        count = int(rows[0][0])
        return [Finding("line_copy", f"有 {count} 行分录的期间/日期/过账标志与所属凭证不一致")] if count else []

    def _trial_balance(self) -> list[Finding]:
        total = self._rows("SELECT COALESCE(SUM(amount_fen), 0) FROM voucher_line WHERE posted = %s" % self.db.param,
                           (True,))[0][0]
        opening = self._rows("SELECT COALESCE(SUM(amount_fen), 0) FROM opening_balance")[0][0]
        findings = []
        if int(total or 0):
            findings.append(Finding("trial_balance", f"全部已过账分录借贷合计不相等，差额 {format_money(int(total))}"))
        if int(opening or 0):
            findings.append(Finding("opening", f"期初余额试算不平衡，差额 {format_money(int(opening))}"))
        # Control accounts hold no postings of their own (see _non_leaf_postings) and are read from the
        # monthly totals, so "sub-ledgers agree with control accounts" means: totals agree with lines.
        if self._ledger.totals_disagreements():
            findings.append(Finding("period_totals",
                                    "科目月度汇总与已过账分录不符；请运行 assetdesk check --rebuild 重建"))
        return findings

    def _non_leaf_postings(self) -> list[Finding]:
        rows = self._rows("SELECT DISTINCT a.code FROM voucher_line l JOIN account a ON a.id = l.account_id "
                          "WHERE EXISTS (SELECT 1 FROM account c WHERE c.parent_id = a.id)")
        return [Finding("non_leaf", f"科目 {code} 有下级科目，但有分录直接记在它上面") for (code,) in rows]

    def _closed_period_postings(self) -> list[Finding]:
        """A closed month holds no draft and no voucher numbered after its last number at closing
        (exact, where comparing times to the second could miss one posted in the same second)."""
        rows = self._rows("SELECT v.period_key, COUNT(*) FROM voucher v"
                          " JOIN period_state s ON s.period_key = v.period_key "
                          "WHERE s.is_closed = %s AND (v.status <> 'posted' OR (s.closed_number IS NOT NULL AND "
                          "v.number > s.closed_number) OR (s.closed_number IS NULL AND v.posted_at > s.closed_at)) "
                          "GROUP BY v.period_key" % self.db.param, (True,))
        return [Finding("closed_period", f"{p // 100}-{p % 100:02d} 已结账，但有 {n} 张凭证是结账后记入或仍为草稿")
                for p, n in rows]

    def _sub_ledgers(self) -> list[Finding]:
        """Each sub-ledger equals its control account (the books' own and every area's)."""
        return [Finding("sub_ledger", result.message()) for result in self.reconciliations.run(self.ctx)
                if not result.agrees]

    def _posting_rules(self) -> list[Finding]:
        if self._rules is None:
            return []
        return [Finding("posting_rule", problem) for problem in self._rules.problems()]

    def _numbering(self) -> list[Finding]:
        rows = self._rows("SELECT period_key, COUNT(*), MAX(number) FROM voucher WHERE status = 'posted'"
                          " GROUP BY period_key")
        return [Finding("numbering", f"{p // 100}-{p % 100:02d} 凭证号不连续（{c} 张，最大号 {m}）")
                for p, c, m in rows if int(c) != int(m or 0)]


__all__ = ["CheckService", "Finding"]

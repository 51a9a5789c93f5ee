"""Historical vouchers moved off paper or out of another program (the journal import), DOMAIN §3.2.

Numbers. The books number vouchers consecutively per month, without gaps (记-0001; ``check`` holds
them to it). A month's imported vouchers are numbered on from the month's highest number in paper
order (by their number on paper, then date), so a month imported whole from paper books numbered
1, 2, 3 … keeps its paper numbers and 凭证字 (收-0001, 付-0002), and "冲销 2025-06 记-0002" in a 摘要
still points at the voucher it meant. Where a paper number cannot stay — a gap (记-0003 voided on
paper), a number used twice (收-1 and 付-1), a month already holding vouchers numbered otherwise —
the month's vouchers take the books' 凭证字 and each one numbered differently keeps its paper
number in ``voucher.paper_label`` (记-0004; printed beside the books' number, found by the voucher
list's search) and, for the clerk to read, in its source ("导入（原凭证号 记-0004）").

A voucher is never dated after the current month of the books' clock (a 2052 typed for 2025 would
open hundreds of empty months).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from assetdesk.errors import VoucherError
from assetdesk.events import DataImported
from assetdesk.periods import Period
from assetdesk.services.voucher_types import VoucherInput, voucher_label
from assetdesk.services.voucher_writer import PostingItem

if TYPE_CHECKING:
    import peewee

    from assetdesk.events import Event
    from assetdesk.services.context import ServiceContext
    from assetdesk.services.voucher_writer import Written

IMPORT_SOURCE = "导入"
ORIGINAL_MARK = "原凭证号"
_PAPER_RE = re.compile(r"(\S+?)-(\d+)$")  # a paper_label: 记-0004
PaperNumber = tuple[str, "int | None"]  # (凭证字 as written, may be ""; number), e.g. ("收", 1)


class _PostingPath(Protocol):
    """What the mixin uses of ``VoucherService``: its context and its one posting path."""

    ctx: ServiceContext

    @property
    def db(self) -> peewee.Database: ...
    def word(self) -> str: ...
    def post_many(self, postings: list[PostingItem], kind: str = "") -> list[Written]: ...
    def _publish(self, event: Event) -> None: ...
    def plan_import_numbers(self, papers: Sequence[tuple[dt.date, str, int | None]]) -> list[tuple[str, int]]: ...
    def _original_label(self, paper: PaperNumber, word: str, number: int) -> str: ...


class HistoricalVouchers:
    """The import part of ``VoucherService`` (mixed in; uses its posting path, hence ``self``'s type)."""

    def import_vouchers(self: _PostingPath, items: list[VoucherInput],
                        papers: Sequence[PaperNumber] | None = None) -> int:
        """Post historical vouchers in the order given, all in one transaction, through the batch
        path. ``papers`` gives each one's 凭证字 and number on paper (see the module docstring);
        without it each takes the next number."""
        with self.ctx.transaction():
            this_month = Period.of(self.ctx.today())
            for item in items:
                if isinstance(item.date_on, dt.date) and Period.of(item.date_on) > this_month:
                    raise VoucherError(f"凭证日期 {item.date_on:%Y-%m-%d} 晚于本月（{this_month}），不能导入",
                                       "请检查年份、月份是否输错")
            plan: Sequence[tuple[str | None, int | None]] = [(None, None)] * len(items)
            originals = [""] * len(items)
            if papers is not None:
                numbered = self.plan_import_numbers([(item.date_on, *paper) for item, paper in zip(items, papers)])
                originals = [self._original_label(paper, *planned) for paper, planned in zip(papers, numbered)]
                plan = numbered
            postings, default_word = [], self.word()
            for item, (word, number), original in zip(items, plan, originals):
                source = item.source or IMPORT_SOURCE
                postings.append(PostingItem(VoucherInput(
                    item.date_on, item.summary, item.lines, item.attachments, item.preparer or self.ctx.user,
                    f"{source}（{ORIGINAL_MARK} {original}）" if original else source),
                    word or default_word, number=number, paper_label=original))
            self.post_many(postings, kind="vouchers")
            # one event however many vouchers, and one with the importer's own (the same value)
            self._publish(DataImported("vouchers"))
        return len(items)

    def plan_import_numbers(self: _PostingPath,
                            papers: Sequence[tuple[dt.date, str, int | None]]) -> list[tuple[str, int]]:
        """The (凭证字, number) each historical voucher (date, paper 凭证字, paper number) would get;
        writes nothing. The rule is the module docstring's."""
        default_word = self.word()
        months: dict[int, list[int]] = defaultdict(list)
        for index, (day, _, _) in enumerate(papers):
            months[Period.of(day).key].append(index)
        plan: list[tuple[str, int]] = [("", 0)] * len(papers)
        p = self.db.param
        for key, indexes in months.items():
            highest = self.db.execute_sql(f"SELECT MAX(number) FROM voucher WHERE period_key = {p}",
                                          (key,)).fetchone()[0]
            # paper order, so that 记-0004 entered late still follows 记-0002 and a 摘要 naming 记-0002 still fits
            indexes.sort(key=lambda i: (papers[i][2] or 1 << 31, papers[i][0], i))
            numbers = range((highest or 0) + 1, (highest or 0) + 1 + len(indexes))
            kept = all(papers[i][2] == number for i, number in zip(indexes, numbers))
            for index, number in zip(indexes, numbers):
                plan[index] = ((_kept_word(papers[index][1]) if kept else "") or default_word, number)
        return plan

    def paper_numbers(self: _PostingPath, first: Period, last: Period) -> dict[int, tuple[dt.date, str, int]]:
        """Imported vouchers of the months, id → (date, 凭证字, number) as on paper: the voucher's own,
        or the paper number the import recorded in its source."""
        p = self.db.param
        found = {}
        for voucher_id, day, word, number, paper in self.db.execute_sql(
                "SELECT id, date_on, word, number, paper_label FROM voucher WHERE status = 'posted' AND source LIKE "
                f"{p} AND period_key >= {p} AND period_key <= {p}",
                (f"{IMPORT_SOURCE}%", Period.parse(first).key, Period.parse(last).key)):
            day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
            match = _PAPER_RE.match(paper or "")
            found[voucher_id] = (day, match.group(1), int(match.group(2))) if match else (day, word, number)
        return found

    def _original_label(self, paper: PaperNumber, word: str, number: int) -> str:
        """The paper's label when the books number the voucher otherwise, else ""."""
        paper_word, paper_number = paper
        if not paper_number or (_kept_word(paper_word) or word, paper_number) == (word, number):
            return ""
        return voucher_label(_kept_word(paper_word) or word, paper_number)


def _kept_word(word: str) -> str:
    """A paper 凭证字 the books can show (记, 收, 付, 转, 现收 …): short, without digits."""
    word = (word or "").strip()
    return word if word and len(word) <= 4 and not any(ch.isdigit() for ch in word) else ""

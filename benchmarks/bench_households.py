"""The counter's household search (``books.households.find``) among 50,000 households (issue 12:
≤ 100 ms): by room ("37-4-1205"), a bare room number, 户主 name and pinyin initials, best of 5.

    PYTHONPATH=. python benchmarks/bench_households.py
"""
from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from assetdesk.db.models import Compound, Household
from assetdesk.services import open_books
from assetdesk.services.org import CompoundInput

TARGET_MS = 100


def main() -> None:
    books = open_books(Path(tempfile.mkdtemp()) / "b.db", clock=lambda: dt.datetime(2026, 12, 1, 9))
    books.org.setup_book("兰花社区", "2025-01")
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    compound_id = Compound.get(Compound.code == "XQ001").id
    rows = [{"compound": compound_id, "building": str(b), "unit": str(u), "room": f"{f}{r:02d}",
             "owner": f"住户{b}{u}{f}{r}", "initials": f"zh{b}{u}{f}{r}", "area_centi": 8000}
            for b in range(1, 51) for u in range(1, 6) for f in range(1, 21) for r in range(1, 11)]
    with books.ctx.transaction():
        for start in range(0, len(rows), 500):
            Household.insert_many(rows[start:start + 500]).execute()
    print(f"{len(rows):,} households")
    worst = 0.0
    for text in ("37-4-1205", "1205", "住户374125", "zh3741"):
        best = min(_timed(books, text) for _ in range(5))
        worst = max(worst, best)
        print(f"find({text!r}): {len(books.households.find(text))} found in {best * 1000:.1f} ms")
    print(f"slowest {worst * 1000:.1f} ms (target ≤ {TARGET_MS} ms: {'ok' if worst * 1000 <= TARGET_MS else 'SLOW'})")


def _timed(books, text: str) -> float:
    start = time.perf_counter()
    books.households.find(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()

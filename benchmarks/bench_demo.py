"""`assetdesk demo --households 50000` end to end (target ≤ 30 s), against the bare cost of inserting
50,000 counterparty rows with raw sqlite3.

    python benchmarks/bench_demo.py [HOUSEHOLDS]
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    households = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "bare.db")
        conn.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, id_code TEXT, phone TEXT, address TEXT, roles TEXT)")
        start = time.perf_counter()
        with conn:
            conn.executemany("INSERT INTO c (name, kind, id_code, phone, address, roles) VALUES (?, ?, ?, ?, ?, ?)",
                             [(f"户主{i}", "个人", f"53080219{i:06d}123X", "13800000000", "兰花社区", "缴费人")
                              for i in range(households)])
        bare = time.perf_counter() - start
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "assetdesk.cli", "--db", str(Path(tmp) / "demo.db"), "demo",
                                 "--households", str(households)], capture_output=True, text=True)
        demo = time.perf_counter() - start
        print(result.stdout.strip() or result.stderr.strip())
    print(f"bare insert of {households:,} counterparty rows: {bare:.2f} s")
    print(f"assetdesk demo --households {households:,} (whole process): {demo:.2f} s (target ≤ 30 s)")


if __name__ == "__main__":
    main()

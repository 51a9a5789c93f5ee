"""Two clerks (two processes, two windows) posting at once both succeed, one after the other: none is
refused as "busy" while the other works, no voucher number is taken twice or skipped, and the same
voucher file imported twice at once is posted once. On SQLite and on PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _url(books) -> str:
    if books.ctx.target.path is not None:
        return str(books.ctx.target.path)
    return books.ctx.target.url


def _spawn(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_clerks_posting_1000_vouchers_each_at_once_all_succeed_numbered_without_gaps(books):
    url = _url(books)
    clerks = [_spawn("-m", "tests.core.concurrent_poster", url, "1000", tag) for tag in ("甲", "乙")]
    results = [clerk.communicate(timeout=240) for clerk in clerks]
    for clerk, (out, err) in zip(clerks, results):
        assert clerk.returncode == 0, err[-2000:]
        assert out.strip() == "0"
    rows = books.vouchers.list_vouchers(limit=5000)
    assert len(rows) == 2000
    assert sorted(r.number for r in rows) == list(range(1, 2001))  # one month: 记-0001 … 记-2000
    assert {r.summary.split()[0] for r in rows} == {"甲", "乙"}
    assert books.check.run() == []


def test_the_same_voucher_file_imported_twice_at_once_is_posted_once(books, tmp_path):
    from tests.helpers import post, rent_account

    rent = rent_account(books)
    for day in range(1, 21):
        post(books, f"2025-01-{day:02d}", f"收租金{day}", ("102", day * 100_00), (rent, -day * 100_00))
    workbook = tmp_path / "凭证.xlsx"
    assert _cli(books, "export", "vouchers", str(workbook), "--period", "2025-01").returncode == 0
    # a second set of books receives the file twice at once (two windows, or a script run twice)
    target = _fresh_target(books, tmp_path)
    clerks = [_spawn("-m", "assetdesk.cli", "--db", target, "import", "vouchers", str(workbook)) for _ in range(2)]
    for clerk in clerks:
        out, err = clerk.communicate(timeout=240)
        assert clerk.returncode == 0, err[-2000:]
    check = _spawn("-c", "import sys; from assetdesk.services import open_books;"
                   " b = open_books(sys.argv[1]); print(b.vouchers.count_vouchers()); print(len(b.check.run()))", target)
    out, err = check.communicate(timeout=120)
    assert out.split() == ["20", "0"], err[-2000:]


def _cli(books, *args: str) -> subprocess.CompletedProcess:
    clerk = _spawn("-m", "assetdesk.cli", "--db", _url(books), *args)
    out, err = clerk.communicate(timeout=240)
    return subprocess.CompletedProcess(clerk.args, clerk.returncode, out, err)


def _fresh_target(books, tmp_path: Path) -> str:
    """Another set of books with the same chart (租金收入 under 501)."""
    if books.ctx.target.path is None:
        pytest.importorskip("psycopg")
        import psycopg

        base = books.ctx.target.url.rsplit("/", 1)[0]
        name = "import_target"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        target = f"{base}/{name}"
    else:
        target = str(tmp_path / "target.db")
    setup = _spawn("-c", "import sys, datetime as dt; from assetdesk.services import open_books;"
                   " b = open_books(sys.argv[1], clock=lambda: dt.datetime(2025, 3, 15, 9, 30));"
                   " b.org.setup_book('兰花社区', '2025-01'); codes = {r.code for r in b.accounts.list_accounts()};"
                   " '50101' in codes or b.accounts.add_sub_account('501', '租金收入', '50101'); b.close()", target)
    _, err = setup.communicate(timeout=120)
    assert setup.returncode == 0, err[-2000:]
    return target

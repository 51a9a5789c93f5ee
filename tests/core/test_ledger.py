"""Trial balance, account ledger and journals, computed from posted lines."""
from assetdesk.periods import Period
from assetdesk.services.vouchers import VoucherFilter
from tests.helpers import draft, post, rent_account


def _setup(books):
    rent = rent_account(books)
    books.accounts.set_opening_balances({"101": 1_000_00, "10201": 50_000_00, "301": -51_000_00})
    post(books, "2025-01-05", "收租金", ("10201", 3_000_00), (rent, -3_000_00))
    post(books, "2025-01-05", "取现", ("101", 500_00), ("10201", -500_00))
    post(books, "2025-01-20", "付维修费", ("511", 300_00), ("101", -300_00))
    post(books, "2025-02-03", "收租金", ("101", 200_00), (rent, -200_00))
    draft(books, "2025-02-04", "草稿不入账", ("101", 9_999_00), (rent, -9_999_00))
    return rent


def test_trial_balance_columns_for_a_month(books):
    rent = _setup(books)
    tb = books.ledger.trial_balance("2025-02")
    rows = {r.code: r for r in tb.rows}
    cash = rows["101"]
    assert (cash.opening_debit_fen, cash.debit_fen, cash.credit_fen, cash.closing_debit_fen) == (1_200_00, 200_00, 0, 1_400_00)
    assert (cash.ytd_debit_fen, cash.ytd_credit_fen) == (700_00, 300_00)
    assert rows["501"].closing_credit_fen == rows[rent].closing_credit_fen == 3_200_00
    assert tb.balanced and tb.totals.closing_debit_fen == tb.totals.closing_credit_fen == 54_200_00


def test_trial_balance_over_a_range_and_by_level(books):
    _setup(books)
    tb = books.ledger.trial_balance("2025-01", "2025-02", level=1)
    assert all(r.level == 1 for r in tb.rows)
    assert {r.code: r.credit_fen for r in tb.rows}["501"] == 3_200_00
    assert tb.totals.debit_fen == tb.totals.credit_fen == 4_000_00


def test_account_ledger_runs_the_balance_and_totals_each_month(books):
    _setup(books)
    entries = books.ledger.account_ledger("101", "2025-01", "2025-02")
    summary = [(e.kind, e.summary, e.debit_fen, e.credit_fen, e.direction, e.balance_fen) for e in entries]
    assert summary == [
        ("opening", "上年结转", 0, 0, "借", 1_000_00),
        ("line", "取现", 500_00, 0, "借", 1_500_00),
        ("line", "付维修费", 0, 300_00, "借", 1_200_00),
        ("month_total", "本月合计", 500_00, 300_00, "借", 1_200_00),
        ("year_total", "本年累计", 500_00, 300_00, "借", 1_200_00),
        ("line", "收租金", 200_00, 0, "借", 1_400_00),
        ("month_total", "本月合计", 200_00, 0, "借", 1_400_00),
        ("year_total", "本年累计", 700_00, 300_00, "借", 1_400_00),
    ]
    assert entries[1].voucher_label == "记-0002"


def test_ledger_of_a_credit_account_reads_dai(books):
    rent = _setup(books)
    entries = books.ledger.account_ledger("501", "2025-02")
    assert (entries[0].summary, entries[0].direction, entries[0].balance_fen) == ("期初余额", "贷", 3_000_00)
    assert entries[-1].direction == "贷" and entries[-1].balance_fen == 3_200_00 and entries[1].account_code == rent


def test_bank_journal_gives_daily_balance(books):
    _setup(books)
    entries = books.ledger.journal("bank", "2025-01")
    day_totals = [(e.date_on.day, e.debit_fen, e.credit_fen, e.balance_fen) for e in entries if e.kind == "day_total"]
    assert day_totals == [(5, 3_000_00, 500_00, 52_500_00)]


def test_balance_ignores_drafts(books):
    _setup(books)
    assert books.ledger.balance("101", Period(2025, 2)) == 1_400_00
    assert books.vouchers.count_vouchers(VoucherFilter(status="draft")) == 1


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from assetdesk.services.vouchers import VoucherInput  # noqa: E402

LEAVES = ("101", "10201", "112", "151", "21101", "301", "504", "511", "51301")
voucher_strategy = st.tuples(
    st.integers(min_value=1, max_value=6),  # month
    st.lists(st.tuples(st.sampled_from(LEAVES), st.integers(min_value=1, max_value=10**8)), min_size=1, max_size=4),
    st.sampled_from(LEAVES),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(voucher_strategy, min_size=1, max_size=8))
def test_property_trial_balance_always_balances_and_rolls_forward(books, vouchers):
    import datetime as dt

    from tests.helpers import line

    for month, debits, credit_code in vouchers:
        lines = [line(books, code, fen) for code, fen in debits]
        lines.append(line(books, credit_code, -sum(fen for _, fen in debits)))
        books.vouchers.create_and_post(VoucherInput(dt.date(2025, month, 10), "随机业务", lines))
    previous_closing = None
    for month in range(1, 7):
        tb = books.ledger.trial_balance(f"2025-{month:02d}")
        assert tb.balanced
        closing = {r.code: r.closing_debit_fen - r.closing_credit_fen for r in tb.rows}
        for row in tb.rows:
            assert row.closing_debit_fen - row.closing_credit_fen == (
                row.opening_debit_fen - row.opening_credit_fen + row.debit_fen - row.credit_fen)
            if previous_closing is not None:
                assert row.opening_debit_fen - row.opening_credit_fen == previous_closing.get(row.code, 0)
        previous_closing = closing
    assert books.ledger.totals_disagreements() == 0

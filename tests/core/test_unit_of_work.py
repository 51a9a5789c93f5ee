"""One clerk action is one unit of work: events only after the outermost commit, nothing of a
rolled-back action left behind (no event, no cached account), one event per fact."""
from __future__ import annotations

import pytest

from assetdesk.errors import AccountError, AssetDeskError, UnbalancedVoucherError
from assetdesk.events import AccountsChanged, DataImported, Event, VoucherPosted
from assetdesk.services.vouchers import LineInput, VoucherInput
from tests.helpers import day, post, rent_account


class Boom(Exception):
    pass


@pytest.fixture
def heard(books):
    events: list[Event] = []
    books.events.subscribe(Event, events.append)
    return events


def test_a_rolled_back_outer_transaction_publishes_nothing_and_leaves_no_stale_account(books, heard):
    with pytest.raises(Boom), books.ctx.transaction():
        code = books.accounts.add_sub_account("501", "门面房租金").code
        post(books, "2025-01-05", "收租金", ("102", 500_00), (code, -500_00))
        assert heard == []  # nothing announced before the commit either
        raise Boom
    assert heard == []
    assert books.vouchers.count_vouchers() == 0
    # the account never existed: posting to it is refused in Chinese, not with a raw IntegrityError
    with pytest.raises(AccountError, match="不存在"):
        post(books, "2025-01-06", "收租金", ("102", 500_00), (code, -500_00))
    # and adding it again works, then posting to it does
    again = books.accounts.add_sub_account("501", "门面房租金").code
    assert again == code
    post(books, "2025-01-06", "收租金", ("102", 500_00), (code, -500_00))
    assert books.ledger.balance("102", "2025-01") == 500_00


def test_a_raw_outer_database_transaction_rolled_back_publishes_nothing(books, heard):
    rent = rent_account(books)
    heard.clear()
    with pytest.raises(Boom), books.ctx.db.atomic():
        post(books, "2025-01-05", "收租金", ("102", 500_00), (rent, -500_00))
        raise Boom
    assert heard == [] and books.vouchers.count_vouchers() == 0


def test_events_wait_for_the_outermost_commit_and_come_once(books, heard):
    rent = rent_account(books)
    heard.clear()
    with books.ctx.transaction():
        first = post(books, "2025-01-05", "收一月租金", ("102", 500_00), (rent, -500_00))
        second = post(books, "2025-01-06", "收二月租金", ("102", 600_00), (rent, -600_00))
        assert heard == []
    assert heard == [VoucherPosted(first.id, "2025-01"), VoucherPosted(second.id, "2025-01")]


def test_a_refused_action_publishes_nothing_and_writes_nothing(books, heard):
    rent = rent_account(books)
    heard.clear()
    audit_before = len(books.audit.list_entries(limit=1000))
    with pytest.raises(UnbalancedVoucherError):
        books.vouchers.create_and_post(VoucherInput(day("2025-01-05"), "收租金", [
            LineInput.debit("102", 500_00), LineInput.credit(rent, 400_00)]))
    assert heard == [] and books.vouchers.count_vouchers() == 0
    assert len(books.audit.list_entries(limit=1000)) == audit_before


def test_a_failed_part_inside_a_larger_action_drops_its_events_only(books, heard):
    rent = rent_account(books)
    heard.clear()
    with books.ctx.transaction():
        kept = post(books, "2025-01-05", "收租金", ("102", 500_00), (rent, -500_00))
        with pytest.raises(AssetDeskError):
            post(books, "2025-01-06", "错账", ("102", 500_00), (rent, -1_00))
    assert heard == [VoucherPosted(kept.id, "2025-01")]
    assert books.vouchers.count_vouchers() == 1


def test_the_same_fact_twice_in_one_action_is_announced_once(books, heard):
    with books.ctx.transaction():
        books.accounts.add_sub_account("501", "租金一")
        books.accounts.add_sub_account("501", "租金二")
        books.ctx.publish(DataImported("accounts"))
        books.ctx.publish(DataImported("accounts"))
    assert heard.count(AccountsChanged()) == 1 and heard.count(DataImported("accounts")) == 1


def test_another_window_changing_the_chart_is_seen_by_the_next_posting(books):
    """A second window (another process on the same file) adds a sub-account under 513 and stops
    504 while this one has the chart cached: this window's next postings see both at once."""
    if books.ctx.target.path is None:
        pytest.skip("two windows on one file")
    import subprocess
    import sys

    post(books, "2025-01-05", "其他收入", ("102", 100_00), ("504", -100_00))  # the chart is cached now
    script = ("from assetdesk.services import open_books; import sys; b = open_books(sys.argv[1]);"
              " b.accounts.add_sub_account('513', '办公费'); b.accounts.set_active('504', False); b.close()")
    subprocess.run([sys.executable, "-c", script, str(books.ctx.target.path)], check=True)
    with pytest.raises(AccountError, match="不是末级科目"):
        post(books, "2025-01-06", "付办公费", ("513", 100_00), ("102", -100_00))
    with pytest.raises(AccountError, match="已停用"):
        post(books, "2025-01-06", "其他收入", ("102", 100_00), ("504", -100_00))

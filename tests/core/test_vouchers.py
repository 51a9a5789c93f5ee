"""Vouchers: balanced or refused, leaf and active accounts only, consecutive numbers, red reversal, closed months."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdesk.errors import AccountError, ClosedPeriodError, UnbalancedVoucherError, VoucherError
from assetdesk.periods import Period
from assetdesk.services.vouchers import LineInput, VoucherFilter, VoucherInput
from tests.helpers import day, draft, post, rent_account


def test_posted_voucher_gets_consecutive_number_per_month(books):
    rent = rent_account(books)
    first = post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    second = post(books, "2025-01-09", "收一月租金", ("101", 20_00), (rent, -20_00))
    february = post(books, "2025-02-01", "收二月租金", ("10201", 1_00), (rent, -1_00))
    assert [first.label, second.label, february.label] == ["记-0001", "记-0002", "记-0001"]
    assert first.status == "已过账" and first.debit_fen == first.credit_fen == 500_00


def test_unbalanced_voucher_is_refused_and_nothing_is_written(books):
    rent = rent_account(books)
    with pytest.raises(UnbalancedVoucherError) as info:
        post(books, "2025-01-05", "收租金", ("10201", 500_00), (rent, -499_99))
    assert "借贷不平衡" in str(info.value) and "¥0.01" in str(info.value)
    assert books.vouchers.count_vouchers() == 0


def test_posting_to_a_parent_account_is_refused(books):
    rent_account(books)
    with pytest.raises(AccountError, match="不是末级科目"):
        post(books, "2025-01-05", "收租金", ("10201", 1_00), ("501", -1_00))


def test_posting_to_an_inactive_account_is_refused(books):
    books.accounts.set_active("111", False)
    with pytest.raises(AccountError, match="已停用"):
        post(books, "2025-01-05", "买国债", ("111", 1_00), ("10201", -1_00))


def test_single_line_and_zero_vouchers_are_refused(books):
    with pytest.raises(VoucherError, match="至少需要两行"):
        post(books, "2025-01-05", "x", ("10201", 0))
    with pytest.raises(VoucherError):
        post(books, "2025-01-05", "x", ("10201", 0), ("101", 0))


def test_draft_then_post_assigns_the_number(books):
    rent = rent_account(books)
    saved = draft(books, "2025-01-05", "收租金", ("10201", 300_00), (rent, -200_00))
    assert saved.label == "草稿"
    with pytest.raises(UnbalancedVoucherError):
        books.vouchers.post(saved.id)
    fixed = books.vouchers.save_draft(VoucherInput(day("2025-01-05"), "收租金", [
        LineInput.debit("10201", 300_00), LineInput.credit(rent, 300_00)]), voucher_id=saved.id)
    posted = books.vouchers.post(fixed.id)
    assert posted.label == "记-0001"
    with pytest.raises(VoucherError, match="已过账的凭证不能修改"):
        books.vouchers.save_draft(VoucherInput(day("2025-01-05"), "改", [LineInput.debit("10201", 1)]), voucher_id=posted.id)
    with pytest.raises(VoucherError, match="已过账的凭证不能修改或删除"):
        books.vouchers.discard(posted.id)


def test_red_reversal_nets_to_zero_and_links_both_ways(books):
    rent = rent_account(books)
    original = post(books, "2025-01-05", "收租金", ("10201", 500_00), (rent, -500_00))
    reversal = books.vouchers.reverse(original.id, on=dt.date(2025, 1, 20))
    assert reversal.summary == "冲销 2025-01 记-0001"
    assert reversal.lines[0].debit_fen == -500_00 and reversal.lines[1].credit_fen == -500_00
    assert reversal.reverses_label == "2025-01 记-0001"
    assert books.vouchers.get(original.id).reversed_by_label == "2025-01 记-0002"
    assert books.ledger.balance("10201", "2025-01") == 0
    with pytest.raises(VoucherError, match="已经冲销过"):
        books.vouchers.reverse(original.id, on=dt.date(2025, 1, 21))


def test_posting_into_a_closed_month_is_refused(books):
    rent = rent_account(books)
    post(books, "2025-01-05", "收租金", ("10201", 500_00), (rent, -500_00))
    books.periods.close("2025-01")
    with pytest.raises(ClosedPeriodError, match="2025-01 已结账"):
        post(books, "2025-01-31", "补记", ("10201", 1_00), (rent, -1_00))
    with pytest.raises(ClosedPeriodError):
        draft(books, "2025-01-31", "补记", ("10201", 1_00))
    assert books.vouchers.count_vouchers() == 1


def test_before_the_first_period_is_refused(books):
    with pytest.raises(ClosedPeriodError, match="早于账套启用期间"):
        post(books, "2024-12-31", "旧账", ("10201", 1_00), ("301", -1_00))


def test_voucher_list_filters_and_sorts_in_sql(books):
    rent = rent_account(books)
    post(books, "2025-01-05", "收张三租金", ("10201", 500_00), (rent, -500_00))
    post(books, "2025-01-06", "付维修费", ("511", 80_00), ("101", -80_00))
    post(books, "2025-02-06", "收李四租金", ("101", 90_00), (rent, -90_00))
    assert [r.summary for r in books.vouchers.list_vouchers(VoucherFilter(text="租金"))] == ["收张三租金", "收李四租金"]
    assert [r.summary for r in books.vouchers.list_vouchers(VoucherFilter(account_code="101"))] == ["付维修费", "收李四租金"]
    assert [r.label for r in books.vouchers.list_vouchers(VoucherFilter(amount_fen=80_00))] == ["记-0002"]
    assert books.vouchers.count_vouchers(VoucherFilter(period=Period(2025, 2))) == 1
    ordered = books.vouchers.list_vouchers(order_by="debit", descending=True)
    assert [r.debit_fen for r in ordered] == [500_00, 90_00, 80_00]


def test_every_write_leaves_an_audit_record(books):
    rent = rent_account(books)
    books.accounts.add_sub_account("504", "杂项收入")
    voucher = post(books, "2025-01-05", "收租金", ("10201", 1_00), (rent, -1_00))
    books.vouchers.reverse(voucher.id, on=dt.date(2025, 1, 6))
    actions = [e.action for e in books.audit.list_entries()]
    assert "记账凭证过账" in actions and "新增明细科目" in actions and "建立账套" in actions
    entry = next(e for e in books.audit.list_entries() if e.entity_id == str(voucher.id))
    assert entry.user == "测试会计" and "收租金" in entry.after


amounts = st.lists(st.integers(min_value=-10**9, max_value=10**9).filter(bool), min_size=1, max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts)
def test_property_any_posted_voucher_balances_and_its_reversal_nets_to_zero(books, debits):
    lines = [LineInput.debit("511", fen) for fen in debits] + [LineInput.credit("10201", sum(debits))]
    if sum(debits) == 0:
        return
    before = books.ledger.trial_balance("2025-03")
    voucher = books.vouchers.create_and_post(VoucherInput(day("2025-03-02"), "测试", lines))
    assert voucher.debit_fen == voucher.credit_fen
    tb = books.ledger.trial_balance("2025-03")
    assert tb.totals.debit_fen == tb.totals.credit_fen
    books.vouchers.reverse(voucher.id, on=dt.date(2025, 3, 3))
    after = books.ledger.trial_balance("2025-03")
    assert after.totals.closing_debit_fen == before.totals.closing_debit_fen
    assert books.check.run() == []


def test_voucher_word_follows_the_setting(books):
    rent = rent_account(books)
    books.settings.set("voucher_word", "收")
    assert post(books, "2025-01-05", "收租金", ("101", 1_00), (rent, -1_00)).label == "收-0001"
    saved = draft(books, "2025-01-06", "收租金", ("101", 1_00), (rent, -1_00))
    assert books.vouchers.post(saved.id).label == "收-0002"


def test_posting_a_draft_records_the_reviewer(books):
    rent = rent_account(books)
    saved = draft(books, "2025-01-05", "收租金", ("101", 1_00), (rent, -1_00))
    books.user = "赵审核"
    posted = books.vouchers.post(saved.id)
    assert (posted.preparer, posted.reviewer) == ("测试会计", "赵审核")


def test_a_voucher_on_an_account_deactivated_since_can_still_be_reversed(books):
    sub = books.accounts.add_sub_account("504", "旧项目收入")
    original = post(books, "2025-01-05", "收旧项目款", ("10201", 50_00), (sub.code, -50_00))
    books.accounts.set_active(sub.code, False)
    with pytest.raises(AccountError, match="已停用"):
        post(books, "2025-01-06", "再收", ("10201", 1_00), (sub.code, -1_00))
    reversal = books.vouchers.reverse(original.id, on=dt.date(2025, 1, 7))
    assert reversal.lines[1].credit_fen == -50_00 and books.ledger.balance(sub.code, "2025-01") == 0


def test_a_summary_longer_than_the_books_keep_is_refused(books):
    from assetdesk.errors import InputError

    with pytest.raises(InputError, match="超过 200 个字"):
        post(books, "2025-03-05", "收" * 201, ("101", 100), ("501", -100))

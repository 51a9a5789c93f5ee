"""An account's 辅助核算: declared on it or an ancestor, refused when the books would not reconcile by it."""
from __future__ import annotations

import json

import pytest

from assetdesk.errors import AccountError, ClosedPeriodError, InputError
from assetdesk.events import AccountsChanged
from assetdesk.services.accounts import BreakdownInput
from assetdesk.services.org import CompoundInput, CounterpartyInput
from tests.helpers import post


def audit_of(books, action):
    return [e for e in books.audit.list_entries(entity="account") if e.action == action]


def test_new_books_carry_counterparty_on_112_and_its_sub_accounts_inherit_it(books):
    assert books.accounts.dimensions_of("112") == ("counterparty",)
    assert books.accounts.get("112").dimensions == ("往来单位",)
    books.accounts.add_sub_account("112", "应收租金")
    assert books.accounts.dimensions_of("11201") == ("counterparty",)
    assert books.accounts.get("11201").dimensions == ("往来单位",)
    assert books.accounts.get("102").dimensions == ()


def test_declaring_and_taking_off_a_dimension_is_audited_and_announced(books):
    heard = []
    books.events.subscribe(AccountsChanged, lambda event: heard.append(event.name))
    row = books.accounts.set_dimensions("211", ["counterparty", "小区"])
    assert row.dimensions == ("往来单位", "小区") and books.accounts.dimensions_of("211") == ("counterparty", "compound")
    assert heard == ["accounts_changed"]
    (entry,) = audit_of(books, "设置辅助核算")
    assert json.loads(entry.before) == {"辅助核算": []} and json.loads(entry.after) == {"辅助核算": ["往来单位", "小区"]}
    books.accounts.set_dimensions("211", ["compound"])
    assert books.accounts.dimensions_of("211") == ("compound",)
    assert len(audit_of(books, "设置辅助核算")) == 2
    books.accounts.set_dimensions("211", ["compound"])  # nothing changes: nothing written, nothing heard
    assert len(audit_of(books, "设置辅助核算")) == 2 and len(heard) == 2


def test_a_dimension_without_its_register_is_refused_and_offered_greyed(books):
    with pytest.raises(AccountError, match="资金项目台账尚未建立") as caught:
        books.accounts.set_dimensions("151", ["fund"])
    assert "往来单位或小区" in caught.value.hint
    assert books.accounts.dimensions_of("151") == () and audit_of(books, "设置辅助核算") == []
    choices = {c.key: c for c in books.accounts.dimension_choices("151")}
    assert choices["counterparty"].unavailable == "" and choices["asset"].unavailable == ""
    assert "资金项目台账尚未建立" in choices["fund"].unavailable
    with pytest.raises(InputError, match="没有“部门”这种辅助核算"):
        books.accounts.set_dimensions("151", ["部门"])


def test_a_sub_account_cannot_take_off_what_its_parent_declares(books):
    books.accounts.add_sub_account("112", "应收租金")
    choices = {c.key: c for c in books.accounts.dimension_choices("11201")}
    assert choices["counterparty"].carried and choices["counterparty"].inherited_from == "112 应收款"
    with pytest.raises(AccountError, match="上级科目“112 应收款”设置") as caught:
        books.accounts.set_dimensions("11201", [])
    assert "在上级科目上修改" in caught.value.hint
    row = books.accounts.set_dimensions("11201", ["往来单位", "小区"])
    assert row.dimensions == ("往来单位", "小区") and books.accounts.get("112").dimensions == ("往来单位",)


def test_posted_lines_without_the_dimension_refuse_it_naming_how_many_and_the_first(books):
    deposit = "21101"  # 押金: new books have it
    post(books, "2025-01-08", "收押金", ("10201", 500_00), (deposit, -500_00))
    post(books, "2025-01-09", "收押金", ("10201", 300_00), (deposit, -300_00))
    with pytest.raises(AccountError) as caught:
        books.accounts.set_dimensions("211", ["counterparty"])
    error = caught.value
    assert "“211 应付款”（含明细科目）已有 2 笔记账分录没有指明往来单位" in error.message
    assert "2025-01-08 记-0001" in error.message and "红字冲销" in error.hint
    assert books.accounts.dimensions_of("211") == () and books.accounts.dimensions_of(deposit) == ()
    assert audit_of(books, "设置辅助核算") == []


def test_lines_that_name_the_record_do_not_stand_in_the_way(books):
    tenant = books.org.add_counterparty(CounterpartyInput("张三"))
    deposit = "21101"  # 押金: new books have it
    from assetdesk.services.vouchers import LineInput, VoucherInput
    from tests.helpers import day

    books.vouchers.create_and_post(VoucherInput(day("2025-01-08"), "收押金", [
        LineInput.debit("10201", 500_00), LineInput.credit(deposit, 500_00, counterparty_id=tenant.id)]))
    assert books.accounts.set_dimensions("211", ["counterparty"]).dimensions == ("往来单位",)


def test_an_opening_not_broken_down_refuses_it_and_says_to_clear_and_re_enter(books):
    deposit = "21101"  # 押金: new books have it
    books.accounts.set_opening_balances({deposit: -800_00, "10201": 800_00})
    with pytest.raises(AccountError) as caught:
        books.accounts.set_dimensions("211", ["counterparty"])
    assert f"科目“{deposit} 押金”有期初余额 贷 800.00，尚未按往来单位分列" in caught.value.message
    assert "期初余额清零" in caught.value.hint
    assert books.accounts.dimensions_of(deposit) == ()
    # the way the refusal points to: clear, declare, enter the opening with its breakdown
    tenant = books.org.add_counterparty(CounterpartyInput("张三"))
    books.accounts.set_opening_balances({deposit: 0})
    books.accounts.set_dimensions("211", ["counterparty"])
    books.accounts.set_opening_balances({deposit: -800_00}, breakdown={deposit: [BreakdownInput(-800_00, tenant.id)]})
    assert [r.amount_fen for r in books.accounts.opening_breakdown(deposit)] == [-800_00]


def test_once_the_first_month_is_closed_the_refusal_says_the_opening_is_locked(books):
    deposit = "21101"  # 押金: new books have it
    books.accounts.set_opening_balances({deposit: -800_00, "10201": 800_00})
    books.periods.close("2025-01")
    with pytest.raises(AccountError) as caught:
        books.accounts.set_dimensions("211", ["counterparty"])
    assert "首个会计期间已结账" in caught.value.hint


def test_taking_a_dimension_off_folds_the_breakdown_onto_what_is_left(books):
    a, b = (books.org.add_counterparty(CounterpartyInput(name)) for name in ("张三", "李四"))
    books.org.add_area("PQ01", "东片区")
    east = books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    west = books.org.add_compound(CompoundInput("XQ002", "桂园小区", "PQ01"))
    books.accounts.set_dimensions("112", ["counterparty", "compound"])
    books.accounts.set_opening_balances({"112": 600_00, "301": -600_00}, breakdown={"112": [
        BreakdownInput(100_00, a.id, east.id), BreakdownInput(200_00, a.id, west.id), BreakdownInput(300_00, b.id, east.id)]})
    books.accounts.set_dimensions("112", ["counterparty"])
    rows = {r.label: r.amount_fen for r in books.accounts.opening_breakdown("112")}
    assert rows == {"张三": 300_00, "李四": 300_00}
    books.accounts.set_dimensions("112", [])
    assert books.accounts.opening_breakdown("112") == []
    assert books.accounts.opening_check().debit_fen == 600_00  # the opening itself is untouched


def test_taking_a_dimension_off_a_locked_opening_breakdown_is_refused(books):
    a = books.org.add_counterparty(CounterpartyInput("张三"))
    books.accounts.set_opening_balances({"112": 600_00, "301": -600_00},
                                        breakdown={"112": [BreakdownInput(600_00, a.id)]})
    books.periods.close("2025-01")
    with pytest.raises(ClosedPeriodError, match="期初明细不能再修改"):
        books.accounts.set_dimensions("112", [])
    assert books.accounts.dimensions_of("112") == ("counterparty",)
    assert [r.amount_fen for r in books.accounts.opening_breakdown("112")] == [600_00]

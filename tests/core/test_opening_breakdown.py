"""The opening of an account carrying a 辅助核算, record by record: it adds up, names real records,
is required, and is locked with the opening once the first month is closed."""
from __future__ import annotations

import json

import pytest

from assetdesk.errors import AccountError, ClosedPeriodError, NotFoundError
from assetdesk.events import OpeningBalancesChanged
from assetdesk.services.accounts import BreakdownInput
from assetdesk.services.org import CompoundInput, CounterpartyInput


@pytest.fixture
def tenants(books):
    return [books.org.add_counterparty(CounterpartyInput(name, id_code=code)) for name, code in
            (("普洱茶源商贸有限公司", ""), ("张三", "110101199001011237"))]


def stored(books, code="112"):
    return [(r.label, r.amount_fen) for r in books.accounts.opening_breakdown(code)]


def unchanged(books):
    """What a refusal must leave as it was: the openings and the breakdowns."""
    return ({r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()},
            {code: [(r.label, r.amount_fen) for r in rows] for code, rows in books.accounts.opening_breakdowns().items()})


def test_the_breakdown_is_stored_with_the_records_names_and_audited(books, tenants):
    tea, zhang = tenants
    heard = []
    books.events.subscribe(OpeningBalancesChanged, lambda event: heard.append(event.name))
    check = books.accounts.set_opening_balances({"112": 36_000_00, "301": -36_000_00}, breakdown={"112": [
        BreakdownInput(20_000_00, counterparty_id=tea.id), BreakdownInput(16_000_00, counterparty_id=zhang.id)]})
    assert check.balanced and heard == ["opening_balances_changed"]
    rows = books.accounts.opening_breakdown("112")
    assert [(r.code, r.label, r.amount_fen, r.id_of("counterparty")) for r in rows] == [
        ("112", "普洱茶源商贸有限公司", 20_000_00, tea.id), ("112", "张三", 16_000_00, zhang.id)]
    assert rows[0].records[0].label == "往来单位" and rows[0].as_input() == BreakdownInput(20_000_00, tea.id)
    (entry,) = [e for e in books.audit.list_entries(entity="opening_balance")]
    assert json.loads(entry.after)["期初明细"]["112"][0] == {"往来单位": "普洱茶源商贸有限公司", "金额": "20,000.00"}
    with pytest.raises(AttributeError):
        rows[0].amount_fen = 1  # frozen: a screen cannot change what the books hold


def test_a_breakdown_that_does_not_add_up_is_refused_naming_both_sums_and_the_difference(books, tenants):
    tea, zhang = tenants
    before = unchanged(books)
    with pytest.raises(AccountError) as caught:
        books.accounts.set_opening_balances({"112": 36_000_00}, breakdown={"112": [
            BreakdownInput(20_000_00, tea.id), BreakdownInput(15_999_99, zhang.id)]})
    assert caught.value.message == ("科目“112 应收款”的期初明细合计 借 35,999.99 与期初余额 借 36,000.00 不符，"
                                    "差额 0.01")
    assert unchanged(books) == before


def test_a_record_that_does_not_exist_is_refused(books, tenants):
    before = unchanged(books)
    with pytest.raises(NotFoundError, match="期初明细第 2 行的往来单位（编号 9999）不存在"):
        books.accounts.set_opening_balances({"112": 300_00}, breakdown={"112": [
            BreakdownInput(100_00, tenants[0].id), BreakdownInput(200_00, 9999)]})
    assert unchanged(books) == before


def test_an_account_carrying_a_dimension_needs_its_breakdown_for_a_non_zero_opening(books, tenants):
    with pytest.raises(AccountError) as caught:
        books.accounts.set_opening_balances({"112": 500_00, "301": -500_00})
    assert "科目“112 应收款”按往来单位辅助核算，期初余额 借 500.00 须分列到各往来单位" in caught.value.message
    assert "期初明细" in caught.value.hint
    assert unchanged(books) == ({r.code: (0, 0) for r in books.accounts.opening_balances()}, {})
    books.accounts.set_opening_balances({"112": 0, "10201": 500_00})  # a zero opening needs no breakdown


def test_a_breakdown_must_name_every_dimension_of_the_account_and_no_other(books, tenants):
    books.org.add_area("PQ01", "东片区")
    east = books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    with pytest.raises(AccountError, match="不按小区辅助核算，期初明细第 1 行不能填写小区"):
        books.accounts.set_opening_balances({"112": 100_00}, breakdown={"112": [BreakdownInput(100_00, tenants[0].id, east.id)]})
    with pytest.raises(AccountError, match="第 1 行没有指明往来单位"):
        books.accounts.set_opening_balances({"112": 100_00}, breakdown={"112": [BreakdownInput(100_00, compound_id=east.id)]})
    with pytest.raises(AccountError, match="“10201 银行存款—基本存款户”没有设置辅助核算"):
        books.accounts.set_opening_balances({"10201": 100_00}, breakdown={"10201": [BreakdownInput(100_00, tenants[0].id)]})
    with pytest.raises(AccountError, match="“张三”出现了两次（第 1 行和第 2 行）"):
        books.accounts.set_opening_balances({"112": 300_00}, breakdown={"112": [
            BreakdownInput(100_00, tenants[1].id), BreakdownInput(200_00, tenants[1].id)]})
    books.accounts.set_dimensions("112", ["counterparty", "compound"])
    books.accounts.set_opening_balances({"112": 100_00}, breakdown={"112": [BreakdownInput(100_00, tenants[0].id, east.id)]})
    assert stored(books) == [("普洱茶源商贸有限公司 / 兰园小区", 100_00)]


def test_records_owing_and_owed_may_net_to_a_zero_opening(books, tenants):
    """One tenant owes 100, another paid 100 ahead: the account is 0, its breakdown is not empty."""
    tea, zhang = tenants
    books.accounts.set_opening_balances({"112": 0}, breakdown={"112": [BreakdownInput(100_00, tea.id),
                                                                       BreakdownInput(-100_00, zhang.id)]})
    assert stored(books) == [("普洱茶源商贸有限公司", 100_00), ("张三", -100_00)]
    books.accounts.set_opening_balances({"10201": 1_00, "301": -1_00})  # other accounts leave it alone
    assert len(stored(books)) == 2


def test_the_stored_breakdown_stays_while_it_adds_up_and_goes_with_a_cleared_opening(books, tenants):
    tea, zhang = tenants
    books.accounts.set_opening_balances({"112": 300_00}, breakdown={"112": [BreakdownInput(100_00, tea.id),
                                                                            BreakdownInput(200_00, zhang.id)]})
    books.accounts.set_opening_balances({"112": 300_00, "301": -300_00})  # the same amount again: kept
    assert len(stored(books)) == 2
    with pytest.raises(AccountError, match="期初余额改为 借 400.00，但其期初明细合计 借 300.00，差额 100.00"):
        books.accounts.set_opening_balances({"112": 400_00})
    books.accounts.set_opening_balances({"112": 0})
    assert stored(books) == []
    books.accounts.set_opening_balances({}, breakdown={"112": []})  # an empty breakdown of a zero opening


def test_a_breakdown_alone_is_checked_against_the_stored_opening(books, tenants):
    tea, zhang = tenants
    books.accounts.set_opening_balances({"112": 300_00}, breakdown={"112": [BreakdownInput(300_00, tea.id)]})
    books.accounts.set_opening_balances({}, breakdown={"112": [BreakdownInput(100_00, tea.id), BreakdownInput(200_00, zhang.id)]})
    assert stored(books) == [("普洱茶源商贸有限公司", 100_00), ("张三", 200_00)]
    with pytest.raises(AccountError, match="期初明细合计 借 100.00 与期初余额 借 300.00 不符"):
        books.accounts.set_opening_balances({}, breakdown={"112": [BreakdownInput(100_00, tea.id)]})


def test_the_breakdown_is_locked_with_the_opening_once_the_first_month_is_closed(books, tenants):
    tea, zhang = tenants
    books.accounts.set_opening_balances({"112": 300_00, "301": -300_00}, breakdown={"112": [BreakdownInput(300_00, tea.id)]})
    books.periods.close("2025-01")
    with pytest.raises(ClosedPeriodError, match="期初余额不能再修改"):
        books.accounts.set_opening_balances({}, breakdown={"112": [BreakdownInput(300_00, zhang.id)]})
    assert stored(books) == [("普洱茶源商贸有限公司", 300_00)]


def test_a_failed_import_style_call_writes_neither_balances_nor_breakdown(books, tenants):
    """require_balanced refuses after the breakdown was checked: nothing at all is written."""
    tea = tenants[0]
    with pytest.raises(AccountError, match="试算不平衡"):
        books.accounts.set_opening_balances({"112": 300_00}, breakdown={"112": [BreakdownInput(300_00, tea.id)]},
                                            require_balanced=True)
    assert unchanged(books) == ({r.code: (0, 0) for r in books.accounts.opening_balances()}, {})


def test_the_demo_opening_of_112_reconciles_by_tenant(empty_books):
    """Every 112 posting of the demo names its tenant (the rent is billed and collected through the
    leases, so 112 opens at zero): the balance by tenant adds up to 112's balance."""
    from assetdesk.db.models import Account, VoucherLine
    from assetdesk.services.demo import build_demo

    build_demo(empty_books, households=30)
    opening = {r.id_of("counterparty"): r.amount_fen for r in empty_books.accounts.opening_breakdown("112")}
    assert opening == {}
    lines = list(VoucherLine.select().join(Account).where(Account.code.startswith("112") & VoucherLine.posted))
    assert lines and all(line.counterparty_id is not None for line in lines)
    by_tenant = dict(opening)
    for line in lines:
        by_tenant[line.counterparty_id] = by_tenant.get(line.counterparty_id, 0) + line.amount_fen
    last = max(line.period_key for line in lines)
    balance = next(r for r in empty_books.ledger.trial_balance(f"{last // 100}-01", f"{last // 100}-{last % 100:02d}").rows
                   if r.code == "112")
    assert sum(by_tenant.values()) == balance.closing_debit_fen - balance.closing_credit_fen


def test_records_and_accounts_named_by_a_breakdown_are_kept(books, tenants):
    """A breakdown netting to 0 still holds the account and the tenants: they cannot be deleted, nor
    can the account get a first sub-account (its lines would be left above the leaves)."""
    from assetdesk.errors import InUseError

    tea, zhang = tenants
    books.accounts.add_sub_account("112", "应收租金")
    books.accounts.set_opening_balances({"11201": 0}, breakdown={"11201": [BreakdownInput(100_00, tea.id),
                                                                           BreakdownInput(-100_00, zhang.id)]})
    with pytest.raises(InUseError, match="列在科目的期初明细中"):
        books.org.delete_counterparty(tea.id)
    with pytest.raises(InUseError, match="已有记账分录或期初余额"):
        books.accounts.delete("11201")
    with pytest.raises(AccountError, match="不能再增加明细科目"):
        books.accounts.add_sub_account("11201", "门面")
    assert "11201" in books.accounts.accounts_in_use()

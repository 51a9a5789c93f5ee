"""The chart and opening-balance rules the imports rely on: checked before anything is written, the
same in the preview (``check_upsert``, ``opening_after``, ``opening_locked``) as at commit."""
import pytest

from assetdesk.errors import AccountError, ClosedPeriodError, DuplicateError
from assetdesk.services.accounts import AccountInput
from tests.helpers import post


def names(books, prefix):
    return {a.code: a.name for a in books.accounts.list_accounts() if a.code.startswith(prefix) and len(a.code) > 3}


def test_renaming_a_sub_account_to_its_siblings_name_is_refused(books):
    books.accounts.add_sub_account("102", "基本户")
    other = books.accounts.add_sub_account("102", "一般户")
    with pytest.raises(DuplicateError, match="“银行存款”下已有明细科目“基本户”（10202）"):
        books.accounts.rename(other.code, "基本户")
    assert names(books, "102") == {"10201": "基本存款户", "10202": "基本户", "10203": "一般户"}


def test_a_chart_list_leaving_two_siblings_with_one_name_is_refused_whole(books):
    books.accounts.add_sub_account("102", "基本户")
    items = [AccountInput("10203", "一般户"), AccountInput("50103", "场地租金"), AccountInput("10204", "基本户")]
    (problem,) = books.accounts.check_upsert(items)
    assert (problem.index, problem.field) == (2, "name") and "10202 也叫“基本户”" in problem.message
    with pytest.raises(DuplicateError, match="10204"):
        books.accounts.upsert_accounts(items)
    assert names(books, "102") == {"10201": "基本存款户", "10202": "基本户"}  # nothing written
    assert names(books, "501") == {"50101": "租金收入", "50102": "物业服务收入"}


def test_two_sub_accounts_may_swap_their_names_in_one_list(books):
    books.accounts.add_sub_account("102", "基本户")
    books.accounts.add_sub_account("102", "一般户")
    items = [AccountInput("10202", "一般户"), AccountInput("10203", "基本户")]
    assert books.accounts.check_upsert(items) == []
    assert books.accounts.upsert_accounts(items).updated == 2
    assert names(books, "102") == {"10201": "基本存款户", "10202": "一般户", "10203": "基本户"}


def test_a_first_sub_account_under_an_account_in_use_is_found_before_writing(books):
    post(books, "2025-01-05", "收现金", ("101", 10_00), ("301", -10_00))
    items = [AccountInput("11201", "张三"), AccountInput("10101", "备用金")]
    (problem,) = books.accounts.check_upsert(items)
    assert (problem.index, problem.field) == (1, "code") and "“101 库存现金”已有记账或期初余额" in problem.message
    with pytest.raises(AccountError, match="不能再增加明细科目"):
        books.accounts.upsert_accounts(items)
    assert names(books, "112") == {}


def test_an_import_may_not_leave_the_openings_unbalanced_but_typing_may(books):
    with pytest.raises(AccountError) as refused:
        books.accounts.set_opening_balances({"101": 100_000_00, "301": -99_999_99}, require_balanced=True)
    assert "试算不平衡：借方合计 100,000.00，贷方合计 99,999.99，差额 0.01" in str(refused.value)
    assert books.accounts.opening_check().debit_fen == 0
    assert not books.accounts.set_opening_balances({"101": 100_000_00}).balanced  # typed in over several sittings
    after = books.accounts.opening_after({"301": -100_000_00})
    assert after.balanced and after.debit_fen == 100_000_00
    books.accounts.set_opening_balances({"301": -100_000_00}, require_balanced=True)
    assert books.accounts.opening_check().balanced


def test_the_opening_lock_is_known_before_writing(books):
    assert books.accounts.opening_locked() is None
    books.periods.close("2025-01")
    assert str(books.accounts.opening_locked()) == "2025-01"
    with pytest.raises(ClosedPeriodError, match="首个会计期间 2025-01 已结账"):
        books.accounts.set_opening_balances({"101": 1}, require_balanced=True)

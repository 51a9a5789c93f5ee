"""Chart of accounts and opening balances."""
import pytest

from assetdesk.errors import AccountError, ClosedPeriodError, InputError, InUseError
from tests.helpers import post


def test_sub_account_codes_are_parent_plus_two_digits(books):
    first = books.accounts.add_sub_account("504", "杂项收入")
    second = books.accounts.add_sub_account("504", "罚没收入")
    grand = books.accounts.add_sub_account("50101", "商铺租金")
    assert (first.code, second.code, grand.code) == ("50401", "50402", "5010101")
    assert grand.full_name == "经营收入—租金收入—商铺租金" and grand.level == 3
    assert not books.accounts.get("50101").is_leaf and books.accounts.get("5010101").is_leaf
    with pytest.raises(InputError, match="上级编码"):
        books.accounts.add_sub_account("501", "错编码", code="5019")


def test_search_by_code_name_and_pinyin_initials(books):
    assert books.accounts.search("ysk")[0].code == "112"
    assert books.accounts.search("应收")[0].code == "112"
    assert [a.code for a in books.accounts.search("10")][:3] == ["101", "10201", "102"]  # leaves first
    books.accounts.add_sub_account("112", "张三")
    assert books.accounts.search("yszk")[0].code == "112"  # 应收账款, the name clerks know from elsewhere
    assert books.accounts.search("yskzs")[0].name == "张三"  # 应收款—张三: initials of the full name


def test_account_with_postings_cannot_get_children_or_be_deleted(books):
    sub = books.accounts.add_sub_account("504", "杂项收入")
    post(books, "2025-01-05", "收杂项", ("101", 10_00), (sub.code, -10_00))
    with pytest.raises(InUseError, match="已有记账分录"):
        books.accounts.delete(sub.code)
    with pytest.raises(AccountError, match="不能再增加明细科目"):
        books.accounts.add_sub_account(sub.code, "更细")
    with pytest.raises(InUseError, match="一级科目"):
        books.accounts.delete("101")
    unused = books.accounts.add_sub_account("515", "罚没支出")
    books.accounts.delete(unused.code)
    assert all(a.code != unused.code for a in books.accounts.list_accounts())


def test_opening_balances_check_and_lock_after_first_close(books):
    check = books.accounts.set_opening_balances({"10201": 1000_00, "301": -800_00})
    assert (check.balanced, check.difference_fen) == (False, 200_00)
    check = books.accounts.set_opening_balances({"311": -200_00})
    assert check.balanced and check.debit_fen == 1000_00
    rows = {r.code: r for r in books.accounts.opening_balances()}
    assert (rows["10201"].debit_fen, rows["301"].credit_fen) == (1000_00, 800_00)
    with pytest.raises(AccountError, match="不是末级科目"):
        books.accounts.set_opening_balances({"322": 1})
    books.periods.close("2025-01")
    with pytest.raises(ClosedPeriodError, match="期初余额不能再修改"):
        books.accounts.set_opening_balances({"10201": 1})


def test_level_one_names_are_fixed_but_sub_accounts_can_be_renamed(books):
    with pytest.raises(AccountError):
        books.accounts.rename("101", "现金")
    sub = books.accounts.add_sub_account("102", "农行")
    assert books.accounts.rename(sub.code, "农业银行基本户").name == "农业银行基本户"

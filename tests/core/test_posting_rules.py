"""Posting rules (DOMAIN §3.3): one table of accounts per business event, checked when set and when used."""
from __future__ import annotations

import pytest

from assetdesk.errors import AccountError, InputError, NotFoundError
from assetdesk.events import Event, PostingRulesChanged
from assetdesk.services.posting_rules import RULE_SLOTS


def audit_count(books) -> int:
    return books.ctx.db.execute_sql("SELECT COUNT(*) FROM audit_entry").fetchone()[0]


@pytest.fixture
def heard(books):
    events: list[Event] = []
    books.events.subscribe(Event, events.append)
    return events


def rule(books, key: str):
    return next(row for row in books.posting_rules.list_rules() if row.key == key)


def test_new_books_post_every_event_to_a_default_leaf(books):
    resolved = books.posting_rules.resolve(slot.key for slot in RULE_SLOTS)
    assert resolved == {slot.key: slot.default_code for slot in RULE_SLOTS}
    assert resolved["bank"] == "10201" and resolved["rent.income"] == "50101"
    assert resolved["deposit.payable"] == "21101" and resolved["cadre_pay.expense"] == "51301"
    assert books.posting_rules.problems() == []
    rent = rule(books, "rent.income")
    assert (rent.event, rent.label, rent.side) == ("租金到期", "租金收入", "贷")
    assert (rent.account_code, rent.account_name, rent.problem) == ("50101", "经营收入—租金收入", "")
    assert rent.allowed_text == "501 经营收入"
    accounts = {row.code: row for row in books.accounts.list_accounts()}
    assert accounts["10201"].full_name == "银行存款—基本存款户" and accounts["21101"].full_name == "应付款—押金"


def test_the_clerk_points_rent_at_a_new_sub_account(books, heard):
    books.accounts.add_sub_account("501", "门面房租金", "50103")
    heard.clear()
    before = audit_count(books)
    row = books.posting_rules.set_rule("rent.income", "50103")
    assert (row.account_code, row.account_name, row.problem) == ("50103", "经营收入—门面房租金", "")
    assert books.posting_rules.resolve(["rent.income", "rent.receivable"]) == {"rent.income": "50103",
                                                                            "rent.receivable": "112"}
    assert heard == [PostingRulesChanged()]
    assert audit_count(books) == before + 1
    action, entity_id, old, new = books.ctx.db.execute_sql(
        "SELECT action, entity_id, before, after FROM audit_entry ORDER BY id DESC").fetchone()
    assert (action, entity_id) == ("修改记账规则", "rent.income")
    assert "50101 经营收入—租金收入" in old and "50103 经营收入—门面房租金" in new


def test_a_rule_under_another_allowed_account(books):
    assert books.posting_rules.set_rule("fee.waiver", "514").account_code == "514"
    assert books.posting_rules.set_rule("grant.works", "151").account_code == "151"


@pytest.mark.parametrize("code, words", [
    ("501", "科目“501 经营收入”有明细科目，不是末级科目"),
    ("211", "科目“211 应付款”不能用作租金收入（只能用 501 经营收入 或其明细科目）"),
    ("51301", "科目“51301 管理费用—干部报酬”不能用作租金收入"),
    ("59999", "科目“59999”不存在"),
])
def test_a_rule_to_a_parent_wrong_or_missing_account_is_refused_and_nothing_changes(books, heard, code, words):
    before = audit_count(books)
    with pytest.raises(AccountError) as refused:
        books.posting_rules.set_rule("rent.income", code)
    assert refused.value.message.startswith("记账规则“租金到期—租金收入”未修改：")
    assert words in refused.value.message
    assert "501 经营收入 下已启用的末级科目" in refused.value.hint
    assert rule(books, "rent.income").account_code == "50101"
    assert audit_count(books) == before and heard == []


def test_a_rule_to_an_inactive_account_is_refused(books, heard):
    books.accounts.add_sub_account("501", "门面房租金", "50103")
    books.accounts.set_active("50103", False)
    heard.clear()
    before = audit_count(books)
    with pytest.raises(AccountError, match="科目“50103 经营收入—门面房租金”已停用"):
        books.posting_rules.set_rule("rent.income", "50103")
    assert rule(books, "rent.income").account_code == "50101"
    assert audit_count(books) == before and heard == []


def test_an_empty_choice_or_an_unknown_rule_is_refused(books, heard):
    with pytest.raises(InputError, match="请选择科目"):
        books.posting_rules.set_rule("rent.income", "  ")
    with pytest.raises(NotFoundError, match="没有名为“rent.late_fee”的记账规则"):
        books.posting_rules.set_rule("rent.late_fee", "50101")
    with pytest.raises(NotFoundError):
        books.posting_rules.resolve(["rent.late_fee"])
    assert heard == []


def test_choosing_the_account_a_rule_already_has_writes_nothing(books, heard):
    before = audit_count(books)
    assert books.posting_rules.set_rule("rent.income", "50101").account_code == "50101"
    assert audit_count(books) == before and heard == []


def test_the_event_waits_for_the_outermost_commit_and_is_dropped_on_rollback(books, heard):
    books.accounts.add_sub_account("501", "门面房租金", "50103")
    heard.clear()
    with books.ctx.transaction():
        books.posting_rules.set_rule("rent.income", "50103")
        books.posting_rules.set_rule("fee.income", "50103")
        assert heard == []
    assert heard == [PostingRulesChanged()]
    heard.clear()
    with pytest.raises(RuntimeError), books.ctx.transaction():
        books.posting_rules.set_rule("rent.income", "50101")
        raise RuntimeError("the clerk's action failed later on")
    assert heard == [] and rule(books, "rent.income").account_code == "50103"


def test_using_a_rule_whose_account_became_a_parent_is_refused(books):
    books.accounts.add_sub_account("50101", "门面房")
    with pytest.raises(AccountError) as refused:
        books.posting_rules.resolve(["rent.receivable", "rent.income"])
    assert refused.value.message == ("记账规则不能使用：“租金到期—租金收入”：科目“50101 经营收入—租金收入”有明细科目，"
                                     "不是末级科目")
    assert "设置 → 记账规则" in refused.value.hint
    assert books.posting_rules.problems() == [
        "记账规则“租金到期—租金收入”：科目“50101 经营收入—租金收入”有明细科目，不是末级科目"]
    assert rule(books, "rent.income").problem == "科目“50101 经营收入—租金收入”有明细科目，不是末级科目"
    books.posting_rules.set_rule("rent.income", "5010101")
    assert books.posting_rules.resolve(["rent.income"]) == {"rent.income": "5010101"}
    assert books.posting_rules.problems() == []


def test_using_a_rule_whose_account_was_deactivated_is_refused_with_every_problem(books):
    books.accounts.set_active("50101", False)
    books.accounts.set_active("10201", False)
    with pytest.raises(AccountError) as refused:
        books.posting_rules.resolve(["bank", "rent.income", "rent.receivable"])
    assert "“银行收款、付款—银行存款”：科目“10201 银行存款—基本存款户”已停用" in refused.value.message
    assert "“租金到期—租金收入”：科目“50101 经营收入—租金收入”已停用" in refused.value.message
    assert len(books.posting_rules.problems()) == 2
    books.accounts.set_active("50101", True)
    assert books.posting_rules.resolve(["rent.income"]) == {"rent.income": "50101"}


def test_an_unset_rule_says_what_to_choose_and_is_refused(books):
    books.ctx.db.execute_sql("DELETE FROM posting_rule WHERE key IN ('bank', 'fee.income')")
    books.accounts.add_sub_account("50102", "住宅物业费")
    assert rule(books, "bank").problem == "未设置 — 请选择 102 银行存款 下已启用的末级科目"
    assert rule(books, "fee.income").problem == ("未设置（默认科目“50102 经营收入—物业服务收入”有明细科目，"
                                                 "不是末级科目）— 请选择")
    assert rule(books, "bank").account_code == ""
    assert books.posting_rules.problems() == [  # unset rules are for 设置 to show, no fault of the books
        "记账规则“物业费减免—冲减收入或公益支出”：科目“50102 经营收入—物业服务收入”有明细科目，不是末级科目"]
    with pytest.raises(AccountError, match="“银行收款、付款—银行存款”：未设置"):
        books.posting_rules.resolve(["bank"])
    books.posting_rules.set_rule("bank", "10201")
    assert books.posting_rules.resolve(["bank"]) == {"bank": "10201"}


def test_the_rules_using_an_account_are_named(books):
    assert books.posting_rules.rules_using("50102") == ["“物业费计费—物业服务收入”", "“物业费减免—冲减收入或公益支出”"]
    assert books.posting_rules.rules_using("50103") == []


def test_the_demo_community_can_post_every_event(empty_books):
    from assetdesk.services.demo import build_demo

    build_demo(empty_books, households=40)
    assert empty_books.posting_rules.problems() == []
    assert empty_books.posting_rules.resolve(["bank", "rent.income", "company_fee.income", "repair.expense"]) == {
        "bank": "10201", "rent.income": "50101", "company_fee.income": "50401", "repair.expense": "51101"}


def test_an_account_a_rule_points_at_cannot_be_deleted(books):
    """Deleting 21101 押金 while the deposit rule posts to it is refused with the rule's name, in
    Chinese, and nothing changes; once the rule points elsewhere it can go."""
    from assetdesk.errors import InUseError

    with pytest.raises(InUseError, match="是记账规则“收取、退还、抵扣押金—押金”的科目，不能删除"):
        books.accounts.delete("21101")
    assert "21101" in {row.code for row in books.accounts.list_accounts()}
    books.accounts.add_sub_account("211", "保证金", "21109")
    books.posting_rules.set_rule("deposit.payable", "21109")
    books.accounts.delete("21101")
    assert "21101" not in {row.code for row in books.accounts.list_accounts()}


def test_importing_nothing_new_posts_nothing_and_is_no_error(books):
    assert books.vouchers.import_vouchers([], papers=[]) == 0
    assert books.vouchers.count_vouchers() == 0

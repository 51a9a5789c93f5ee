"""Upgrading to v4 sets the posting rules whose default account the books have, by code and name."""
import shutil
import sqlite3
from pathlib import Path

import pytest

from assetdesk.services import open_books
from tests.conftest import fixed_clock

V3 = Path(__file__).parent / "fixtures" / "schema_v3.db"


@pytest.fixture
def v3_copy(tmp_path):
    path = tmp_path / "books.db"
    shutil.copy(V3, path)
    return path


def add_accounts(path, *accounts: tuple[str, str, bool]) -> None:
    """Sub-accounts (code, name, active) written as an older AssetDesk would have left them."""
    with sqlite3.connect(path) as db:
        for code, name, active in accounts:
            parent_id, category, side = db.execute("SELECT id, category, normal_side FROM account WHERE code = ?",
                                                   (code[:-2],)).fetchone()
            db.execute("INSERT INTO account (code, name, parent_id, level, category, normal_side, is_active, initials)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, '')", (code, name, parent_id, len(code) // 2, category, side, active))


def rules(books) -> dict[str, tuple[str, str]]:
    return {row.key: (row.account_code, row.problem) for row in books.posting_rules.list_rules()}


def test_the_v3_fixture_gets_the_rules_its_chart_can_take(v3_copy):
    books = open_books(v3_copy, clock=fixed_clock)
    try:
        found = rules(books)
        assert found["rent.income"] == ("50101", "")
        assert found["bank"] == ("102", "")  # never split: where its bank postings already go
        assert found["deposit.payable"] == ("211", "") and found["cadre_pay.expense"] == ("513", "")
        assert found["rent.receivable"] == ("112", "") and found["company_fee.income"] == ("504", "")
        assert found["fee.income"] == ("", "未设置 — 请选择 501 经营收入 下已启用的末级科目")
        assert found["fee.waiver"] == ("", "未设置 — 请选择 501 经营收入、514 公益支出 下已启用的末级科目")
        assert books.posting_rules.problems() == [] and books.check.run() == []  # unset is no fault of the books
        assert books.accounts.get("102").is_leaf  # the upgrade never adds accounts to the clerk's chart
    finally:
        books.close()


def test_old_sub_accounts_are_matched_by_name_never_by_code_alone(v3_copy):
    add_accounts(v3_copy, ("10201", "工商银行", True), ("10202", "农商银行", True), ("21101", "普洱建工公司", True),
                 ("50102", "门面房租金", True), ("50103", "物业服务收入", True), ("51301", "干部报酬", False))
    with sqlite3.connect(v3_copy) as db:
        db.execute("UPDATE account SET name = '场地租金' WHERE code = '50101'")
    books = open_books(v3_copy, clock=fixed_clock)
    try:
        found = rules(books)
        assert found["bank"] == ("", "未设置 — 请选择 102 银行存款 下已启用的末级科目")
        assert found["deposit.payable"] == ("", "未设置 — 请选择 211 应付款 下已启用的末级科目")
        assert found["rent.income"][0] == ""  # 50101 is 场地租金 now, and no sub-account is named 租金收入
        assert found["fee.income"] == ("50103", "")  # 物业服务收入 under 501, whatever its code
        assert found["cadre_pay.expense"] == ("", "未设置（默认科目“51301 管理费用—干部报酬”已停用）— 请选择")
    finally:
        books.close()


def test_upgrading_to_v6_sets_prepaid_and_bad_debts_and_leaves_offset_to_the_clerk(tmp_path):
    """v5 books hold 112 and 515 as leaves but no 21102 其他应付款: 抵销 stays 未设置 (never guessed)."""
    path = tmp_path / "books.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema_v5.db", path)
    books = open_books(path, clock=fixed_clock)
    try:
        found = rules(books)
        assert found["receivable.prepaid"] == ("112", "")
        assert found["bad_debt.expense"] == ("515", "")
        assert found["offset.payable"][0] == "" and found["offset.payable"][1]
        assert books.check.run() == []
    finally:
        books.close()

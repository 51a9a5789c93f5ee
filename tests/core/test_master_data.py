"""Master data: 账套, 片区, 小区, counterparties, users — and what may not be deleted."""
import pytest

from assetdesk.errors import DuplicateError, InputError, InUseError
from assetdesk.services.org import CompoundInput, CounterpartyInput
from assetdesk.services.vouchers import LineInput, VoucherInput
from tests.helpers import day


def test_book_is_set_up_once_with_the_full_chart(books):
    book = books.org.book()
    assert (book.community_name, str(book.first_period), book.chart_version) == ("兰花社区", "2025-01", "2023")
    level_one = [a for a in books.accounts.list_accounts() if a.level == 1]
    assert len(level_one) == 42
    assert {(a.code, a.name, a.normal_side) for a in level_one} >= {("112", "应收款", "借"), ("152", "累计折旧", "贷"),
                                                                    ("113", "内部往来", "双向"), ("521", "所得税费用", "借")}
    with pytest.raises(DuplicateError, match="账套已经建立"):
        books.org.setup_book("另一个社区", "2025-01")


def test_credit_code_must_have_18_characters(books):
    with pytest.raises(InputError, match="18位"):
        books.org.update_book(credit_code="12345")
    assert books.org.update_book(credit_code="91530802MA6N123456").credit_code == "91530802MA6N123456"


def test_compounds_belong_to_areas_and_validate_category_and_mode(books):
    books.org.add_area("PQ01", "东片区")
    row = books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01", "三无小区", "社区托管", 120, 980050))
    assert (row.area_name, row.category, row.building_area_centi) == ("东片区", "三无小区", 980050)
    with pytest.raises(InputError, match="小区类别"):
        books.org.add_compound(CompoundInput("XQ002", "x", "PQ01", "别墅区", "社区托管"))
    with pytest.raises(InputError, match="未填写物业公司"):
        books.org.add_compound(CompoundInput("XQ003", "y", "PQ01", "商品房小区", "物业公司"))
    with pytest.raises(DuplicateError):
        books.org.add_compound(CompoundInput("XQ001", "重复", "PQ01"))
    managed = books.org.add_compound(CompoundInput("XQ004", "茶城花园", "PQ01", "商品房小区", "物业公司",
                                                   property_company_name="普洱兰庭物业服务有限公司"))
    company = books.org.find_counterparty("普洱兰庭物业服务有限公司")
    assert managed.property_company_name == company.name and "物业公司" in company.roles


def test_upserting_compounds_twice_changes_nothing(books):
    items = [CompoundInput(f"XQ{i:03d}", f"小区{i}", "PQ09", "老旧小区", "社区托管", i, 0, area_name="西片区") for i in range(5)]
    first = books.org.upsert_compounds(items)
    again = books.org.upsert_compounds(items)
    assert (first.created, again.created, again.updated, again.unchanged) == (5, 0, 0, 5)
    changed = books.org.upsert_compounds([CompoundInput("XQ001", "小区一号", "PQ09", "老旧小区", "社区托管", 1, 0)])
    assert changed.updated == 1 and books.org.get_compound("XQ001").name == "小区一号"


def test_counterparty_with_postings_cannot_be_deleted(books):
    tenant = books.org.add_counterparty(CounterpartyInput("张三", "个人", roles=("承租方",)))
    idle = books.org.add_counterparty(CounterpartyInput("李四"))
    books.vouchers.create_and_post(VoucherInput(day("2025-01-03"), "应收租金", [
        LineInput.debit("112", 100_00, counterparty_id=tenant.id), LineInput.credit("504", 100_00)]))
    with pytest.raises(InUseError, match="已有记账分录"):
        books.org.delete_counterparty(tenant.id)
    books.org.delete_counterparty(idle.id)
    assert [c.name for c in books.org.list_counterparties()] == ["张三"]
    assert books.org.set_counterparty_active(tenant.id, False).is_active is False


def test_counterparties_match_on_id_code_then_name(books):
    items = [CounterpartyInput("王五", "个人", "53080219900101123X"), CounterpartyInput("普洱茶业公司", "单位")]
    assert books.org.upsert_counterparties(items).created == 2
    renamed = [CounterpartyInput("王五（改名）", "个人", "53080219900101123X"), CounterpartyInput("普洱茶业公司", "单位")]
    result = books.org.upsert_counterparties(renamed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    with pytest.raises(InputError, match="角色"):
        books.org.add_counterparty(CounterpartyInput("赵六", roles=("老板",)))


def test_users_and_roles(books):
    books.org.add_user("王会计", "会计")
    with pytest.raises(DuplicateError):
        books.org.add_user("王会计", "出纳")
    with pytest.raises(InputError):
        books.org.add_user("李四", "局长")
    user = books.org.list_users()[0]
    assert books.org.set_user_active(user.id, False).is_active is False


def test_a_row_without_id_code_keeps_the_one_on_record(books):
    books.org.upsert_counterparties([CounterpartyInput("王五", "个人", "53080219900101123X", phone="13800000001")])
    books.org.upsert_counterparties([CounterpartyInput("王五", "个人", "", phone="13800000002")])
    (row,) = books.org.list_counterparties()
    assert (row.id_code, row.phone) == ("53080219900101123X", "13800000002")


def test_counterparty_search_pages_for_pickers(books):
    books.org.upsert_counterparties([CounterpartyInput(f"李{i:03d}") for i in range(30)] + [CounterpartyInput("王五")])
    assert [c.name for c in books.org.list_counterparties(search="李", limit=5)] == [f"李{i:03d}" for i in range(5)]
    assert books.org.count_counterparties("李") == 30 and books.org.count_counterparties() == 31


def test_texts_longer_than_the_books_keep_are_refused_on_both_databases(books):
    """PostgreSQL refuses a text longer than its column; SQLite would keep it: both say so first."""
    with pytest.raises(InputError, match="超过 200 个字"):
        books.org.add_counterparty(CounterpartyInput("张" * 201))
    with pytest.raises(InputError, match="地址"):
        books.org.upsert_counterparties([CounterpartyInput("张三", address="兰" * 201)])
    books.org.upsert_counterparties([CounterpartyInput("李" * 200, id_code="X1" * 15)])  # at the limit: kept
    assert books.org.find_counterparty("李" * 200) is not None

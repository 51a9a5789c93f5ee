"""辅助余额表 and 辅助明细账: 应收款 by 往来单位 (and by 小区) adds up to the 科目余额表 to the fen."""
from contextlib import nullcontext

import pytest

from assetdesk.db.models import Account, AccountDimension
from assetdesk.dimensions import COMPOUND, COUNTERPARTY
from assetdesk.errors import AccountError, InputError, NotFoundError
from assetdesk.services.aux_labels import aux_label
from assetdesk.services.ledger import split_side
from assetdesk.services.org_types import CompoundInput, CounterpartyInput
from assetdesk.services.voucher_types import LineView
from tests.aux_books import LI, TEA, post_aux, tenant_book, undeclared
from tests.helpers import rent_account


def _figures(row):
    return (*split_side(row.opening_fen), row.debit_fen, row.credit_fen, row.ytd_debit_fen, row.ytd_credit_fen,
            *split_side(row.closing_fen))


def _tb_figures(row):
    return (row.opening_debit_fen, row.opening_credit_fen, row.debit_fen, row.credit_fen, row.ytd_debit_fen,
            row.ytd_credit_fen, row.closing_debit_fen, row.closing_credit_fen)


def test_dimensions_are_those_of_the_account_or_an_ancestor(books):
    sub = books.accounts.add_sub_account("112", "押金").code
    assert books.aux.dimensions_of("112") == (COUNTERPARTY,)
    assert books.aux.dimensions_of(sub) == (COUNTERPARTY,)
    assert books.aux.dimensions_of("102") == ()
    AccountDimension.create(account=Account.get(Account.code == sub), dimension="compound")
    assert books.aux.dimensions_of(sub) == (COUNTERPARTY, COMPOUND)
    assert books.aux.dimensions_of("112") == (COUNTERPARTY,)
    with pytest.raises(NotFoundError):
        books.aux.dimensions_of("999")


@pytest.mark.parametrize("first,last", [("2025-01", "2025-01"), ("2025-02", "2025-03"), ("2025-03", "2025-03")])
def test_balance_by_tenant_adds_up_to_the_trial_balance_to_the_fen(books, first, last):
    tenant_book(books)
    aux = books.aux.balance("112", first, last)
    tb_row = {r.code: r for r in books.ledger.trial_balance(first, last).rows}["112"]
    assert _figures(aux.totals) == _tb_figures(tb_row)
    assert sum(r.closing_fen for r in aux.rows) == tb_row.closing_debit_fen - tb_row.closing_credit_fen
    assert aux.dimension == COUNTERPARTY and aux.account_name == "应收款"


def test_balance_rows_per_tenant_with_the_unassigned_row_last(books):
    tea, li, sub = tenant_book(books)
    aux = books.aux.balance("112", "2025-02", "2025-03")
    rows = {r.name: r for r in aux.rows}
    assert [r.name for r in aux.rows] == sorted([TEA, LI]) + ["（未指定往来单位）"]  # by name, as the register lists
    assert rows[TEA].code == "91530100MA6K0000XR" and rows[TEA].record.id == tea.id
    # 茶源: opening 2,000 + Jan 1,000; Feb −1,500 +1,000 → 2,500 借
    assert (rows[TEA].opening_fen, rows[TEA].debit_fen, rows[TEA].credit_fen, rows[TEA].closing_fen) == \
        (3_000_00, 1_000_00, 1_500_00, 2_500_00)
    assert (rows[TEA].ytd_debit_fen, rows[TEA].ytd_credit_fen) == (2_000_00, 1_500_00)
    # 李秀英: opening 500 + Jan 400; March −900 received, +300 on the sub-account 押金
    assert (rows[LI].opening_fen, rows[LI].debit_fen, rows[LI].credit_fen, rows[LI].closing_fen) == \
        (900_00, 300_00, 900_00, 300_00)
    # unassigned: 押金's opening of 300.00 from before the 辅助核算 + the March line naming nobody
    unassigned = rows["（未指定往来单位）"]
    assert unassigned.record.is_unassigned and (unassigned.opening_fen, unassigned.closing_fen) == (300_00, 550_00)
    assert aux.rows[-1] is unassigned
    assert (aux.totals.name, aux.totals.closing_direction, aux.totals.closing_amount_fen) == ("合计", "借", 3_350_00)


def test_balance_of_a_sub_account_and_no_rows_without_figures(books):
    tea, li, sub = tenant_book(books)
    aux = books.aux.balance(sub, "2025-03")
    assert [(r.name, r.opening_fen, r.debit_fen, r.closing_fen) for r in aux.rows] == \
        [(LI, 0, 300_00, 300_00), ("（未指定往来单位）", 300_00, 0, 300_00)]
    assert aux.account_name == "应收款—押金" and aux.heading == f"科目：{sub} 应收款—押金　辅助核算：往来单位"
    tb_row = {r.code: r for r in books.ledger.trial_balance("2025-03").rows}[sub]
    assert _figures(aux.totals) == _tb_figures(tb_row)


def test_balance_refuses_an_account_without_dimensions_in_chinese(books):
    with pytest.raises(AccountError) as caught:
        books.aux.balance("10201", "2025-01")
    assert "没有设置辅助核算" in caught.value.message and "112" in caught.value.hint
    with pytest.raises(InputError, match="没有“楼栋”这个辅助核算项目"):
        books.aux.balance("112", "2025-01", dimension="楼栋")
    with pytest.raises(InputError, match="资金项目"):
        books.aux.balance("112", "2025-01", dimension="fund")


def test_balance_of_any_account_by_a_dimension_given(books):
    """A dimension named explicitly reads even an account that does not declare it (bank by tenant)."""
    tenant_book(books)
    aux = books.aux.balance("10201", "2025-02", dimension="往来单位")
    tb_row = {r.code: r for r in books.ledger.trial_balance("2025-02").rows}["102"]
    assert _figures(aux.totals) == _tb_figures(tb_row)
    assert [r.name for r in aux.rows] == ["（未指定往来单位）"]


def test_balance_by_compound_shows_the_compound_code(books):
    rent = rent_account(books)
    books.org.add_area("P01", "东片区")
    for code, name in (("XQ002", "翠云小区"), ("XQ001", "兰苑小区")):
        books.org.add_compound(CompoundInput(code, name, "P01"))
    compounds = {c.code: c for c in books.org.list_compounds()}
    AccountDimension.create(account=Account.get(Account.code == "112"), dimension="compound")
    payer = books.org.add_counterparty(CounterpartyInput("物业公司", "单位")).id
    post_aux(books, "2025-01-08", "物业费", ("112", 700_00, {"compound_id": compounds["XQ002"].id, "counterparty_id": payer}),
             ("112", 300_00, {"compound_id": compounds["XQ001"].id, "counterparty_id": payer}), (rent, -1_000_00, {}))
    aux = books.aux.balance("112", "2025-01", dimension="小区")
    assert [(r.code, r.name, r.closing_fen) for r in aux.rows] == [("XQ001", "兰苑小区", 300_00),
                                                                   ("XQ002", "翠云小区", 700_00)]
    assert books.aux.balance("112", "2025-01").dimension == COUNTERPARTY  # the first declared, by default


def test_ledger_of_one_tenant_runs_its_balance_month_by_month(books):
    tea, li, sub = tenant_book(books)
    [section] = books.aux.ledger("112", "2025-02", "2025-03", counterparty=tea.id)
    assert section.record.name == TEA and section.heading == f"科目：112 应收款　往来单位：{TEA}（91530100MA6K0000XR）"
    summary = [(e.kind, e.summary, e.voucher_label, e.debit_fen, e.credit_fen, e.direction, e.balance_fen)
               for e in section.entries]
    assert summary == [
        ("opening", "期初余额", "", 0, 0, "借", 3_000_00),
        ("line", "收茶源租金", "记-0001", 0, 1_500_00, "借", 1_500_00),
        ("line", "二月租金", "记-0002", 1_000_00, 0, "借", 2_500_00),
        ("month_total", "本月合计", "", 1_000_00, 1_500_00, "借", 2_500_00),
        ("year_total", "本年累计", "", 2_000_00, 1_500_00, "借", 2_500_00),
        ("month_total", "本月合计", "", 0, 0, "借", 2_500_00),
        ("year_total", "本年累计", "", 2_000_00, 1_500_00, "借", 2_500_00),
    ]
    assert section.entries[1].voucher_id is not None


def test_ledger_of_every_record_adds_up_to_the_account_ledger(books):
    tea, li, sub = tenant_book(books)
    sections = books.aux.ledger("112", "2025-01", "2025-03")
    assert [s.record.name for s in sections][-1] == "（未指定往来单位）"
    assert {s.record.name for s in sections} == {TEA, LI, "（未指定往来单位）"}
    account = books.ledger.account_ledger("112", "2025-01", "2025-03")
    assert sum(s.entries[0].balance_fen * (1 if s.entries[0].direction == "借" else -1) for s in sections) == \
        account[0].balance_fen
    lines = sorted((e.voucher_label, e.debit_fen, e.credit_fen) for s in sections for e in s.entries if e.kind == "line")
    assert lines == sorted((e.voucher_label, e.debit_fen, e.credit_fen) for e in account if e.kind == "line")
    by_name = {s.record.name: s for s in sections}
    assert [e.account_code for e in by_name[LI].entries if e.kind == "line"][-1] == sub
    assert by_name["（未指定往来单位）"].entries[-1].balance_fen == 550_00


def test_ledger_of_the_unassigned_row_and_refusals(books):
    tea, li, sub = tenant_book(books)
    unassigned = books.aux.balance("112", "2025-03").rows[-1].record
    [section] = books.aux.ledger("112", "2025-03", record=unassigned)
    assert [e.summary for e in section.entries if e.kind == "line"] == ["未指定往来单位的挂账"]
    assert section.entries[0].balance_fen == 300_00
    with pytest.raises(InputError, match="只能指定一个"):
        books.aux.ledger("112", "2025-03", counterparty=tea.id, compound=1)
    with pytest.raises(AccountError):
        books.aux.ledger("10201", "2025-03")


def test_a_tenant_with_no_postings_and_no_balance_is_left_out(books):
    tea, li, sub = tenant_book(books)
    books.org.add_counterparty(CounterpartyInput("王五"))
    sections = books.aux.ledger("112", "2025-03")
    assert "王五" not in {s.record.name for s in sections}
    assert "王五" not in {r.name for r in books.aux.balance("112", "2025-03").rows}


def test_find_record_by_name_or_code_and_asks_for_the_id_code_of_twins(books):
    tea, li, sub = tenant_book(books)
    assert books.aux.find_record("counterparty", TEA).id == tea.id
    assert books.aux.find_record("往来单位", "530102198001010023").id == li.id
    books.org.add_counterparty(CounterpartyInput(LI, "个人", "530102199002020033"))
    with pytest.raises(InputError) as caught:
        books.aux.find_record("counterparty", LI)
    assert "有 2 个往来单位都叫“李秀英”" in caught.value.message and "证件号码" in caught.value.hint
    assert "530102199002020033" in caught.value.hint
    with pytest.raises(NotFoundError, match="找不到往来单位“张三”"):
        books.aux.find_record("counterparty", "张三")
    books.org.add_area("P01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰苑小区", "P01"))
    assert books.aux.find_record("compound", "XQ001").name == "兰苑小区"
    assert books.aux.find_record("小区", "兰苑小区").code == "XQ001"


def test_aux_label_names_the_account_and_its_records():
    line = LineView(1, "112", "应收款", "收租", 100, None, 7, TEA)
    assert aux_label(line) == f"112 应收款—{TEA}"
    both = LineView(1, "11201", "应收款—物业费", "", 100, None, 7, LI, 3, "兰苑小区")
    assert aux_label(both) == f"11201 应收款—物业费—{LI}—兰苑小区"
    assert aux_label(LineView(1, "102", "银行存款", "", 100, None)) == "102 银行存款"


def test_carrying_accounts_and_declarations(books):
    sub = books.accounts.add_sub_account("112", "租金").code
    assert {"112", sub} <= set(books.aux.carrying_accounts()) and "102" not in books.aux.carrying_accounts()
    AccountDimension.create(account=Account.get(Account.code == "211"), dimension="counterparty")
    AccountDimension.create(account=Account.get(Account.code == "112"), dimension="compound")
    assert [(code, d.key) for code, d in books.aux.declared()] == \
        [("112", "counterparty"), ("112", "compound"), ("211", "counterparty")]
    assert [code for code, _ in books.aux.declared("小区")] == ["112"]
    assert books.aux.dimension_for(sub) == COUNTERPARTY and books.aux.dimension_for("10201", "compound") == COMPOUND


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

posting = st.tuples(st.integers(1, 6), st.sampled_from([None, 0, 1, 2]),
                    st.integers(-10**7, 10**7).filter(bool), st.booleans())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(posting, min_size=1, max_size=10), st.integers(1, 6), st.integers(0, 5))
def test_property_the_sub_ledger_always_adds_up_to_the_trial_balance(books, postings, first, span):
    """Whatever is posted (tenants or none, debits and credits, 112 or its sub-account), every row
    set of the 辅助余额表 adds up to 112's 科目余额表 line, and every tenant's 辅助明细账 ends on its row."""
    from assetdesk.services.ledger import direction_of

    names = ("甲", "乙", "丙")
    tenants = [books.org.find_counterparty(n) or books.org.add_counterparty(CounterpartyInput(n)) for n in names]
    if not any(a.code == "11201" for a in books.accounts.list_accounts()):
        books.accounts.add_sub_account("112", "租金")
        books.accounts.add_sub_account("112", "押金")
    for month, tenant, fen, deposit in postings:
        aux = {"counterparty_id": tenants[tenant].id} if tenant is not None else {}
        with undeclared(books) if tenant is None else nullcontext():
            post_aux(books, f"2025-{month:02d}-15", "随机往来", ("11202" if deposit else "11201", fen, aux),
                     ("10201", -fen, {}))
    start, end = f"2025-{first:02d}", f"2025-{min(first + span, 6):02d}"
    aux = books.aux.balance("112", start, end)
    tb_row = {r.code: r for r in books.ledger.trial_balance(start, end, include_zero=True).rows}["112"]
    assert _figures(aux.totals) == _tb_figures(tb_row)
    for section in books.aux.ledger("112", start, end):
        row = next(r for r in aux.rows if r.record == section.record)
        last = section.entries[-1]
        assert (last.direction, last.balance_fen) == (direction_of(row.closing_fen), abs(row.closing_fen))

"""A set of books with tenants on 应收款, shared by the 辅助核算 tests (core, pdf, excel, ui, cli)."""
from contextlib import contextmanager

from assetdesk.db.models import AccountDimension
from assetdesk.services.opening_breakdown import BreakdownInput
from assetdesk.services.org_types import CounterpartyInput
from assetdesk.services.vouchers import LineInput, VoucherInput
from tests.helpers import day, draft, rent_account

TEA, LI = "普洱茶源商贸有限公司", "李秀英"


def post_aux(books, on, summary, *lines):
    """Lines as (code, signed fen, aux dict)."""
    items = [LineInput.debit(code, fen, **aux) if fen >= 0 else LineInput.credit(code, -fen, **aux)
             for code, fen, aux in lines]
    return books.vouchers.create_and_post(VoucherInput(day(on), summary, items))


@contextmanager
def undeclared(books):
    """Postings as in books kept before 应收款 carried 往来单位 (a schema-v3 book upgraded): the 辅助核算
    declarations are lifted inside the block, so a line on 112 may name nobody, and put back after."""
    kept = list(AccountDimension.select(AccountDimension.account, AccountDimension.dimension).tuples())
    AccountDimension.delete().execute()
    try:
        yield
    finally:
        for account_id, key in kept:
            AccountDimension.create(account=account_id, dimension=key)


def tenant_book(books):
    """Two tenants on 112's sub-accounts 租金 (its opening broken down by tenant) and 押金 (an opening of
    300.00 from before the 辅助核算, naming nobody), postings over three months (one line naming
    nobody, a draft, another account's tenant line)."""
    rent = rent_account(books)
    tea = books.org.add_counterparty(CounterpartyInput(TEA, "单位", "91530100MA6K0000XR", roles=("承租方",)))
    li = books.org.add_counterparty(CounterpartyInput(LI, "个人", "530102198001010023", roles=("承租方",)))
    due, sub = books.accounts.add_sub_account("112", "租金").code, books.accounts.add_sub_account("112", "押金").code
    with undeclared(books):  # 押金's opening was kept before 112 carried 往来单位: no breakdown
        books.accounts.set_opening_balances({sub: 300_00})
    books.accounts.set_opening_balances(
        {due: 2_500_00, "102": 10_000_00, "301": -12_800_00},
        breakdown={due: [BreakdownInput(2_000_00, counterparty_id=tea.id), BreakdownInput(500_00, counterparty_id=li.id)]})
    post_aux(books, "2025-01-10", "一月租金", (due, 1_000_00, {"counterparty_id": tea.id}),
          (due, 400_00, {"counterparty_id": li.id}), (rent, -1_400_00, {}))
    post_aux(books, "2025-02-05", "收茶源租金", ("102", 1_500_00, {}), (due, -1_500_00, {"counterparty_id": tea.id}))
    post_aux(books, "2025-02-18", "二月租金", (due, 1_000_00, {"counterparty_id": tea.id}), (rent, -1_000_00, {}))
    with undeclared(books):
        post_aux(books, "2025-03-02", "未指定往来单位的挂账", (due, 250_00, {}), (rent, -250_00, {}))
    post_aux(books, "2025-03-09", "收李秀英租金", ("101", 900_00, {}), (due, -900_00, {"counterparty_id": li.id}))
    post_aux(books, "2025-03-20", "代垫押金", (sub, 300_00, {"counterparty_id": li.id}), ("102", -300_00, {}))
    post_aux(books, "2025-03-21", "他科目的往来单位", ("211", -50_00, {"counterparty_id": tea.id}), ("102", 50_00, {}))
    draft(books, "2025-03-25", "草稿不入账", (due, 9_999_00), (rent, -9_999_00))
    return tea, li, sub

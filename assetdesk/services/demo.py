"""The demo community 兰花社区 (seed article): 3 片区, 96 小区 of every category, counterparties,
opening balances and months of posted vouchers. Deterministic for a given seed and clock.

About 40 collective assets with about 30 leases whose rent is billed and collected through the
lease service month by month (``demo_rent``). Later issues extend it (households, funds).
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from typing import Callable

from assetdesk.errors import DuplicateError
from assetdesk.id_numbers import with_credit_check, with_resident_check
from assetdesk.periods import Period
from assetdesk.services import demo_rent
from assetdesk.services.org import COMPOUND_CATEGORIES, CompoundInput, CounterpartyInput
from assetdesk.services.vouchers import LineInput, VoucherInput

COMMUNITY = "兰花社区"
AREAS = (("PQ01", "东片区"), ("PQ02", "中片区"), ("PQ03", "西片区"))
COMPOUND_COUNT = 96
DEMO_PREPARER = "王会计"  # the demo clerk, who prepares every demo voucher
SURNAMES = ("李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
            "薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN = "明华建国丽娟伟芳秀英敏静强磊军洋勇艳杰娜涛超霞平刚桂兰亚琪海燕玉梅志红春生德福云飞"
COMPOUND_WORDS = ("兰园 茶城 思茅 南屏 振兴 月光 翠云 松山 梅子 洗马 倚象 白龙 石屏 文化 人民 康平 龙生 茶苑 "
                  "民族 普洱").split()
# The demo's sub-accounts; those a new set of books already has (10201, 21101, 50101 …) are kept as they are.
SUB_ACCOUNTS = (
    ("102", "10201", "基本存款户"), ("211", "21101", "押金"), ("211", "21102", "其他应付款"),
    ("241", "24101", "老旧小区改造项目资金"), ("501", "50101", "租金收入"), ("501", "50102", "物业服务收入"),
    ("504", "50401", "物业公司管理费"), ("511", "51101", "设施维修"), ("511", "51102", "固定资产折旧"),
    ("513", "51301", "干部报酬"), ("513", "51302", "办公费"),
)
# Posting rules whose default account the sub-accounts above turned into a parent (or the demo posts elsewhere).
POSTING_RULES = {"grant.payable": "24101", "company_fee.income": "50401", "repair.expense": "51101",
                 "depreciation.expense": "51102"}
# 151 固定资产 and 152 累计折旧 open with the register's totals (demo_rent.asset_inputs); 112 and 21101
# open at zero: rent and deposits come from the leases, so the tenants' sub-ledger reconciles with them
OPENING = {"101": 8_000_00, "10201": 1_250_000_00, "24101": -300_000_00, "301": -3_000_000_00, "311": -500_000_00}
TENANTS = 30


@dataclass(frozen=True)
class DemoSummary:
    areas: int
    compounds: int
    counterparties: int
    vouchers: int
    months: int
    closed_months: int


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def build_demo(books, households: int = 2000, seed: int = 20240501, year: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill an empty database (no 账套 yet) with the demo community; refuses a non-empty one."""
    if books.is_initialised():
        raise DuplicateError("数据库中已有账套，不能再生成演示数据",
                             "请用一个新的数据库文件，例如 assetdesk --db demo.db demo")
    rng = random.Random(seed)
    today = books.ctx.today()
    year = year or today.year
    last_month = max(3, min(12, today.month - 1)) if year == today.year else 12
    step = progress or (lambda done, total: None)
    with books.ctx.transaction():  # all of the demo or none of it
        compounds, vouchers, closed = _fill(books, rng, households, year, last_month, step)
    return DemoSummary(len(AREAS), len(compounds), len(books.org.list_counterparties()), vouchers, 12 + last_month,
                       closed)


def _fill(books, rng: random.Random, households: int, year: int, last_month: int, step) -> tuple[list, int, int]:
    """The books start on 1 January of the year before ``year``: two years of rent, the first closed."""
    first = year - 1
    books.org.setup_book(COMMUNITY, Period(first, 1), credit_code="N2530802MF0000000X")
    step(1, 5)
    existing = {row.code for row in books.accounts.list_accounts()}
    for parent, code, name in SUB_ACCOUNTS:
        if code not in existing:
            books.accounts.add_sub_account(parent, name, code)
    for key, code in POSTING_RULES.items():
        books.posting_rules.set_rule(key, code)
    for name, role in (("李亚琪", "负责人"), (DEMO_PREPARER, "会计"), ("张出纳", "出纳"), ("赵审核", "审核")):
        books.org.add_user(name, role)
    step(2, 5)
    companies, tenants = _counterparties(books, rng, households)
    assets = demo_rent.asset_inputs(rng, first, [f"XQ{i + 1:03d}" for i in range(COMPOUND_COUNT)])
    books.accounts.set_opening_balances(_balanced_opening(assets))
    compounds = _compounds(books, rng, companies, households)
    for asset in assets:
        books.assets.register(asset.item)
    step(3, 5)
    months = [Period(first, m) for m in range(1, 13)] + [Period(year, m) for m in range(1, last_month + 1)]
    _vouchers(books, rng, months, compounds)
    plans, renewal = demo_rent.lease_plans(rng, first, books.ctx.today(), assets, tenants)
    demo_rent.let_and_collect(books, rng, months, plans, renewal)
    step(4, 5)
    closed = 0
    for period in months[:-2]:
        if period.month == 12:
            books.periods.close_year(period.year)
        books.periods.close(period)
        closed += 1
    step(5, 5)
    # every voucher: those typed and those posted from documents (rent, receipts, deposits, depreciation)
    return compounds, books.vouchers.count_vouchers(), closed


def _balanced_opening(assets: list) -> dict[str, int]:
    balances = dict(OPENING)
    balances["151"] = sum(a.item.original_fen for a in assets)
    balances["152"] = -sum(a.item.opening_depreciation_fen for a in assets)
    balances["32202"] = -sum(balances.values())
    return balances


def _counterparties(books, rng: random.Random, households: int) -> tuple[list[str], list]:
    companies = [f"普洱市{w}物业服务有限公司" for w in ("兰庭", "思源", "安居", "康泰", "和顺")]
    items = [CounterpartyInput(c, "单位", with_credit_check(f"91530802MA{i:07d}"), f"0879-21{i:05d}", "普洱市思茅区",
                               ("物业公司",))
             for i, c in enumerate(companies, start=1)]
    tenant_items = demo_rent.tenant_inputs(rng, TENANTS)
    items += tenant_items
    # 户主 (household heads, payers of property fees); fictitious but unique and well-formed ID numbers
    items += [CounterpartyInput(_name(rng), "个人", _household_id(rng, i),
                                f"13{rng.randint(10**8, 10**9 - 1)}", "兰花社区", ("缴费人",))
              for i in range(households)]
    items.append(CounterpartyInput("普洱市思茅区财政局", "单位", with_credit_check("11530802MB0000001"), "",
                                   "普洱市思茅区", ("收款方",)))
    books.org.upsert_counterparties(items)
    tenants = [books.org.find_counterparty(t.name, t.id_code) for t in tenant_items]
    return companies, tenants


def _household_id(rng: random.Random, i: int) -> str:
    """A 身份证号码 unique to household ``i``: its birth date walks the days from 1940-01-01."""
    born = dt.date(1940, 1, 1) + dt.timedelta(days=i % 20000)
    return with_resident_check(f"530802{born:%Y%m%d}{rng.randint(100, 999) // 10:02d}{i // 20000 % 10}")


def _compounds(books, rng: random.Random, companies: list[str], households: int) -> list:
    items = []
    share, extra = divmod(households, COMPOUND_COUNT)
    for i in range(COMPOUND_COUNT):
        area_code, area_name = AREAS[i % len(AREAS)]
        category = COMPOUND_CATEGORIES[i % len(COMPOUND_CATEGORIES)]
        mode = "物业公司" if category == "商品房小区" or i % 7 == 0 else ("居民自治" if i % 5 == 0 else "社区托管")
        homes = share + (1 if i < extra else 0)
        items.append(CompoundInput(
            f"XQ{i + 1:03d}", f"{COMPOUND_WORDS[i % len(COMPOUND_WORDS)]}{'小区' if i < 20 else f'{i // 20 + 1}号院'}",
            area_code, category, mode, homes, homes * rng.randint(6000, 12000),
            rng.choice(companies) if mode == "物业公司" else "", area_name=area_name))
    books.org.upsert_compounds(items)
    return books.org.list_compounds()


def _vouchers(books, rng: random.Random, months: list[Period], compounds: list) -> int:
    count = 0
    for period in months:
        for item in _month_vouchers(rng, period.year, period.month, compounds):
            books.vouchers.create_and_post(replace(item, preparer=DEMO_PREPARER))
            count += 1
    return count


def _on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, Period(year, month).last_day.day))


def _month_vouchers(rng: random.Random, year: int, month: int, compounds: list) -> list[VoucherInput]:
    """The month's vouchers typed by the clerk (fees, repairs, pay, office costs, grants); rent and
    depreciation are posted from their documents (``demo_rent``)."""
    out = []
    for compound in rng.sample(compounds, 8):
        fee = compound.households * rng.choice((30_00, 45_00, 60_00)) // 10
        if fee:
            out.append(VoucherInput(_on(year, month, rng.randint(5, 28)), f"收{compound.name}物业费", [
                LineInput.debit("101", fee, compound_id=compound.id),
                LineInput.credit("50102", fee, compound_id=compound.id)], attachments=1))
    repair = rng.choice(compounds)
    cost = rng.randint(800, 9000) * 100
    out.append(VoucherInput(_on(year, month, 18), f"{repair.name}公共设施维修", [
        LineInput.debit("51101", cost, compound_id=repair.id), LineInput.credit("10201", cost)], attachments=2))
    out.append(VoucherInput(_on(year, month, 25), f"计提{month}月干部报酬", [
        LineInput.debit("51301", 24_000_00), LineInput.credit("212", 24_000_00)]))
    out.append(VoucherInput(_on(year, month, 28), f"发放{month}月干部报酬", [
        LineInput.debit("212", 24_000_00), LineInput.credit("10201", 24_000_00)], attachments=1))
    out.append(VoucherInput(_on(year, month, 20), "提取备用金", [
        LineInput.debit("101", 5_000_00), LineInput.credit("10201", 5_000_00)]))
    out.append(VoucherInput(_on(year, month, 26), "购买办公用品", [
        LineInput.debit("51302", rng.randint(200, 1500) * 100), LineInput.credit("101", 0)]))
    out[-1] = _balance_last(out[-1])
    if month % 3 == 0:
        out.append(VoucherInput(_on(year, month, 10), "收到老旧小区改造项目资金", [
            LineInput.debit("10201", 200_000_00), LineInput.credit("24101", 200_000_00)], attachments=1))
        out.append(VoucherInput(_on(year, month, 22), "物业公司入驻管理费", [
            LineInput.debit("10201", 12_000_00), LineInput.credit("50401", 12_000_00)], attachments=1))
    return sorted(out, key=lambda v: v.date_on)


def _balance_last(item: VoucherInput) -> VoucherInput:
    debit = item.lines[0].debit_fen
    return VoucherInput(item.date_on, item.summary,
                        [item.lines[0], LineInput.credit(item.lines[1].account_code, debit)],
                        item.attachments)

"""The demo community's collective assets, their leases and the rent (issue 11's part of the demo).

About 40 assets (land in 亩, shops, houses, the former office 原社区办公楼, structures, equipment)
whose 原值 and 累计折旧 make the opening balances of 151 and 152; about 30 leases made through
``books.leases`` (escalation every 3 years by 5 % or a step table, free months, monthly / quarterly /
yearly cycles, deposits received), then month by month the due-rent run, the receipts (most tenants
on time, some late, a few in arrears) and the depreciation run. Nothing here types a voucher by hand.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from assetdesk.id_numbers import with_credit_check, with_resident_check
from assetdesk.periods import Period
from assetdesk.services.assets.schedule import cumulative_fen
from assetdesk.services.assets.types import DEPRECIABLE, AssetInput
from assetdesk.services.leases.terms import EveryYears, PaymentCycle, RentBasis, RentStep, add_months
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from assetdesk.services.org import CounterpartyInput
from assetdesk.services.receivables.types import Payer, ReceiptInput

STREETS = ("兰花路", "茶城大道", "振兴大道", "月光路", "人民东路", "思茅大道")
SHOP_TRADES = ("便利店", "早餐店", "米线馆", "五金店", "药店", "理发店", "快递驿站", "茶叶店", "烧烤店", "文具店",
               "干洗店", "水果店", "菜鸟驿站", "小吃店")
COMPANIES = ("普洱市思茅区兰花农贸市场管理有限公司", "普洱市思茅区顺达汽车修理厂", "普洱市思茅区康乐幼儿园",
             "普洱市思茅区兴隆物流有限公司", "普洱市思茅区绿源苗木种植专业合作社", "普洱市思茅区金叶茶厂")
METHODS = ("转账", "微信", "现金", "转账", "支付宝")
# the shopkeepers and families who rent (fictitious; the ID numbers are made up but well-formed)
PEOPLE = ("李建华", "王秀英", "张德福", "刘春梅", "陈志强", "杨丽娟", "赵国平", "黄玉兰", "周明亮", "吴海燕",
          "徐文军", "孙桂芳", "胡永刚", "朱红霞", "高建新", "林淑珍", "何家宝", "郭晓燕", "马正云", "罗金花",
          "梁世杰", "宋美玲", "郑开元", "谢春兰")


@dataclass(frozen=True)
class DemoAsset:
    item: AssetInput
    let: bool  # offered for lease in the demo (the others stay idle or in own use)


def asset_inputs(rng: random.Random, year: int, compound_codes: list[str]) -> list[DemoAsset]:
    """The register as the clerk took it over at the start of ``year``: 累计折旧 as the schedule has it
    through last December, so each month's run simply continues."""
    last_december = Period(year - 1, 12)
    out: list[DemoAsset] = []

    def add(code: str, name: str, category: str, *, let: bool, original: int = 0, life: int = 0,
            acquired: dt.date, building: int = 0, land: int = 0, unit: str = "㎡", nature: str = "经营性",
            location: str = "", compound: str = "", status: str = "闲置", idle_since: dt.date | None = None,
            land_type: str = "", note: str = "") -> None:
        salvage = original * 5 // 100 if category in DEPRECIABLE else 0
        opening = cumulative_fen(original, salvage, life, acquired, last_december) if category in DEPRECIABLE else 0
        out.append(DemoAsset(AssetInput(
            code, name, category, nature=nature, location=location, compound_code=compound,
            building_area_centi=building, land_area_centi=land, land_area_unit=unit, land_type=land_type,
            ownership="兰花社区居民委员会集体所有", certificate_no=f"思集{acquired.year}字第{len(out) + 101:04d}号",
            acquisition=rng.choice(("自建", "购建")) if category != "土地" else "投资投入", acquired_on=acquired,
            original_fen=original, opening_depreciation_fen=opening, life_months=life, salvage_fen=salvage,
            status=status, idle_since=idle_since or (dt.date(year - 1, rng.randint(1, 12), 1) if status == "闲置"
                                                     else None),
            keeper=rng.choice(("李亚琪", "张出纳", "社区网格员 周丽")), note=note), let))

    lands = ("东片区集体建设用地（原砖厂）", "中片区菜地", "西片区山地", "兰园小区北侧空地", "茶城大道边角地",
             "原社区林地", "月光路停车场用地", "振兴路苗圃地")
    for i, name in enumerate(lands):
        add(f"ZC{len(out) + 1:03d}", name, "土地", let=i < 5, land=rng.choice((150, 280, 420, 650, 1200, 2350)),
            unit="亩", nature="资源性", location=f"兰花社区{('东', '中', '西')[i % 3]}片区",
            acquired=dt.date(1998, 6, 30), land_type=rng.choice(("集体建设用地", "其他农用地", "林地")))
    for i in range(14):
        compound = compound_codes[i * 5 % len(compound_codes)]
        add(f"ZC{len(out) + 1:03d}", f"{STREETS[i % len(STREETS)]}临街商铺{i + 1}号", "商铺", let=i < 13,
            original=rng.randint(8, 30) * 10_000_00, life=240, acquired=dt.date(rng.randint(2008, 2019), 6, 30),
            building=rng.randint(30, 150) * 100, location=f"{STREETS[i % len(STREETS)]}{rng.randint(2, 188)}号",
            compound=compound)
    for i in range(8):
        add(f"ZC{len(out) + 1:03d}", f"集体出租房{'AB'[i // 4]}栋{i % 4 + 1}01室", "房屋", let=True,
            original=rng.randint(6, 15) * 10_000_00, life=360, acquired=dt.date(2012, 12, 31),
            building=rng.randint(60, 110) * 100, location="兰花路68号", compound=compound_codes[1])
    add(f"ZC{len(out) + 1:03d}", "原社区办公楼", "房屋", let=False, original=1_180_000_00, life=480,
        acquired=dt.date(2003, 9, 30), building=168000, location="兰花路1号（社区搬迁后空置）",
        status="闲置", idle_since=dt.date(year - 2, 7, 1), note="两层砖混，拟整体招租")
    structures = (("兰花农贸市场钢结构大棚", 520_000_00, True), ("月光路停车场", 180_000_00, True),
                  ("集体仓库", 150_000_00, True), ("茶城大道广告牌", 60_000_00, False),
                  ("社区公厕", 90_000_00, False), ("西片区围墙及大门", 45_000_00, False))
    for name, original, let in structures:
        add(f"ZC{len(out) + 1:03d}", name, "构筑物", let=let, original=original, life=240,
            acquired=dt.date(rng.randint(2010, 2018), 12, 31), building=rng.randint(200, 2000) * 100,
            location=f"{rng.choice(STREETS)}{rng.randint(2, 188)}号",
            status="闲置" if let or name == "茶城大道广告牌" else "自用")
    equipment = (("社区公共充电桩", 80_000_00), ("农贸市场监控系统", 35_000_00), ("办公电脑及打印机", 28_000_00))
    for name, original in equipment:
        add(f"ZC{len(out) + 1:03d}", name, "设施设备", let=False, original=original, life=96,
            acquired=dt.date(rng.randint(2019, year - 1), 3, 31), nature="非经营性", status="自用")
    return out


def tenant_inputs(rng: random.Random, count: int) -> list[CounterpartyInput]:
    """承租方: the companies, then shopkeepers and families (real-looking names, unique ID numbers)."""
    items = [CounterpartyInput(name, "单位", with_credit_check(f"92530802MA{i + 50:07d}"), f"0879-23{i:05d}",
                               "普洱市思茅区", ("承租方",)) for i, name in enumerate(COMPANIES)]
    for i in range(count - len(items)):
        person = PEOPLE[i % len(PEOPLE)]
        born = dt.date(1965 + i % 30, i % 12 + 1, i % 27 + 1)
        items.append(CounterpartyInput(person, "个人", with_resident_check(f"530802{born:%Y%m%d}7{i:02d}"),
                                       f"139{rng.randint(10**7, 10**8 - 1)}", "兰花社区", ("承租方",)))
    return items


@dataclass(frozen=True)
class Plan:
    lease: LeaseInput
    habit: str  # 准时 / 拖欠 (pays a month late) / 欠费 (stopped paying)


def lease_plans(rng: random.Random, year: int, today: dt.date, assets: list[DemoAsset],
                tenants: list) -> tuple[list[Plan], LeaseInput | None]:
    """About 30 contracts on the assets offered for lease, all starting in the demo year (the earlier
    paper contracts are not in the books); one short contract ends early and is renewed, one ends
    within 60 days of ``today``. Returns the plans and the renewal (made after the first contract)."""
    start_of_year = dt.date(year, 1, 1)
    let = [a.item for a in assets if a.let]
    plans: list[Plan] = []
    renewal: LeaseInput | None = None
    for i, asset in enumerate(let):
        tenant = tenants[i % len(tenants)]
        start = start_of_year if i % 4 else dt.date(year, rng.randint(1, 3), 1)
        years = rng.choice((3, 5, 10)) if asset.category != "土地" else 10
        end = add_months(start, years * 12) - dt.timedelta(days=1)
        cycle = PaymentCycle.MONTHLY
        basis, rent, rate = RentBasis.PER_MONTH, 0, None
        escalation: EveryYears | tuple[RentStep, ...] | None = None
        if asset.category == "土地":
            basis, rent, cycle = RentBasis.PER_YEAR, asset.land_area_centi * rng.choice((800, 1000, 1200)), \
                PaymentCycle.YEARLY
            escalation = EveryYears(3, Decimal(5))
        elif asset.category == "商铺":
            basis, rate = RentBasis.PER_SQM_MONTH, Decimal(rng.choice(("25", "30", "35", "40")))
            escalation = EveryYears(3, Decimal(5)) if years > 3 else None
            cycle = PaymentCycle.QUARTERLY if i % 3 == 0 else PaymentCycle.MONTHLY
        elif asset.category == "房屋":
            rent = rng.choice((1_200_00, 1_500_00, 1_800_00, 2_200_00))
            if years >= 5:
                escalation = (RentStep(1, rent), RentStep(3, rent + 200_00), RentStep(5, rent + 400_00))
        else:
            rent = rng.choice((6_000_00, 8_500_00, 12_000_00))
            escalation = EveryYears(3, Decimal(5))
            cycle = PaymentCycle.QUARTERLY
        monthly = rent if basis == RentBasis.PER_MONTH else (rent // 12 if basis == RentBasis.PER_YEAR else int(
            rate * asset.building_area_centi) if rate is not None else 0)
        number = f"兰租{year}-{i + 1:03d}"
        item = LeaseInput(
            number, tenant.name, (LeasedAsset(asset.code),), start, end, basis=basis, rent_fen=rent, rate_yuan=rate,
            escalation=escalation, free_months=rng.choice((0, 0, 0, 1, 2, 3)) if i % 4 == 1 else 0, cycle=cycle,
            due_day=rng.choice((1, 5, 10)), deposit_fen=max(monthly * 2 // 100_00, 1) * 100_00,  # whole hundreds
            purpose=_purpose(asset.category),
            method="公开竞价" if i % 3 == 0 else "协议",
            decision_ref=f"兰花社区居民代表大会决议〔{year - 1}〕{i + 3}号",
            decision_on=dt.date(year - 1, 12, 20), signed_on=start - dt.timedelta(days=10), tenant_id=tenant.id)
        if i == 1:  # a three-month trial contract, renewed for three years when it ended
            item = _replace(item, end_on=dt.date(year, 3, 31), escalation=None, free_months=0)
            renewal = _replace(item, number=f"兰租{year}-{i + 1:03d}-续", start_on=dt.date(year, 4, 1),
                               end_on=dt.date(year + 3, 3, 31), method="续租", signed_on=dt.date(year, 3, 25))
        elif i == 2:  # ends within 60 days of today: the 到期预警
            end = today + dt.timedelta(days=45)
            item = _replace(item, start_on=max(start_of_year, add_months(end, -12) + dt.timedelta(days=1)),
                            end_on=end, escalation=None, free_months=0, cycle=PaymentCycle.MONTHLY)
        habit = "欠费" if i in (4, 13, 22) else ("拖欠" if i % 5 == 3 else "准时")
        plans.append(Plan(item, habit))
    ended = next((a.item for a in assets if not a.let and a.item.category == "商铺"), None)
    if ended is not None:  # let for two months and given back: idle again, its last rent in the 盘活 view
        tenant = tenants[len(plans) % len(tenants)]
        plans.append(Plan(LeaseInput(
            f"兰租{year}-{len(plans) + 1:03d}", tenant.name, (LeasedAsset(ended.code),), start_of_year,
            Period(year, 2).last_day, rent_fen=2_600_00, deposit_fen=5_200_00, purpose="临时仓储",
            decision_ref=f"兰花社区居民代表大会决议〔{year - 1}〕40号", decision_on=dt.date(year - 1, 12, 20),
            signed_on=dt.date(year - 1, 12, 25), tenant_id=tenant.id), "准时"))
    return plans, renewal


def _purpose(category: str) -> str:
    return {"土地": "种植、堆场", "商铺": "商业经营", "房屋": "居住", "构筑物": "经营"}.get(category, "经营")


def _replace(item: LeaseInput, **changes) -> LeaseInput:
    from dataclasses import replace

    return replace(item, **changes)


def let_and_collect(books, rng: random.Random, months: list[Period], plans: list[Plan],
                    renewal: LeaseInput | None) -> dict[str, int]:
    """Create the leases, take the deposits, then month by month: the rent run, the receipts, the
    depreciation run. Returns counts for the summary."""
    leases = {}
    for plan in plans:
        row = books.leases.create(plan.lease)
        leases[plan.lease.number] = (row, plan.habit)
        if plan.lease.deposit_fen:
            books.receivables.receive_deposit(row.id, plan.lease.deposit_fen, plan.lease.start_on, rng.choice(METHODS))
    receipts = 0
    for month, period in enumerate(months, start=1):
        if renewal is not None and month == 3:  # signed in March, from 1 April
            row = books.leases.renew(renewal.number.removesuffix("-续"), renewal)
            habit = leases[renewal.number.removesuffix("-续")][1]
            leases[renewal.number] = (row, habit)
        books.leases.bill_rent(period, on=period.last_day)
        for row, habit in leases.values():
            receipts += _collect(books, rng, row, habit, period, month > len(months) - 6)
        books.assets.run_depreciation(period)
    return {"leases": len(leases), "receipts": receipts}


def _collect(books, rng: random.Random, row, habit: str, period: Period, stopped: bool) -> int:
    """One tenant's payment in ``period``: on time pays what fell due this month a few days after the
    due date; 拖欠 pays last month's the month after; 欠费 stopped paying in the last six months."""
    if habit == "欠费" and stopped:
        return 0
    payer = Payer.counterparty(row.tenant_id)
    cutoff = period.first_day - dt.timedelta(days=1) if habit == "拖欠" else period.last_day
    due = [c for c in books.receivables.open_charges(payer, "lease", row.id) if c.due_on <= cutoff]
    if not due:
        return 0
    amount = sum(c.outstanding_fen for c in due)
    if amount <= 0:
        return 0
    latest_due = max(c.due_on for c in due)
    day = min(max(latest_due, period.first_day) + dt.timedelta(days=rng.randint(0, 6)), period.last_day)
    books.receivables.receive(ReceiptInput(payer, day, amount, rng.choice(METHODS), source="lease", source_id=row.id,
                                           summary=f"收{row.tenant_name}租金（{row.number}）"))
    return 1

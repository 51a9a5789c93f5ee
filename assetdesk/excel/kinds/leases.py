"""租赁合同 with their terms → ``books.leases.upsert_leases`` keyed by 合同编号.

Reads the district's contract ledgers (合同台账) as clerks keep them: the rent in one column whose
header says its unit (月租金 → 元/月, 年租金 → 元/年, 租金单价(元/㎡·月) → 元/㎡·月, 租金(万元) in 万元)
or a 租金 column with a 计租方式 beside it; the term as 起租日期 and 到期日期, or one 租赁期限 cell
("2024-01-01至2026-12-31"); escalation, free months, cycle and due day in the words contracts use
(``lease_text``). Several assets in one cell (ZC001、ZC002) are let whole; one asset with a 租赁面积
is let in part.

Every row is checked first: the terms as the schedule engine refuses them (end before start, over
20 years, no rent, …) at the row and the column that holds the mistake; assets on record; two rows
of the file on the same asset at the same time; the lease service's own check of a new contract
(overlaps with leases already in the books). Nothing is written when any row fails. A contract
already in the books is unchanged when its fields and the schedule its terms generate are the same,
so importing a file twice changes nothing.

The 递增 and 免租 columns describe the whole of a contract's terms: left out of the file, they mean
none. The export writes every contract as its form (``books.leases.input_of``) in these same words
(steps in 元/月, a rate in 租金单价), so it re-imports unchanged.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import fen_to_decimal
from assetdesk.services.leases.terms import LeaseTerms, PaymentCycle, RentBasis

from . import lease_text
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind

if TYPE_CHECKING:
    from assetdesk.services.books import Books
    from assetdesk.services.leases.types import LeaseInput

METHODS = ("公开竞价", "协议", "续租")
RENT_KEYS = ("rent", "rent_month", "rent_year", "rate")
_WANTED = "_schedule"  # a row's value: the schedule its terms would leave, from validate_rows for classify
_HEADER_BASIS = {"rent_month": RentBasis.PER_MONTH, "rent_year": RentBasis.PER_YEAR, "rate": RentBasis.PER_SQM_MONTH}


class LeasesKind(SheetKind):
    name = "leases"
    title = "租赁合同"
    unit = "元、㎡"
    columns = (
        ColumnSpec("number", "合同编号", code=True, required=True, max_length=40,
                   aliases=("合同号", "租赁合同编号", "合同编码", "合同编号/协议号"), width=14, example="ZL2024-001"),
        ColumnSpec("tenant", "承租方", required=True, max_length=200,
                   aliases=("承租人", "承租单位", "租户", "承租方名称", "承租人姓名", "承租户", "乙方"),
                   width=18, example="张三（示例）"),
        ColumnSpec("assets", "资产编码", required=True, max_length=400,
                   aliases=("资产编号", "租赁资产编码", "出租资产编码", "资产代码"), width=14, example="ZC001",
                   note="多个资产用、分隔，按整个资产出租；部分出租时只填一个资产并填写租赁面积"),
        ColumnSpec("area", "租赁面积(㎡)", "area", aliases=("租赁面积", "出租面积", "承租面积"), width=12,
                   note="可不填（整个资产出租）"),
        ColumnSpec("purpose", "用途", max_length=100, aliases=("租赁用途", "经营用途", "使用用途"), width=12),
        ColumnSpec("method", "交易方式", "choice", choices=METHODS, default="协议",
                   aliases=("出租方式", "招租方式", "租赁方式"),
                   choice_aliases=(("竞价", "公开竞价"), ("公开招租", "公开竞价"), ("招租", "公开竞价"),
                                   ("拍卖", "公开竞价"), ("招标", "公开竞价"), ("公开招标", "公开竞价"),
                                   ("竞拍", "公开竞价"), ("协议出租", "协议"), ("协商", "协议"), ("协议租赁", "协议"),
                                   ("续签", "续租"), ("续约", "续租")),
                   width=10, example="公开竞价"),
        ColumnSpec("decision_ref", "决议文号", max_length=100,
                   aliases=("决议编号", "民主决策文号", "决策文号", "决议号"), width=14),
        ColumnSpec("decision_on", "决议日期", "date", aliases=("民主决策日期", "决策日期"), width=12),
        ColumnSpec("signed_on", "签订日期", "date", aliases=("签约日期", "合同签订日期", "签订时间"), width=12),
        ColumnSpec("start_on", "起租日期", "date",
                   aliases=("租赁开始日期", "开始日期", "租期开始", "起租日", "租赁起始日期", "起始日期", "租期起"),
                   width=12, example="2024-01-01"),
        ColumnSpec("end_on", "到期日期", "date",
                   aliases=("租赁结束日期", "结束日期", "租期结束", "到期日", "租赁截止日期", "截止日期", "租期止"),
                   width=12, example="2026-12-31"),
        ColumnSpec("term", "租赁期限", max_length=100, aliases=("租期", "租赁期间", "合同期限"), import_only=True),
        ColumnSpec("basis", "计租方式", max_length=20, aliases=("租金计算方式", "计费方式", "计租单位", "租金单位"),
                   width=10, example="元/月", note="元/月、元/年、元/㎡·月（或按月、按年、按面积）"),
        ColumnSpec("rent", "租金", "amount", aliases=("合同租金", "租金标准", "租金金额", "租金额"), width=14,
                   example=3000, note="按计租方式填写每月或每年的租金；按面积计租填在“租金单价”列"),
        ColumnSpec("rent_month", "月租金", "amount", aliases=("月租金额", "每月租金"), import_only=True),
        ColumnSpec("rent_year", "年租金", "amount", aliases=("年租金额", "每年租金"), import_only=True),
        # text: a rate may have more than two decimals (25.505 元/㎡·月)
        ColumnSpec("rate", "租金单价(元/㎡·月)", max_length=30,
                   aliases=("租金单价", "单价", "每平方米月租金", "每平米月租金"), width=12,
                   note="按面积计租时填写每平方米每月的租金，可有三位小数"),
        ColumnSpec("escalation", "租金递增", max_length=200, aliases=("递增方式", "递增", "租金调整", "递增条款"),
                   width=20, example="每3年递增5%",
                   note="如“每3年递增5%”，或“2026-01-01起3300；2028-01-01起3600”；不递增填“无”"),
        ColumnSpec("free", "免租期", max_length=200, aliases=("免租月数", "免租期(月)", "免租", "免租时间"), width=14,
                   note="免租月数，或起止日期“2024-01-01至2024-03-31”"),
        ColumnSpec("cycle", "缴费周期", max_length=20,
                   aliases=("付款方式", "缴费方式", "付款周期", "交租方式", "收租方式", "缴租方式"), width=10,
                   example="季付", note="月付、季付、半年付、年付"),
        ColumnSpec("due_day", "交租日", max_length=20, aliases=("每期缴款日", "缴款日", "付款日", "交租日期"), width=8,
                   note="每期首月的第几日，1 至 28"),
        ColumnSpec("deposit", "押金", "amount", aliases=("保证金", "履约保证金", "押金金额"), width=12),
        ColumnSpec("note", "备注", width=20),
    )
    key_columns = ("number",)

    # --- checks ----------------------------------------------------------------------------
    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        errors = self.duplicate_errors(rows)
        assets = _assets(books)
        known = {lease.number: lease for lease in books.leases.list_leases()}
        good: list[tuple[ParsedRow, LeaseInput]] = []
        for row in rows:
            old = known.get(row.values["number"])
            if old is not None:
                _fill_absent(row, old, assets)
            try:
                item = lease_input(row, assets)
            except _RowProblem as problem:
                errors.append(row.error(problem.key, problem.reason))
                continue
            good.append((row, item))
            if old is not None and old.terminated_on is not None:
                continue  # an ended contract is not changed by an import; classify says if it differs
            try:  # the service's own check: overlaps with the leases in the books, the tenant …
                lines = books.leases.preview(item, existing=item.number if old is not None else "")
            except AssetDeskError as exc:
                errors.append(row.error(_column_of(str(exc), row), str(exc)))
                continue
            if old is not None:  # classify compares it with the stored schedule (one preview per row)
                row.values[_WANTED] = _schedule_key(lines)
        errors += _overlaps(good, assets)
        return errors

    # --- comparing with the books -----------------------------------------------------------
    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """New 合同编号, or one on record whose fields or generated schedule differ (changed)."""
        leases = {lease.number: lease for lease in books.leases.list_leases()}
        assets = _assets(books)
        changes = []
        for row in rows:
            number = row.values["number"]
            label = f"{number} {row.values['tenant']}"
            old = leases.get(number)
            if old is None:
                changes.append(Change("new", label))
                continue
            _fill_absent(row, old, assets)
            try:
                item = lease_input(row, assets)
            except _RowProblem as problem:  # a refused row: reported by validate_rows, never written
                changes.append(Change("changed", label, problem.reason))
                continue
            diffs = [f"{label_}：{_show(before)} → {_show(after)}" for label_, before, after in (
                ("承租方", old.tenant_name, item.tenant_name),
                ("资产编码", "、".join(sorted(old.asset_codes)), "、".join(sorted(a.asset_code for a in item.assets))),
                ("租赁面积(㎡)", fen_to_decimal(old.area_centi), fen_to_decimal(_leased_area(item, assets))),
                ("用途", old.purpose, item.purpose), ("交易方式", old.method, item.method),
                ("决议文号", old.decision_ref, item.decision_ref), ("决议日期", old.decision_on, item.decision_on),
                ("签订日期", old.signed_on, item.signed_on), ("起租日期", old.start_on, item.start_on),
                ("到期日期", old.end_on, item.end_on), ("缴费周期", old.cycle_label, item.cycle.label),
                ("交租日", old.due_day, item.due_day), ("押金", fen_to_decimal(old.deposit_fen),
                                                    fen_to_decimal(item.deposit_fen)),
                ("备注", old.note, item.note)) if before != after]
            if old.terminated_on is None:  # the schedule the terms would leave (billed periods kept)
                planned = _schedule_key(c for c in books.leases.schedule(number) if c.state != "cancelled")
                wanted = row.values.pop(_WANTED, None)
                if wanted is None:
                    try:
                        wanted = _schedule_key(books.leases.preview(item, existing=number))
                    except AssetDeskError as exc:  # refused by validate_rows; never written
                        wanted, diffs = [], [*diffs, str(exc)]
                if planned != wanted:
                    diffs.append("租金条款（应收租金计划）有变化")
            changes.append(Change("changed", label, "；".join(diffs)) if diffs else Change("unchanged", label))
        return changes

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        assets = _assets(books)
        return books.leases.upsert_leases([lease_input(row, assets) for row in rows])

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        """Every contract as its form (``input_of``), in the words the import reads back unchanged."""
        for lease in books.leases.list_leases():
            item = books.leases.input_of(lease.number)
            per_area = item.basis is RentBasis.PER_SQM_MONTH
            yield {"number": item.number, "tenant": item.tenant_name,
                   "assets": "、".join(a.asset_code for a in item.assets),
                   "area": item.assets[0].area_centi or None if len(item.assets) == 1 else None,
                   "purpose": item.purpose, "method": item.method, "decision_ref": item.decision_ref,
                   "decision_on": item.decision_on, "signed_on": item.signed_on, "start_on": item.start_on,
                   "end_on": item.end_on, "basis": item.basis.value, "rent": None if per_area else item.rent_fen,
                   "rate": str(item.rate_yuan) if per_area and item.rate_yuan is not None else "",
                   "escalation": lease_text.escalation_text(item.escalation),
                   "free": lease_text.free_text(item.free_months, item.free_ranges),
                   "cycle": item.cycle.label + "付", "due_day": item.due_day, "deposit": item.deposit_fen,
                   "note": item.note}


@dataclass(frozen=True)
class _AssetInfo:
    code: str
    area_centi: int  # 建筑面积, else 占地面积 in ㎡ × 100


def _assets(books: Books) -> dict[str, _AssetInfo]:
    infos = {}
    for asset in books.assets.list_assets():
        land = asset.land_area_centi
        if asset.land_area_unit == "亩":
            land = (land * 20000 + 15) // 30
        infos[asset.code] = _AssetInfo(asset.code, asset.building_area_centi or land)
    return infos


class _RowProblem(Exception):
    def __init__(self, key: str | None, reason: str):
        super().__init__(reason)
        self.key, self.reason = key, reason


def _parsing(key: str, parse, *args):
    try:
        return parse(*args)
    except InputError as exc:
        raise _RowProblem(key, str(exc)) from None


def lease_input(row: ParsedRow, assets: dict[str, _AssetInfo]) -> LeaseInput:
    """The row as the lease service's input, its terms checked by ``LeaseTerms``; raises
    ``_RowProblem`` naming the column of the first mistake."""
    from assetdesk.services.leases.types import LeasedAsset, LeaseInput

    v = row.values
    codes = lease_text.split_codes(v["assets"])
    if not codes:
        raise _RowProblem("assets", "须填写出租的资产编码")
    missing = [code for code in codes if code not in assets]
    if missing:
        raise _RowProblem("assets", f"资产编码“{'、'.join(missing)}”不存在，请先在资产台账中登记（或导入资产台账）")
    area = v["area"] or 0
    if len(codes) > 1 and area:
        whole = sum(assets[code].area_centi for code in codes)
        if area != whole:
            raise _RowProblem("area", f"合同含 {len(codes)} 个资产时按整个资产出租，租赁面积应为各资产面积之和"
                                      f" {fen_to_decimal(whole)} ㎡；只出租一部分时请每个资产分别填写一行合同")
        area = 0
    leased = tuple(LeasedAsset(code, area if len(codes) == 1 else 0) for code in codes)
    start, end = _dates(row)
    basis, rent_key = _basis(row)
    area_for_rate = area or sum(assets[code].area_centi for code in codes)
    if rent_key == "rate":
        rate: Decimal | None = _parsing("rate", lease_text.parse_rate, v["rate"])
        rent_fen = 0
    else:
        rent_fen = v[rent_key] if rent_key else 0
        rate = fen_to_decimal(rent_fen) if basis is RentBasis.PER_SQM_MONTH else None
    escalation = _parsing("escalation", lease_text.parse_escalation, v["escalation"], basis, area_for_rate)
    free_months, free_ranges = _parsing("free", lease_text.parse_free, v["free"])
    cycle = _parsing("cycle", lease_text.parse_cycle, v["cycle"]) or PaymentCycle.MONTHLY
    due_day = _parsing("due_day", lease_text.parse_due_day, v["due_day"]) or 1
    item = LeaseInput(
        number=v["number"], tenant_name=v["tenant"], assets=leased, start_on=start, end_on=end, basis=basis,
        rent_fen=0 if rate is not None else rent_fen, rate_yuan=rate, escalation=escalation,
        free_months=free_months, free_ranges=free_ranges, cycle=cycle, due_day=due_day,
        deposit_fen=v["deposit"] or 0, purpose=v["purpose"], method=v["method"] or "协议",
        decision_ref=v["decision_ref"], decision_on=v["decision_on"], signed_on=v["signed_on"], note=v["note"])
    try:
        _terms(item, assets)
    except InputError as exc:
        raise _RowProblem(_column_of(str(exc), row, rent_key), str(exc)) from None
    if item.deposit_fen < 0:
        raise _RowProblem("deposit", "押金不能为负数")
    return item


def _leased_area(item: LeaseInput, assets: dict[str, _AssetInfo]) -> int:
    return sum(a.area_centi or assets[a.asset_code].area_centi for a in item.assets)


def _terms(item: LeaseInput, assets: dict[str, _AssetInfo]) -> LeaseTerms:
    area = _leased_area(item, assets)
    return LeaseTerms(item.start_on, item.end_on, item.basis, item.rent_fen, item.rate_yuan, area, item.escalation,
                      item.free_months, item.free_ranges, item.cycle, item.due_day, item.deposit_fen,
                      item.allow_over_20_years)


def _dates(row: ParsedRow) -> tuple[dt.date, dt.date]:
    start, end = row.values["start_on"], row.values["end_on"]
    if (start is None or end is None) and row.values.get("term"):
        term_start, term_end = _parsing("term", lease_text.parse_term, row.values["term"])
        start, end = start or term_start, end or term_end
    if start is None:
        raise _RowProblem("start_on" if "start_on" in row.where or "term" not in row.where else "term",
                          "须填写起租日期（或“租赁期限”，如 2024-01-01至2026-12-31）")
    if end is None:
        raise _RowProblem("end_on" if "end_on" in row.where or "term" not in row.where else "term",
                          "须填写到期日期（或“租赁期限”，如 2024-01-01至2026-12-31）")
    return start, end


def _basis(row: ParsedRow) -> tuple[RentBasis, str | None]:
    """The basis and the rent column that holds the rent: 计租方式 when given, else the header."""
    v = row.values
    stated = _parsing("basis", lease_text.parse_basis, v["basis"])
    header = row.where["rent"][2] if "rent" in row.where else ""
    generic = lease_text.basis_of_header(header) if header else None
    filled = [key for key in RENT_KEYS if v.get(key)]
    if stated is not None:
        for key in filled:
            if _HEADER_BASIS.get(key, generic or stated) is stated:
                return stated, key
        if filled:
            return stated, filled[0]
        return stated, _rent_column(row)
    if not filled:
        return RentBasis.PER_MONTH, _rent_column(row)
    key = filled[0]
    return _HEADER_BASIS.get(key, generic or RentBasis.PER_MONTH), key


def _rent_column(row: ParsedRow) -> str | None:
    return next((key for key in RENT_KEYS if key in row.where), None)


def _column_of(message: str, row: ParsedRow, rent_key: str | None = None) -> str | None:
    """The column a refusal of the terms is about, by what it says."""
    where = row.where
    for words, keys in ((("免租",), ("free",)), (("递增", "阶梯"), ("escalation",)), (("交租日",), ("due_day",)),
                        (("押金",), ("deposit",)), (("租赁面积",), ("area",)),
                        (("租期", "结束日", "开始日", "到期"), ("end_on", "term", "start_on")),
                        (("资产",), ("assets",)), (("承租",), ("tenant",)),
                        (("租金", "单价"), (rent_key or "", *RENT_KEYS))):
        if any(word in message for word in words):
            return next((key for key in keys if key in where), None)
    return None


def _overlaps(rows: list[tuple[ParsedRow, LeaseInput]], assets: dict[str, _AssetInfo]) -> list[RowError]:
    """Two rows of the file letting the same asset (more of it than there is) at the same time."""
    errors = []
    seen: dict[str, list[tuple[ParsedRow, LeaseInput, int]]] = {}
    for row, item in rows:
        for leased in item.assets:
            for other_row, other, other_area in seen.get(leased.asset_code, ()):
                if other.number == item.number or other.end_on < item.start_on or item.end_on < other.start_on:
                    continue
                whole = assets[leased.asset_code].area_centi
                if not leased.area_centi or not other_area or leased.area_centi + other_area > whole:
                    errors.append(row.error("assets", f"资产“{leased.asset_code}”与第 {other_row.row} 行合同"
                                                      f"“{other.number}”的租期重叠（同一时间出租了同一资产）"))
                    break
            seen.setdefault(leased.asset_code, []).append((row, item, leased.area_centi))
    return errors


def _schedule_key(lines: Iterable[Any]) -> list[tuple]:
    return [(line.period_start, line.period_end, line.due_on, line.amount_fen) for line in lines]


def _fill_absent(row: ParsedRow, old: Any, assets: dict[str, _AssetInfo]) -> None:
    """A column left out of the row's sheet keeps the contract's value in the books."""
    v = row.values
    part = old.area_centi if len(old.asset_codes) == 1 and old.asset_codes[0] in assets \
        and assets[old.asset_codes[0]].area_centi != old.area_centi else 0
    kept = {"purpose": old.purpose, "method": old.method, "decision_ref": old.decision_ref,
            "decision_on": old.decision_on, "signed_on": old.signed_on, "cycle": old.cycle_label,
            "due_day": old.due_day, "deposit": old.deposit_fen, "note": old.note,
            "area": part}
    for key, value in kept.items():
        if key not in row.where:
            v[key] = value


def _show(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)

"""资产台账 → ``books.assets.upsert_assets`` keyed by 资产编码.

Reads the district's asset register and the fixed-asset registers other programs export (编号,
类别名称, 开始使用日期, 使用年限, 净残值, 累计折旧, 存放地点, 使用状态 …; their 规格型号, 折旧方法 and
单位 (台/个, a unit of measure, never a name) are not kept and are ignored). Areas and money may
carry their unit in the header (建筑面积(㎡), 占地面积（亩）, 原值(万元)): the reader converts them to
㎡ and 元, so 占地面积 is kept in ㎡. 使用年限 is in years ("10", "10年") unless it says months
("120个月", or a header 使用年限(月)); the books keep months, and a life that is not whole years
exports as "66个月". A column absent from the file leaves the books' value; re-importing an export
changes nothing.

类别 takes the app's six categories, their usual other names (房屋及建筑物 → 房屋, 机器设备 / 电子设备 /
办公设备 → 设施设备, 土地使用权 → 土地) and, for another program's classification, any name saying
what it is (…设备, …用房, …用地, 道路 / 管网 …). Classes the register has no place for (家具用具,
图书档案, 无形资产 …) become 其他 with the original class kept in 备注 (原类别：家具用具), so nothing
is lost. A word that says nothing the app can place (飞机) is refused at its cell, so a typo in the
district's own list is caught rather than filed under 其他.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assetdesk.errors import InputError

from .base import ColumnSpec, ParsedRow, RowError, SheetKind

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.books import Books

CATEGORIES = ("土地", "房屋", "商铺", "构筑物", "设施设备", "其他")
NATURES = ("经营性", "非经营性", "资源性")
ACQUISITIONS = ("购建", "自建", "捐赠", "投资投入", "政府补助", "盘盈")
STATUSES = ("闲置", "出租", "自用", "出借", "处置中", "已处置")


class AssetsKind(SheetKind):
    name = "assets"
    title = "资产台账"
    unit = "㎡、元"
    columns = (
        ColumnSpec("code", "资产编码", code=True, required=True, max_length=30,
                   aliases=("资产编号", "编号", "资产代码", "卡片编号", "资产卡片编号"), width=12, example="ZC001"),
        ColumnSpec("name", "名称", required=True, max_length=200, aliases=("资产名称", "资产名", "名称及规格"),
                   width=20, example="东街商铺（示例）"),
        ColumnSpec("category", "类别", "choice", required=True, choices=CATEGORIES,
                   aliases=("类别名称", "资产类别", "资产类型", "分类"),
                   choice_aliases=(("房屋建筑物", "房屋"), ("房屋及建筑物", "房屋"), ("建筑物", "房屋"),
                                   ("房屋和构筑物", "房屋"), ("房屋及构筑物", "房屋"), ("房产", "房屋"),
                                   ("门面", "商铺"), ("门市", "商铺"), ("铺面", "商铺"), ("机器设备", "设施设备"),
                                   ("设备", "设施设备"), ("办公设备", "设施设备"), ("电子设备", "设施设备"),
                                   ("通用设备", "设施设备"), ("专用设备", "设施设备"), ("交通运输设备", "设施设备"),
                                   ("土地使用权", "土地")), width=10, example="商铺"),
        ColumnSpec("nature", "资产性质", "choice", choices=NATURES, aliases=("性质", "经营性质"), default="经营性",
                   width=10, example="经营性"),
        ColumnSpec("location", "坐落位置", max_length=200, aliases=("坐落", "位置", "地址", "存放地点", "坐落地点"),
                   width=20),
        ColumnSpec("boundaries", "四至", max_length=200, aliases=("四至范围", "四至界限"), width=20),
        ColumnSpec("compound_code", "小区编码", code=True, max_length=20, aliases=("所属小区编码", "小区代码"),
                   width=10, note="可不填；填写时须是已登记的小区"),
        ColumnSpec("building_area_centi", "建筑面积(㎡)", "area", aliases=("建筑面积", "房屋建筑面积"), width=12),
        ColumnSpec("land_area_centi", "占地面积(㎡)", "area", aliases=("占地面积", "用地面积", "土地面积"), width=12,
                   note="表头可写（亩），导入时换算为平方米"),
        ColumnSpec("land_type", "地类", max_length=50, aliases=("土地用途", "地类名称", "土地类别"), width=10),
        ColumnSpec("ownership", "权属", max_length=100, aliases=("权属性质", "所有权", "权属单位"), width=12),
        ColumnSpec("certificate_no", "产权证号", max_length=100,
                   aliases=("权证号", "不动产权证号", "产权证书号", "证号", "权属证号"), width=16),
        ColumnSpec("acquisition", "取得方式", "choice", choices=ACQUISITIONS, aliases=("来源", "增加方式", "取得途径"),
                   choice_aliases=(("购置", "购建"), ("购入", "购建"), ("建造", "自建"), ("接受捐赠", "捐赠"),
                                   ("投资", "投资投入"), ("补助", "政府补助")), width=10),
        ColumnSpec("acquired_on", "取得日期", "date", aliases=("开始使用日期", "购置日期", "入账日期", "取得时间"),
                   width=12, example="2020-06-01"),
        ColumnSpec("original_fen", "原值(元)", "amount", aliases=("原值", "资产原值", "账面原值", "原价"), width=14),
        ColumnSpec("opening_depreciation_fen", "累计折旧(元)", "amount", aliases=("累计折旧", "已提折旧"), width=14),
        ColumnSpec("life_months", "使用年限(年)", "text", max_length=20,
                   aliases=("使用年限", "折旧年限", "预计使用年限", "使用月数", "折旧月数", "预计使用月份"),
                   width=10, note="按年填写（10 或 10年），也可写月数（120个月）；土地可不填"),
        ColumnSpec("salvage_fen", "净残值(元)", "amount", aliases=("净残值", "残值", "预计净残值"), width=12),
        ColumnSpec("status", "使用状态", "choice", choices=STATUSES, aliases=("状态", "使用情况", "使用状况"),
                   choice_aliases=(("空置", "闲置"), ("出租中", "出租"), ("在用", "自用"), ("使用中", "自用"),
                                   ("正常使用", "自用"), ("未使用", "闲置"), ("停用", "闲置"), ("已出租", "出租"),
                                   ("租出", "出租"), ("出借中", "出借")),
                   default="闲置", width=10),
        ColumnSpec("idle_since", "闲置起始日期", "date", aliases=("闲置日期", "闲置时间"), width=12),
        ColumnSpec("keeper", "管护人", max_length=50, aliases=("管理人", "保管人", "责任人"), width=10),
        ColumnSpec("note", "备注", width=20),
    )
    key_columns = ("code",)

    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Codes once; the 小区 on record; 净残值 and 累计折旧 within the 原值; a disposed one stays so."""
        errors = self.duplicate_errors(rows)
        compounds = {c.code for c in books.org.list_compounds()}
        for row in rows:
            v = row.values
            if v["compound_code"] and v["compound_code"] not in compounds:
                errors.append(row.error("compound_code", "小区编码不存在，请先登记该小区，或留空"))
            if v["salvage_fen"] > v["original_fen"]:
                errors.append(row.error("salvage_fen", "净残值大于原值"))
            elif v["opening_depreciation_fen"] > v["original_fen"] - v["salvage_fen"]:
                errors.append(row.error("opening_depreciation_fen", "累计折旧超过了原值减净残值"))
            if v["status"] == "已处置":
                record = books.assets.find(v["code"])
                if record is None or record.status != "已处置":
                    errors.append(row.error("status", "不能通过导入把资产改为已处置，请在资产台账中办理处置"))
        return errors

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        """The cells as the reader converts them, then 使用年限 in months and 类别 by what it names."""
        rows, errors = super().read_rows(grid, layout)
        bad = {(error.sheet, error.row, error.column) for error in errors}
        for row in rows:
            if "life_months" in row.where:
                try:
                    row.values["life_months"] = life_months(row.values["life_months"], row.where["life_months"][2])
                except InputError as exc:
                    errors.append(row.error("life_months", str(exc)))
                    row.values["life_months"] = 0
            if "category" in row.where:
                errors = _place_category(row, errors, bad)
        return rows, errors

    def existing(self, books: Books) -> dict[tuple, dict[str, Any]]:
        return {(row["code"],): {**row, "life_months": life_months(row["life_months"])}
                for row in self.export_rows(books)}

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        from assetdesk.services.assets import AssetInput

        return books.assets.upsert_assets([
            AssetInput(v["code"], v["name"], v["category"], v["nature"] or "经营性", v["location"], v["boundaries"],
                       v["compound_code"], v["building_area_centi"], v["land_area_centi"], "㎡", v["land_type"],
                       v["ownership"], v["certificate_no"], v["acquisition"], v["acquired_on"], v["original_fen"],
                       v["opening_depreciation_fen"], v["life_months"] or 0, v["salvage_fen"],
                       v["status"] or "闲置", v["idle_since"], v["keeper"], v["note"])
            for v in (row.values for row in rows)])

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        return ({"code": a.code, "name": a.name, "category": a.category, "nature": a.nature, "location": a.location,
                 "boundaries": a.boundaries, "compound_code": a.compound_code,
                 "building_area_centi": a.building_area_centi, "land_area_centi": _square_metres(a),
                 "land_type": a.land_type, "ownership": a.ownership, "certificate_no": a.certificate_no,
                 "acquisition": a.acquisition, "acquired_on": a.acquired_on, "original_fen": a.original_fen,
                 "opening_depreciation_fen": a.opening_depreciation_fen, "life_months": _life_text(a.life_months),
                 "salvage_fen": a.salvage_fen, "status": a.status, "idle_since": a.idle_since, "keeper": a.keeper,
                 "note": a.note}
                for a in books.assets.list_assets())


def _square_metres(asset: Any) -> int:
    """占地面积 in ㎡ × 100 (an asset entered in 亩 is converted, 1 亩 = 10000/15 ㎡, half up)."""
    if asset.land_area_unit == "亩":
        return (asset.land_area_centi * 20000 + 15) // 30
    return int(asset.land_area_centi)


_LIFE_RE = re.compile(r"^(\d+(?:\.\d+)?)(年|个月|月)?$")


def life_months(raw: Any, header: str = "") -> int:
    """使用年限 as months: "10", 10, "10年" → 120; "120个月" → 120; a bare number under a header saying
    月 (使用年限(月), 折旧月数) counts months. Empty: 0."""
    if raw is None or raw == "" or raw == 0:
        return 0
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw)))
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    match = _LIFE_RE.match(text)
    if not match:
        raise InputError(f"使用年限“{raw}”无法识别", "请填写年数（如 10 或 10年）或月数（如 120个月）")
    number = float(match.group(1))
    in_months = match.group(2) in ("个月", "月") or (match.group(2) is None and "月" in header)
    months = number if in_months else number * 12
    if months != int(months):
        raise InputError(f"使用年限“{raw}”不是整月数", "请填写整年数，或改写为月数（如 66个月）")
    if months > 100 * 12:
        raise InputError(f"使用年限“{raw}”过长", "请检查是否把月数写成了年数（月数请写“120个月”）")
    return int(months)


def _life_text(months: int) -> int | str:
    """Whole years as a number (20), else the months written out ("66个月"), as the import reads them."""
    if not months:
        return ""
    return months // 12 if months % 12 == 0 else f"{months}个月"


# Another program's class names, by the words that say what they are (checked in this order)
_CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("商铺", ("商铺", "门面", "门市", "店面", "铺面", "商业用房", "营业用房", "门店")),
    ("土地", ("土地", "用地", "宅基地", "林地", "耕地", "园地", "草地", "地块", "空地")),
    ("房屋", ("房屋", "用房", "房产", "厂房", "仓库", "宿舍", "住宅", "楼", "办公室", "建筑")),
    ("构筑物", ("构筑物", "道路", "管网", "围墙", "桥", "水利", "沟渠", "水渠", "水井", "水塔", "广场", "停车场",
               "池塘", "堤坝", "晒场")),
    ("设施设备", ("设备", "机器", "机械", "机具", "机组", "仪器", "仪表", "车辆", "运输", "工具", "器具", "电器",
                 "计算机", "电脑", "空调", "设施")),
    ("其他", ("家具", "用具", "装具", "图书", "档案", "文物", "陈列品", "动植物", "无形资产", "软件", "林木", "牲畜")),
)


def category_of(text: str) -> str | None:
    """The register's category a class name says (电子及通讯设备 → 设施设备, 家具用具 → 其他); None if none."""
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for category, words in _CATEGORY_WORDS:
        if any(word in cleaned for word in words):
            return category
    return None


def _place_category(row: ParsedRow, errors: list[RowError], bad: set[tuple[str, int, str]]) -> list[RowError]:
    """A class name the choice list does not know, placed by its words; one placed under 其他 keeps
    its own name in 备注."""
    index, _, _ = row.where["category"]
    raw = row.raw[index] if index < len(row.raw) else None
    text = str(raw).strip() if raw is not None else ""
    refused = row.error("category", "")
    key = (refused.sheet, refused.row, refused.column)
    if key in bad:
        placed = category_of(text)
        if placed is None:
            return errors
        errors = [e for e in errors if (e.sheet, e.row, e.column) != key]
        row.values["category"] = placed
    if row.values["category"] == "其他" and text and text != "其他":
        kept = f"原类别：{text}"
        if kept not in row.values["note"]:
            row.values["note"] = "；".join(part for part in (row.values["note"], kept) if part)
    return errors

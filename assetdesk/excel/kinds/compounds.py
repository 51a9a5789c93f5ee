"""片区与小区 → ``upsert_compounds`` keyed by 小区编码; a new 片区 is created from its code and name.

District workbooks often carry names only (所属片区 “东片区”, 小区名称 without a 编码): a missing
片区编码 is found from the 片区 name (or a new one numbered PQ01, PQ02…), a missing 小区编码 from
the 小区 name already on record (or a new one XQ001…), so re-importing the same file still
changes nothing."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .base import ColumnSpec, ParsedRow, RowError, SheetKind

CATEGORIES = ("老旧小区", "三无小区", "棚户区", "商品房小区", "其他")
MODES = ("社区托管", "物业公司", "居民自治")


class CompoundsKind(SheetKind):
    name = "compounds"
    title = "片区与小区"
    unit = "户、㎡"
    columns = (
        ColumnSpec("area_code", "片区编码", code=True, max_length=20, aliases=("片区代码", "片区编号", "片区号"), width=10, example="P01",
                   note="可不填：按片区名称查找，新片区自动编号"),
        ColumnSpec("area_name", "片区名称", max_length=100, aliases=("片区", "所属片区", "网格片区", "网格", "所属网格", "网格名称", "所在片区"), width=14, example="东片区",
                   note="新片区必须填写名称"),
        ColumnSpec("code", "小区编码", code=True, max_length=20, aliases=("小区代码", "小区编号", "小区号"), width=10, example="X001",
                   note="可不填：按小区名称查找，新小区自动编号"),
        ColumnSpec("name", "小区名称", max_length=100, aliases=("小区", "小区名", "院落名称", "院落", "小区院落名称", "小区院落"), required=True, width=22,
                   example="兰花小区（示例）"),
        ColumnSpec("category", "类别", "choice", aliases=("小区类别", "小区类型", "类型", "小区性质"), width=12,
                   choices=CATEGORIES, choice_aliases=(("商品房", "商品房小区"), ("老旧", "老旧小区"), ("老旧院落", "老旧小区"),
                                   ("三无", "三无小区"), ("三无院落", "三无小区"), ("棚改", "棚户区"),
                                   ("棚户区改造", "棚户区"), ("棚改区", "棚户区")),
                   default="老旧小区", example="老旧小区"),
        ColumnSpec("management_mode", "管理模式", "choice", aliases=("管理方式", "物业管理模式", "管理类型"), width=12,
                   choices=MODES, choice_aliases=(("托管", "社区托管"), ("代管", "社区托管"), ("社区代管", "社区托管"),
                                                  ("物业管理", "物业公司"), ("物业", "物业公司"),
                                                  ("物业服务企业", "物业公司"), ("专业物业", "物业公司"),
                                                  ("自治", "居民自治"), ("自管", "居民自治"), ("居民自管", "居民自治"),
                                                  ("业主自治", "居民自治")),
                   default="社区托管", example="社区托管"),
        ColumnSpec("households", "户数", "int", aliases=("总户数", "住户数", "户数(户)"), width=8, example="120"),
        ColumnSpec("building_area_centi", "建筑面积(㎡)", "area", aliases=("建筑面积", "总建筑面积", "面积"), width=14,
                   example="8600.5"),
        ColumnSpec("property_company_name", "物业公司", max_length=200, aliases=("物业服务企业", "物业公司名称", "物业服务公司"), width=24,
                   note="管理模式为“物业公司”时必填"),
        ColumnSpec("note", "备注", width=20),
    )
    key_columns = ("code",)
    compare_columns = ("name", "area_code", "category", "management_mode", "households", "building_area_centi",
                       "property_company_name", "note")

    def validate_rows(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """A new 片区 needs its name; 物业公司 management needs the company; 小区编码 unique in the file."""
        errors = self._fill_codes(books, rows)
        errors += self.duplicate_errors(rows)
        areas = {a.code for a in books.org.list_areas()}
        named = {row["area_code"] for row in rows if row.values.get("area_name")}
        for row in rows:
            if row["area_code"] and row["area_code"] not in areas and row["area_code"] not in named:
                errors.append(row.error("area_code", "片区不存在：新片区请同时填写片区名称"))
            if row["management_mode"] == "物业公司" and not row.values.get("property_company_name"):
                errors.append(row.error("management_mode", "管理模式为物业公司时，请填写物业公司名称"))
        return errors

    @staticmethod
    def _fill_codes(books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """Codes the file leaves out, from the names (see the module docstring)."""
        areas = {a.name: a.code for a in books.org.list_areas()}
        on_record = books.org.list_compounds()
        compounds = {c.name: c.code for c in on_record}
        area_of = {key: c.area_code for c in on_record for key in (c.code, c.name)}
        used_areas, used_compounds = set(areas.values()), set(compounds.values())
        errors = []
        for row in rows:
            values = row.values
            if not values["area_code"] and not values.get("area_name") and row.group:
                values["area_name"] = row.group  # listed under a heading row "一、东片区"
            if not values["area_code"] and not values.get("area_name"):
                # a sheet updating 户数 or 面积 may leave the 片区 out: a compound on record keeps its own
                values["area_code"] = area_of.get(values["code"]) or area_of.get(values["name"], "")
            if not values["area_code"]:
                if not values.get("area_name"):
                    errors.append(row.error("area_name", f"新小区“{values['name']}”请填写所属片区（片区名称或片区编码）"))
                    continue
                if values["area_name"] not in areas:
                    areas[values["area_name"]] = _next_code("PQ", 2, used_areas)
                values["area_code"] = areas[values["area_name"]]
            if not values["code"]:
                if values["name"] not in compounds:
                    compounds[values["name"]] = _next_code("XQ", 3, used_compounds)
                values["code"] = compounds[values["name"]]
        return errors

    def existing(self, books: Any) -> dict[tuple, dict[str, Any]]:
        return {(c.code,): {"area_code": c.area_code, "area_name": c.area_name, "code": c.code, "name": c.name,
                            "category": c.category, "management_mode": c.management_mode,
                            "households": c.households, "building_area_centi": c.building_area_centi,
                            "property_company_name": c.property_company_name, "note": c.note}
                for c in books.org.list_compounds()}

    def commit(self, books: Any, rows: Sequence[ParsedRow]) -> Any:
        from assetdesk.services.org import CompoundInput

        area_names = {row["area_code"]: row.values.get("area_name", "") for row in rows if row.values.get("area_name")}
        return books.org.upsert_compounds([
            CompoundInput(v["code"], v["name"], v["area_code"], v["category"], v["management_mode"], v["households"],
                          v["building_area_centi"], v.get("property_company_name", ""), v.get("note", ""),
                          area_names.get(v["area_code"], ""))
            for v in (row.values for row in rows)])

    def export_rows(self, books: Any, **options: Any) -> Iterable[dict[str, Any]]:
        return self.existing(books).values()


def _next_code(prefix: str, digits: int, used: set[str]) -> str:
    number = 1
    while f"{prefix}{number:0{digits}d}" in used:
        number += 1
    code = f"{prefix}{number:0{digits}d}"
    used.add(code)
    return code

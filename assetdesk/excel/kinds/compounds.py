"""片区与小区 → ``upsert_compounds`` keyed by 小区编码.

District workbooks often carry names only (所属片区 “东片区”, 小区名称 without a 编码):

- A missing 小区编码 is found from the 小区名称 on record (spaces typed to align the name do not
  count: “翠云 小区” is 翠云小区), else a new one is numbered XQ001, XQ002…
- The 片区 of a row is what the row says, by code or by name; a compound on record whose row names
  another 片区 moves there (“片区：东片区 → 西片区”), and a 片区 name not on record is a new 片区
  (numbered PQ01, PQ02…). A row that names no 片区 (nor sits under a heading row “一、东片区”)
  keeps its compound's own; a new compound must name one.
- A 片区编码 on record written with a name not on record renames that 片区 (all its compounds,
  “片区改名：东片区 → 东一片区”): that is what a clerk means who edits the 片区名称 of an exported
  sheet and keeps its codes. Without a code column the same edit moves the compounds to a new
  片区 of that name. A code and a name that belong to two different 片区 on record, or one code
  written with two names, is refused naming both cells.
- A blank cell never overwrites the books: a compound on record keeps its 类别, 管理模式, 户数,
  面积, 物业公司 …; a new compound takes the defaults. So 管理模式 物业公司 needs a 物业公司 only
  when the compound has none on record.

Re-importing the same file, or an export, changes nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assetdesk.names import normalise_name

from ..placeholders import is_placeholder, without_placeholders
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind
from .duplicates import merge_rows, merged_into, row_place

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.books import Books
    from assetdesk.services.org_types import CompoundRow

CATEGORIES = ("老旧小区", "三无小区", "棚户区", "商品房小区", "其他")
MODES = ("社区托管", "物业公司", "居民自治")
# columns a blank cell leaves as the books hold them
OPTIONAL = ("category", "management_mode", "households", "building_area_centi", "property_company_name", "note")
RECORD = "_record"  # values key: the CompoundRow a row updates (None for a new compound)
BLANK = "_blank"  # values key: the columns the row leaves blank (absent, empty or 无 / —)


class CompoundsKind(SheetKind):
    name = "compounds"
    title = "片区与小区"
    unit = "户、㎡"
    columns = (
        ColumnSpec("area_code", "片区编码", code=True, max_length=20, aliases=("片区代码", "片区编号", "片区号"),
                   width=10, example="P01",
                   note="可不填：按片区名称查找，新片区自动编号；填写时与片区名称一起改名"),
        ColumnSpec("area_name", "片区名称", max_length=100,
                   aliases=("片区", "所属片区", "网格片区", "网格", "所属网格", "网格名称", "所在片区"), width=14,
                   example="东片区",
                   note="新片区必须填写名称；写另一个片区的名称即把小区调整到该片区"),
        ColumnSpec("code", "小区编码", code=True, max_length=20, aliases=("小区代码", "小区编号", "小区号"), width=10,
                   example="X001",
                   note="可不填：按小区名称查找，新小区自动编号"),
        ColumnSpec("name", "小区名称", max_length=100,
                   aliases=("小区", "小区名", "院落名称", "院落", "小区院落名称", "小区院落"), required=True, width=22,
                   example="兰花小区（示例）"),
        ColumnSpec("category", "类别", "choice", aliases=("小区类别", "小区类型", "类型", "小区性质"), width=12,
                   choices=CATEGORIES,
                   choice_aliases=(("商品房", "商品房小区"), ("老旧", "老旧小区"), ("老旧院落", "老旧小区"),
                                   ("三无", "三无小区"), ("三无院落", "三无小区"), ("棚改", "棚户区"),
                                   ("棚户区改造", "棚户区"), ("棚改区", "棚户区")),
                   default="老旧小区", example="老旧小区", note="空白时：新小区为老旧小区，已有小区保持不变"),
        ColumnSpec("management_mode", "管理模式", "choice", aliases=("管理方式", "物业管理模式", "管理类型"), width=12,
                   choices=MODES, choice_aliases=(("托管", "社区托管"), ("代管", "社区托管"), ("社区代管", "社区托管"),
                                                  ("物业管理", "物业公司"), ("物业", "物业公司"),
                                                  ("物业服务企业", "物业公司"), ("专业物业", "物业公司"),
                                                  ("自治", "居民自治"), ("自管", "居民自治"), ("居民自管", "居民自治"),
                                                  ("业主自治", "居民自治")),
                   default="社区托管", example="社区托管", note="空白时：新小区为社区托管，已有小区保持不变"),
        ColumnSpec("households", "户数", "int", aliases=("总户数", "住户数", "户数(户)"), width=8, example="120"),
        # building area only: 占地面积 (land, often in 亩) and 绿化面积 are other quantities, never read as it
        ColumnSpec("building_area_centi", "建筑面积(㎡)", "area",
                   aliases=("建筑面积", "总建筑面积", "房屋建筑面积", "建筑总面积"),
                   width=14, example="8600.5"),
        ColumnSpec("property_company_name", "物业公司", max_length=200,
                   aliases=("物业服务企业", "物业公司名称", "物业服务公司"), width=24,
                   note="管理模式为“物业公司”时必填（已登记物业公司的小区可不填）"),
        ColumnSpec("note", "备注", width=20),
    )
    key_columns = ("code",)
    compare_columns = ("name", "area_code", "category", "management_mode", "households", "building_area_centi",
                       "property_company_name", "note")

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        """无 / — in a column converted before this sheet sees it (类型, 户数 …) is a blank cell."""
        columns = [col for col, spec, _ in layout.mapping if spec.type != "text" and not spec.required]
        return super().read_rows(without_placeholders(grid, columns, layout.data_start), layout)

    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Codes found or numbered, 片区 moves and renames checked, blanks taken from the books,
        rows of one compound merged; 物业公司 management needs its company."""
        errors = _Resolver(books).resolve(rows)
        errors += self._merge_duplicates(rows)
        for row in rows:
            values = row.values
            if RECORD in values and merged_into(row) is None and values["management_mode"] == "物业公司" \
                    and not values["property_company_name"]:
                errors.append(row.error("management_mode", "管理模式为物业公司时，请填写物业公司名称"))
        return errors

    def _merge_duplicates(self, rows: Sequence[ParsedRow]) -> list[RowError]:
        groups: dict[str, list[ParsedRow]] = {}
        for row in rows:
            if RECORD in row.values:
                groups.setdefault(row.values["code"], []).append(row)
        labels = {spec.key: spec.header for spec in self.columns}
        fields = ("name", "area_code", "area_name", *OPTIONAL)
        errors, _ = merge_rows([group for group in groups.values() if len(group) > 1], fields, labels,
                               "小区编码相同，是同一小区", blank=lambda row, key: key in row.values[BLANK])
        return errors

    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """New, unchanged, or changed with what changes; a row merged into another is listed as merged."""
        unresolved = [row for row in rows if RECORD not in row.values]
        if unresolved:  # rows refused for a bad cell: resolved only to be listed
            _Resolver(books).resolve(unresolved)
        changes = []
        for row in rows:
            values = row.values
            label = self.row_label(row, (values["code"],))
            first = merged_into(row)
            record = values.get(RECORD)
            if first is not None:
                changes.append(Change("unchanged", label, f"与{row_place(first, row)}是同一小区，已合并"))
            elif RECORD not in values:  # refused: which compound it means is not known
                changes.append(Change("unchanged", label, "本行有错误"))
            elif record is None:
                changes.append(Change("new", label))
            else:
                diffs = self._differences(record, values)
                changes.append(Change("changed", label, diffs) if diffs else Change("unchanged", label))
        return changes

    def _differences(self, record: CompoundRow, values: dict[str, Any]) -> str:
        diffs = []
        if values["name"] != record.name:
            diffs.append(self._describe("name", record.name, values["name"]))
        if values["area_code"] != record.area_code:
            old, new = record.area_name, values["area_name"]
            if old == new:
                old, new = f"{old}（{record.area_code}）", f"{new}（{values['area_code']}）"
            diffs.append(f"片区：{old} → {new}")
        elif values["area_name"] != record.area_name:
            diffs.append(f"片区改名：{record.area_name} → {values['area_name']}")
        for key in OPTIONAL:
            old = getattr(record, key)
            if values[key] != old:
                diffs.append(self._describe(key, old, values[key]))
        return "；".join(diffs)

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        from assetdesk.services.org import CompoundInput

        return books.org.upsert_compounds([
            CompoundInput(v["code"], v["name"], v["area_code"], v["category"], v["management_mode"], v["households"],
                          v["building_area_centi"], v["property_company_name"], v["note"], v["area_name"])
            for v in (row.values for row in rows if merged_into(row) is None)])

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        return ({"area_code": c.area_code, "area_name": c.area_name, "code": c.code, "name": c.name,
                 "category": c.category, "management_mode": c.management_mode, "households": c.households,
                 "building_area_centi": c.building_area_centi, "property_company_name": c.property_company_name,
                 "note": c.note}
                for c in books.org.list_compounds())


class _Resolver:
    """The books' 片区 and 小区 at one moment, and the codes this import numbers, to resolve rows."""

    def __init__(self, books: Books):
        areas = books.org.list_areas()
        self.area_name = {a.code: a.name for a in areas}
        self.area_code: dict[str, str] = {}
        for area in areas:
            self.area_code.setdefault(normalise_name(area.name), area.code)
        self.compounds = {c.code: c for c in books.org.list_compounds()}
        self.by_name: dict[str, list[CompoundRow]] = {}
        for compound in self.compounds.values():
            self.by_name.setdefault(normalise_name(compound.name), []).append(compound)
        self.used_areas, self.used_compounds = set(self.area_name), set(self.compounds)
        self.new_areas: dict[str, str] = {}
        self.new_compounds: dict[str, str] = {}

    def resolve(self, rows: Sequence[ParsedRow]) -> list[RowError]:
        for row in rows:
            _clean(row)
            code, name = row.values["area_code"], row.values["area_name"]
            if code and name and name not in self.area_code:  # a new 片区, or a 片区 renamed: other rows may name it
                self.new_areas.setdefault(name, code)
                self.used_areas.add(code)
        errors: list[RowError] = []
        for row in rows:
            error = self._resolve(row)
            if error is not None:
                errors.append(error)
        return errors + self._area_names_agree(rows)

    def _resolve(self, row: ParsedRow) -> RowError | None:
        values = row.values
        values[RECORD] = None
        if not values["area_code"] and not values["area_name"]:
            values["area_name"] = self._group_of(row)
        record, error = self._record(row)
        if error is None:
            error = self._area(row, record)
        if error is not None:
            values.pop(RECORD)
            return error
        if not values["code"]:
            values["code"] = record.code if record is not None else \
                _new_code(self.new_compounds, values["name"], "XQ", 3, self.used_compounds)
        if record is not None:
            for key in values[BLANK]:
                values[key] = getattr(record, key) if key in OPTIONAL else values[key]
        values[RECORD] = record
        return None

    def _group_of(self, row: ParsedRow) -> str:
        """The 片区 of a row without a 片区 column: its heading row ("一、东片区") or a sheet named
        for it ("东片区", or any 片区 name on record: one sheet per 片区), else ""."""
        if row.group:
            return normalise_name(row.group)
        sheet = normalise_name(row.sheet)
        return sheet if sheet in self.area_code else ""

    def _record(self, row: ParsedRow) -> tuple[CompoundRow | None, RowError | None]:
        values = row.values
        if values["code"]:
            return self.compounds.get(values["code"]), None
        namesakes = self.by_name.get(values["name"], [])
        if len(namesakes) > 1:
            area = values["area_code"] or self.area_code.get(values["area_name"], "")
            namesakes = [c for c in namesakes if c.area_code == area] if area else namesakes
            if len(namesakes) != 1:
                return None, row.error("name", f"有{len(self.by_name[values['name']])}个同名的小区“{values['name']}”，"
                                               "请填写小区编码（或所属片区）以区分")
        return (namesakes[0] if namesakes else None), None

    def _area(self, row: ParsedRow, record: CompoundRow | None) -> RowError | None:
        """The 片区 the row puts its compound in: ``area_code`` and ``area_name`` set, or the refusal."""
        values = row.values
        code, name = values["area_code"], values["area_name"]
        if not code and not name:
            if record is None:
                return row.error("area_name", f"新小区“{values['name']}”请填写所属片区（片区名称或片区编码）")
            values["area_code"], values["area_name"] = record.area_code, record.area_name
            values[BLANK].update(("area_code", "area_name"))
            return None
        known_code = self.area_code.get(name) if name else None
        if not name:
            if code not in self.area_name:
                return row.error("area_code", "片区不存在：新片区请同时填写片区名称")
            values["area_name"] = self.area_name[code]
            values[BLANK].add("area_name")
        elif not code:
            values["area_code"] = known_code or _new_code(self.new_areas, name, "PQ", 2, self.used_areas)
            values[BLANK].add("area_code")
        elif known_code is not None and known_code != code:
            where = _cell(row, "area_name")
            on_record = f"在账上是“{self.area_name[code]}”" if code in self.area_name else "账上没有"
            return row.error("area_code",
                             f"片区编码“{code}”{on_record}，而 {where}“{name}”在账上的编码是 {known_code}："
                             "两者不一致，请改正其中一个")
        return None

    def _area_names_agree(self, rows: Sequence[ParsedRow]) -> list[RowError]:
        """One 片区编码, one name (a rename is written the same on every row); one new name, one code."""
        seen: dict[str, dict[str, ParsedRow]] = {"area_code": {}, "area_name": {}}
        errors = []
        for row in rows:
            values = row.values
            if values.get(RECORD, False) is False or "area_name" in values[BLANK]:
                continue  # refused already, or the row names no 片区 of its own
            for key, other in (("area_code", "area_name"), ("area_name", "area_code")):
                first = seen[key].setdefault(values[key], row)
                if first.values[other] != values[other]:
                    errors.append(_disagreeing_area(row, first, key, other))
                    values.pop(RECORD)
                    break
        return errors


def _disagreeing_area(row: ParsedRow, first: ParsedRow, key: str, other: str) -> RowError:
    """One 片区 written two ways in the file: the later row is refused, naming the first."""
    place, theirs, ours = row_place(first, row), first.values[other], row.values[other]
    if key == "area_code":
        return row.error("area_name",
                         f"片区编码“{row.values[key]}”在{place}名为“{theirs}”，本行却是“{ours}”：同一片区请写同一个名称")
    return row.error("area_code",
                     f"片区“{row.values[key]}”在{place}的编码是 {theirs}，本行却是 {ours}：同一片区请写同一个编码")


def _clean(row: ParsedRow) -> None:
    """Placeholders (无, —) are blank; names lose their alignment spaces; which cells are blank."""
    values = row.values
    for key in ("area_code", "area_name", "code", "property_company_name"):
        if values[key] and is_placeholder(values[key]):
            values[key] = ""
    for key in ("name", "area_name", "property_company_name"):
        if values[key]:
            values[key] = normalise_name(values[key])
    blank = set()
    for key in OPTIONAL:
        place = row.where.get(key)
        raw = row.raw[place[0]] if place is not None and place[0] < len(row.raw) else None
        if raw is None or (isinstance(raw, str) and (not raw.strip() or is_placeholder(raw))):
            blank.add(key)
    if not values["property_company_name"]:
        blank.add("property_company_name")
    values[BLANK] = blank


def _cell(row: ParsedRow, key: str) -> str:
    """"B 列（片区名称）" for a cell of the row's sheet, or the column's name when the sheet lacks it."""
    place = row.where.get(key)
    return f"{place[1]} 列（{place[2]}）" if place else "片区名称"


def _new_code(numbered: dict[str, str], name: str, prefix: str, digits: int, used: set[str]) -> str:
    """The code this import gives the new 片区 or 小区 ``name``: the same on every row naming it, and
    a number is taken only once per name (no gap left by a name met again)."""
    if name not in numbered:
        numbered[name] = _next_code(prefix, digits, used)
    return numbered[name]


def _next_code(prefix: str, digits: int, used: set[str]) -> str:
    number = 1
    while f"{prefix}{number:0{digits}d}" in used:
        number += 1
    code = f"{prefix}{number:0{digits}d}"
    used.add(code)
    return code

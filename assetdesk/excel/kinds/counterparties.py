"""往来单位及个人 → ``upsert_counterparties``.

Which record a row means, what a blank cell does (nothing: it never overwrites the books) and which
numbers are refused are the service's rules (``services/counterparty_matching``): this sheet asks
it for a plan of every row, so the preview lists exactly the changes the import will make. Here:
the clerk's ways of writing cells — 无 / 暂无 for "no number" (``placeholders``), 事业单位 or 居民 for
the 类型, a number pasted from a CSV as ``'9153…`` or ``="5301…"``, names padded with spaces — and
rows repeated across sheets (``duplicates``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from assetdesk.id_numbers import normalise_id_code, normalise_phone
from assetdesk.names import normalise_name
from assetdesk.services.counterparty_matching import plan_targets

from ..placeholders import is_placeholder, without_placeholders
from .base import Change, ColumnSpec, ParsedRow, RowError, SheetKind
from .duplicates import MERGED_INTO, merge_rows, merged_into, row_place

if TYPE_CHECKING:
    from assetdesk.excel.header import Layout
    from assetdesk.excel.reader import Grid
    from assetdesk.services.books import Books
    from assetdesk.services.counterparty_matching import CounterpartyMatcher

ROLE_SPLIT = re.compile(r"[、,，;；/\s]+")
ORGANISATION_WORDS = ("企业", "公司", "法人", "组织", "机构", "单位", "事业单位", "机关单位", "机关", "行政单位",
                      "行政事业单位", "政府机关", "社会组织", "社会团体", "民办非企业", "民办非企业单位", "基金会",
                      "个体工商户", "个体户", "合作社", "农民专业合作社", "村委会", "居委会", "村（居）委会",
                      "村(居)委会", "国有企业", "集体企业", "民营企业", "私营企业", "企业法人", "非法人组织", "部队")
PERSON_WORDS = ("个人", "自然人", "居民", "村民", "村（居）民", "村(居)民", "住户", "业主", "农户", "公民", "职工",
                "群众")
FIELDS = ("name", "kind", "id_code", "phone", "address", "roles", "note")
PLAN = "_plan"  # values key: the row's plan (``CounterpartyPlan``) from the service


class CounterpartiesKind(SheetKind):
    name = "counterparties"
    title = "往来单位及个人"
    columns = (
        ColumnSpec("name", "名称", max_length=200,
                   aliases=("单位名称", "姓名", "户名", "往来单位", "单位及个人", "往来单位名称",
                            "客户名称", "承租人", "承租方", "户主", "业主", "缴费人",
                            "交费人", "缴费户", "客户", "姓名或名称", "承租单位", "承租人姓名",
                            "承租方名称", "租户", "租户名称", "交款人", "付款人", "付款单位",
                            "收款人", "收款单位", "供应商", "供应商名称"),
                   required=True, width=28, example="张三（示例）"),
        ColumnSpec("kind", "类型", "choice",
                   aliases=("类别", "性质", "个人/单位", "单位/个人", "单位或个人", "个人或单位", "主体类型",
                            "主体性质", "单位性质", "往来类别"), width=8,
                   choices=("个人", "单位"),
                   choice_aliases=tuple((word, "单位") for word in ORGANISATION_WORDS if word != "单位")
                   + tuple((word, "个人") for word in PERSON_WORDS if word != "个人"),
                   note="空白时：新记录按证件号码和名称判断（统一社会信用代码或名称含“公司”“中心”“合作社”等为单位），"
                        "已有记录保持不变", example="个人"),
        ColumnSpec("id_code", "证件号码", code=True, max_length=30,
                   aliases=("证件号", "身份证号", "身份证号码", "身份证", "统一社会信用代码",
                            "信用代码", "社会信用代码", "证件号码/统一社会信用代码", "证照号码",
                            "组织机构代码", "公民身份号码", "身份证件号码", "证件编号"),
                   width=22, example="110101199003070011",
                   note="个人填身份证号，单位填统一社会信用代码（均按国家标准核对校验位）；请设为文本格式。没有可留空"),
        ColumnSpec("phone", "电话", max_length=50,
                   aliases=("联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码",
                            "固定电话", "移动电话", "联系号码"), width=14,
                   note="至少 7 位数字；可带区号、分机，或写两个号码"),
        ColumnSpec("address", "地址", max_length=200,
                   aliases=("住址", "联系地址", "通讯地址", "家庭住址", "居住地址", "户籍地址", "单位地址", "详细地址"),
                   width=30),
        ColumnSpec("roles", "角色", aliases=("往来类型", "身份"), width=16,
                   note="承租方、缴费人、收款方、物业公司，多个用顿号分隔"),
        ColumnSpec("note", "备注", aliases=("说明备注",), width=20),
    )
    key_columns = ("key",)

    def key_of(self, row: ParsedRow | dict) -> tuple:
        values = row.values if isinstance(row, ParsedRow) else row
        return (values["id_code"] or values["name"],)

    def row_label(self, row: ParsedRow, key: tuple = ()) -> str:
        values = row.values
        return f"{values['name']}（{values['id_code']}）" if values["id_code"] else values["name"]

    def refine_layout(self, grid: Grid, layout: Layout) -> Layout:
        """A column headed 单位/个人 (or 类别, 性质 …) is the 类型 when it holds 个人 / 单位; on a sheet
        with no other name column, one that holds names (张三, 兰花物业有限公司) is the 名称. A
        fixed-asset register (名称 and a 单位 of 台/个, with 原值, 使用年限 …) is not this table: it is
        left for the importer to name as the 资产台账 it is."""
        names = self.column("name")
        if _is_asset_register(grid, layout):
            layout.missing = [names]
            return layout
        if layout.missing != [names] or "kind" not in layout.headers:
            return layout
        col = next(col for col, spec, _ in layout.mapping if spec.key == "kind")
        kinds = self.column("kind")
        words = {*kinds.choices, *(alias for alias, _ in kinds.choice_aliases)}
        cells = {str(row[col]).strip() for row in grid.rows[layout.data_start:layout.data_start + 200]
                 if col < len(row) and row[col] is not None and str(row[col]).strip()}
        if cells and not cells <= words:
            layout.mapping = [(c, names if spec is kinds else spec, factor) for c, spec, factor in layout.mapping]
            layout.headers["name"] = layout.headers.pop("kind")
            layout.has_unit["name"] = layout.has_unit.pop("kind", False)
            layout.missing = []
        return layout

    def read_rows(self, grid: Grid, layout: Layout) -> tuple[list[ParsedRow], list[RowError]]:
        """无 / — in a column converted before this sheet sees it (类型, 户数 …) is a blank cell."""
        columns = [col for col, spec, _ in layout.mapping if spec.type != "text" and not spec.required]
        return super().read_rows(without_placeholders(grid, columns, layout.data_start), layout)

    def validate_rows(self, books: Books, rows: Sequence[ParsedRow],
                      cell_errors: Sequence[RowError] = ()) -> list[RowError]:
        """Cells cleaned, every row planned against the books (the plan's refusals name their cell),
        then rows meaning one record merged or refused."""
        matcher = books.org.counterparty_matcher()
        plans = matcher.plan_rows(_clean(rows))
        errors = []
        for row, plan in zip(rows, plans):
            row.values[PLAN] = plan
            if plan[4]:
                errors += [row.error(key, reason) for key, reason in plan[4]]
        return errors + self._merge_duplicates(rows, plans, matcher)

    def _merge_duplicates(self, rows: Sequence[ParsedRow], plans: list, matcher: CounterpartyMatcher) -> list[RowError]:
        targets = plan_targets(plans)
        if len(set(targets)) == len(targets):
            return []
        groups: dict[Any, list[ParsedRow]] = {}
        for row, plan, target in zip(rows, plans, targets):
            if not plan[4]:
                groups.setdefault(target, []).append(row)
        labels = {spec.key: spec.header for spec in self.columns}
        errors: list[RowError] = []
        for group in (group for group in groups.values() if len(group) > 1):
            first, second = group[0].values, group[1].values
            if first["id_code"] and first["id_code"] == second["id_code"]:
                same, otherwise = "证件号码相同", "请核对后只保留一行"
            else:
                same, otherwise = "名称相同", "请核对后只保留一行；如是同名的两个单位或个人，请填写证件号码以区分"
            found, grown = merge_rows([group], FIELDS, labels, f"{same}，是同一单位或个人", union=("roles",),
                                      otherwise=otherwise)
            errors += found
            for row, plan in zip(grown, matcher.plan_rows(_clean(grown))):
                row.values[PLAN] = plan
        return errors

    def classify(self, books: Books, rows: Sequence[ParsedRow], present: set[str]) -> list[Change]:
        """The plan of each row; a row merged into another is listed as merged."""
        unplanned = [row for row in rows if PLAN not in row.values]
        if unplanned:  # rows refused for a bad cell: planned only to be listed
            plans = books.org.counterparty_matcher().plan_rows(_clean(unplanned))
            for row, plan in zip(unplanned, plans):
                row.values[PLAN] = plan
        changes: list[Change] = []
        append = changes.append
        for row in rows:
            values = row.values
            plan = values[PLAN]
            status = plan[0]
            label = f"{values['name']}（{values['id_code']}）" if values["id_code"] else values["name"]
            if status == "new" and MERGED_INTO not in values:
                append(Change("new", label))
            elif status == "unchanged" and MERGED_INTO not in values:
                append(Change("unchanged", label))
            elif MERGED_INTO in values:
                first = values[MERGED_INTO]
                append(Change("unchanged", label, f"与{row_place(first, row)}是同一单位或个人，已合并"))
            elif status == "changed":
                append(Change("changed", label, self._differences(plan[2], plan[3])))
            else:  # ambiguous: refused in validate_rows
                append(Change("unchanged", label, plan[4][0][1]))
        return changes

    def _differences(self, before: tuple, after: tuple) -> str:
        shown = [_roles if key == "roles" else _shown for key in FIELDS]
        return "；".join(f"{spec.header}：{show(old)} → {show(new)}"
                        for spec, show, old, new in zip(self.columns, shown, before, after) if old != new)

    def commit(self, books: Books, rows: Sequence[ParsedRow]) -> object:
        """The rows' plans, made a moment ago by ``validate_rows`` on these books, written as planned."""
        return books.org.apply_counterparty_plans([row.values[PLAN] for row in rows if merged_into(row) is None])

    def export_rows(self, books: Books, **options: Any) -> Iterable[dict[str, Any]]:
        for cp in books.org.list_counterparties():
            yield {"name": cp.name, "kind": cp.kind, "id_code": cp.id_code, "phone": cp.phone,
                   "address": cp.address, "roles": "、".join(cp.roles), "note": cp.note}


def _clean(rows: Sequence[ParsedRow]) -> list[tuple]:
    """The clerk's ways of writing cells made plain (each distinct roles text split once); the rows'
    values as ``CounterpartyMatcher.plan_rows`` takes them (what ``clean_row`` would make)."""
    split_roles: dict[Any, tuple[tuple[str, ...], str]] = {}
    cleaned: list[tuple] = []
    append = cleaned.append
    for row in rows:
        values = row.values
        name = values["name"]
        if not name.isalnum():
            name = values["name"] = normalise_name(name)
        code = values["id_code"]
        if code and not (code.isdigit() or (code.isalnum() and code.isupper())):
            code = values["id_code"] = _plain_code(code)
        phone = values["phone"]
        if phone and not (phone.isascii() and phone.isdigit()):
            phone = values["phone"] = normalise_phone(_plain_code(phone, upper=False))
        address = values["address"]
        if address and len(address) < 8 and is_placeholder(address):
            address = values["address"] = ""
        text = values["roles"]
        roles = split_roles.get(text)
        if roles is None:
            roles = split_roles[text] = _split_roles(text)
        values["roles"] = roles[0]
        append((name, values["kind"], code, phone, address, roles[1], values["note"]))
    return cleaned


def _split_roles(text: Any) -> tuple[tuple[str, ...], str]:
    """A roles cell ("承租方、缴费人", "承租方；缴费人 ", 无) as a tuple and as the books store it."""
    if isinstance(text, str):
        roles = () if is_placeholder(text) else tuple(dict.fromkeys(r for r in ROLE_SPLIT.split(text) if r))
    else:
        roles = tuple(text)
    return roles, ",".join(roles)


def _plain_code(text: str, upper: bool = True) -> str:
    """A number as pasted: "" for a placeholder; ``'9153…`` and ``="5301…"`` (CSV tricks to keep the
    digits) without the marks; the check letter x of an ID number as X."""
    if is_placeholder(text):
        return ""
    if text.startswith('="') and text.endswith('"') and len(text) > 3:
        text = text[2:-1].strip()
    elif text.startswith("'") and len(text) > 1:
        text = text[1:].strip()
    return normalise_id_code(text) if upper else text


def _shown(value: Any) -> str:
    return str(value) if value not in ("", None) else "（空）"


def _roles(stored: str) -> str:
    return "、".join(r for r in stored.split(",") if r) or "（空）"


# headers only an asset register has: two of them on the header row make it one
_ASSET_HEADERS = ("规格型号", "开始使用日期", "使用年限", "折旧年限", "原值", "资产原值", "净残值", "折旧方法",
                  "累计折旧", "资产编号", "资产编码", "类别名称", "资产名称")


def _is_asset_register(grid: Grid, layout: Layout) -> bool:
    cells = [str(cell).strip() for index in layout.header_rows if 0 <= index < len(grid.rows)
             for cell in grid.rows[index] if cell is not None]
    return sum(1 for cell in cells if cell.startswith(_ASSET_HEADERS)) >= 2

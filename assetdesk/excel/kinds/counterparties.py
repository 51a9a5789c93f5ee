"""往来单位及个人 → ``upsert_counterparties``; the natural key is the ID / credit code when given,
else the name (the service's rule)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .base import ColumnSpec, ParsedRow, RowError, SheetKind

ROLE_SPLIT = re.compile(r"[、,，;；/\s]+")
ORGANISATION_HINT = re.compile(r"公司|有限|中心|委员会|居委会|村委会|合作社|协会|学校|幼儿园|医院|诊所|银行|信用社|厂|商行|"
                               r"事务所|街道|政府|物业|超市|商店|门市部|经营部|服务部|饭店|酒店|药店|集团|工作室")


class CounterpartiesKind(SheetKind):
    name = "counterparties"
    title = "往来单位及个人"
    columns = (
        ColumnSpec("name", "名称", max_length=200, aliases=("单位名称", "姓名", "户名", "往来单位", "单位及个人", "往来单位名称",
                                          "客户名称", "承租人", "承租方", "单位/个人", "户主", "业主", "缴费人",
                                          "交费人", "缴费户", "客户", "单位或个人", "姓名或名称"),
                   required=True, width=28, example="张三（示例）"),
        ColumnSpec("kind", "类型", "choice", aliases=("类别", "性质", "个人/单位", "主体类型"), width=8,
                   choices=("个人", "单位"),
                   choice_aliases=(("企业", "单位"), ("公司", "单位"), ("法人", "单位"), ("组织", "单位"),
                                   ("机构", "单位"), ("自然人", "个人")),
                   note="空白时按名称判断（含“公司”“中心”“合作社”等为单位）", example="个人"),
        ColumnSpec("id_code", "证件号码", code=True, max_length=30, aliases=("证件号", "身份证号", "身份证号码", "身份证", "统一社会信用代码",
                                                "信用代码", "社会信用代码", "证件号码/统一社会信用代码", "证照号码",
                                                "组织机构代码", "公民身份号码", "身份证件号码", "证件编号"),
                   width=22, example="110101199001011234", note="个人填身份证号，单位填统一社会信用代码；请设为文本格式"),
        ColumnSpec("phone", "电话", max_length=50, aliases=("联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码",
                                           "固定电话", "移动电话", "联系号码"), width=14),
        ColumnSpec("address", "地址", max_length=200, aliases=("住址", "联系地址", "通讯地址", "家庭住址", "居住地址", "户籍地址", "单位地址", "详细地址"), width=30),
        ColumnSpec("roles", "角色", aliases=("往来类型", "身份"), width=16,
                   note="承租方、缴费人、收款方、物业公司，多个用顿号分隔"),
        ColumnSpec("note", "备注", aliases=("说明备注",), width=20),
    )
    key_columns = ("key",)

    def key_of(self, row: ParsedRow | dict) -> tuple:
        values = row.values if isinstance(row, ParsedRow) else row
        return (values["id_code"] or values["name"],)

    def row_label(self, row: ParsedRow, key: tuple) -> str:
        values = row.values
        return f"{values['name']}（{values['id_code']}）" if values["id_code"] else values["name"]

    def validate_rows(self, books: Any, rows: Sequence[ParsedRow]) -> list[RowError]:
        """Roles split and checked; the kind inferred from the name when left blank; keys unique.

        A roles column holds a handful of distinct texts: each is split and checked once."""
        from assetdesk.services.org import COUNTERPARTY_ROLES

        errors = []
        split_roles: dict[Any, tuple[tuple[str, ...], list[str]]] = {}
        for row in rows:
            values = row.values
            if values["id_code"] and not values["id_code"].isupper() and not values["id_code"].isdigit():
                values["id_code"] = values["id_code"].upper()  # the check letter x of an ID number is X
            if not values["kind"]:
                values["kind"] = "单位" if ORGANISATION_HINT.search(values["name"]) else "个人"
            text = values["roles"]
            known = split_roles.get(text)
            if known is None:
                roles = tuple(dict.fromkeys(r for r in ROLE_SPLIT.split(text) if r)) if isinstance(text, str) else tuple(text)
                known = split_roles[text] = (roles, [r for r in roles if r not in COUNTERPARTY_ROLES])
            values["roles"], bad = known
            if bad:
                errors.append(row.error("roles", f"角色“{'、'.join(bad)}”不可用，只能填写：" + "、".join(COUNTERPARTY_ROLES)))
        return errors + self._duplicates(rows)

    def _duplicates(self, rows: Sequence[ParsedRow]) -> list[RowError]:
        keys = [values["id_code"] or values["name"] for values in (row.values for row in rows)]
        if len(set(keys)) == len(keys):
            return []
        seen: dict[str, ParsedRow] = {}
        errors = []
        for key, row in zip(keys, rows):
            if key in seen:
                column = "id_code" if row["id_code"] else "name"
                errors.append(row.error(column, f"与第 {seen[key].row} 行重复（同一单位或个人登记了两次），请删除其中一行"))
            seen.setdefault(key, row)
        return errors

    def existing(self, books: Any) -> dict[tuple, dict[str, Any]]:
        out: dict[tuple, dict[str, Any]] = {}
        for cp in books.org.list_counterparties():
            values = {"name": cp.name, "kind": cp.kind, "id_code": cp.id_code, "phone": cp.phone,
                      "address": cp.address, "roles": tuple(cp.roles), "note": cp.note}
            out.setdefault((cp.id_code.upper() or cp.name,), values)
            if cp.id_code:
                out.setdefault((cp.name,), values)  # a file row without the code still finds it
        return out

    def commit(self, books: Any, rows: Sequence[ParsedRow]) -> Any:
        from assetdesk.services.org import CounterpartyInput

        return books.org.upsert_counterparties([
            CounterpartyInput(v["name"], v["kind"], v["id_code"], v["phone"], v["address"], tuple(v["roles"]), v["note"])
            for v in (row.values for row in rows)])

    def export_rows(self, books: Any, **options: Any) -> Iterable[dict[str, Any]]:
        for cp in books.org.list_counterparties():
            yield {"name": cp.name, "kind": cp.kind, "id_code": cp.id_code, "phone": cp.phone,
                   "address": cp.address, "roles": "、".join(cp.roles), "note": cp.note}

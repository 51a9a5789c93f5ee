"""往来单位及个人 (DOMAIN §1): the clerk's form (add, update, delete, deactivate), the lists and
pickers, and the import's bulk write (matched and checked by ``counterparty_matching``).

``OrgService`` takes these methods (``books.org.add_counterparty`` …); they are kept here, one
concept per module."""
from __future__ import annotations

from typing import Iterable

import peewee

from assetdesk.db.models import Compound, Counterparty, OpeningBalanceAux, VoucherLine
from assetdesk.errors import DuplicateError, InputError, InUseError, NotFoundError
from assetdesk.events import OrgChanged
from assetdesk.id_numbers import id_code_problem, normalise_id_code, normalise_phone, phone_problem
from assetdesk.names import normalise_name
from assetdesk.services.context import Service
from assetdesk.services.counterparty_matching import (
    FIELD_LABELS,
    SELECT_RECORDS,
    CounterpartyMatcher,
    duplicate_targets,
)
from assetdesk.services.org_types import (
    COUNTERPARTY_KINDS,
    COUNTERPARTY_ROLES,
    CounterpartyInput,
    CounterpartyPlan,
    CounterpartyRow,
    UpsertResult,
)


def _counterparty_row(cp: Counterparty) -> CounterpartyRow:
    roles = tuple(r for r in cp.roles.split(",") if r)
    return CounterpartyRow(cp.id, cp.name, cp.kind, cp.id_code, cp.phone, cp.address, roles, cp.note, cp.is_active)


def check_length(text: str, field: peewee.CharField, label: str) -> None:
    """The database keeps ``field.max_length`` characters (PostgreSQL refuses more; SQLite would
    keep them): a longer text is refused here, in the clerk's words."""
    if len(text) > field.max_length:
        raise InputError(f"{label}“{text[:20]}…”共 {len(text)} 个字，超过 {field.max_length} 个字",
                         "请删减内容，或把多出的部分写在备注里")


def check_choice(value: str, allowed: Iterable[str], label: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InputError(f"{label}“{value}”不在可选范围内", "可选：" + "、".join(allowed))


class CounterpartyService(Service):
    """The only writer of counterparties (part of ``OrgService``)."""

    def _counterparty_query(self, search: str | None, role: str | None) -> peewee.ModelSelect[Counterparty]:
        query = Counterparty.select()
        if search:
            query = query.where(Counterparty.name.contains(search) | Counterparty.id_code.contains(search)
                                | Counterparty.phone.contains(search))
        if role:
            query = query.where(Counterparty.roles.contains(role))
        return query

    def list_counterparties(self, search: str | None = None, role: str | None = None,
                            limit: int | None = None) -> list[CounterpartyRow]:
        """By name; ``search`` matches name, ID/credit code or phone; ``limit`` for pickers."""
        query = self._counterparty_query(search, role).order_by(Counterparty.name, Counterparty.id)
        if limit is not None:
            query = query.limit(limit)
        columns = (Counterparty.id, Counterparty.name, Counterparty.kind, Counterparty.id_code, Counterparty.phone,
                   Counterparty.address, Counterparty.roles, Counterparty.note, Counterparty.is_active)
        # the cursor's own tuples, not model objects: an import compares with every record
        # (50,000 records: 0.8 s as models, 0.1 s like this); every column here is text or a flag
        sql, params = query.select(*columns).sql()
        return [CounterpartyRow(i, name, kind, code, phone, address, tuple(r for r in roles.split(",") if r), note,
                                bool(active))
                for i, name, kind, code, phone, address, roles, note, active in self.db.execute_sql(sql, params)]

    def count_counterparties(self, search: str | None = None, role: str | None = None) -> int:
        return self._counterparty_query(search, role).count()

    def get_counterparty(self, counterparty_id: int) -> CounterpartyRow:
        cp = Counterparty.get_or_none(Counterparty.id == counterparty_id)
        if cp is None:
            raise NotFoundError("往来单位或个人不存在", "请刷新后重试")
        return _counterparty_row(cp)

    def find_counterparty(self, name: str, id_code: str = "") -> CounterpartyRow | None:
        query = Counterparty.select().where(Counterparty.id_code == id_code.strip().upper()) if id_code.strip() \
            else Counterparty.select().where(Counterparty.name == normalise_name(name))
        found = query.order_by(Counterparty.id).first()
        return _counterparty_row(found) if found else None

    @staticmethod
    def _validate_counterparty(item: CounterpartyInput, before: CounterpartyRow | None = None) -> None:
        """Name, lengths and choices; the 证件号码 and 电话 when they are new to the record."""
        if not item.name.strip():
            raise InputError("往来单位或个人的名称不能为空", "请填写名称")
        CounterpartyService._check_counterparty_lengths(item)
        check_choice(item.kind, COUNTERPARTY_KINDS, "类型")
        for role in item.roles:
            check_choice(role, COUNTERPARTY_ROLES, "角色")
        fields = CounterpartyService._counterparty_fields(item)
        if fields["id_code"] and (before is None or fields["id_code"] != before.id_code.upper()):
            problem = id_code_problem(fields["id_code"], item.kind)
            if problem:
                raise InputError(problem, "请核对证件号码；没有证件号码时请留空")
        if fields["phone"] and (before is None or fields["phone"] != before.phone):
            problem = phone_problem(fields["phone"])
            if problem:
                raise InputError(problem, "请核对电话号码")

    @staticmethod
    def _counterparty_fields(item: CounterpartyInput) -> dict:
        return dict(name=normalise_name(item.name), kind=item.kind, id_code=normalise_id_code(item.id_code),
                    phone=normalise_phone(item.phone), address=item.address.strip(),
                    roles=",".join(dict.fromkeys(item.roles)), note=item.note)

    def add_counterparty(self, item: CounterpartyInput) -> CounterpartyRow:
        with self.ctx.transaction():
            self._validate_counterparty(item)
            if item.id_code.strip() and self.find_counterparty(item.name, item.id_code):
                raise DuplicateError(f"证件号码“{item.id_code}”已登记", "同一单位或个人只需登记一次")
            cp = Counterparty.create(**self._counterparty_fields(item))
            self.ctx.audit("新增往来单位", "counterparty", cp.id, after=item)
        self._publish(OrgChanged())
        return _counterparty_row(cp)

    def update_counterparty(self, counterparty_id: int, item: CounterpartyInput) -> CounterpartyRow:
        with self.ctx.transaction():
            before = self.get_counterparty(counterparty_id)
            self._validate_counterparty(item, before)
            Counterparty.update(**self._counterparty_fields(item)).where(Counterparty.id == counterparty_id).execute()
            self.ctx.audit("修改往来单位", "counterparty", counterparty_id, before=before, after=item)
        self._publish(OrgChanged())
        return self.get_counterparty(counterparty_id)

    def delete_counterparty(self, counterparty_id: int) -> None:
        """Only a counterparty nothing refers to can go; one with postings is kept (records are never purged)."""
        with self.ctx.transaction():
            before = self.get_counterparty(counterparty_id)
            if VoucherLine.select().where(VoucherLine.counterparty == counterparty_id).exists():
                raise InUseError(f"“{before.name}”已有记账分录，不能删除", "可将其停用，历史记录会保留")
            if Compound.select().where(Compound.property_company == counterparty_id).exists():
                raise InUseError(f"“{before.name}”是某个小区的物业公司，不能删除", "请先修改该小区的物业公司")
            if OpeningBalanceAux.select().where(OpeningBalanceAux.counterparty == counterparty_id).exists():
                raise InUseError(f"“{before.name}”列在科目的期初明细中，不能删除", "可将其停用，历史记录会保留")
            Counterparty.delete().where(Counterparty.id == counterparty_id).execute()
            self.ctx.audit("删除往来单位", "counterparty", counterparty_id, before=before)
        self._publish(OrgChanged())

    def set_counterparty_active(self, counterparty_id: int, active: bool) -> CounterpartyRow:
        with self.ctx.transaction():
            before = self.get_counterparty(counterparty_id)
            Counterparty.update(is_active=active).where(Counterparty.id == counterparty_id).execute()
            self.ctx.audit("启用往来单位" if active else "停用往来单位", "counterparty", counterparty_id, before=before)
        self._publish(OrgChanged())
        return self.get_counterparty(counterparty_id)

    def counterparty_matcher(self) -> CounterpartyMatcher:
        """The counterparties as the books hold them now, indexed to plan import rows against."""
        return CounterpartyMatcher(self.db.execute_sql(SELECT_RECORDS).fetchall())

    def plan_counterparties(self, items: list[CounterpartyInput]) -> list[CounterpartyPlan]:
        """What ``upsert_counterparties(items)`` would do to each item, without writing (the rule is
        in ``counterparty_matching``): the import preview shows exactly these changes."""
        return self.counterparty_matcher().plan_all(items)

    def upsert_counterparties(self, items: list[CounterpartyInput]) -> UpsertResult:
        """Import path, one transaction: each item is matched (``plan_counterparties``), new ones are
        added and changed ones updated, blank fields keeping what the books hold. Bulk SQL, not one
        save per row. Every item is checked before anything is written; the first bad one refuses
        the lot, as do two items meaning the same record."""
        return self.apply_counterparty_plans(self.plan_counterparties(items))

    def apply_counterparty_plans(self, plans: list[CounterpartyPlan]) -> UpsertResult:
        """Write what ``plan_counterparties`` (or the matcher of ``counterparty_matcher``) planned on
        these books a moment ago: an import that has just planned its rows to preview them writes
        the very same changes, without planning 50,000 rows twice. Refused like ``upsert_counterparties``."""
        with self.ctx.transaction():
            for _, _, _, after, problems in plans:  # plain tuples from an import are welcome too
                if problems:
                    field, reason = problems[0]
                    raise InputError(f"往来单位或个人“{after[0]}”的{FIELD_LABELS[field]}有误：{reason}",
                                     "请改正后重新导入")
            for first, later in duplicate_targets(plans):
                raise DuplicateError(f"“{plans[later][3][0]}”在导入的数据中出现了两次（第 {first + 1} 条和第"
                                     f" {later + 1} 条）",
                                     "同一单位或个人只需一条，请合并")
            new_rows = [plan[3] for plan in plans if plan[0] == "new"]
            changed_rows = [(*plan[3], plan[1]) for plan in plans if plan[0] == "changed"]
            self._bulk_write_counterparties(new_rows, changed_rows)
            self.ctx.audit("导入往来单位", "counterparty", "",
                           after={"created": len(new_rows), "updated": len(changed_rows)})
        self._publish(OrgChanged())
        return UpsertResult(len(new_rows), len(changed_rows), len(plans) - len(new_rows) - len(changed_rows))

    @staticmethod
    def _check_counterparty_lengths(item: CounterpartyInput) -> None:
        check_length(item.name.strip(), Counterparty.name, "名称")
        check_length(item.id_code.strip(), Counterparty.id_code, "证件号码")
        check_length(item.phone.strip(), Counterparty.phone, "电话")
        check_length(item.address.strip(), Counterparty.address, "地址")

    def _bulk_write_counterparties(self, new_rows: list[tuple], changed_rows: list[tuple]) -> None:
        param = self.db.param
        cols = ("name", "kind", "id_code", "phone", "address", "roles", "note")
        if new_rows:
            sql = (f"INSERT INTO counterparty ({', '.join(cols)}, is_active) "
                   f"VALUES ({', '.join([param] * len(cols))}, {param})")
            self._executemany(sql, [(*row, True) for row in new_rows])
        if changed_rows:
            sets = ", ".join(f"{c} = {param}" for c in cols)
            self._executemany(f"UPDATE counterparty SET {sets} WHERE id = {param}", changed_rows)

    def _executemany(self, sql: str, rows: list[tuple], chunk: int = 5000) -> None:
        cursor = self.db.cursor()
        for start in range(0, len(rows), chunk):
            cursor.executemany(sql, rows[start:start + chunk])

"""Master data (DOMAIN §1): the 账套, 片区, 小区, counterparties and users."""
from __future__ import annotations

from typing import Iterable

import peewee

from assetdesk.db.models import Area, Book, Compound, Counterparty, User, VoucherLine
from assetdesk.errors import DuplicateError, InputError, InUseError, NotFoundError
from assetdesk.periods import Period
from assetdesk.services.context import Service
from assetdesk.services.org_types import (  # noqa: F401  (re-exported: callers import them from here)
    CHART_VERSIONS, COMPOUND_CATEGORIES, COUNTERPARTY_KINDS, COUNTERPARTY_ROLES, MANAGEMENT_MODES, USER_ROLES, AreaRow,
    BookInfo, CompoundInput, CompoundRow, CounterpartyInput, CounterpartyRow, UpsertResult, UserRow,
)


def _area_row(area: Area) -> AreaRow:
    return AreaRow(area.id, area.code, area.name)


def _counterparty_row(cp: Counterparty) -> CounterpartyRow:
    roles = tuple(r for r in cp.roles.split(",") if r)
    return CounterpartyRow(cp.id, cp.name, cp.kind, cp.id_code, cp.phone, cp.address, roles, cp.note, cp.is_active)


def _check_length(text: str, field: peewee.CharField, label: str) -> None:
    """The database keeps ``field.max_length`` characters (PostgreSQL refuses more; SQLite would
    keep them): a longer text is refused here, in the clerk's words."""
    if len(text) > field.max_length:
        raise InputError(f"{label}“{text[:20]}…”共 {len(text)} 个字，超过 {field.max_length} 个字",
                         "请删减内容，或把多出的部分写在备注里")


def _check_choice(value: str, allowed: Iterable[str], label: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InputError(f"{label}“{value}”不在可选范围内", "可选：" + "、".join(allowed))


class OrgService(Service):
    """The only writer of the 账套 and master data."""

    # --- the 账套 -------------------------------------------------------------------------
    def book(self) -> BookInfo | None:
        if not self.db.table_exists("book"):
            return None
        book = Book.select().first()
        if book is None:
            return None
        return BookInfo(book.community_name, book.credit_code, book.chart_version, Period.from_key(book.first_period_key))

    def setup_book(self, community_name: str, first_period: Period | str, credit_code: str = "",
                   chart_version: str = "2023") -> BookInfo:
        """Create the 账套 and seed the chart of accounts; refused when the books already exist."""
        name = (community_name or "").strip()
        if not name:
            raise InputError("社区（单位）名称不能为空", "请填写集体经济组织或社区的名称")
        _check_choice(chart_version, CHART_VERSIONS, "会计制度版本")
        period = Period.parse(first_period)
        self._check_credit_code(credit_code)
        if self.book() is not None:
            raise DuplicateError("账套已经建立，不能重复建立", "如需新账套，请新建一个数据库文件")
        from assetdesk.services.accounts import seed_chart

        with self.db.atomic():
            Book.create(community_name=name, credit_code=credit_code.strip(), chart_version=chart_version,
                        first_period_key=period.key, created_at=self.ctx.now())
            seed_chart()
            self.ctx.audit("建立账套", "book", name, after={"community_name": name, "first_period": str(period)})
        self._publish("org_changed")
        self._publish("accounts_changed")
        return self.book()

    @staticmethod
    def _check_credit_code(code: str) -> None:
        code = (code or "").strip()
        if code and (len(code) != 18 or not code.isalnum()):
            raise InputError(f"统一社会信用代码“{code}”应为18位数字或字母", "请核对营业执照或登记证书上的代码")

    def update_book(self, community_name: str | None = None, credit_code: str | None = None) -> BookInfo:
        book = Book.select().first()
        if book is None:
            raise NotFoundError("尚未建立账套", "请先建立账套")
        before = self.book()
        if community_name is not None:
            if not community_name.strip():
                raise InputError("社区（单位）名称不能为空", "请填写名称")
            book.community_name = community_name.strip()
        if credit_code is not None:
            self._check_credit_code(credit_code)
            book.credit_code = credit_code.strip()
        with self.db.atomic():
            book.save()
            self.ctx.audit("修改账套信息", "book", book.id, before=before, after=self.book())
        self._publish("org_changed")
        return self.book()

    # --- 片区 ----------------------------------------------------------------------------
    def add_area(self, code: str, name: str) -> AreaRow:
        code, name = (code or "").strip(), (name or "").strip()
        if not code or not name:
            raise InputError("片区编码和名称都不能为空", "请填写片区编码和名称")
        if Area.select().where(Area.code == code).exists():
            raise DuplicateError(f"片区编码“{code}”已存在", "请换一个编码")
        with self.db.atomic():
            area = Area.create(code=code, name=name)
            self.ctx.audit("新增片区", "area", code, after={"code": code, "name": name})
        self._publish("org_changed")
        return _area_row(area)

    def list_areas(self) -> list[AreaRow]:
        return [_area_row(a) for a in Area.select().order_by(Area.code)]

    # --- 小区 ----------------------------------------------------------------------------
    def list_compounds(self, area_code: str | None = None) -> list[CompoundRow]:
        query = (Compound.select(Compound, Area, Counterparty).join(Area).switch(Compound)
                 .join(Counterparty, peewee.JOIN.LEFT_OUTER).order_by(Compound.code))
        if area_code:
            query = query.where(Area.code == area_code)
        return [self._compound_row(c) for c in query]

    def get_compound(self, code: str) -> CompoundRow:
        compound = Compound.get_or_none(Compound.code == code)
        if compound is None:
            raise NotFoundError(f"小区编码“{code}”不存在", "请先在“小区与住户”中建立该小区")
        return self._compound_row(compound)

    @staticmethod
    def _compound_row(c: Compound) -> CompoundRow:
        company = c.property_company.name if c.property_company_id else ""
        return CompoundRow(c.id, c.code, c.name, c.area.code, c.area.name, c.category, c.management_mode,
                           c.households, c.building_area_centi, company, c.note)

    def _validate_compound(self, item: CompoundInput) -> None:
        if not item.code.strip() or not item.name.strip():
            raise InputError("小区编码和名称都不能为空", "请填写小区编码和名称")
        _check_length(item.code.strip(), Compound.code, "小区编码")
        _check_length(item.name.strip(), Compound.name, "小区名称")
        _check_length(item.area_code.strip(), Area.code, "片区编码")
        _check_length(item.area_name.strip(), Area.name, "片区名称")
        _check_choice(item.category, COMPOUND_CATEGORIES, "小区类别")
        _check_choice(item.management_mode, MANAGEMENT_MODES, "管理模式")
        if item.households < 0 or item.building_area_centi < 0:
            raise InputError(f"小区“{item.name}”的户数和建筑面积不能为负数", "请填写 0 或正数")
        if item.management_mode == "物业公司" and not item.property_company_name.strip():
            raise InputError(f"小区“{item.name}”由物业公司管理，但未填写物业公司", "请填写物业公司名称")

    def _compound_fields(self, item: CompoundInput) -> dict:
        area = Area.get_or_none(Area.code == item.area_code.strip())
        if area is None:
            if not item.area_name.strip():
                raise NotFoundError(f"片区编码“{item.area_code}”不存在", "请先建立片区，或在导入表中填写片区名称")
            area = Area.create(code=item.area_code.strip(), name=item.area_name.strip())
        company = None
        if item.property_company_name.strip():
            company = self._counterparty_by_name_or_create(item.property_company_name.strip(), kind="单位", role="物业公司")
        return dict(code=item.code.strip(), name=item.name.strip(), area=area, category=item.category,
                    management_mode=item.management_mode, households=item.households,
                    building_area_centi=item.building_area_centi, property_company=company, note=item.note)

    def _counterparty_by_name_or_create(self, name: str, kind: str, role: str) -> Counterparty:
        found = Counterparty.get_or_none(Counterparty.name == name)
        if found is None:
            return Counterparty.create(name=name, kind=kind, roles=role)
        if role not in found.roles.split(","):
            found.roles = ",".join(r for r in (found.roles.split(",") + [role]) if r)
            found.save()
        return found

    def add_compound(self, item: CompoundInput) -> CompoundRow:
        self._validate_compound(item)
        if Compound.select().where(Compound.code == item.code.strip()).exists():
            raise DuplicateError(f"小区编码“{item.code}”已存在", "请换一个编码")
        with self.db.atomic():
            compound = Compound.create(**self._compound_fields(item))
            self.ctx.audit("新增小区", "compound", compound.code, after=item)
        self._publish("org_changed")
        return self._compound_row(compound)

    def update_compound(self, code: str, item: CompoundInput) -> CompoundRow:
        self._validate_compound(item)
        compound = Compound.get_or_none(Compound.code == code)
        if compound is None:
            raise NotFoundError(f"小区编码“{code}”不存在", "请刷新后重试")
        before = self._compound_row(compound)
        with self.db.atomic():
            for key, value in self._compound_fields(item).items():
                setattr(compound, key, value)
            compound.save()
            self.ctx.audit("修改小区", "compound", code, before=before, after=item)
        self._publish("org_changed")
        return self._compound_row(compound)

    def upsert_compounds(self, items: list[CompoundInput]) -> UpsertResult:
        """Import path: create or update by 小区编码, all in one transaction (caller validated rows)."""
        for item in items:
            self._validate_compound(item)
        existing = {c.code: c for c in Compound.select(Compound, Area).join(Area)}
        created = updated = unchanged = 0
        with self.db.atomic():
            for item in items:
                fields = self._compound_fields(item)
                current = existing.get(fields["code"])
                if current is None:
                    Compound.create(**fields)
                    created += 1
                elif self._compound_row(current) != self._as_row(current, fields):
                    for key, value in fields.items():
                        setattr(current, key, value)
                    current.save()
                    updated += 1
                else:
                    unchanged += 1
            self.ctx.audit("导入小区", "compound", "", after={"created": created, "updated": updated})
        self._publish("org_changed")
        return UpsertResult(created, updated, unchanged)

    @staticmethod
    def _as_row(current: Compound, fields: dict) -> CompoundRow:
        company = fields["property_company"].name if fields["property_company"] else ""
        area = fields["area"]
        return CompoundRow(current.id, fields["code"], fields["name"], area.code, area.name, fields["category"],
                           fields["management_mode"], fields["households"], fields["building_area_centi"],
                           company, fields["note"])

    # --- counterparties ------------------------------------------------------------------
    def _counterparty_query(self, search: str | None, role: str | None) -> peewee.ModelSelect:
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
            else Counterparty.select().where(Counterparty.name == name.strip())
        found = query.order_by(Counterparty.id).first()
        return _counterparty_row(found) if found else None

    @staticmethod
    def _validate_counterparty(item: CounterpartyInput) -> None:
        if not item.name.strip():
            raise InputError("往来单位或个人的名称不能为空", "请填写名称")
        OrgService._check_counterparty_lengths(item)
        _check_choice(item.kind, COUNTERPARTY_KINDS, "类型")
        for role in item.roles:
            _check_choice(role, COUNTERPARTY_ROLES, "角色")

    @staticmethod
    def _counterparty_fields(item: CounterpartyInput) -> dict:
        return dict(name=item.name.strip(), kind=item.kind, id_code=item.id_code.strip().upper(), phone=item.phone.strip(),
                    address=item.address.strip(), roles=",".join(dict.fromkeys(item.roles)), note=item.note)

    def add_counterparty(self, item: CounterpartyInput) -> CounterpartyRow:
        self._validate_counterparty(item)
        if item.id_code.strip() and self.find_counterparty(item.name, item.id_code):
            raise DuplicateError(f"证件号码“{item.id_code}”已登记", "同一单位或个人只需登记一次")
        with self.db.atomic():
            cp = Counterparty.create(**self._counterparty_fields(item))
            self.ctx.audit("新增往来单位", "counterparty", cp.id, after=item)
        self._publish("org_changed")
        return _counterparty_row(cp)

    def update_counterparty(self, counterparty_id: int, item: CounterpartyInput) -> CounterpartyRow:
        self._validate_counterparty(item)
        before = self.get_counterparty(counterparty_id)
        with self.db.atomic():
            Counterparty.update(**self._counterparty_fields(item)).where(Counterparty.id == counterparty_id).execute()
            self.ctx.audit("修改往来单位", "counterparty", counterparty_id, before=before, after=item)
        self._publish("org_changed")
        return self.get_counterparty(counterparty_id)

    def delete_counterparty(self, counterparty_id: int) -> None:
        """Only a counterparty nothing refers to can go; one with postings is kept (records are never purged)."""
        before = self.get_counterparty(counterparty_id)
        if VoucherLine.select().where(VoucherLine.counterparty == counterparty_id).exists():
            raise InUseError(f"“{before.name}”已有记账分录，不能删除", "可将其停用，历史记录会保留")
        if Compound.select().where(Compound.property_company == counterparty_id).exists():
            raise InUseError(f"“{before.name}”是某个小区的物业公司，不能删除", "请先修改该小区的物业公司")
        with self.db.atomic():
            Counterparty.delete().where(Counterparty.id == counterparty_id).execute()
            self.ctx.audit("删除往来单位", "counterparty", counterparty_id, before=before)
        self._publish("org_changed")

    def set_counterparty_active(self, counterparty_id: int, active: bool) -> CounterpartyRow:
        before = self.get_counterparty(counterparty_id)
        with self.db.atomic():
            Counterparty.update(is_active=active).where(Counterparty.id == counterparty_id).execute()
            self.ctx.audit("启用往来单位" if active else "停用往来单位", "counterparty", counterparty_id, before=before)
        self._publish("org_changed")
        return self.get_counterparty(counterparty_id)

    def upsert_counterparties(self, items: list[CounterpartyInput]) -> UpsertResult:
        """Import path, one transaction; key = 证件号码 when given, else 名称. Bulk SQL, not one save per row.

        Every item is checked before anything is written; the first bad one refuses the lot."""
        fields = self._checked_counterparty_fields(items)
        by_code, by_name = self._counterparty_index()
        new_rows, changed_rows, unchanged = [], [], 0
        for row in fields:
            current = by_code.get(row[2]) if row[2] else by_name.get(row[0])
            if current is None:
                new_rows.append(row)
                continue
            if not row[2]:
                row = (row[0], row[1], current[3], *row[3:])  # a row without 证件号码 never wipes the one on record
            if current[1:] != row:
                changed_rows.append((*row, current[0]))
            else:
                unchanged += 1
        with self.db.atomic():
            self._bulk_write_counterparties(new_rows, changed_rows)
            self.ctx.audit("导入往来单位", "counterparty", "", after={"created": len(new_rows), "updated": len(changed_rows)})
        self._publish("org_changed")
        return UpsertResult(len(new_rows), len(changed_rows), unchanged)

    @staticmethod
    def _check_counterparty_lengths(item: CounterpartyInput) -> None:
        _check_length(item.name.strip(), Counterparty.name, "名称")
        _check_length(item.id_code.strip(), Counterparty.id_code, "证件号码")
        _check_length(item.phone.strip(), Counterparty.phone, "电话")
        _check_length(item.address.strip(), Counterparty.address, "地址")

    @staticmethod
    def _checked_counterparty_fields(items: list[CounterpartyInput]) -> list[tuple]:
        """(name, kind, id_code, phone, address, roles, note) per item, in the column order of
        ``_bulk_write_counterparties``; the same checks as ``_validate_counterparty``, with each
        distinct 类型 and roles list checked once."""
        checked_kinds: set[str] = set()
        checked_roles: dict[tuple, str] = {}
        longest_name, longest_address = Counterparty.name.max_length, Counterparty.address.max_length
        longest_code, longest_phone = Counterparty.id_code.max_length, Counterparty.phone.max_length
        out = []
        for item in items:
            name = item.name.strip()
            if not name:
                raise InputError("往来单位或个人的名称不能为空", "请填写名称")
            if len(name) > longest_name or len(item.address) > longest_address or len(item.id_code) > longest_code \
                    or len(item.phone) > longest_phone:
                OrgService._check_counterparty_lengths(item)  # says which field, in the clerk's words
            if item.kind not in checked_kinds:
                _check_choice(item.kind, COUNTERPARTY_KINDS, "类型")
                checked_kinds.add(item.kind)
            given = item.roles if type(item.roles) is tuple else tuple(item.roles)
            roles = checked_roles.get(given)
            if roles is None:
                for role in given:
                    _check_choice(role, COUNTERPARTY_ROLES, "角色")
                roles = checked_roles[given] = ",".join(dict.fromkeys(given))
            out.append((name, item.kind, item.id_code.strip().upper(), item.phone.strip(), item.address.strip(), roles, item.note))
        return out

    def _counterparty_index(self) -> tuple[dict, dict]:
        cols = ("id", "name", "kind", "id_code", "phone", "address", "roles", "note")
        cursor = self.db.execute_sql(f"SELECT {', '.join(cols)} FROM counterparty ORDER BY id")
        by_code, by_name = {}, {}
        for row in cursor.fetchall():
            if row[3]:
                by_code.setdefault(row[3].upper(), row)  # stored before codes were upper-cased
            by_name.setdefault(row[1], row)
        return by_code, by_name

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

    # --- users ---------------------------------------------------------------------------
    def list_users(self) -> list[UserRow]:
        return [UserRow(u.id, u.name, u.role, u.is_active) for u in User.select().order_by(User.id)]

    def add_user(self, name: str, role: str) -> UserRow:
        name = (name or "").strip()
        if not name:
            raise InputError("用户姓名不能为空", "请填写姓名")
        _check_choice(role, USER_ROLES, "角色")
        if User.select().where(User.name == name).exists():
            raise DuplicateError(f"用户“{name}”已存在", "请换一个姓名，或修改已有用户")
        with self.db.atomic():
            user = User.create(name=name, role=role)
            self.ctx.audit("新增用户", "user", user.id, after={"name": name, "role": role})
        self._publish("org_changed")
        return UserRow(user.id, user.name, user.role, user.is_active)

    def set_user_active(self, user_id: int, active: bool) -> UserRow:
        user = User.get_or_none(User.id == user_id)
        if user is None:
            raise NotFoundError("用户不存在", "请刷新后重试")
        with self.db.atomic():
            before = {"is_active": user.is_active}
            user.is_active = active
            user.save()
            self.ctx.audit("启用用户" if active else "停用用户", "user", user_id, before=before, after={"is_active": active})
        self._publish("org_changed")
        return UserRow(user.id, user.name, user.role, user.is_active)


__all__ = [
    "OrgService", "BookInfo", "AreaRow", "CompoundInput", "CompoundRow", "CounterpartyInput", "CounterpartyRow",
    "UserRow", "UpsertResult", "COMPOUND_CATEGORIES", "MANAGEMENT_MODES", "COUNTERPARTY_KINDS",
    "COUNTERPARTY_ROLES", "USER_ROLES",
]

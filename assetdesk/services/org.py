"""Master data (DOMAIN §1): the 账套, 片区, 小区, counterparties (``counterparties``) and users."""
from __future__ import annotations

import peewee

from assetdesk.db.models import Area, Book, Compound, Counterparty, User
from assetdesk.errors import DuplicateError, InputError, NotFoundError
from assetdesk.events import AccountsChanged, OrgChanged
from assetdesk.names import normalise_name
from assetdesk.periods import Period
from assetdesk.services.counterparties import CounterpartyService, check_choice, check_length
from assetdesk.services.org_types import (  # noqa: F401  (re-exported: callers import them from here)
    CHART_VERSIONS,
    COMPOUND_CATEGORIES,
    COUNTERPARTY_KINDS,
    COUNTERPARTY_ROLES,
    MANAGEMENT_MODES,
    USER_ROLES,
    AreaRow,
    BookInfo,
    CompoundInput,
    CompoundRow,
    CounterpartyInput,
    CounterpartyPlan,
    CounterpartyRow,
    UpsertResult,
    UserRow,
)


def _area_row(area: Area) -> AreaRow:
    return AreaRow(area.id, area.code, area.name)


class OrgService(CounterpartyService):
    """The only writer of the 账套 and master data."""

    # --- the 账套 -------------------------------------------------------------------------
    def book(self) -> BookInfo | None:
        if not self.db.table_exists("book"):
            return None
        book = Book.select().first()
        return None if book is None else self._book_info(book)

    @staticmethod
    def _book_info(book: Book) -> BookInfo:
        return BookInfo(book.community_name, book.credit_code, book.chart_version,
                        Period.from_key(book.first_period_key))

    def setup_book(self, community_name: str, first_period: Period | str, credit_code: str = "",
                   chart_version: str = "2023") -> BookInfo:
        """Create the 账套 and seed the chart of accounts; refused when the books already exist."""
        with self.ctx.transaction():
            name = (community_name or "").strip()
            if not name:
                raise InputError("社区（单位）名称不能为空", "请填写集体经济组织或社区的名称")
            check_choice(chart_version, CHART_VERSIONS, "会计制度版本")
            period = Period.parse(first_period)
            self._check_credit_code(credit_code)
            if self.book() is not None:
                raise DuplicateError("账套已经建立，不能重复建立", "如需新账套，请新建一个数据库文件")
            from assetdesk.services.accounts import seed_chart

            book = Book.create(community_name=name, credit_code=credit_code.strip(), chart_version=chart_version,
                               first_period_key=period.key, created_at=self.ctx.now())
            seed_chart()
            self.ctx.audit("建立账套", "book", name, after={"community_name": name, "first_period": str(period)})
        self._publish(OrgChanged())
        self._publish(AccountsChanged())
        return self._book_info(book)

    @staticmethod
    def _check_credit_code(code: str) -> None:
        code = (code or "").strip()
        if code and (len(code) != 18 or not code.isalnum()):
            raise InputError(f"统一社会信用代码“{code}”应为18位数字或字母", "请核对营业执照或登记证书上的代码")

    def update_book(self, community_name: str | None = None, credit_code: str | None = None) -> BookInfo:
        with self.ctx.transaction():
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
            book.save()
            self.ctx.audit("修改账套信息", "book", book.id, before=before, after=self._book_info(book))
        self._publish(OrgChanged())
        return self._book_info(book)

    # --- 片区 ----------------------------------------------------------------------------
    def add_area(self, code: str, name: str) -> AreaRow:
        with self.ctx.transaction():
            code, name = (code or "").strip(), (name or "").strip()
            if not code or not name:
                raise InputError("片区编码和名称都不能为空", "请填写片区编码和名称")
            if Area.select().where(Area.code == code).exists():
                raise DuplicateError(f"片区编码“{code}”已存在", "请换一个编码")
            area = Area.create(code=code, name=name)
            self.ctx.audit("新增片区", "area", code, after={"code": code, "name": name})
        self._publish(OrgChanged())
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
        company = c.property_company.name if c.property_company is not None else ""
        return CompoundRow(c.id, c.code, c.name, c.area.code, c.area.name, c.category, c.management_mode,
                           c.households, c.building_area_centi, company, c.note)

    def _validate_compound(self, item: CompoundInput) -> None:
        if not item.code.strip() or not item.name.strip():
            raise InputError("小区编码和名称都不能为空", "请填写小区编码和名称")
        check_length(item.code.strip(), Compound.code, "小区编码")
        check_length(item.name.strip(), Compound.name, "小区名称")
        check_length(item.area_code.strip(), Area.code, "片区编码")
        check_length(item.area_name.strip(), Area.name, "片区名称")
        check_choice(item.category, COMPOUND_CATEGORIES, "小区类别")
        check_choice(item.management_mode, MANAGEMENT_MODES, "管理模式")
        if item.households < 0 or item.building_area_centi < 0:
            raise InputError(f"小区“{item.name}”的户数和建筑面积不能为负数", "请填写 0 或正数")
        if item.management_mode == "物业公司" and not item.property_company_name.strip():
            raise InputError(f"小区“{item.name}”由物业公司管理，但未填写物业公司", "请填写物业公司名称")

    def _compound_fields(self, item: CompoundInput) -> dict:
        area = Area.get_or_none(Area.code == item.area_code.strip())
        if area is None:
            if not item.area_name.strip():
                raise NotFoundError(f"片区编码“{item.area_code}”不存在", "请先建立片区，或在导入表中填写片区名称")
            area = Area.create(code=item.area_code.strip(), name=normalise_name(item.area_name))
        company = None
        if item.property_company_name.strip():
            company = self._counterparty_by_name_or_create(item.property_company_name.strip(), kind="单位",
                                                           role="物业公司")
        return dict(code=item.code.strip(), name=normalise_name(item.name), area=area, category=item.category,
                    management_mode=item.management_mode, households=item.households,
                    building_area_centi=item.building_area_centi, property_company=company, note=item.note)

    def _counterparty_by_name_or_create(self, name: str, kind: str, role: str) -> Counterparty:
        name = normalise_name(name)
        found = Counterparty.get_or_none(Counterparty.name == name)
        if found is None:
            return Counterparty.create(name=name, kind=kind, roles=role)
        if role not in found.roles.split(","):
            found.roles = ",".join(r for r in (found.roles.split(",") + [role]) if r)
            found.save()
        return found

    def add_compound(self, item: CompoundInput) -> CompoundRow:
        with self.ctx.transaction():
            self._validate_compound(item)
            if Compound.select().where(Compound.code == item.code.strip()).exists():
                raise DuplicateError(f"小区编码“{item.code}”已存在", "请换一个编码")
            compound = Compound.create(**self._compound_fields(item))
            self.ctx.audit("新增小区", "compound", compound.code, after=item)
        self._publish(OrgChanged())
        return self._compound_row(compound)

    def update_compound(self, code: str, item: CompoundInput) -> CompoundRow:
        with self.ctx.transaction():
            self._validate_compound(item)
            compound = Compound.get_or_none(Compound.code == code)
            if compound is None:
                raise NotFoundError(f"小区编码“{code}”不存在", "请刷新后重试")
            before = self._compound_row(compound)
            for key, value in self._compound_fields(item).items():
                setattr(compound, key, value)
            compound.save()
            self.ctx.audit("修改小区", "compound", code, before=before, after=item)
        self._publish(OrgChanged())
        return self._compound_row(compound)

    def upsert_compounds(self, items: list[CompoundInput]) -> UpsertResult:
        """Import path: create or update by 小区编码, all in one transaction (caller validated rows).

        An item's ``area_name`` names its 片区: a new 片区编码 is created with it, and a 片区编码 on
        record given another name is renamed (every item of that code must give the same name, and
        no other 片区 may have it)."""
        with self.ctx.transaction():
            for item in items:
                self._validate_compound(item)
            renames = self._area_renames(items)
            existing = {c.code: c for c in Compound.select(Compound, Area).join(Area)}
            created = updated = unchanged = 0
            for code, (old, new) in renames.items():
                Area.update(name=new).where(Area.code == code).execute()
                self.ctx.audit("片区改名", "area", code, before={"name": old}, after={"name": new})
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
        self._publish(OrgChanged())
        return UpsertResult(created, updated, unchanged)

    @staticmethod
    def _area_renames(items: list[CompoundInput]) -> dict[str, tuple[str, str]]:
        """{片区编码: (name on record, new name)} for the 片区 the items rename; refused when one code
        is given two names, or a 片区 would take a name another 片区 has."""
        on_record = {a.code: a.name for a in Area.select()}
        given: dict[str, str] = {}
        for item in items:
            code, name = item.area_code.strip(), normalise_name(item.area_name)
            if name and given.setdefault(code, name) != name:
                raise InputError(f"片区编码“{code}”写了两个名称：“{given[code]}”和“{name}”", "同一片区请写同一个名称")
        renames = {code: (on_record[code], name) for code, name in given.items()
                   if code in on_record and on_record[code] != name}
        keeps = {name: code for code, name in on_record.items() if code not in renames}
        for code, name in given.items():
            other = keeps.get(name)
            if other is not None and other != code:
                raise DuplicateError(f"片区名称“{name}”已是片区 {other} 的名称，不能再用于片区 {code}",
                                     "请换一个名称，或把小区调整到该片区")
        return renames

    @staticmethod
    def _as_row(current: Compound, fields: dict) -> CompoundRow:
        company = fields["property_company"].name if fields["property_company"] else ""
        area = fields["area"]
        return CompoundRow(current.id, fields["code"], fields["name"], area.code, area.name, fields["category"],
                           fields["management_mode"], fields["households"], fields["building_area_centi"],
                           company, fields["note"])

    # --- users ---------------------------------------------------------------------------
    def list_users(self) -> list[UserRow]:
        return [UserRow(u.id, u.name, u.role, u.is_active) for u in User.select().order_by(User.id)]

    def add_user(self, name: str, role: str) -> UserRow:
        with self.ctx.transaction():
            name = (name or "").strip()
            if not name:
                raise InputError("用户姓名不能为空", "请填写姓名")
            check_choice(role, USER_ROLES, "角色")
            if User.select().where(User.name == name).exists():
                raise DuplicateError(f"用户“{name}”已存在", "请换一个姓名，或修改已有用户")
            user = User.create(name=name, role=role)
            self.ctx.audit("新增用户", "user", user.id, after={"name": name, "role": role})
        self._publish(OrgChanged())
        return UserRow(user.id, user.name, user.role, user.is_active)

    def set_user_active(self, user_id: int, active: bool) -> UserRow:
        with self.ctx.transaction():
            user = User.get_or_none(User.id == user_id)
            if user is None:
                raise NotFoundError("用户不存在", "请刷新后重试")
            before = {"is_active": user.is_active}
            user.is_active = active
            user.save()
            self.ctx.audit("启用用户" if active else "停用用户", "user", user_id, before=before,
                           after={"is_active": active})
        self._publish(OrgChanged())
        return UserRow(user.id, user.name, user.role, user.is_active)


__all__ = [
    "OrgService", "BookInfo", "AreaRow", "CompoundInput", "CompoundRow", "CounterpartyInput", "CounterpartyPlan",
    "CounterpartyRow", "UserRow", "UpsertResult", "COMPOUND_CATEGORIES", "MANAGEMENT_MODES", "COUNTERPARTY_KINDS",
    "COUNTERPARTY_ROLES", "USER_ROLES",
]

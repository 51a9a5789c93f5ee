"""The master-data records the organisation service takes and returns, and the choices it allows
(DOMAIN §1: compound categories, management modes, counterparty kinds and roles, user roles)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from assetdesk.periods import Period

COMPOUND_CATEGORIES = ("老旧小区", "三无小区", "棚户区", "商品房小区", "其他")
MANAGEMENT_MODES = ("社区托管", "物业公司", "居民自治")
COUNTERPARTY_KINDS = ("个人", "单位")
COUNTERPARTY_ROLES = ("承租方", "缴费人", "收款方", "物业公司")
USER_ROLES = ("会计", "出纳", "审核", "负责人", "管理员")
CHART_VERSIONS = ("2023",)


@dataclass(frozen=True)
class BookInfo:
    community_name: str
    credit_code: str
    chart_version: str
    first_period: Period


@dataclass(frozen=True)
class AreaRow:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class CompoundInput:
    code: str
    name: str
    area_code: str
    category: str = "老旧小区"
    management_mode: str = "社区托管"
    households: int = 0
    building_area_centi: int = 0
    property_company_name: str = ""
    note: str = ""
    area_name: str = ""


@dataclass(frozen=True)
class CompoundRow:
    id: int
    code: str
    name: str
    area_code: str
    area_name: str
    category: str
    management_mode: str
    households: int
    building_area_centi: int
    property_company_name: str
    note: str


@dataclass(slots=True)
class CounterpartyInput:
    """What the clerk or an import gives for one 往来单位或个人. Not frozen: an import of 50,000 rows
    makes one per row, and a frozen dataclass costs seven times as much to create."""

    name: str
    kind: str = "个人"
    id_code: str = ""
    phone: str = ""
    address: str = ""
    roles: tuple[str, ...] = ()
    note: str = ""


class CounterpartyRow(NamedTuple):
    """One 往来单位或个人 as the books hold it. A named tuple (immutable, and five times cheaper to
    make than a frozen dataclass): an import reads every record to compare, 50,000 of them."""

    id: int
    name: str
    kind: str
    id_code: str
    phone: str
    address: str
    roles: tuple[str, ...]
    note: str
    is_active: bool


class CounterpartyPlan(NamedTuple):
    """What an import row will do to the 往来单位及个人 (``OrgService.plan_counterparties``).

    ``status``: "new", "changed", "unchanged", or "ambiguous" (several records could be meant).
    ``before`` / ``after``: (name, kind, id_code, phone, address, roles, note) as the books hold them
    now and will hold them (roles comma-separated, as stored); ``before`` is None for a new record.
    ``problems``: (field, reason) pairs that refuse the row, reasons in the clerk's words."""

    status: str
    record_id: int | None
    before: tuple | None
    after: tuple
    problems: tuple[tuple[str, str], ...] = ()



@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    is_active: bool


@dataclass(frozen=True)
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

"""Which 往来单位或个人 an imported row means, and what the books will hold after it (DOMAIN §8).

One rule, used both by the import preview and by the write, so the preview lists exactly the
changes the import makes:

- A row with a 证件号码 is the record with that number. When no record has it but exactly one
  record of that name has no number yet, the row is that record (it gains the number): a person
  first registered without an ID, or a 物业公司 the compounds import created by name. Several such
  namesakes without a number: the row cannot say which one it is, and is refused.
- A row without a 证件号码 is the record of that name; among namesakes, the one without a number.
  Namesakes who all have numbers: refused ("请填写证件号码以区分").
- A blank cell never overwrites what the books hold: the record keeps its 电话, 类型, 证件号码 ….
  A blank 类型 of a new record is guessed from its number (a 统一社会信用代码 is a 单位) and name.
- A 证件号码 or 电话 is checked (``assetdesk.id_numbers``) when it is new to the record; numbers the
  books already hold are not refused again.
- Names are compared and kept without the spaces clerks type to align them (``assetdesk.names``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assetdesk.id_numbers import (
    ORGANISATION,
    PERSON,
    REGISTRATION_AUTHORITIES,
    RESIDENT_CHECK_DIGITS,
    birth_dates,
    credit_check_character,
    id_code_problem,
    implied_kind,
    normalise_id_code,
    normalise_phone,
    phone_problem,
)
from assetdesk.names import normalise_name
from assetdesk.services.org_types import COUNTERPARTY_KINDS, COUNTERPARTY_ROLES, CounterpartyInput, CounterpartyPlan

# the stored fields, in the order of ``CounterpartyPlan.before`` / ``.after``
FIELDS = ("name", "kind", "id_code", "phone", "address", "roles", "note")
FIELD_LABELS = {"name": "名称", "kind": "类型", "id_code": "证件号码", "phone": "电话", "address": "地址",
                "roles": "角色", "note": "备注"}
# the most characters the database keeps (models.Counterparty)
MAX_LENGTHS = {"name": 200, "id_code": 30, "phone": 50, "address": 200}

ORGANISATION_HINT = re.compile(
    r"公司|有限|股份|集团|中心|委员会|居委会|村委会|合作社|协会|商会|基金会|学校|学院|幼儿园|医院|诊所|卫生|银行|信用社|厂|"
    r"商行|事务所|研究所|派出所|街道|政府|社区|物业|超市|商店|门市部|经营部|服务部|服务站|工作站|饭店|酒店|药店|餐厅|工作室|"
    r"局|站|店|馆|办事处|工程队|施工队")

SELECT_RECORDS = "SELECT id, name, kind, id_code, phone, address, roles, note FROM counterparty ORDER BY id"


def clean_row(name: str, kind: str, id_code: str, phone: str, address: str, roles: Iterable[str], note: str) -> tuple:
    """A counterparty's fields in the form the books keep and ``CounterpartyMatcher.plan_rows``
    takes: the name without alignment spaces, the number plain and upper-case, the phone with
    half-width digits, the roles as stored ("承租方,缴费人", each once)."""
    return (normalise_name(name), kind, normalise_id_code(id_code) if id_code else "",
            normalise_phone(phone) if phone else "", address.strip(), ",".join(dict.fromkeys(r for r in roles if r)),
            note)


def guess_kind(name: str, id_code: str = "") -> str:
    """单位 when the number is a 统一社会信用代码 or the name reads like an organisation, else 个人."""
    if ORGANISATION_HINT.search(name) or (id_code and implied_kind(id_code) == ORGANISATION):
        return ORGANISATION
    return PERSON


class CounterpartyMatcher:
    """The books' counterparties at one moment, indexed to plan rows against (see the module doc).

    ``records`` are (id, name, kind, id_code, phone, address, roles, note) rows, oldest first."""

    def __init__(self, records: Iterable[Sequence]):
        self._by_code: dict[str, tuple] = {}
        self._by_name: dict[str, list[tuple]] = {}
        for record in records:
            record = tuple(record)
            if record[3]:
                self._by_code.setdefault(record[3].upper(), record)
            name = record[1]
            self._by_name.setdefault(name if name.isalnum() else normalise_name(name), []).append(record)
        self._role_problems: dict[str, str] = {}

    def plan_all(self, items: Iterable[CounterpartyInput]) -> list[CounterpartyPlan]:
        return [CounterpartyPlan._make(plan) for plan in self.plan_rows(
            clean_row(i.name, i.kind, i.id_code, i.phone, i.address, i.roles, i.note) for i in items)]

    def plan(self, item: CounterpartyInput) -> CounterpartyPlan:
        return self.plan_all([item])[0]

    def plan_rows(self, rows: Iterable[tuple]) -> list[tuple]:
        """A plan per row, as a plain tuple in the order of ``CounterpartyPlan``'s fields. Rows are
        (name, kind, id_code, phone, address, roles, note) tuples as ``clean_row`` makes them (roles
        as stored: "承租方,缴费人"). An import plans 50,000 rows at a time: the common row (a new
        record with a well-formed number and phone) takes the short way, checked without a call."""
        by_code, by_name, role_problems = self._by_code, self._by_name, self._role_problems
        dates, check_digits, person, kinds = birth_dates(), RESIDENT_CHECK_DIGITS, PERSON, COUNTERPARTY_KINDS
        authorities, credit_check = REGISTRATION_AUTHORITIES, credit_check_character
        plans: list[tuple] = []
        append = plans.append
        for row in rows:
            name, kind, code, phone, address, roles, note = row
            bad_roles = role_problems.get(roles)
            if bad_roles is None:
                bad_roles = self._check_roles(roles)
            record = by_code.get(code) if code and by_code else None
            ambiguity = ""
            if record is None and by_name:
                namesakes = by_name.get(name)
                if namesakes:
                    record, ambiguity = _among(namesakes, name, code)
            if record is None:
                if not kind:
                    kind = guess_kind(name, code)
                    row = (name, kind, code, phone, address, roles, note)
                before = record_id = None
                status = "ambiguous" if ambiguity else "new"
                new_code, new_phone = code, phone
            else:
                record_id, before = record[0], record[1:]
                new_code = code if code and code != before[2].upper() else ""  # numbers on record: not checked again
                new_phone = phone if phone and phone != before[3] else ""
                row = (name or before[0], kind or before[1], code or before[2], phone or before[3],
                       address or before[4], roles or before[5], note or before[6])
                name, kind, code, phone, address = row[:5]
                status = "unchanged" if row == before else "changed"
            if new_code and len(new_code) == 18:  # the usual numbers, checked here without a call
                body = new_code[:17]
                if kind == person:
                    if body.isdigit() and new_code[6:14] in dates \
                            and check_digits[2 * int(body, 13) % 11] == new_code[17]:
                        new_code = ""  # a well-formed 身份证号码
                elif new_code[0] in authorities and new_code[17] == credit_check(body):
                    new_code = ""  # a well-formed 统一社会信用代码
            if ambiguity or bad_roles or not name or (new_code and id_code_problem(new_code, kind)) \
                    or (new_phone and not (len(new_phone) >= 7 and new_phone.isdigit())) or kind not in kinds \
                    or len(name) + len(address) > 200 or len(code) + len(phone) > 30:  # lengths: see _problems
                append((status, record_id, before, row,
                        _problems(row, kind, new_code, new_phone, bad_roles, ambiguity)))
            else:
                append((status, record_id, before, row, ()))
        return plans

    def _check_roles(self, roles: str) -> str:
        """The refusal of unknown roles in ``roles`` ("承租方,房东"), "" when all are known; each text once."""
        bad = [role for role in roles.split(",") if role and role not in COUNTERPARTY_ROLES]
        reason = self._role_problems[roles] = \
            f"角色“{'、'.join(bad)}”不可用，只能填写：" + "、".join(COUNTERPARTY_ROLES) if bad else ""
        return reason


def _among(namesakes: list[tuple], name: str, code: str) -> tuple[tuple | None, str]:
    """The record among ``namesakes`` a row of ``name`` (and ``code``, on none of them) means, or why
    it cannot tell."""
    if len(namesakes) == 1 and not (code and namesakes[0][3]):
        return namesakes[0], ""
    without_code = [record for record in namesakes if not record[3]]
    if len(without_code) == 1:
        return without_code[0], ""
    if code and not without_code:
        return None, ""  # namesakes with other numbers: another person of the same name
    if code:
        return None, (f"账上有 {len(without_code)} 个同名的“{name}”都没有证件号码，无法确定本行是哪一个；"
                      "请先在往来单位中给他们补上证件号码")
    return None, f"有{len(namesakes)}个同名的“{name}”，请填写证件号码以区分"


def _problems(after: tuple, kind: str, code: str, phone: str, bad_roles: str, ambiguity: str) -> tuple:
    """(field, reason) for each thing that refuses a planned row (the slow way: only for those)."""
    problems = []
    if ambiguity:
        problems.append(("name", ambiguity))
    if not after[0]:
        problems.append(("name", "往来单位或个人的名称不能为空"))
    if kind not in COUNTERPARTY_KINDS:
        problems.append(("kind", f"类型“{kind}”不在可选范围内（可选：{'、'.join(COUNTERPARTY_KINDS)}）"))
    if bad_roles:
        problems.append(("roles", bad_roles))
    reason = id_code_problem(code, kind) if code and kind in COUNTERPARTY_KINDS else None
    if reason:
        problems.append(("id_code", reason))
    reason = phone_problem(phone) if phone else None
    if reason:
        problems.append(("phone", reason))
    for field, index in (("name", 0), ("id_code", 2), ("phone", 3), ("address", 4)):
        if len(after[index]) > MAX_LENGTHS[field]:
            problems.append((field, f"{FIELD_LABELS[field]}“{after[index][:20]}…”共 {len(after[index])} 个字，"
                                    f"超过 {MAX_LENGTHS[field]} 个字"))
    return tuple(problems)


def plan_targets(plans: Sequence[Sequence]) -> list:
    """The record each plan writes: its id, or for a new one its number, or else its name."""
    return [plan[1] if plan[1] is not None else (plan[3][2] or plan[3][0]) for plan in plans]


def duplicate_targets(plans: Sequence[CounterpartyPlan]) -> list[tuple[int, int]]:
    """(earlier, later) positions of plans that would write the same record (or the same new one)."""
    targets = plan_targets(plans)
    if len(set(targets)) == len(targets):
        return []
    seen: dict = {}
    pairs = []
    for position, target in enumerate(targets):
        first = seen.setdefault(target, position)
        if first != position:
            pairs.append((first, position))
    return pairs

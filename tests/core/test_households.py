"""Households (房屋/住户, DOMAIN §6): the rooms property fees will be billed to."""
from __future__ import annotations

import pytest

from assetdesk.errors import DuplicateError, InputError, NotFoundError
from assetdesk.events import OrgChanged
from assetdesk.services.fees import HouseholdInput
from assetdesk.services.org import CompoundInput
from assetdesk.services.receivables import Payer
from assetdesk.services.receivables.common import check_payer
from tests.helpers import day


@pytest.fixture
def compound(books):
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    books.org.add_compound(CompoundInput("XQ002", "桂园小区", "PQ01"))
    return books


def room(building="3", unit="2", room_no="301", owner="张三", area=8650, compound="XQ001", **more):
    return HouseholdInput(compound, building, room_no, area, unit=unit, owner=owner, **more)


def test_a_household_is_a_room_and_is_found_by_room_name_or_pinyin(compound):
    books, heard = compound, []
    books.events.subscribe(OrgChanged, heard.append)
    added = books.households.add(room(phone="13800000000"))
    assert (added.address, added.owner, added.area_centi, added.area_name) == ("兰园小区 3栋2单元301", "张三", 8650,
                                                                               "东片区")
    assert heard, "the 片区 → 小区 tree hears of it"
    books.households.add(room("5", "", "101", "李四", 6000))
    for text in ("3-2-301", "2-301", "张三", "zs"):
        assert [h.owner for h in books.households.find(text)] == ["张三"], text
    assert [h.owner for h in books.households.find("101")] == ["李四"]
    assert [h.address for h in books.households.list_households("XQ001")] == ["兰园小区 3栋2单元301", "兰园小区 5栋101"]
    assert books.households.tree() == [("东片区", "XQ001 兰园小区", "3", 1, 8650), ("东片区", "XQ001 兰园小区", "5", 1, 6000)]
    # the receivables name a household payer as the clerk says it
    assert check_payer(books.ctx.db, Payer("household", added.id)) == "兰园小区 3栋2单元301 张三"


def test_bad_households_are_refused_and_nothing_is_written(compound):
    books = compound
    books.households.add(room())
    with pytest.raises(DuplicateError, match="3栋2单元301 在该小区已登记"):
        books.households.add(room(owner="王五"))
    with pytest.raises(InputError, match="建筑面积须大于 0"):
        books.households.add(room(room_no="302", area=0))
    with pytest.raises(InputError, match="缺少依据或批准人"):
        books.households.add(room(room_no="303", relief="低保"))
    with pytest.raises(NotFoundError, match="小区编码“XQ999”不存在"):
        books.households.add(room(compound="XQ999"))
    books.households.add(room(compound="XQ002"))  # the same room number in another compound is another room
    assert len(books.households.list_households()) == 2
    with pytest.raises(InputError, match="住户 999 不存在"):
        check_payer(books.ctx.db, Payer("household", 999))


def test_people_move_in_and_out_and_the_room_stays(compound):
    books = compound
    household = books.households.add(room())
    books.households.move_out(household.id, day("2025-03-31"), "房屋出售")
    empty = books.households.get(household.id)
    assert (empty.owner, empty.occupancy) == ("", "空置")
    with pytest.raises(InputError, match="目前没有住户"):
        books.households.move_out(household.id, day("2025-04-01"))
    books.households.move_in(household.id, "赵六", day("2025-04-10"), "13900000000")
    after = books.households.get(household.id)
    assert (after.owner, after.phone, after.occupancy, after.id) == ("赵六", "13900000000", "自住", household.id)
    assert [(m.kind, m.name, m.moved_on) for m in books.households.moves(household.id)] == [
        ("迁入", "张三", books.ctx.today()),  # registered with its 户主: moved in as far as the books know
        ("迁出", "张三", day("2025-03-31")), ("迁入", "赵六", day("2025-04-10"))]
    assert [h.owner for h in books.households.find("zl")] == ["赵六"]
    assert books.households.find("zs") == []  # the one who left is no longer found as living there


def test_the_counter_finds_the_one_household_among_fifty_thousand(compound):
    books = compound
    from assetdesk.db.models import Compound, Household

    compound_id = Compound.get(Compound.code == "XQ001").id
    rows = [{"compound": compound_id, "building": str(b), "unit": str(u), "room": f"{f}{r:02d}",
             "owner": f"住户{b}{u}{f}{r}", "initials": f"zh{b}{u}{f}{r}", "area_centi": 8000}
            for b in range(1, 51) for u in range(1, 6) for f in range(1, 21) for r in range(1, 11)]
    with books.ctx.transaction():
        for start in range(0, len(rows), 500):
            Household.insert_many(rows[start:start + 500]).execute()
    assert len(rows) == 50_000
    found = books.households.find("37-4-1205")
    assert [h.owner for h in found] == ["住户374125"]  # how fast: benchmarks/bench_households.py

"""Reading the register: rows with their 片区/小区 and 累计折旧, by filter, in one query each."""
from __future__ import annotations

import datetime as dt

import peewee

from assetdesk.services.assets.types import DISPOSED, IDLE, AssetRow

_SELECT = (
    "SELECT a.id, a.code, a.name, a.category, a.nature, a.location, a.boundaries, COALESCE(c.code, ''),"
    " COALESCE(c.name, ''), COALESCE(r.name, ''), a.building_area_centi, a.land_area_centi, a.land_area_unit,"
    " a.land_type, a.ownership, a.certificate_no, a.acquisition, a.acquired_on, a.original_fen,"
    " a.opening_depreciation_fen, a.life_months, a.salvage_fen, a.status, a.idle_since, a.keeper, a.note"
    " FROM asset a LEFT JOIN compound c ON c.id = a.compound_id LEFT JOIN area r ON r.id = c.area_id")


def posted_depreciation(db: peewee.Database, asset_ids: list[int] | None = None) -> dict[int, int]:
    """Per asset, the credit its lines on 152 累计折旧 carry (depreciation runs less disposals)."""
    p = db.param
    sql = ("SELECT l.asset_id, COALESCE(SUM(-l.amount_fen), 0) FROM voucher_line l JOIN account t"
           f" ON t.id = l.account_id WHERE l.posted = {p} AND t.code LIKE {p} AND l.asset_id IS NOT NULL")
    params: list[object] = [True, "152%"]
    if asset_ids is not None:
        if not asset_ids:
            return {}
        sql += f" AND l.asset_id IN ({', '.join([p] * len(asset_ids))})"
        params += asset_ids
    rows = db.execute_sql(sql + " GROUP BY l.asset_id", params).fetchall()
    return {int(asset_id): int(total) for asset_id, total in rows}


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def read_rows(db: peewee.Database, where: str = "", params: tuple = ()) -> list[AssetRow]:
    rows = db.execute_sql(f"{_SELECT} {where} ORDER BY a.code", params).fetchall()
    posted = posted_depreciation(db, [row[0] for row in rows]) if len(rows) < 500 else posted_depreciation(db)
    result = []
    for row in rows:
        values: list = list(row)
        values[17], values[23] = _date(values[17]), _date(values[23])
        accumulated = int(values[19]) + posted.get(int(values[0]), 0)
        result.append(AssetRow(*values, accumulated_fen=accumulated))  # type: ignore[misc]
    return result


def filter_sql(db: peewee.Database, category: str | None, status: str | None, compound_code: str | None,
               area_code: str | None, idle_over_days: int | None, today: dt.date | None) -> tuple[str, tuple]:
    """The WHERE clause of ``AssetService.list_assets`` (values as parameters)."""
    p = db.param
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (("a.category", category), ("a.status", status), ("c.code", compound_code),
                          ("r.code", area_code)):
        if value:
            clauses.append(f"{column} = {p}")
            params.append(value)
    if idle_over_days is not None:
        cutoff = (today or dt.date.today()) - dt.timedelta(days=idle_over_days)
        clauses += [f"a.status = {p}", f"a.idle_since < {p}"]
        params += [IDLE, cutoff]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def depreciable_rows(rows: list[AssetRow], categories: tuple[str, ...]) -> list[AssetRow]:
    return [row for row in rows if row.category in categories and row.status != DISPOSED
            and row.acquired_on is not None and row.life_months > 0 and row.original_fen > row.salvage_fen]

"""What clerks write in a cell to say "nothing here": 无, /, —, 暂无, 不详, N/A …

In an optional column (证件号码, 电话, 地址, 物业公司 …) such a cell means the cell is blank: the
value is never stored, never used to match a record and never makes two rows duplicates (two
workers both "无" in 证件号码 are not one person).

This is the one list. ``is_placeholder(text)`` says whether a cell's text is one of them (full-width
forms, surrounding spaces, case and a trailing full stop do not matter); ``blank_placeholder(text)``
returns "" for one and the text unchanged otherwise. Both are cheap for ordinary values: anything
longer than ``LONGEST`` characters is answered at once. ``without_placeholders(grid, columns)``
blanks such cells of a sheet before its cells are converted (a 户数 or 类别 written “无”).
"""
from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assetdesk.excel.reader import Grid

PLACEHOLDERS = frozenset({
    "无", "/", "\\", "—", "——", "-", "--", "---", "–", "―", "─", "－", "~", "～",
    "暂无", "不详", "未知", "空", "没有", "暂缺", "n/a", "na", "null", "none",
})
LONGEST = 5  # characters, with a trailing full stop ("n/a." , "null。")
_STOPS = ".。"


def is_placeholder(value: Any) -> bool:
    """True when ``value`` (a cell's text) stands for "nothing here"."""
    if type(value) is not str or not value or len(value) > LONGEST + 2:
        return False
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if text in PLACEHOLDERS:
        return True
    stripped = text.rstrip(_STOPS).strip()
    return stripped != text and stripped in PLACEHOLDERS


def blank_placeholder(value: str) -> str:
    """"" for a placeholder, else ``value`` unchanged."""
    return "" if is_placeholder(value) else value


def without_placeholders(grid: Grid, columns: Iterable[int], first_row: int = 0) -> Grid:
    """``grid`` (a ``reader.Grid``) with the placeholder cells of ``columns`` read as empty, for
    columns whose cells are converted before a kind sees them (a 类别 or 户数 written “无”).

    The grid is left as it is (the error report marks the cells as the clerk wrote them): a
    changed copy of its rows is returned, or ``grid`` itself when no such cell is there. Each
    column's distinct values are checked once."""
    rows = grid.rows
    found = []
    for col in columns:
        values = {row[col] for row in rows[first_row:] if col < len(row) and type(row[col]) is str}
        if any(is_placeholder(value) for value in values):
            found.append(col)
    if not found:
        return grid
    copied = [list(row) for row in rows]
    for row in copied[first_row:]:
        for col in found:
            if col < len(row) and is_placeholder(row[col]):
                row[col] = None
    return dataclasses.replace(grid, rows=copied)

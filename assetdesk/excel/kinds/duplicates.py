"""Rows of one import that mean the same record (DOMAIN §8): merged when they agree, refused when not.

District workbooks repeat records: the same owner on the 兰园小区 sheet and on the 桂园小区 sheet,
a compound listed in two tables. Rows that agree (a blank cell agrees with anything) are one record,
written once; the first row takes the values the others fill in, and the others are listed as
merged. Rows that fill the same column differently are refused on the later row's cell, naming
the other row (and its sheet when it is another one) so the clerk can find both.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .base import ParsedRow, RowError

MERGED_INTO = "_same_as"  # values key of a merged row: the row it was merged into


def row_place(first: ParsedRow, row: ParsedRow) -> str:
    """How ``row`` names ``first``: "第 3 行" on the same sheet, "“兰园小区”第 3 行" on another."""
    return f"第 {first.row} 行" if first.sheet == row.sheet else f"“{first.sheet}”第 {first.row} 行"


def merged_into(row: ParsedRow) -> ParsedRow | None:
    return row.values.get(MERGED_INTO)


def merge_rows(groups: Iterable[Sequence[ParsedRow]], fields: Sequence[str], labels: dict[str, str],
               same: str, blank: Callable[[ParsedRow, str], bool] | None = None,
               union: Sequence[str] = (),
               otherwise: str = "请核对后只保留一行") -> tuple[list[RowError], list[ParsedRow]]:
    """Merge each group of rows meaning one record; (errors, first rows that took values).

    ``fields`` are compared; ``blank(row, key)`` says a cell gives nothing (default: "" or empty
    tuple); ``union`` fields (roles) take the values of every row; ``same`` says why the rows are one
    record ("证件号码相同"), ``otherwise`` what to do when they disagree."""
    is_blank = blank or _empty
    errors: list[RowError] = []
    grown: list[ParsedRow] = []
    for group in groups:
        first = group[0]
        taken: list[ParsedRow] = []
        for row in group[1:]:
            conflict = next((key for key in fields if key not in union and not is_blank(row, key)
                             and not is_blank(first, key) and row.values[key] != first.values[key]), None)
            if conflict is not None:
                errors.append(row.error(conflict, (
                    f"与{row_place(first, row)}重复（{same}），但{labels[conflict]}不同："
                    f"“{_text(first.values[conflict])}”和“{_text(row.values[conflict])}”；{otherwise}")))
                continue
            taken.append(row)
        changed = False
        for row in taken:
            for key in fields:
                if key in union:
                    joined = tuple(dict.fromkeys((*first.values[key], *row.values[key])))
                    changed |= joined != tuple(first.values[key])
                    first.values[key] = joined
                elif is_blank(first, key) and not is_blank(row, key):
                    first.values[key] = row.values[key]
                    _mark_filled(first, key)
                    changed = True
            row.values[MERGED_INTO] = first
        if changed:
            grown.append(first)
    return errors, grown


def _empty(row: ParsedRow, key: str) -> bool:
    value = row.values[key]
    return value == "" or value == () or value is None


def _mark_filled(row: ParsedRow, key: str) -> None:
    blanks = row.values.get("_blank")
    if blanks:
        blanks.discard(key)


def _text(value: object) -> str:
    return "、".join(value) if isinstance(value, tuple) else str(value)

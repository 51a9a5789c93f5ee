"""Units of measure in district workbooks (DOMAIN §2, §8): what a header, a title's unit row or a
units row under the header says a column's numbers are counted in.

A unit becomes an exact factor to the books' own unit: 元 for money, ㎡ for areas. Factors are
``Decimal`` when whole (万元 → 10000) and ``Fraction`` when not (1 亩 = 10000/15 ㎡), so nothing is
rounded before the one rounding of the converted value (``convert``).

A text that looks like a unit but is not one the app converts for that column's type (平方公里,
美元, 万元 on an area) is an error naming the column, never silently taken as the base unit. A
bracket that is not a unit at all (金额（含税）, 面积（套内）) is a plain remark and changes nothing.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Union

Factor = Union[Decimal, Fraction]

# Keys as ``normalise_header`` leaves them: NFKC (㎡ and m² → m2), no spaces, lower case.
AMOUNT_UNITS: dict[str, Factor] = {
    "元": Decimal(1), "人民币元": Decimal(1), "人民币": Decimal(1), "rmb": Decimal(1),
    "千元": Decimal(1000), "万元": Decimal(10000), "人民币万元": Decimal(10000), "万": Decimal(10000),
    "百万元": Decimal(1000000), "亿元": Decimal(100000000),
}
AREA_UNITS: dict[str, Factor] = {
    "平方米": Decimal(1), "m2": Decimal(1), "平米": Decimal(1), "平方": Decimal(1),
    "千平方米": Decimal(1000),
    "万平方米": Decimal(10000), "万m2": Decimal(10000), "万平米": Decimal(10000), "万平方": Decimal(10000),
    "亩": Fraction(10000, 15), "公顷": Decimal(10000), "ha": Decimal(10000), "hm2": Decimal(10000),
}
UNITS_BY_TYPE = {"amount": AMOUNT_UNITS, "area": AREA_UNITS}
UNDERSTOOD = {"amount": "元、千元、万元", "area": "平方米（㎡、m²）、万平方米、亩、公顷"}
TYPE_WORDS = {"amount": "金额", "area": "面积"}

# What a unit of each type looks like, understood or not: a bracket saying 平方公里 is a unit the
# app cannot convert; one saying 含税 is no unit at all.
_MULTIPLIER = r"(?:[十百千万亿]+)?"
_AREA_LIKE = re.compile(
    rf"^{_MULTIPLIER}(?:平方(?:公里|千米|米|分米|厘米|尺|英尺|码|市尺)?|平米|m2|km2|hm2|dm2|cm2|ft2|sqm|亩|市亩|英亩|公顷|ha)$")
_AMOUNT_LIKE = re.compile(
    rf"^(?:人民币)?{_MULTIPLIER}(?:元|美元|港元|港币|欧元|日元|英镑|澳门元|台币|新台币)$|^rmb$|^(?:usd|hkd|eur)$|^{_MULTIPLIER}万$")
# Counting words of whole-number columns (户数（户）): units, but nothing to convert.
_COUNT_WORDS = frozenset("户 人 个 间 套 栋 幢 座 处 辆 台 块 宗 份 家 项 张 次 年 月 日 岁 层 条 口 名 %".split())
_UNIT_LABEL_RE = re.compile(r"单位\s*[:：]")
_TOKEN_SPLIT = re.compile(r"[、,，;；/／|\s]+|和|及")
_BRACKETS = "()（）[]【】〔〕"


def normalise_unit(text: Any) -> str:
    """A unit as written → the key of the tables above: "（万㎡）" → "万m2", "单位：亩" → "亩"."""
    cleaned = unicodedata.normalize("NFKC", str(text or ""))
    cleaned = re.sub(r"\s+", "", cleaned).strip(_BRACKETS).lower()
    for prefix in ("单位:", "单位"):
        cleaned = cleaned.removeprefix(prefix)
    return cleaned.replace("²", "2").replace("·", "")


def base_unit(unit: str) -> str:
    """"元/月", "万元/年" → "元", "万元": a rate's amount part is the column's money unit."""
    return unit.split("/", 1)[0] if "/" in unit else unit


def unit_type(unit: str) -> str | None:
    """"area" or "amount" when ``unit`` (normalised) looks like a unit of that kind, understood or not."""
    unit = base_unit(unit)
    if unit in AREA_UNITS or _AREA_LIKE.match(unit):
        return "area"
    if unit in AMOUNT_UNITS or _AMOUNT_LIKE.match(unit):
        return "amount"
    return None


def is_unit(unit: str) -> bool:
    """A normalised text that is a unit of any kind, counting words included (户, 人, 间)."""
    return bool(unit) and (unit in _COUNT_WORDS or unit_type(unit) is not None)


@dataclass(frozen=True)
class UnitReading:
    """What a unit says for one column: a ``factor``, or an ``error`` (the reason to show)."""

    factor: Factor | None = None
    error: str = ""


def for_column(column_type: str, unit: str | None) -> UnitReading | None:
    """The unit ``unit`` (normalised) given to a column of ``column_type``: ``None`` when it says
    nothing to convert (no unit, a remark, a counting word, a text or date column)."""
    table = UNITS_BY_TYPE.get(column_type)
    if table is None or not unit:
        return None
    key = base_unit(unit) if column_type == "amount" else unit
    if key in table:
        return UnitReading(table[key])
    if unit_type(unit) is None and unit not in _COUNT_WORDS:
        return None  # 金额（含税）: a remark, not a unit
    return UnitReading(error=unknown_unit_message(column_type, unit))


def unknown_unit_message(column_type: str, unit: str) -> str:
    return (f"不认识的单位“{unit}”：{TYPE_WORDS[column_type]}只能用{UNDERSTOOD[column_type]}；"
            f"请把数字换算为这些单位之一，并在列名中写明，例如“{TYPE_WORDS[column_type]}（{_EXAMPLE[column_type]}）”")


_EXAMPLE = {"amount": "万元", "area": "平方米"}


def title_units(text: Any) -> list[str]:
    """The units a title's unit row lists, in order: "单位：户、万平方米、万元" → ["户", "万平方米", "万元"];
    ``[]`` when the text has no "单位：". Words after the units ("填报日期：…") are not units."""
    if not isinstance(text, str) or "单位" not in text:
        return []
    units = []
    for piece in _UNIT_LABEL_RE.split(text)[1:]:  # "填报单位：兰花社区  单位：万元": each label's words
        for token in _TOKEN_SPLIT.split(piece):
            if ":" in token or "：" in token:
                break  # "单位：元 填报日期：2025年1月": the units end where the next label starts
            unit = normalise_unit(token)
            if is_unit(unit):
                units.append(unit)
    return units


def row_units(cells: Sequence[Any]) -> list[str | None] | None:
    """A units row under a header ("（户）", "（亩）", "（万元）"): the unit of each column (``None``
    where blank), or ``None`` when the row is not one (every filled cell must be a unit)."""
    found: list[str | None] = []
    any_unit = False
    for cell in cells:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            found.append(None)
            continue
        if not isinstance(cell, str):
            return None
        unit = normalise_unit(cell)
        if not is_unit(unit):
            return None
        found.append(unit)
        any_unit = True
    return found if any_unit else None

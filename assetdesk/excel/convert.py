"""Cell values from a workbook → the Python values the services take (DOMAIN §2).

Readers hand over whatever the cell held: str, float (calamine returns whole numbers as float),
int, date/datetime or None. Money goes straight to ``money.parse_amount`` (which turns a float
into its shortest decimal, never doing float arithmetic); areas become integer centi-㎡, exact
until the one rounding (half up) of the converted value.
A placeholder (—, -, /, 无 … see ``placeholders``) in a numeric column is a blank cell.
Every failure raises ``InputError`` with a Chinese reason quoting the value as the cell shows it
(-300, not -300.0); the importer adds row and column.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from assetdesk.errors import AmountError, InputError
from assetdesk.money import EXCEL_DIGITS, decimal_from_float, parse_amount, parse_yuan
from assetdesk.names import INVISIBLE
from assetdesk.periods import Period, parse_date

from . import units
from .kinds.base import ColumnSpec
from .placeholders import is_placeholder
from .units import Factor

ESCAPE_STARTS = ("=", "+", "-", "@")
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "启用", "有效", "正常", "在用"}
_FALSE = {"否", "n", "no", "false", "0", "×", "x", "停用", "无效", "禁用"}
_MAX_AREA = 10**12  # ㎡: a million square kilometres; more is a typing slip
_FLOAT_EXACT_LIMIT = 1e15  # beyond this Excel has already dropped digits of a number typed as text
_WHITESPACE_RE = re.compile(r"\s+")

_NUMERIC_TYPES = frozenset(("amount", "int", "area"))
_NUMBER_UNIT_RE = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+))(\D.*)?$")
# What a formula shows when it fails (a VLOOKUP that found nothing: #N/A); the readers hand it over
# as that text, which must not become a name or a note.
EXCEL_ERRORS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"))


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def shown(raw: Any) -> str:
    """A cell's value as Excel shows it in a general-format cell: -300 (not -300.0), 1.2, 2025-01-31."""
    if isinstance(raw, float):
        return format(raw, f".{EXCEL_DIGITS}g") if math.isfinite(raw) else str(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def convert(spec: ColumnSpec, raw: Any, factor: Factor = Decimal(1)) -> Any:
    """Convert one cell for ``spec``; ``factor`` is the header's unit (万元 → 10000, 亩 → 10000/15).
    A placeholder in a numeric column (— / 无) counts as a blank cell."""
    if is_empty(raw) or (spec.type in _NUMERIC_TYPES and type(raw) is str and is_placeholder(raw)):
        if spec.required:
            raise InputError(f"“{spec.header}”必须填写")
        return spec.empty_value
    if type(raw) is str and raw.strip().upper() in EXCEL_ERRORS:
        raise InputError(f"单元格是公式的错误值“{raw.strip()}”，没有算出结果",
                         "请在 Excel 中改正公式（常见于 VLOOKUP 查不到数据），或改填实际内容后再导入")
    return _CONVERTERS[spec.type](spec, raw, factor)


def convert_column(spec: ColumnSpec, cells: Sequence[Any],
                   factor: Factor = Decimal(1)) -> tuple[list[Any], list[tuple[int, str]]]:
    """Convert a whole column at once: (values, [(index, reason), ...]). A failed cell takes the
    column's empty value. Same results as ``convert`` cell by cell, only faster: the import
    benchmark is decided here (50,000 rows × every column).

    Text columns take a fast path for plain strings; other columns convert each distinct cell once
    (a fee column holds a handful of amounts, a 类型 column two words).
    """
    if spec.type == "text":
        return _text_column(spec, cells, factor)
    values: list[Any] = []
    failures: list[tuple[int, str]] = []
    memo: dict[tuple[type, Any], Any] = {}
    for index, raw in enumerate(cells):
        try:
            key = (type(raw), raw)
            value = memo.get(key, _MISSING)
        except TypeError:  # an unhashable cell: convert it on its own
            key, value = None, _MISSING
        if value is _MISSING:
            try:
                value = convert(spec, raw, factor)
            except InputError as exc:
                value = _Failed(str(exc))
            if key is not None:
                memo[key] = value
        if type(value) is _Failed:
            failures.append((index, value.reason))
            value = spec.empty_value
        values.append(value)
    return values, failures


def _text_column(spec: ColumnSpec, cells: Sequence[Any], factor: Factor) -> tuple[list[Any], list[tuple[int, str]]]:
    """A trimmed plain string needs no more work; anything else (numbers, dates, empty cells,
    full-width spaces, an escaped ``'=``) goes through ``convert``."""
    values: list[Any] = []
    failures: list[tuple[int, str]] = []
    append = values.append
    empty = spec.empty_value
    optional = not spec.required
    plain = not spec.code
    longest = spec.max_length or 1 << 30
    for index, raw in enumerate(cells):
        if type(raw) is str:
            value = raw.strip()
            if value:
                if value[0] not in "'#" and "\u3000" not in value \
                        and (plain or (value.isascii() and " " not in value)) \
                        and len(value) <= longest and value.isprintable():  # invisible characters go the long way
                    append(value)
                    continue
            elif optional:
                append(empty)
                continue
        elif raw is None and optional:
            append(empty)
            continue
        try:
            append(convert(spec, raw, factor))
        except InputError as exc:
            failures.append((index, str(exc)))
            append(spec.empty_value)
    return values, failures


class _Failed:
    """A memoised conversion failure (its reason), so a repeated bad value is reported every time."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


_MISSING = object()


def to_text(raw: Any) -> str:
    """Cell → trimmed text. Numeric codes come back as "10101", not "10101.0"; an escaped
    formula-like text written as ``'=…`` loses its quote (the writer's escape, undone)."""
    if isinstance(raw, float):
        if abs(raw) >= _FLOAT_EXACT_LIMIT:
            raise InputError(
                f"数字“{raw:.0f}”位数过多，Excel 已把它存成数字并丢失了末尾几位",
                "请把该列设为“文本”格式后重新填写（身份证号、信用代码常见此问题）",
            )
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).translate(INVISIBLE).replace("\u3000", " ").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in ESCAPE_STARTS:
        text = text[1:]
    return text


def _text(spec: ColumnSpec, raw: Any, factor: Factor) -> str:
    text = to_text(raw)
    text = _as_code(text) if spec.code else text
    if spec.max_length and len(text) > spec.max_length:
        raise InputError(f"“{text[:20]}…”共 {len(text)} 个字，超过 {spec.max_length} 个字的长度限制",
                         "请删减内容，或把多出的部分写在备注里")
    return text


def _as_code(text: str) -> str:
    """A code as typed with full-width digits or spaces, made plain."""
    if text.isascii() and " " not in text:
        return text
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text))


# Counting words clerks type after a number in a cell ("120户", "35间", "980.5平方米"): dropped.
_COUNT_SUFFIXES = ("平方米", "平米", "m²", "m2", "㎡", "户", "人", "间", "套", "栋", "个", "处", "年", "月", "日", "号")


def _decimal_of(raw: Any) -> Decimal:
    """A plain number, for columns whose header carries the unit; a counting word after it is dropped."""
    if isinstance(raw, (float, int, Decimal)) and not isinstance(raw, bool):
        number = decimal_from_float(raw) if isinstance(raw, float) else Decimal(raw)
        if not number.is_finite():
            raise InputError(f"“{shown(raw)}”不是数字", "请填写数字")
        return number
    text = unicodedata.normalize("NFKC", str(raw)).replace(",", "").replace(" ", "").strip()
    text = next((text[: -len(suffix)] for suffix in _COUNT_SUFFIXES
                 if text.endswith(suffix) and len(text) > len(suffix)), text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InputError(f"“{shown(raw)}”不是数字", "请填写数字") from None
    if not number.is_finite():
        raise InputError(f"“{shown(raw)}”不是数字", "请填写数字")
    return number


def _amount(spec: ColumnSpec, raw: Any, factor: Factor) -> int:
    if isinstance(raw, (dt.date, dt.datetime)):
        raise InputError(f"“{shown(raw)}”是日期，不是金额", "请填写金额，例如 1234.50")
    try:
        if factor == 1 or (isinstance(raw, str) and ("万" in raw or "元" in raw)):
            return parse_amount(raw)  # a unit written in the cell wins over the header's
        assert isinstance(factor, Decimal)  # money units are whole numbers of 元; only 亩 is a Fraction
        return parse_amount((parse_yuan(raw) if isinstance(raw, str) else _decimal_of(raw)) * factor)
    except AmountError as exc:
        if isinstance(raw, str) or (factor == 1 and not isinstance(raw, float)) or "”" not in exc.message:
            raise
        # quote the value as the clerk sees it (-300, not -300.0 or the product in 元)
        rest = exc.message.split("”", 1)[-1]
        scaled = "换算为元后" if factor != 1 and rest.startswith("超过两位小数") else ""
        raise AmountError(f"金额“{shown(raw)}”{scaled}{rest}", exc.hint) from None


def _int(spec: ColumnSpec, raw: Any, factor: Factor) -> int:
    number = _decimal_of(raw)
    if number != number.to_integral_value():
        raise InputError(f"“{shown(raw)}”不是整数", "请填写整数")
    return int(number)


def _area(spec: ColumnSpec, raw: Any, factor: Factor) -> int:
    """Area in centi-㎡ (㎡ × 100). A unit written in the cell (1.2万平方米, 3亩, 2公顷) wins over the
    header's, a bare 万 multiplies it; 1 亩 = 10000/15 ㎡ exactly. The one rounding, half up, is of the
    converted value."""
    number, factor = _area_number(raw, factor)
    if number < 0:
        raise InputError(f"面积“{shown(raw)}”不能为负数", "请填写正数")
    square_metres = number * factor if isinstance(factor, Decimal) else Fraction(number) * factor
    if square_metres >= _MAX_AREA:
        raise InputError(f"面积“{shown(raw)}”过大", "请检查是否多输入了数字，面积以平方米为单位")
    return _centi_half_up(square_metres)


def _area_number(raw: Any, factor: Factor) -> tuple[Decimal, Factor]:
    """The number of an area cell and the factor it counts in: the cell's own unit, else ``factor``."""
    if not isinstance(raw, str):
        return _decimal_of(raw), factor
    text = unicodedata.normalize("NFKC", raw).replace(",", "").replace(" ", "").replace("\u3000", "").strip()
    match = _NUMBER_UNIT_RE.match(text)
    if not match or not match.group(2):
        return _decimal_of(raw), factor
    unit = units.normalise_unit(match.group(2))
    if unit == "万":  # 1.2万 in a column counted in ㎡ (or 亩) is 12,000 of them
        return Decimal(match.group(1)), factor * 10000
    reading = units.for_column("area", unit)
    if reading is None:
        raise InputError(f"“{shown(raw)}”不是数字", "请填写数字，面积可写单位：平方米、万平方米、亩、公顷")
    if reading.error or reading.factor is None:
        raise InputError(f"不认识的单位“{unit}”", f"面积只能用{units.UNDERSTOOD['area']}，请换算后填写")
    return Decimal(match.group(1)), reading.factor


def _centi_half_up(square_metres: Decimal | Fraction) -> int:
    """㎡ → centi-㎡, rounded half up once (DOMAIN §2); exact for 亩 (a Fraction) too. Never negative here."""
    if isinstance(square_metres, Decimal):
        return int((square_metres * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return math.floor(square_metres * 100 + Fraction(1, 2))


def _date(spec: ColumnSpec, raw: Any, factor: Factor) -> dt.date:
    return parse_date(raw)


def _period(spec: ColumnSpec, raw: Any, factor: Factor) -> Period:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return Period.parse(raw)


def _choice(spec: ColumnSpec, raw: Any, factor: Factor) -> str:
    """One of the column's choices; an alias to "" is a word that says nothing here (the chart's
    双向 in a balance's 方向 column: the amounts' columns give the side)."""
    text = to_text(raw)
    aliases = dict(spec.choice_aliases)
    value = aliases.get(text, text)
    if value == "" and text in aliases:
        return ""
    if value not in spec.choices:
        raise InputError(f"“{text}”不是可选的值", "只能填写：" + "、".join(spec.choices))
    return value


def _bool(spec: ColumnSpec, raw: Any, factor: Factor) -> bool:
    text = to_text(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(f"“{text}”无法识别", "请填写“是”或“否”")


_CONVERTERS = {
    "text": _text,
    "amount": _amount,
    "int": _int,
    "area": _area,
    "date": _date,
    "period": _period,
    "choice": _choice,
    "bool": _bool,
}

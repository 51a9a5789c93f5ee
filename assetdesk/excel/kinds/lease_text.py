"""The words district contracts and ledgers use for rent terms, read into the lease engine's values.

Every function takes what a cell held (text, a number, a date) and returns the engine's value or
raises ``InputError`` with a Chinese reason; the kind adds the row and the column. Pure: no books.

- 资产编码: several codes in one cell, separated by 、 , ， ; ； / or spaces.
- 租赁期限: one cell "2024-01-01至2026-12-31", "2024.1.1-2026.12.31", "2024年1月1日—2026年12月31日".
- 计租方式: 元/月, 元/年, 元/㎡·月, and 按月 / 按年 / 按面积.
- 递增方式: "每3年递增5%", "每两年上浮3%", "无", or a step table "2026-01-01起3300；2028-01-01起3600",
  "第3年起3300" (the amount in the contract's own rent unit unless the step says 元/月 or 元/年).
- 免租期: a number of months ("3", "3个月") or date ranges ("2024-01-01至2024-03-31；…").
- 缴费周期: 月付 / 季付 / 半年付 / 年付, 按月 …, 月 / 季 / 半年 / 年, 每3个月.
- 交租日: 5, "5日", "每月5号", "每期首月5日".
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from assetdesk.errors import InputError
from assetdesk.money import decimal_from_float, parse_yuan, round_to_fen
from assetdesk.periods import parse_date
from assetdesk.services.leases.terms import EveryYears, PaymentCycle, RentBasis, RentStep

NONE_WORDS = frozenset(("", "无", "没有", "不递增", "不调整", "固定", "固定不变", "不变", "—", "-", "/", "／", "否",
                        "0", "无免租", "无免租期", "0个月", "0月"))
_CODE_SPLIT = re.compile(r"[、,，;；/／\s]+")
_DATE = r"\d{4}\s*(?:[-./]|年)\s*\d{1,2}\s*(?:[-./]|月)\s*\d{1,2}\s*日?"
_DATE_RE = re.compile(_DATE)
_DATE_ONLY_RE = re.compile(rf"^{_DATE}$")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUM = r"(\d+|[一二两三四五六七八九十]{1,3})"
_EVERY_RE = re.compile(rf"^(?:每|每隔)?满?(?:{_NUM}个?)?年(?:后|度)?(?:租金)?(?:递增|上浮|上调|增长|增加|提高|调增|涨)"
                       r"(?:幅度)?(?:为)?(\d+(?:\.\d+)?)[%％]$")
_STEP_SPLIT = re.compile(r"[;；，,、\n]+")
_RENT_WORD = r"(?:月租金|年租金|租金|单价)?(?:为|:|：)?"
_YEAR_STEP_RE = re.compile(rf"^第{_NUM}(?:个)?(?:租赁)?年(?:度)?(?:起|开始|始)?{_RENT_WORD}(.+)$")
_DATE_STEP_RE = re.compile(rf"^(?:自|从)?({_DATE})(?:起|开始|以后|后)?{_RENT_WORD}(.+)$")
_MONTHS_RE = re.compile(r"^(\d+(?:\.0+)?)(?:个)?(?:月)?$")
_DAY_RE = re.compile(r"(\d{1,2})\s*(?:日|号)?")


def clean(raw: Any) -> str:
    """A cell as plain text: full-width made half-width, no spaces, a date cell as 2025-01-31."""
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else format(decimal_from_float(raw), "f")
    text = unicodedata.normalize("NFKC", str(raw))
    return re.sub(r"\s+", "", text).replace("～", "~").replace("－", "-").replace("—", "-").replace("–", "-")


def split_codes(raw: Any) -> tuple[str, ...]:
    """"ZC001、ZC002", "ZC001，ZC002; ZC003" → each code once, in order."""
    text = unicodedata.normalize("NFKC", "" if raw is None else clean(raw) if not isinstance(raw, str) else raw)
    codes: list[str] = []
    for part in _CODE_SPLIT.split(text.strip()):
        if part and part not in codes:
            codes.append(part)
    return tuple(codes)


def parse_term(raw: Any) -> tuple[dt.date, dt.date]:
    """租赁期限 in one cell: its two dates, start and end."""
    text = clean(raw)
    found = _DATE_RE.findall(text)
    if len(found) != 2:
        raise InputError(f"租赁期限“{raw}”无法识别",
                         "请写成“2024-01-01至2026-12-31”，或分别填写起租日期和到期日期两列")
    return parse_date(_date_text(found[0])), parse_date(_date_text(found[1]))


def _date_text(text: str) -> str:
    return text.replace(" ", "")


def parse_basis(raw: Any) -> RentBasis | None:
    """计租方式 → the engine's basis; ``None`` for an empty cell (the rent's header decides)."""
    text = clean(raw).lower().replace("·", "").replace("•", "").replace("*", "")
    if not text:
        return None
    for basis in RentBasis:
        if text == clean(basis.value).lower().replace("·", ""):
            return basis
    if any(word in text for word in ("m2", "平方", "平米", "面积", "单价")):
        return RentBasis.PER_SQM_MONTH
    if "年" in text:
        return RentBasis.PER_YEAR
    if "月" in text:
        return RentBasis.PER_MONTH
    raise InputError(f"计租方式“{raw}”无法识别", "可填写：元/月、元/年、元/㎡·月（或按月、按年、按面积）")


def basis_of_header(header: str) -> RentBasis | None:
    """What a rent column's own header says: 年租金 → 元/年, 月租金 → 元/月, 单价 with ㎡ → 元/㎡·月."""
    text = clean(header).lower()
    if "单价" in text or "m2" in text or "平方" in text or "平米" in text:
        return RentBasis.PER_SQM_MONTH
    if "年租金" in text or "元/年" in text:
        return RentBasis.PER_YEAR
    if "月租金" in text or "元/月" in text:
        return RentBasis.PER_MONTH
    return None


def parse_yuan_cell(raw: Any, factor: Decimal = Decimal(1)) -> Decimal:
    """A money cell in 元 (a Decimal, not rounded): 3300, "3,300.00", "3300元/月", "1.2万" (× ``factor``
    when the cell names no unit of its own: the header's 万元)."""
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        number = decimal_from_float(raw) if isinstance(raw, float) else Decimal(raw)
        return number * factor
    text = clean(raw)
    text = re.sub(r"(?:元)?/(?:每)?(?:m2|㎡|平方米|平米)?[·•.]?(?:月|年)?$", "元", text)
    own_unit = "万" in text or "元" in text
    text = re.sub(r"^(?:月租金|年租金|租金|单价)(?:为|:|：)?", "", text)
    try:
        value = parse_yuan(text)
    except Exception:
        raise InputError(f"金额“{raw}”无法识别", "请填写数字，例如 3300 或 3,300.00") from None
    return value if own_unit else value * factor


def parse_escalation(raw: Any, basis: RentBasis, area_centi: int = 0,
                     factor: Decimal = Decimal(1)) -> EveryYears | tuple[RentStep, ...] | None:
    """递增方式 → every N years by x %, a step table (monthly rents in fen), or none."""
    text = clean(raw)
    if text in NONE_WORDS:
        return None
    match = _EVERY_RE.match(text)
    if match:
        years = _number(match.group(1)) if match.group(1) else 1
        return EveryYears(years, Decimal(match.group(2)))
    steps = []
    for part in (p for p in _STEP_SPLIT.split(text) if p):
        step = _step(part, basis, area_centi, factor)
        if step is None:
            raise InputError(f"租金递增“{raw}”无法识别",
                             "可写“每3年递增5%”，或阶梯表“2026-01-01起3300；2028-01-01起3600”、“第3年起3300”，不递增填“无”")
        steps.append(step)
    return tuple(steps)


def _step(part: str, basis: RentBasis, area_centi: int, factor: Decimal) -> RentStep | None:
    match = _DATE_STEP_RE.match(part)
    if match:
        when: dt.date | int = parse_date(match.group(1))
        amount = match.group(2)
    else:
        match = _YEAR_STEP_RE.match(part)
        if not match:
            return None
        when, amount = _number(match.group(1)), match.group(2)
    try:
        value = parse_yuan_cell(amount, factor)
    except InputError:
        return None
    step_basis = basis_of_header(amount) or basis
    return RentStep(when, monthly_fen(step_basis, value, area_centi))


def monthly_fen(basis: RentBasis, value: Decimal, area_centi: int) -> int:
    """A step's amount in the contract's unit as the monthly rent in fen (元/年 ÷ 12, ㎡ × rate)."""
    if basis is RentBasis.PER_YEAR:
        return round_to_fen(value / 12)
    if basis is RentBasis.PER_SQM_MONTH:
        return round_to_fen(Decimal(area_centi) / 100 * value)
    return round_to_fen(value)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if len(text) >= 2 and text[1] == "十":
        return _CN_DIGITS[text[0]] * 10 + (_CN_DIGITS[text[2]] if len(text) == 3 else 0)
    return _CN_DIGITS[text]


def parse_free(raw: Any) -> tuple[int, tuple[tuple[dt.date, dt.date], ...]]:
    """免租期 → (months from the start, explicit date ranges): "3", "3个月", "2024-01-01至2024-03-31",
    or both separated by ；("1个月；2025-07-01至2025-07-15")."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if raw < 0 or float(raw) != int(raw):
            raise InputError(f"免租期“{clean(raw)}”不是整月数", "请填写免租的月数（整数），或免租的起止日期")
        return int(raw), ()
    text = clean(raw)
    if text in NONE_WORDS:
        return 0, ()
    months = 0
    ranges: list[tuple[dt.date, dt.date]] = []
    for part in (p for p in re.split(r"[;；,，、]+", text) if p):
        match = _MONTHS_RE.match(part.removeprefix("免租").removeprefix("前"))
        dates = _DATE_RE.findall(part)
        if match:
            months += int(Decimal(match.group(1)))
        elif len(dates) == 2 and not _DATE_RE.sub("", part).strip("至到~-()（）免租期"):
            ranges.append((parse_date(_date_text(dates[0])), parse_date(_date_text(dates[1]))))
        else:
            raise InputError(f"免租期“{raw}”无法识别",
                             "请填写免租月数（如 3），或起止日期（如 2024-01-01至2024-03-31）")
    return months, tuple(ranges)


def free_text(months: int, ranges: tuple[tuple[dt.date, dt.date], ...]) -> str:
    """免租期 as ``parse_free`` reads it back: "1个月；2025-07-01至2025-07-15"."""
    parts = ([f"{months}个月"] if months else []) + [f"{first}至{last}" for first, last in ranges]
    return "；".join(parts) or "无"


def escalation_text(escalation: EveryYears | tuple[RentStep, ...] | None) -> str:
    """递增 as ``parse_escalation`` reads it back: "每3年递增5%", "2026-01-01起3300.00元/月；第3年起3600.00元/月"
    (steps in 元/月, the engine's own unit, whatever the contract's basis: exact both ways)."""
    if escalation is None or escalation == ():
        return "无"
    if isinstance(escalation, EveryYears):
        return f"每{escalation.years}年递增{escalation.percent}%"
    return "；".join(f"{step.from_on if isinstance(step.from_on, dt.date) else f'第{step.from_on}年'}起"
                    f"{format(Decimal(step.monthly_rent_fen) / 100, '.2f')}元/月" for step in escalation)


def parse_cycle(raw: Any) -> PaymentCycle | None:
    """缴费周期 → the engine's cycle; ``None`` for an empty cell."""
    text = clean(raw)
    if not text:
        return None
    months = re.search(r"(\d+)个?月", text)
    if months:
        by_months = {cycle.value: cycle for cycle in PaymentCycle}
        if int(months.group(1)) in by_months:
            return by_months[int(months.group(1))]
    elif "半年" in text:
        return PaymentCycle.HALF_YEARLY
    elif "季" in text:
        return PaymentCycle.QUARTERLY
    elif "年" in text:
        return PaymentCycle.YEARLY
    elif "月" in text:
        return PaymentCycle.MONTHLY
    raise InputError(f"缴费周期“{raw}”无法识别", "可填写：月付、季付、半年付、年付（或按月、按季、按半年、按年）")


def parse_due_day(raw: Any) -> int | None:
    """交租日 → the day of the month (1–28 is checked by the engine); ``None`` for an empty cell."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw) != int(raw):
            raise InputError(f"交租日“{clean(raw)}”不是整数", "请填写每期缴款的日子，例如 5")
        return int(raw)
    text = clean(raw)
    if not text:
        return None
    if _DATE_ONLY_RE.match(text):
        return parse_date(text).day
    match = _DAY_RE.search(text.replace("首月", ""))
    if match and len(_DAY_RE.findall(text.replace("首月", ""))) == 1:
        return int(match.group(1))
    raise InputError(f"交租日“{raw}”无法识别", "请填写每期缴款的日子（1 至 28），例如 5 或“每月5日”")


def parse_rate(raw: Any, factor: Decimal = Decimal(1)) -> Decimal:
    """A rent or rate cell as 元 (a rate may have more than two decimals: 25.505 元/㎡·月)."""
    try:
        return parse_yuan_cell(raw, factor)
    except (InvalidOperation, ValueError):
        raise InputError(f"金额“{raw}”无法识别", "请填写数字") from None

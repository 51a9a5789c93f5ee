"""Money: integer fen inside, ``Decimal`` at the edges, never ``float``.

The one rounding rule (DOMAIN §2): ROUND_HALF_UP to the fen whenever a computed amount is formed
(area × rate, pro-rata, percentage). ``round_to_fen`` is the only place it is applied.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from assetdesk.errors import AmountError

ROUNDING = ROUND_HALF_UP
FEN_PER_YUAN = 100
_WAN = Decimal(10000)
_MAX_ABS_FEN = 10**17  # far beyond any community's books; guards against typos like 1e30


def round_to_fen(yuan: Decimal) -> int:
    """Round a yuan amount to whole fen with the product's single rounding rule (half up)."""
    return int((Decimal(yuan) * FEN_PER_YUAN).quantize(Decimal(1), rounding=ROUNDING))


def multiply_to_fen(*factors: Decimal | int | str) -> int:
    """Product of yuan-valued factors (e.g. area × rate × months), rounded once to fen."""
    result = Decimal(1)
    for factor in factors:
        result *= Decimal(str(factor)) if not isinstance(factor, Decimal) else factor
    return round_to_fen(result)


def percent_of(fen: int, percent: Decimal | str | int) -> int:
    """``percent`` % of an amount in fen, rounded half up to fen."""
    return int((Decimal(fen) * Decimal(str(percent)) / 100).quantize(Decimal(1), rounding=ROUNDING))


def fen_to_decimal(fen: int) -> Decimal:
    """Exact yuan value of an amount in fen (two decimals), for Excel cells and arithmetic at edges."""
    return Decimal(int(fen)).scaleb(-2)  # exact: 123450 → Decimal("1234.50"), no division or rounding


def _normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)  # full-width digits, commas, ¥ → ASCII
    return text.replace("￥", "¥").replace(" ", "").replace("\u3000", "").strip()


# "人民币" before and "元整" after are how receipts and contracts write amounts: 人民币1,200.00元整
_AMOUNT_RE = re.compile(r"^(?:人民币)?([+-]?)¥?([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(万)?(元整?)?$")
# an amount wholly in parentheses is negative (accounting notation): (1,000.00) = -1,000.00
_PARENS_RE = re.compile(r"^\((.+)\)$")


EXCEL_DIGITS = 15


def decimal_from_float(value: float) -> Decimal:
    """The number a spreadsheet cell means, from the binary float a reader hands over.

    Excel keeps and shows 15 significant digits; what a float carries beyond them is binary
    noise, and Excel writes it into the file for computed cells: =123.45*3 is stored as
    370.34999999999997 and shown as 370.35. Read to 15 significant digits, a typed 1234.5 stays
    1234.5 and a computed 370.35 is 370.35 again; a typed 12.345 stays 12.345 (and is refused as
    an amount for its third decimal)."""
    return Decimal(format(value, f".{EXCEL_DIGITS}g"))


_RESIDUE = Decimal("0.000001")  # yuan
_RESIDUE_CHECKED_BELOW = Decimal(10) ** 13  # yuan; no float that large keeps a fen anyway


def _amount_from_float(value: float) -> Decimal:
    """``decimal_from_float``, less what a formula leaves below a millionth of a yuan: =SUM(…) can
    store 98765.4300000001 (or 1.455e-11 for a difference that is nil) where Excel shows 98,765.43
    (0.00). No amount is written to a millionth of a yuan, so that residue is binary arithmetic,
    not money; a typed 12.345 is a third decimal and still refused."""
    yuan = decimal_from_float(value)
    if not yuan.is_finite() or abs(yuan) >= _RESIDUE_CHECKED_BELOW:
        return yuan  # not a number, or far past any amount: refused as it is
    fen = yuan.quantize(Decimal("0.01"))
    return fen if yuan != fen and abs(yuan - fen) < _RESIDUE else yuan


def parse_amount(value: object, *, allow_negative: bool = True) -> int:
    """Parse what a clerk types or a workbook holds into integer fen.

    Accepts ``1234.5``, ``1,234.50``, ``¥1234.50``, ``1234.50元``, ``12.5万`` / ``12.5万元``,
    full-width digits and commas, ``(1,234.50)`` for -1,234.50 (accounting notation), ints,
    ``Decimal`` and the floats spreadsheet readers return. A dash alone ("-", "—") is not an
    amount here: a blank placeholder in a table cell is the importer's to read as empty.
    More than two decimals (after 万 scaling) is an error: money is never silently rounded here.
    """
    if isinstance(value, bool) or value is None:
        raise AmountError("金额为空或无法识别", "请填写金额，例如 1234.50")
    if isinstance(value, int):
        yuan = Decimal(value)
    elif isinstance(value, Decimal):
        yuan = value
    elif isinstance(value, float):
        yuan = _amount_from_float(value)
    elif isinstance(value, str):
        yuan = _parse_amount_text(value)
    else:
        raise AmountError(f"金额“{value}”无法识别", "请填写数字金额，例如 1234.50")
    return _yuan_to_fen_exact(yuan, value, allow_negative)


def parse_yuan(value: str) -> Decimal:
    """The amount a text says, in 元, before any rounding or unit scaling: the importer scales it
    by a header's unit (金额（万元）) first, and only then is it held to the fen."""
    return _parse_amount_text(value)


def _parse_amount_text(value: str) -> Decimal:
    text = _normalise_text(value)
    inner = _PARENS_RE.match(text)
    if inner:  # accounting notation: (1,000.00) is -1,000.00, as 余额表 exported by other programs print it
        number = _parse_amount_text(inner.group(1))
        if number < 0 or inner.group(1).lstrip("人民币¥").startswith(("+", "-")):
            raise AmountError(f"金额“{value}”无法识别", "括号已表示负数，括号内不要再写正负号")
        return -number
    match = _AMOUNT_RE.match(text)
    if not text or not match or (match.group(3) is None and not match.group(4)):
        raise AmountError(
            f"金额“{value}”无法识别",
            "可写 1234.50、1,234.50、¥1234.50、1234.50元 或 12.5万",
        )
    sign1, sign2, whole, frac, wan, _ = match.groups()
    if sign1 and sign2:
        raise AmountError(f"金额“{value}”无法识别", "负号只能写一个")
    number = Decimal((whole or "0").replace(",", "") + "." + (frac or "0"))
    if wan:
        number *= _WAN
    return -number if "-" in (sign1 + sign2) else number


def _yuan_to_fen_exact(yuan: Decimal, original: object, allow_negative: bool) -> int:
    try:
        if not yuan.is_finite():
            raise InvalidOperation
        fen = yuan * FEN_PER_YUAN
        if fen != fen.to_integral_value():
            raise AmountError(f"金额“{original}”超过两位小数", "金额只能精确到分，请保留两位小数")
        fen_int = int(fen)
    except InvalidOperation:
        raise AmountError(f"金额“{original}”无法识别", "请填写数字金额，例如 1234.50") from None
    if abs(fen_int) >= _MAX_ABS_FEN:
        raise AmountError(f"金额“{original}”过大", "请检查是否多输入了数字")
    if fen_int < 0 and not allow_negative:
        raise AmountError(f"金额“{original}”不能为负数", "请填写正数金额")
    return fen_int


def format_amount(fen: int, *, separators: bool = True) -> str:
    """``1,234.50`` / ``-1,234.50`` — the plain form used in ledger columns."""
    fen = int(fen)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    whole = f"{yuan:,}" if separators else str(yuan)
    return f"{sign}{whole}.{cents:02d}"


def format_money(fen: int) -> str:
    """``¥1,234.50`` on screen and in print; negatives ``-¥1,234.50`` (shown red by the UI)."""
    text = format_amount(fen)
    return "-¥" + text[1:] if text.startswith("-") else "¥" + text


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_GROUP_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(group: int) -> str:
    """Capital form of 0 < group < 10000, zeros inside collapsed to one 零, no leading/trailing 零."""
    out: list[str] = []
    pending_zero = False
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[position])
    return "".join(out)


def _yuan_capital(yuan: int) -> str:
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    out = ""
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or group < 1000):
            out += "零"
        out += _four_digits(group) + _GROUP_UNITS[index]
        need_zero = False
    return out


def to_capital(fen: int, *, prefix: bool = False) -> str:
    """大写金额 per DOMAIN §2.1 (the first form of each vector). ``prefix`` adds 人民币."""
    fen = int(fen)
    sign = "负" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), FEN_PER_YUAN)
    jiao, fen_digit = divmod(rest, 10)
    head = "人民币" if prefix else ""
    if yuan == 0 and rest == 0:
        return f"{head}零元整"
    text = _yuan_capital(yuan) + "元" if yuan else ""
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif fen_digit and yuan:
        text += "零"
    if fen_digit:
        text += _DIGITS[fen_digit] + "分"
    else:
        text += "整"
    return head + sign + text

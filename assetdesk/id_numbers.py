"""ID numbers and telephone numbers of counterparties: what makes one well-formed, and why not.

- 居民身份证号码 (GB 11643): 6-digit region, birth date YYYYMMDD, 3-digit sequence, check digit
  (0-9 or X). The old 15-digit number has a 6-digit date YYMMDD (19YY) and no check digit. The
  residence permits of 港澳台 residents and the 2023 permanent-residence card of foreigners have the
  same 18-digit form, so they are checked the same way.
- 统一社会信用代码 (GB 32100): 18 characters from 0-9 and the capitals without I O S V Z; the 1st is
  the registration authority (1 机构编制, 5 民政, 9 市场监管, Y 其他 …), the 18th a check character.
- Anything else with letters (passport, 港澳通行证, 台胞证, an old 组织机构代码 "12345678-9") is not
  checked: it may be a real document the rules here do not know.

Every check returns ``None`` for a good value or the reason in the clerk's words. The checks are
cheap (an import checks 50,000 numbers): the weighted sums are read with ``int(text, base)``,
since the weights are powers (2^k mod 11 with base 13, 3^k mod 31 with base 34 reversed).
"""
from __future__ import annotations

import calendar
import re
import unicodedata

PERSON = "个人"
ORGANISATION = "单位"

RESIDENT_CHECK_DIGITS = "10X98765432"  # by the weighted sum mod 11
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# each credit-code character → its value written as a base-34 digit; letters GB 32100 leaves out fail int()
_CODE_TO_BASE34 = str.maketrans({**{c: "0123456789abcdefghijklmnopqrstuvwx"[v] for v, c in enumerate(_CODE_CHARS)},
                                 **{c: "#" for c in "IOSVZ+-_ \t"}})
REGISTRATION_AUTHORITIES = frozenset("123456789ANY")
_SCIENTIFIC_RE = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+")
_MIN_PHONE_DIGITS = 7

SCIENTIFIC_REASON = ("Excel 把号码变成了科学计数法（{text}），后面几位数字已经丢失，无法还原；"
                     "请把这一列设为“文本”格式，再重新输入完整的号码")


def is_scientific(text: str) -> bool:
    """"5.30802E+17": a long number Excel displayed (and a CSV kept) in scientific notation."""
    return ("E" in text or "e" in text) and _SCIENTIFIC_RE.fullmatch(text) is not None


# "MMDD" of every day of a leap year: with the year 1900-2099 (and 0229 only in leap years), a real date
MONTH_DAYS = frozenset(f"{month:02d}{day:02d}"
                       for month, last in enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1)
                       for day in range(1, last + 1))


_BIRTH_DATES: frozenset[str] = frozenset()


def birth_dates() -> frozenset[str]:
    """Every "YYYYMMDD" of 1900-2099, made on first use (73,000 strings, a few MB): one set lookup
    tells a real birth date, where an import checks 50,000 ID numbers."""
    global _BIRTH_DATES
    if not _BIRTH_DATES:
        days = sorted(MONTH_DAYS)
        _BIRTH_DATES = frozenset(f"{year}{day}" for year in range(1900, 2100) for day in days
                                 if day != "0229" or calendar.isleap(year))
    return _BIRTH_DATES


def _real_date(text: str) -> bool:
    """"YYYYMMDD" is a day of 1900-2099."""
    year = text[:4]
    if text[4:] not in MONTH_DAYS or not "1900" <= year <= "2099" or not year.isdigit():
        return False
    return text[4:] != "0229" or calendar.isleap(int(year))


def is_good_resident_id(code: str) -> bool:
    """The common case, quickly: an 18-character 身份证号码 with a real birth date and check digit."""
    body = code[:17]
    return len(code) == 18 and body.isdigit() and body.isascii() and _real_date(code[6:14]) \
        and RESIDENT_CHECK_DIGITS[2 * int(body, 13) % 11] == code[17]


def resident_id_problem(code: str) -> str | None:
    """Why ``code`` (digits, upper-case X) is not a 居民身份证号码; ``None`` when it is one."""
    if not code.isascii():
        return f"身份证号码“{code}”中有非数字字符"
    if len(code) == 18:
        body = code[:17]
        if not body.isdigit() or not (code[17].isdigit() or code[17] == "X"):
            return f"身份证号码“{code}”应为 17 位数字加 1 位数字或 X"
        if not _real_date(code[6:14]):
            return f"身份证号码“{code}”中的出生日期 {code[6:10]}-{code[10:12]}-{code[12:14]} 不存在，请核对"
        if RESIDENT_CHECK_DIGITS[2 * int(body, 13) % 11] != code[17]:
            return f"身份证号码“{code}”的校验位（第 18 位）不符，号码中可能有数字抄错或前后颠倒，请对照证件核对"
        return None
    if len(code) == 15 and code.isdigit():
        if not _real_date("19" + code[6:12]):
            return f"15 位身份证号码“{code}”中的出生日期 19{code[6:8]}-{code[8:10]}-{code[10:12]} 不存在，请核对"
        return None
    return f"身份证号码应为 18 位（旧证 15 位），“{code}”是 {len(code)} 位"


def is_resident_id(code: str) -> bool:
    return (len(code) == 18 or len(code) == 15) and resident_id_problem(code) is None


def credit_check_character(body: str) -> str:
    """The GB 32100 check character of the first 17 characters ``body``; "" when a character is
    not one a 统一社会信用代码 uses."""
    try:
        return _CODE_CHARS[-int(body[16::-1].translate(_CODE_TO_BASE34), 34) % 31]
    except ValueError:
        return ""


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` (upper case) is not a 统一社会信用代码; ``None`` when it is one."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，“{code}”是 {len(code)} 位"
    check = credit_check_character(code)
    if not check:
        return f"统一社会信用代码“{code}”只能由数字和大写字母组成（不用 I、O、S、V、Z），请核对"
    if code[17] != check:
        return f"统一社会信用代码“{code}”的校验码（第 18 位）不符，代码中可能有字符抄错，请对照营业执照或登记证书核对"
    return None


def is_credit_code(code: str) -> bool:
    return len(code) == 18 and code[0] in REGISTRATION_AUTHORITIES and credit_code_problem(code) is None


def implied_kind(code: str) -> str:
    """单位 for a well-formed 统一社会信用代码 that is not also a well-formed 身份证号码, 个人 for a
    well-formed 身份证号码, "" when the number says nothing."""
    if len(code) == 18:
        if code[:17].isdigit() and resident_id_problem(code) is None:
            return PERSON
        if is_credit_code(code):
            return ORGANISATION
    elif len(code) == 15 and code.isdigit() and resident_id_problem(code) is None:
        return PERSON
    return ""


def id_code_problem(code: str, kind: str) -> str | None:
    """Why ``code`` cannot be the 证件号码 of a counterparty of ``kind`` (个人 / 单位); ``None`` if it can.

    A 个人's 18- or 15-digit number must be a real 身份证号码 (an all-digit number of another length
    is a mistake); a 单位's 18-character code must be a real 统一社会信用代码 or, for a 个体工商户
    registered under its owner, a real 身份证号码. Numbers with letters in other shapes pass.
    """
    if not code:
        return None
    if is_scientific(code):
        return SCIENTIFIC_REASON.format(text=code)
    if not any(c.isdigit() for c in code):
        return f"证件号码“{code}”中没有数字；没有证件号码时请留空"
    digits = code.isdigit() or (code[:-1].isdigit() and code[-1] == "X")
    if kind == ORGANISATION:
        if len(code) != 18 or is_credit_code(code):
            return None
        if digits and resident_id_problem(code) is None:
            return None
        problem = credit_code_problem(code)
        if problem is None:  # the right check character, but no registration authority starts with that
            return f"统一社会信用代码“{code}”的第 1 位（登记管理部门代码）不对，请核对"
        if digits:
            return f"“{code}”既不是有效的统一社会信用代码，也不是有效的身份证号码（校验位不符），请对照证照核对"
        return problem
    if (len(code) == 18 and code[:17].isdigit()) or digits:
        return resident_id_problem(code)
    if len(code) == 18 and code[0] in REGISTRATION_AUTHORITIES:  # a 个体工商户's credit code
        return credit_code_problem(code)
    return None


def normalise_id_code(text: str) -> str:
    """A number as typed made plain: full-width characters half-width, no spaces, letters upper-case
    ("１１０１ ０１１９…x" → "110101…X")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).upper()


def normalise_phone(text: str) -> str:
    """Full-width digits and signs made plain ("１３５…" → "135…"), runs of spaces made one."""
    if text.isascii():
        return text.strip() if "  " not in text else " ".join(text.split())
    return " ".join(unicodedata.normalize("NFKC", text).split())


def phone_problem(text: str) -> str | None:
    """Why ``text`` (after ``normalise_phone``) is not a telephone number: fewer than 7 digits.

    Extensions, area codes, two numbers in one cell ("0879-2123456 / 13800000000") and a word
    around them ("手机 138…") are all fine."""
    if not text:
        return None
    if len(text) >= _MIN_PHONE_DIGITS and text.isdigit():
        return None
    if is_scientific(text):
        return SCIENTIFIC_REASON.format(text=text)
    if sum(c.isdigit() for c in text) < _MIN_PHONE_DIGITS:
        return f"电话“{text}”不像电话号码（至少应有 {_MIN_PHONE_DIGITS} 位数字）；没有电话时请留空"
    return None


def with_resident_check(body: str) -> str:
    """The 17 digits ``body`` completed with their GB 11643 check digit (for generated examples)."""
    return body + RESIDENT_CHECK_DIGITS[2 * int(body, 13) % 11]


def with_credit_check(body: str) -> str:
    """The 17 characters ``body`` completed with their GB 32100 check character."""
    return body + credit_check_character(body)

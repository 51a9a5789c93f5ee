"""How other programs' workbooks write an account: its code, its name, and the chart's class headings.

Shared by the 科目表 and 期初余额 kinds (DOMAIN §3.1: an account is matched by its code AND its name,
never by code alone, because the 2004 system gave some codes to other accounts).

- Codes: 金蝶 separates levels with dots or dashes ("102.01", "112.01.01", "102-02"); each level after
  the first has two digits, as in the books (10201, 1120101).
- Names: a 科目名称 column may hold the leaf name ("基本存款户"), the full name in any of the usual
  spellings ("银行存款—基本存款户", "银行存款-基本存款户", "银行存款/基本存款户", "应收款\\应收租金\\门面房"),
  or an indented breakdown ("其中：基本存款户"). Whether a name is an account's is ``account_names``'s
  to say; here a chart's sub-account gets its own name out of a full one.
- A row holding only 资产类 / 负债类 / 所有者权益类 / 成本类 / 损益类 (numbered or not) is a heading.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from .account_names import AccountNames, plain_name
from .base import ParsedRow, RowError

CODE_RULE = "科目编码应为 3 位一级科目编码加每级 2 位数字，例如 50101（也可写作 501.01）"
_PLAIN_CODE_RE = re.compile(r"^\d{3}(?:\d{2})*$")
_LEVELS_RE = re.compile(r"^(\d{3})((?:[.\-·/_]\d+)+)$")
_SEPARATORS_RE = re.compile(r"\s*(?:——|—|－|–|-|/|／|\\|＼|_|＿|·|>|＞|\|)\s*")
_BREAKDOWN_RE = re.compile(r"^其中\s*[:：]?\s*")
_CLASS_HEADING_RE = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]\s*)?(?:资产|负债|所有者权益|净资产|权益|成本|损益|共同)类?(?:科目)?$")


def plain_code(code: str) -> str | None:
    """"102.01" → "10201", "112.01.01" → "1120101", "10201" as it is; ``None`` when the code does
    not follow 3 digits plus 2 per level (an enterprise "1002", a level of one digit "102.1")."""
    if _PLAIN_CODE_RE.match(code):
        return code
    match = _LEVELS_RE.match(code)
    if not match:
        return None
    levels = re.split(r"[.\-·/_]", match.group(2))[1:]
    if any(len(level) % 2 for level in levels):
        return None
    return match.group(1) + "".join(levels)


def _code_cell(row: ParsedRow) -> Any:
    """The 科目编码 cell as the reader gave it (a float when typed as a number)."""
    where = row.where.get("code")
    return row.raw[where[0]] if where is not None and where[0] < len(row.raw) else None


def normalise_codes(rows: Sequence[ParsedRow], names: AccountNames | None = None) -> list[RowError]:
    """Write each row's code in the books' form; a code that cannot be is an error on its cell,
    saying which account of the books the name beside it is (1001 现金 → 101 库存现金) when ``names`` can."""
    errors = []
    for row in rows:
        code = plain_code(row["code"])
        if code is not None:
            row.values["code"] = code
            continue
        hint = _name_hint(row, names) if names is not None else ""
        if isinstance(_code_cell(row), float) and "." in row["code"]:
            # 112.10 typed in a number column: Excel keeps the number 112.1, the trailing 0 is gone
            hint += ("；编码是按数字存的，末尾的 0 已被 Excel 去掉（例如 112.10 存成了 112.1）："
                     "请把该列设为“文本”格式后重新填写")
        errors.append(row.error("code", CODE_RULE + hint))
    return errors


def _name_hint(row: ParsedRow, names: AccountNames) -> str:
    """Which account of the books the name beside a bad code is (1001 现金 → 101 库存现金), or ""."""
    name = written_name(row.values.get("name"))
    known = sorted(names.codes_for(name), key=lambda c: (len(c), c)) if name else []
    return f"；“{name}”在账中是 {known[0]} {names.full_name(known[0])}" if known else ""


def written_name(text: Any) -> str:
    """The name as the clerk meant it: spaces around it (full-width too) and a 其中： prefix go
    ("  其中：基本存款户" → "基本存款户"); the rest is kept as written."""
    return _BREAKDOWN_RE.sub("", str(text or "").strip()).strip()


def leaf_name(names: AccountNames, parent_code: str, text: Any) -> tuple[str, str]:
    """(the sub-account's own name, "") for a sub-account of ``parent_code`` written plainly or as
    "上级—明细" in any spelling (银行存款-基本存款户, 应收款\\应收租金\\门面房); ("", reason) when the
    levels written above it name another account than its parent. A hyphen inside a name that
    does not follow its parent's name (A-1栋) is part of the name."""
    text = written_name(text)
    parent = names.own_spellings(parent_code)
    for match in _SEPARATORS_RE.finditer(text):
        rest = text[match.end():].strip()
        if rest and plain_name(text[: match.start()]) in parent:
            return written_name(rest), ""
    first, *rest = _SEPARATORS_RE.split(text, maxsplit=1)
    others = sorted(code for code in names.codes_for(first) if code != parent_code) if rest and rest[0].strip() else []
    if others:
        return "", (f"名称中的上级科目“{first}”与编码表示的上级科目“{parent_code} {names.full_name(parent_code)}”不符，"
                    "请核对科目编码和名称")
    return text, ""


def is_class_heading(cells: Sequence[Any]) -> bool:
    """A row whose only filled cell is a class heading of the chart (资产类, 一、负债类, 损益类科目)."""
    filled = [cell for cell in cells if cell is not None and str(cell).strip()]
    return len(filled) == 1 and isinstance(filled[0], str) and bool(
        _CLASS_HEADING_RE.match(re.sub(r"\s+", "", unicodedata.normalize("NFKC", filled[0]))))


def drop_class_headings(rows: list[ParsedRow], errors: list[RowError]) -> tuple[list[ParsedRow], list[RowError]]:
    """The rows of a sheet without its class headings, and without the errors their empty cells made."""
    headings = {(row.sheet, row.row) for row in rows if is_class_heading(row.raw)}
    if not headings:
        return rows, errors
    return ([row for row in rows if (row.sheet, row.row) not in headings],
            [error for error in errors if (error.sheet, error.row) not in headings])

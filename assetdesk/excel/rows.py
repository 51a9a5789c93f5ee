"""Which rows of a district table are not data (DOMAIN §8), judged from their text alone.

Blank rows; totals (合计, 东片区小计), sign-off and note rows; breakdown rows (其中：老旧小区) that
restate part of the row above; end markers (以下空白, 此页无正文) after which the table has nothing
more; group headings (一、东片区, or a group's bare name: 西片区), which may carry their group's
subtotals beside them.
Also the group a sheet stands for when its name or title names one (东片区, 第一网格).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

_SKIP_RE = re.compile(
    r"^(?:(?:总计|合计|小计|本页合计|本页小计|本月合计|本年累计)\s*[:：]?.*"
    r"|[^\d\s]{1,8}(?:合计|小计|总计)[:：]?"  # 资产类合计, 东片区小计
    r"|(?:填表人|制表人|审核人|审核|负责人|单位负责人|填报人|填报日期|填报单位|制表日期|经办人|复核人?|记账人?|会计主管|收款人|出纳|制单人?)\s*[:：].*"
    r"|(?:说明|注|附注|备注|填表说明)\s*\d*\s*[:：、.].*|注|说明"
    r"|其中.*)$",  # 其中：老旧小区 — part of the row above, already counted there
    re.S,
)
_END_RE = re.compile(
    r"^[(（]?(?:以下|(?:此|本)页(?:以下)?|(?:此|本)表(?:以下)?)(?:均为|为)?(?:空白|无正文|无内容|无数据|空)[页行]?[)）。.]?$")
_WHITESPACE_RE = re.compile(r"\s+")
_HEADING_RE = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}[)）、.．]\s*")
_NUMBERED_RE = re.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|[(（]?\d{1,2}[)）、.．])\s*")
_NUMBER_RE = re.compile(r"^[-+]?[¥￥]?[\d,.]+%?$")
GROUP_SUFFIXES = ("片区", "网格", "街区")
_GROUP_RE = re.compile(r"(片区|网格|街区)(?![化员长])")
_GROUP_BOUNDARY_RE = re.compile(r".*(?:社区|街道|办事处|居委会|村委会|委员会|镇|乡|村|县|市|省|区|的)")
_NOT_A_GROUP = ("所有", "全部", "各个", "各", "全", "本", "每", "分", "按")
_LIST_MARKS = ("、", ",", "/", "和", "及", "与")
_GROUP_CHARS = r"[\u4e00-\u9fff0-9A-Za-z]"


def first_text(cells: Sequence[Any]) -> tuple[int, Any, str | None]:
    """(position, cell, normalised text) of the first filled cell; text ``None`` when it is a
    number or date; position -1 for a blank row."""
    for position, cell in enumerate(cells):
        if cell is None or cell == "":
            continue
        if isinstance(cell, str):
            text = _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", cell))
            if not text:
                continue
            return position, cell, text
        return position, cell, None
    return -1, None, None


def row_kind(cells: Sequence[Any], text_at: tuple[int, Any, str | None] | None = None) -> str | None:
    """Why a row is not data: "blank"; "skip" (total, sign-off, note, 其中 breakdown); "end" (以下空白:
    nothing after it belongs to the table); "heading" (a numbered group title, alone or with its
    subtotals). ``None`` for a row that may be data. ``text_at``: ``first_text(cells)`` if known."""
    position, _, text = text_at or first_text(cells)
    if position < 0:
        return "blank"
    if text is None:
        return None
    if _SKIP_RE.match(text):
        return "skip"
    if _END_RE.match(text):
        return "end"
    if (_HEADING_RE.match(text) and _HEADING_RE.sub("", text, count=1) or _is_group_name(text)) \
            and _rest_is_numbers(cells, position):
        return "heading"
    return None


def _is_group_name(text: str) -> bool:
    """"东片区", "2、西片区", "第一网格": a row's title that is a group's name and nothing more."""
    text = _NUMBERED_RE.sub("", text, count=1)
    return text.endswith(GROUP_SUFFIXES) and named_group(text) == text


def skip_reason(row: Sequence[Any]) -> str | None:
    """``row_kind`` with an end marker counted as one more row to skip (for callers outside a table)."""
    kind = row_kind(row)
    return "skip" if kind == "end" else kind


def _rest_is_numbers(row: Sequence[Any], position: int) -> bool:
    """After a heading's title only blanks or figures (the group's subtotals, ignored) may follow."""
    for cell in row[position + 1:]:
        if cell is None or isinstance(cell, (int, float)):
            continue
        if isinstance(cell, str):
            text = _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", cell))
            if text and not _NUMBER_RE.match(text):
                return False
            continue
        return False
    return True


def heading_text(cells: Sequence[Any]) -> str:
    """"一、东片区", "2.西片区" → "东片区", "西片区": the group a heading row opens, without its numbering."""
    text = next(str(cell) for cell in cells if cell is not None and str(cell).strip())
    return _NUMBERED_RE.sub("", unicodedata.normalize("NFKC", text).strip(), count=1).strip()


def named_group(text: Any) -> str:
    """The group a sheet name or title names: "东片区" → "东片区", "兰花社区第一网格小区统计表" →
    "第一网格"; "" when it names none, or several ("东、西片区"), or all of them ("各片区")."""
    if not isinstance(text, str):
        return ""
    cleaned = _HEADING_RE.sub("", _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text)), count=1)
    found = set()
    for match in _GROUP_RE.finditer(cleaned):
        tail = re.search(rf"{_GROUP_CHARS}{{0,8}}$", cleaned[: match.start()])
        run = tail.group(0) if tail else ""
        before = _GROUP_BOUNDARY_RE.sub("", run)
        if cleaned[match.start() - len(run) - 1: match.start() - len(run)] in _LIST_MARKS \
                or any(mark in before for mark in _LIST_MARKS):
            return ""  # 东片区、西片区: the sheet lists several
        if before and not before.startswith(_NOT_A_GROUP):
            found.add(before + match.group(1))
    return found.pop() if len(found) == 1 else ""

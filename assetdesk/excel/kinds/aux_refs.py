"""核算项目 as other programs' 科目余额表 write them, and the records of the books they name.

金蝶 and 用友 list an account's balance by 核算项目 (辅助核算) under it, in many spellings:

- the record alone: "普洱茶源商贸有限公司", "  张三" (indented under its account);
- with its category: "往来单位：普洱茶源商贸有限公司", "[客户]普洱茶源…", "【小区】兰园小区", "客户-001 普洱茶源…",
  "客户---001---普洱茶源…"; several dimensions in one cell: "客户:001 普洱茶源/小区:XQ001 兰园小区";
- with the other program's code of the record before the name ("001 普洱茶源…", "[001]普洱茶源…"),
  or an ID number after it ("张三（110101199001011237）");
- in columns of their own: 核算项目类别 | 核算项目编码 | 核算项目名称, or 客户 / 供应商 / 往来单位 / 小区.

A text becomes ``AuxRef`` readings (dimension if stated, code, name); ``Records`` finds the record
each means among the books' 往来单位 (by name or 证件号码) and 小区 (by code or name). Another
program's record code is no code of ours: it is used only where it is ours too (小区 XQ001, an ID
number), and the name decides otherwise.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assetdesk.dimensions import BY_KEY
from assetdesk.id_numbers import normalise_id_code
from assetdesk.names import normalise_name

if TYPE_CHECKING:
    from assetdesk.services.books import Books
    from assetdesk.services.opening_breakdown import RecordRef

# the categories other programs write, and the dimension of the books each is
CATEGORY_WORDS: dict[str, str] = {
    **dict.fromkeys(("往来单位", "往来单位及个人", "往来", "往来户", "客户", "供应商", "单位", "个人", "职员", "员工",
                     "承租方", "承租人", "租户", "缴费人", "住户", "业主", "对方单位"), "counterparty"),
    **dict.fromkeys(("小区", "院落", "小区院落"), "compound"),
}
_SPLIT_RE = re.compile(r"\s*[/／;；|｜]\s*")
_BRACKETED_RE = re.compile(r"^[\[【(（<《〔]\s*([^\]】)）>》〕]{1,8}?)\s*[\]】)）>》〕]\s*(.*)$", re.S)
_LABELLED_RE = re.compile(r"^([\u4e00-\u9fffA-Za-z]{1,8}?)\s*(?:[:：]|-{1,3}|—{1,2}|_|－|/|／)\s*(.*)$", re.S)
_SPACED_RE = re.compile(r"^([\u4e00-\u9fff]{2,6})\s+(.*)$", re.S)
_CODE_RE = re.compile(r"^[\[【(（]?\s*([A-Za-z]{0,4}[-_.]?\d[\dA-Za-z\-_.]*)\s*(?:[\]】)）]|[\s\-—_:：、]+)\s*(.+)$",
                      re.S)
_TRAILING_ID_RE = re.compile(r"^(.+?)\s*[(（]\s*(?:证件号码|身份证号码?|统一社会信用代码|信用代码)?\s*[:：]?\s*"
                             r"([0-9A-Za-z]{15,18})\s*[)）]$", re.S)


@dataclass(frozen=True)
class AuxRef:
    """One record a 核算项目 text names: its dimension key when the text states one ("" when not),
    the category as written (客户), the code written with it ("" when none) and its name."""

    dimension: str
    category: str
    code: str
    name: str
    text: str  # as written, for the clerk's messages

    @property
    def shown(self) -> str:
        return self.name or self.code or self.text


def _plain(text: Any) -> str:
    return str(text or "").replace("\u3000", " ").strip()


def name_key(text: str) -> str:
    """What two spellings of one name share: full-width and half-width alike (李四（商铺） = 李四(商铺)),
    padding spaces between Chinese characters gone."""
    return normalise_name(unicodedata.normalize("NFKC", text or ""))


def split_category(text: str) -> tuple[str, str]:
    """"往来单位：普洱茶源" → ("往来单位", "普洱茶源"); "[客户]张三" → ("客户", "张三"); ("", text) when
    no category is written (a category is a known word, or any short word in brackets or before a colon)."""
    text = text.strip()
    for pattern, any_word in ((_BRACKETED_RE, True), (_LABELLED_RE, False), (_SPACED_RE, False)):
        match = pattern.match(text)
        if not match or not match.group(2).strip():
            continue
        word = match.group(1).strip()
        colon = pattern is _LABELLED_RE and re.match(r"^[^:：]{1,8}[:：]", text) is not None
        if word in CATEGORY_WORDS or (any_word and not re.fullmatch(r"[\dA-Za-z\-_.]+", word)) or colon:
            return word, match.group(2).strip()
    return "", text


def split_code(text: str) -> tuple[str, str]:
    """"001 普洱茶源" → ("001", "普洱茶源"); "[001]普洱茶源", "XQ001-兰园小区" alike; "张三（110101…）" →
    ("110101…", "张三"); ("", text) without a code. "1号院" keeps its number (no separator follows it)."""
    match = _TRAILING_ID_RE.match(text)
    if match:
        return normalise_id_code(match.group(2)), match.group(1).strip()
    match = _CODE_RE.match(text)
    if match and re.search(r"[\u4e00-\u9fffA-Za-z]", match.group(2)):
        return match.group(1).strip("-_."), match.group(2).strip()
    return "", text


def parse(text: Any, category: Any = "", code: Any = "") -> list[AuxRef]:
    """The records one 核算项目 cell names, with the category and code given by columns of their
    own (``category``, ``code``) when the table has them."""
    text, category, code = _plain(text), _plain(category), _plain(code)
    if not text and not code:
        return []
    parts = [part for part in _SPLIT_RE.split(text) if part] if text else [""]
    labelled = [split_category(part) for part in parts]
    if len(parts) > 1 and not all(word for word, _ in labelled):
        labelled = [split_category(text)]  # "A/B" without categories is one name with a slash in it
    refs = []
    for word, rest in labelled:
        word = word or category
        own_code, name = split_code(rest) if rest else ("", "")
        refs.append(AuxRef(CATEGORY_WORDS.get(word, "?" if word else ""), word, own_code or code, name, text or code))
    return refs


class Records:
    """The books' records of each available dimension, found by what a 核算项目 text gives."""

    def __init__(self, books: Books):
        self._people: dict[str, list[Any]] = defaultdict(list)
        self._people_by_code: dict[str, Any] = {}
        for row in books.org.list_counterparties():
            self._people[name_key(row.name)].append(row)
            if row.id_code:
                self._people_by_code[row.id_code.upper()] = row
        self._compounds: dict[str, list[Any]] = defaultdict(list)
        self._compounds_by_code: dict[str, Any] = {}
        for compound in books.org.list_compounds():
            self._compounds[name_key(compound.name)].append(compound)
            self._compounds_by_code[compound.code.upper()] = compound

    def find(self, key: str, ref: AuxRef) -> tuple[int | None, str]:
        """(record id, "") or (None, why not) for ``ref`` in dimension ``key``'s register."""
        by_code, by_name = ((self._people_by_code, self._people) if key == "counterparty"
                            else (self._compounds_by_code, self._compounds))
        code = normalise_id_code(ref.code) if ref.code else ""
        if code and code in by_code:
            return by_code[code].id, ""
        names = [ref.name] + ([f"{ref.code} {ref.name}", f"{ref.code}{ref.name}"] if ref.code and ref.name else [])
        for name in names:
            found = by_name.get(name_key(name), []) if name else []
            if len(found) == 1:
                return found[0].id, ""
            if len(found) > 1:
                return None, _ambiguous(key, name, len(found))
        return None, missing_reason(key, ref.shown)

    def resolve(self, ref: AuxRef, carried: Iterable[str]) -> tuple[str, int | None, str]:
        """(dimension key, record id, "") for ``ref`` among the dimensions ``carried`` by its account,
        or (key, None, why not). A ref without a category is looked for in each carried dimension."""
        carried = [key for key in carried if BY_KEY[key].available]
        if ref.dimension == "?":
            labels = "、".join(BY_KEY[key].label for key in carried) or "往来单位、小区"
            return "", None, f"核算项目类别“{ref.category}”不是本账套的辅助核算（可用：{labels}）"
        keys = [ref.dimension] if ref.dimension else carried
        results = [(key, *self.find(key, ref)) for key in keys]
        hits = [result for result in results if result[1] is not None]
        if len(hits) == 1:
            return hits[0]
        if hits:
            labels = "和".join(BY_KEY[key].label for key, _, _ in hits)
            return hits[0][0], None, f"“{ref.shown}”既是{labels}，请在核算项目前写明类别（如“往来单位：{ref.shown}”）"
        ambiguous = next((result for result in results if "同名" in result[2]), None)
        return ambiguous or results[0] if results else ("", None, "")


def missing_reason(key: str, shown: str) -> str:
    if key == "counterparty":
        return f"往来单位“{shown}”不存在，请先导入往来单位及个人"
    if key == "compound":
        return f"小区“{shown}”不存在，请先导入片区与小区"
    return f"{BY_KEY[key].label}“{shown}”不存在"


def _ambiguous(key: str, name: str, count: int) -> str:
    if key == "counterparty":
        return (f"账中有 {count} 个同名的往来单位“{name}”，无法判断是哪一个："
                f"请在名称后加上证件号码，例如“{name}（证件号码）”")
    return f"账中有 {count} 个同名的小区“{name}”，请在名称前加上小区编码，例如“XQ001 {name}”"


def written(records: Iterable[RecordRef], codes: dict[tuple[str, int], str]) -> str:
    """How an export writes a breakdown row's records so the import finds them again:
    "往来单位：张三", with the 证件号码 or 小区编码 of a record whose name another record shares
    (``codes``: (dimension key, id) → that code)."""
    parts = []
    for record in records:
        code = codes.get((record.dimension, record.id), "")
        name = record.name if not code else f"{code} {record.name}" if record.dimension == "compound" \
            else f"{record.name}（{code}）"
        parts.append(f"{record.label}：{name}")
    return "；".join(parts)


def namesake_codes(books: Books) -> dict[tuple[str, int], str]:
    """(dimension key, id) → 证件号码 / 小区编码 of the records whose name another record shares."""
    codes: dict[tuple[str, int], str] = {}
    for key, rows, code_of in (("counterparty", books.org.list_counterparties(), lambda r: r.id_code),
                               ("compound", books.org.list_compounds(), lambda r: r.code)):
        by_name: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            by_name[name_key(row.name)].append(row)
        codes.update({(key, row.id): code_of(row) for same in by_name.values() if len(same) > 1 for row in same
                      if code_of(row)})
    return codes

"""Account names as other programs and clerks write them beside (or instead of) a 科目编码.

One account, many spellings: the full name with any separator (银行存款—基本存款户, 银行存款-基本存款户,
银行存款/基本存款户, 银行存款_基本存款户, 银行存款（基本存款户）, 银行存款 基本存款户), the leaf name alone
(基本存款户), the tail of a deeper path (租户—张三 for 应收款—租户—张三), the upper levels alone
(银行存款 for 10201, as journals that print the first-level name and the 明细 elsewhere do), and the
first level under its name in the enterprise chart or the 2004 system (应收账款—租户).

DOMAIN §3.1: the 2004 system reused codes (153/154 swapped …), so a code is checked against the name
written beside it and never trusted alone. Shared by every import that carries both columns
(the journal, the opening balances).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from assetdesk.services.chart import ACCOUNT_ALIASES

if TYPE_CHECKING:
    from assetdesk.services.accounts import AccountRow

_SEPARATORS_RE = re.compile(r"[\s\-—–_/\\：:－·.。()（）\[\]【】]")
_LEADING_CODE_RE = re.compile(r"^(\d{3,})\s*(.*)$", re.S)


def plain_name(text: str) -> str:
    """An account name without separators, half-width: 经营收入-租金收入 = 经营收入—租金收入 = 经营收入租金收入."""
    return _SEPARATORS_RE.sub("", unicodedata.normalize("NFKC", text or ""))


def split_code(text: str) -> tuple[str, str]:
    """"10201 银行存款/基本存款户" → ("10201", "银行存款/基本存款户"); ("", text) without a leading code."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    match = _LEADING_CODE_RE.match(text)
    return (match.group(1), match.group(2).strip()) if match else ("", text)


class AccountNames:
    """The chart's accounts (rows with ``code`` and ``name``, e.g. ``AccountRow``) by every name a
    file may give them."""

    def __init__(self, accounts: Iterable[AccountRow]):
        self.names = {account.code: account.name for account in accounts}
        self._own: dict[str, frozenset[str]] = {}
        self._matches: dict[tuple[str, str], bool] = {}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for code in self.names:
            for spelling in self.own_spellings(code):
                self._by_name[spelling].add(code)

    def full_name(self, code: str) -> str:
        """应收款—租户—张三: the names of the account and its ancestors."""
        return "—".join(self.names[c] for c in _path(code) if c in self.names)

    def own_spellings(self, code: str) -> frozenset[str]:
        """The plain names that stand for ``code`` itself: its full name, its leaf name, the tails of
        its path, with the first level also under its other names (应收账款 for 应收款)."""
        found = self._own.get(code)
        if found is None:
            levels = [self.names[c] for c in _path(code) if c in self.names]
            paths = [levels] + [[alias] + levels[1:] for alias in ACCOUNT_ALIASES.get(code[:3], ())]
            found = frozenset(plain_name("".join(path[start:])) for path in paths for start in range(len(path)))
            self._own[code] = found
        return found

    def matches(self, code: str, text: str) -> bool:
        """Whether ``text`` (a 科目名称 cell, perhaps with the code in front) names account ``code``
        or one of its ancestors (银行存款 beside 10201); a leading code must be ``code`` itself."""
        found = self._matches.get((code, text))
        if found is None:  # a journal repeats the same few pairs thousands of times
            leading, name = split_code(text)
            plain = plain_name(name)
            found = not (leading and leading != code) and (
                not plain or any(plain in self.own_spellings(c) for c in _path(code) if c in self.names))
            self._matches[(code, text)] = found
        return found

    def codes_for(self, text: str) -> set[str]:
        """The accounts ``text`` names (several when the name is shared: 租户 under 112 and under 211)."""
        return set(self._by_name.get(plain_name(text), ()))


def _path(code: str) -> list[str]:
    """"1120101" → ["112", "11201", "1120101"]: first level three digits, then two per level."""
    return [code[:end] for end in range(3, len(code) + 1, 2)] if len(code) >= 3 else [code]

"""Names of people, organisations and places as the books keep them.

Clerks pad short names to line them up in a printed list ("张  伟", "翠云 小区", "张　三" with an
ideographic space): those spaces are not part of the name, so 翠云 小区 is 翠云小区. Between Latin
words one space is kept ("ABC Company"), and a run of spaces is one space.
"""
from __future__ import annotations

import re

# CJK ideographs, CJK punctuation and full-width forms: no space belongs next to them on both sides
_CJK = "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
# Characters with no width that text copied from web pages or WeChat carries (zero-width space,
# joiners, word joiner, byte-order mark, soft hyphen): invisible to the clerk, so never part of a
# name, a code or a header; left in, 李娜\u200b would be a second 李娜. For ``str.translate``.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalise_name(text: str) -> str:
    """``text`` trimmed, without spaces between CJK characters, other runs of spaces made one."""
    if text.isalnum():  # most names: no space at all (CJK characters are alphanumeric)
        return text
    text = _BETWEEN_CJK.sub("", text.strip())
    return _SPACES.sub(" ", text) if " " in text or not text.isprintable() else text

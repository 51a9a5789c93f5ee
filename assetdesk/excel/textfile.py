"""Text tables (.csv / .tsv / .txt) as Excel and other programs save them (README, DOMAIN §8).

Encodings: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode 文本"), or on Chinese Windows GBK
(read as its superset GB18030). Separators: commas, tabs or semicolons, whichever the file uses.
Quoted fields follow the csv rules, so a line break typed inside a cell (Alt+Enter) stays in that
cell. The tricks used to keep a code as text when the file is opened in Excel — ``'0123`` and
``="0123"`` — read as the plain text ``0123``.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from assetdesk.errors import ImportFileError

from . import safety

SEPARATORS = (",", "\t", ";")
_SNIFF_RECORDS = 50
_EXCEL_TEXT_RE = re.compile(r'^="(.*)"$', re.S)


def read_text_table(path: Path) -> list[list[str]]:
    """Every record of the file as a list of cell texts."""
    text = _decode(path)
    if "\x00" in text:
        raise ImportFileError(f"“{path.name}”不是文本格式的 CSV 文件", safety._SAVE_AS_HINT)
    separator = _separator(text)
    try:
        return [[_plain(cell) for cell in record]
                for record in csv.reader(io.StringIO(text, newline=""), delimiter=separator)]
    except csv.Error as exc:  # a quote never closed swallows the rest of the file into one cell
        raise ImportFileError(f"“{path.name}”的格式有误，无法按表格读取（{exc}）",
                              "请检查文件中的英文双引号是否成对，或在 Excel 中另存为 .xlsx 再导入") from None


def _decode(path: Path) -> str:
    data = path.read_bytes()
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"“{path.name}”的文字编码无法识别", "请在 Excel 中另存为 .xlsx 再导入")


def _separator(text: str) -> str:
    """The separator that splits the first records most consistently (comma when in doubt)."""
    best, best_score = ",", 0
    for candidate in SEPARATORS:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=candidate)
        counts = []
        try:
            for record in records:
                if any(cell.strip() for cell in record):
                    counts.append(len(record))
                if len(counts) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        wide = [count for count in counts if count > 1]
        score = len(wide) * 2 + (max(wide) if wide else 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _plain(cell: str) -> str:
    """A cell as its text: ``="0123"`` → ``0123``, ``'0123`` → ``0123``; a line break typed in the
    cell stays (as ``\\n``)."""
    if "\r" in cell:
        cell = cell.replace("\r\n", "\n")
    if cell[:1] == "=":
        match = _EXCEL_TEXT_RE.match(cell.strip())
        if match:
            return match.group(1).replace('""', '"')
    elif cell[:1] == "'" and len(cell) > 1:
        return cell[1:]
    return cell

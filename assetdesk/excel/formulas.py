"""Formula cells that carry no calculated value.

Excel stores a formula's last result beside it, and readers (calamine, openpyxl's data_only) return
that result. A workbook written by a program rather than saved by Excel (a district script using
openpyxl, say) has the formula and no result: the reader then hands back an empty cell, and an
amount computed as =B2*C2 would silently import as nothing. This module finds such cells so the
import can refuse them by row and column instead.

Only the worksheet XML is looked at. It is streamed, and fully parsed only when it contains a
formula at all; the reader runs this beside calamine's own parse (which does not hold the GIL), so
a sheet without formulas costs no extra time.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

_CHUNK = 1 << 20
_CELL_RE = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]+)(\d+)"[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s/>]")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def uncached_formula_cells(path: str | Path) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → {(row index, column index)} (0-based) of formula cells without a value."""
    found: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name, member in _sheet_members(archive).items():
                if member in archive.namelist() and _has_formula(archive, member):
                    cells = _uncached(archive.read(member))
                    if cells:
                        found[name] = cells
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return {}  # the readers report a broken file in their own words
    return found


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part, from xl/workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    members = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet") or sheet.tag == "sheet":
            target = targets.get(sheet.get(f"{_REL_NS}id"), "")
            if target:
                members[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join("xl", target))
    return members


def _has_formula(archive: zipfile.ZipFile, member: str) -> bool:
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            # "<f" is a fast byte search; the pattern then tells <f> from <formula1> or <fill>
            if (b"<f" in chunk or b":f" in chunk) and _FORMULA_RE.search(chunk):
                return True
            if _FORMULA_RE.search(tail + chunk[:16]):
                return True
            tail = chunk[-16:]
    return False


def _uncached(xml: bytes) -> set[tuple[int, int]]:
    cells = set()
    for letters, digits, body in _CELL_RE.findall(xml):
        if _FORMULA_RE.search(body) and not _VALUE_RE.search(body) and b"<is>" not in body:
            cells.add((int(digits) - 1, _column_index(letters.decode())))
    return cells


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1

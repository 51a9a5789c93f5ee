"""What a sheet's XML says that a value reader does not hand over: formula cells that carry no
calculated value, and merged ranges.

Excel stores a formula's last result beside it, and readers (calamine, openpyxl's data_only) return
that result. A workbook written by a program rather than saved by Excel (a district script using
openpyxl, say) has the formula and no result: the reader then hands back an empty cell, and an
amount computed as =B2*C2 would silently import as nothing. This module finds such cells so the
import can refuse them by row and column instead. Some writers (xlsxwriter, used by pandas) store 0
as every formula's result and mark the workbook ``<calcPr fullCalcOnLoad="1"/>``: "the saved
results are not real, calculate on opening". Excel clears the mark when it saves; while it is
there, every formula cell counts as without a result, or each would import as 0.

openpyxl's read-only mode (the reader for .xlsx, see ``reader``) does not give merged ranges either;
they sit in ``<mergeCells>`` after the sheet's data, and ``reader`` needs them to fill a value merged
down over several rows into each row.

Only the worksheet XML is looked at, in one streamed pass per sheet that keeps just the short
``<mergeCells>`` tail; it is fully parsed only when it contains a formula at all. The reader runs
this beside its own parse.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

_CHUNK = 1 << 20
_CELL_RE = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]+)(\d+)"[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s/>]")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_MERGES_RE = re.compile(rb"<(?:\w+:)?mergeCells[\s>]")
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"')
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


Merge = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class SheetXml:
    """One sheet's facts: ``uncached`` (row, column) of formula cells without a value and
    ``merges`` ((top, left), (bottom, right)), all 0-based and inclusive, as calamine gives them."""

    uncached: set[tuple[int, int]] = field(default_factory=set)
    merges: list[Merge] = field(default_factory=list)
    stale: bool = False  # the workbook is marked fullCalcOnLoad: ``uncached`` is every formula cell


def scan_sheets(path: str | Path) -> dict[str, SheetXml]:
    """Sheet name → its ``SheetXml``; empty when the file is not a readable zip (the readers
    report a broken file in their own words)."""
    found: dict[str, SheetXml] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            present = set(archive.namelist())
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            stale = _results_stale(workbook)
            for name, member in _sheet_members(archive, workbook).items():
                if member in present:
                    found[name] = _scan(archive, member, stale)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return {}
    return found


def _results_stale(workbook: ElementTree.Element) -> bool:
    """The workbook asks to be calculated in full on opening: its saved results are placeholders."""
    return any(element.tag.rsplit("}", 1)[-1] == "calcPr" and element.get("fullCalcOnLoad", "").lower() in ("1", "true")
               for element in workbook)


def _sheet_members(archive: zipfile.ZipFile, workbook: ElementTree.Element) -> dict[str, str]:
    """Sheet name → its XML part, from xl/workbook.xml and its relationships."""
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


def _scan(archive: zipfile.ZipFile, member: str, stale: bool = False) -> SheetXml:
    has_formula = False
    merges_xml = b""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            if merges_xml:
                merges_xml += chunk
                continue
            window = tail + chunk
            # "<f" is a fast byte search; the pattern then tells <f> from <formula1> or <fill>
            if not has_formula and (b"<f" in window or b":f" in window) and _FORMULA_RE.search(window):
                has_formula = True
            if b"mergeCells" in window and (start := _MERGES_RE.search(window)):
                merges_xml = window[start.start():]
            tail = chunk[-16:]
    facts = SheetXml(merges=_merges(merges_xml), stale=stale)
    if has_formula:
        facts.uncached = _uncached(archive.read(member), stale)
    return facts


def _merges(xml: bytes) -> list[Merge]:
    merges = []
    for left, top, right, bottom in _MERGE_RE.findall(xml):
        if right and bottom:  # a one-cell "merge" (ref="A1") merges nothing
            merges.append(((int(top) - 1, _column_index(left.decode())), (int(bottom) - 1, _column_index(right.decode()))))
    return merges


def _uncached(xml: bytes, stale: bool = False) -> set[tuple[int, int]]:
    """Formula cells without a saved result; with ``stale``, every formula cell."""
    cells = set()
    for letters, digits, body in _CELL_RE.findall(xml):
        if _FORMULA_RE.search(body) and (stale or (not _VALUE_RE.search(body) and b"<is>" not in body)):
            cells.add((int(digits) - 1, _column_index(letters.decode())))
    return cells


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1

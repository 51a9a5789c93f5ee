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
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

_CHUNK = 1 << 20
_CELL_RE = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_REF_RE = re.compile(rb'\br="\$?([A-Z]+)\$?(\d+)"')
_TYPE_RE = re.compile(rb'\bt="(\w+)"')
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
    # formula cells whose saved value is a placeholder (the workbook is marked fullCalcOnLoad)
    placeholders: set[tuple[int, int]] = field(default_factory=set)


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
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ElementTree.ParseError, OSError, ValueError):
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
    facts = SheetXml(merges=_merges(merges_xml))
    if has_formula:
        facts.uncached, facts.placeholders = _formula_cells(archive.read(member), stale)
    return facts


def _merges(xml: bytes) -> list[Merge]:
    merges = []
    for left, top, right, bottom in _MERGE_RE.findall(xml):
        if right and bottom:  # a one-cell "merge" (ref="A1") merges nothing
            merges.append(((int(top) - 1, _column_index(left.decode())),
                           (int(bottom) - 1, _column_index(right.decode()))))
    return merges


Cells = set[tuple[int, int]]


def _formula_cells(xml: bytes, stale: bool) -> tuple[Cells, Cells]:
    """(formula cells without a saved result, those whose saved result is a placeholder: every
    one with a value when ``stale``). A text formula whose result is empty
    (=IFERROR(VLOOKUP(…),"") finding nothing: ``t="str"`` and ``<v/>``) has its result, the empty
    text. Cells are found by pattern when each carries its reference (r="D2", in any attribute
    order); a sheet that leaves references out (they are optional) is walked element by element."""
    found = _referenced_formulas(xml)
    if found is None:
        found = _counted_formulas(xml)
    missing = {cell for cell, has_result in found if not has_result}
    placeholders = {cell for cell, has_result in found if has_result} if stale else set()
    return missing, placeholders


def _referenced_formulas(xml: bytes) -> list[tuple[tuple[int, int], bool]] | None:
    """(cell, has a saved result) of each formula cell; ``None`` when one carries no reference."""
    found = []
    for attrs, body in _CELL_RE.findall(xml):
        if not _FORMULA_RE.search(body):
            continue
        ref = _REF_RE.search(attrs)
        if ref is None:
            return None
        kind = _TYPE_RE.search(attrs)
        has_result = bool(_VALUE_RE.search(body)) or b"<is>" in body or b":is>" in body \
            or (kind is not None and kind.group(1) == b"str")
        found.append(((int(ref.group(2)) - 1, _column_index(ref.group(1).decode())), has_result))
    return found


def _counted_formulas(xml: bytes) -> list[tuple[tuple[int, int], bool]]:
    """``_referenced_formulas`` for a sheet without cell references: rows and cells counted as
    they come (an ``r`` given on some of them still counts)."""
    found = []
    row = col = -1
    for element in ElementTree.fromstring(xml).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "row":
            row = int(element.get("r")) - 1 if element.get("r", "").isdigit() else row + 1
            col = -1
        elif tag == "c":
            ref = _REF_RE.search(f'r="{element.get("r", "")}"'.encode())
            col = _column_index(ref.group(1).decode()) if ref else col + 1
            parts = {child.tag.rsplit("}", 1)[-1]: child for child in element}
            if "f" not in parts:
                continue
            value = parts.get("v")
            has_result = (value is not None and (value.text or "").strip() != "") or "is" in parts \
                or element.get("t") == "str"
            found.append(((row, col), has_result))
    return found


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1

"""Refuse a file before any reader touches it (DOMAIN §8, TECH-NOTES Excel).

A renamed text file, a password-protected workbook or a zip bomb must end in one clear Chinese
message, never in a traceback or in gigabytes of memory: openpyxl's normal mode was driven to
2.5 GB by a 0.36 MB bomb. Everything here reads only the zip directory, a few bytes of the file
and the head of each sheet's XML.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from assetdesk.errors import ImportFileError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # real sheets compress 5–50×; bombs 1000× and more
RATIO_CHECK_FROM_BYTES = 1024 * 1024  # tiny members may compress well without harm
MAX_ROWS = 300_000
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")  # Excel's "CSV" and "Unicode text" (tab-separated) saves
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURE = b"PK\x03\x04"
_DIMENSION_RE = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)\d+:?([A-Z]*)(\d*)"')
_SAVE_AS_HINT = "请在 Excel 中打开后“另存为” Excel 工作簿（.xlsx）再导入"


def check_file(path: str | Path) -> str:
    """Return the format to read ("xlsx", "xlsx-far", "xls" or "csv") or raise ``ImportFileError``.

    Guarantees for "xlsx": a real zip holding a workbook, total uncompressed size and every
    member's compression ratio within bounds, and no sheet declaring more than ``MAX_ROWS`` rows.
    "xlsx-far" is the same except that some sheet declares more rows: usually one stray space
    typed far below the table (row 1048576), which a reader building the whole grid at once would
    turn into a gigabyte. Such a workbook is read row by row (``reader``), in bounded memory.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"找不到文件“{path.name}”", "请确认文件位置后重新选择")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        if path.stat().st_size > MAX_UNCOMPRESSED_BYTES:
            raise ImportFileError(f"“{path.name}”超过 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB，过大无法导入",
                                  "请把数据拆成几个文件分批导入")
        return "csv"
    head = _read_head(path)
    if head.startswith(OLE_SIGNATURE):
        return _check_ole(path)
    if not head.startswith(ZIP_SIGNATURE):
        raise ImportFileError(f"“{path.name}”{_what_else(path)}", _SAVE_AS_HINT)
    return "xlsx-far" if _check_zip(path) > MAX_ROWS else "xlsx"


def _what_else(path: Path) -> str:
    """What a file named like a workbook is instead. Web systems and 用友-style exports save a web
    page (HTML) or Excel 2003's XML under an .xls name; Excel opens both, so the clerk thinks them
    workbooks."""
    with path.open("rb") as handle:
        start = handle.read(2048).lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in start:
        return "是 Excel 2003 XML 格式的表格，不是 Excel 工作簿"
    if b"<html" in start or b"<table" in start:
        return "是网页（HTML）格式的表格，不是 Excel 工作簿（网上系统导出的“Excel”常是这种格式）"
    return "不是 Excel 工作簿（可能是改了扩展名的其他文件）"


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8)


def _check_ole(path: Path) -> str:
    """An OLE compound file is either an old .xls or an encrypted .xlsx (Excel wraps those in OLE),
    whatever its name says: an .xls renamed to .xlsx is read as the .xls it is."""
    if not _has_encryption_stream(path):
        return "xls"
    raise ImportFileError(
        f"“{path.name}”设置了打开密码（已加密），无法读取",
        "请在 Excel 中打开文件，取消“用密码进行加密”后另存为 .xlsx 再导入",
    )


def _has_encryption_stream(path: Path) -> bool:
    """Encrypted workbooks carry an ``EncryptionInfo`` stream; its name is stored in UTF-16."""
    marker = "EncryptionInfo".encode("utf-16-le")
    with path.open("rb") as handle:
        while chunk := handle.read(4 * 1024 * 1024):
            if marker in chunk:
                return True
    return False


def _check_zip(path: Path) -> int:
    """The checks above; returns the most rows any sheet declares."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise ImportFileError(f"“{path.name}”不是 Excel 工作簿", _SAVE_AS_HINT)
            _check_sizes(path, infos)
            return _declared_rows(archive, infos)
    except (zipfile.BadZipFile, zlib.error, EOFError):  # a damaged member fails as it is inflated
        raise ImportFileError(f"“{path.name}”已损坏或不是 Excel 工作簿", _SAVE_AS_HINT) from None


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(
            f"“{path.name}”解压后超过 {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB，过大无法导入",
            "请删除无关的工作表、图片后再导入，或把数据拆成几个文件",
        )
    for info in infos:
        if info.file_size >= RATIO_CHECK_FROM_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise ImportFileError(
                f"“{path.name}”的内容压缩比异常（可能是恶意构造的文件），已拒绝读取",
                "请确认文件来源；如确为正常台账，请在 Excel 中另存为新文件后再导入",
            )


def _declared_rows(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> int:
    """Read the ``<dimension ref="A1:J50001">`` near the top of each sheet, not the sheet itself."""
    return max((rows for rows, _ in _declared_sizes(archive, infos)), default=0)


def declared_cells(path: str | Path) -> int:
    """The most cells (rows × columns) any sheet declares; 0 when unknown. A sheet declaring
    A1:XFD50000 (one stray space far to the right) would be 800 million cells to a reader that
    builds the whole grid."""
    try:
        with zipfile.ZipFile(path) as archive:
            return max((rows * columns for rows, columns in _declared_sizes(archive, archive.infolist())), default=0)
    except (zipfile.BadZipFile, zlib.error, OSError):
        return 0


def _declared_sizes(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[tuple[int, int]]:
    sizes = []
    for info in infos:
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        with archive.open(info) as member:
            match = _DIMENSION_RE.search(member.read(4096))
        if match and match.group(3):
            sizes.append((int(match.group(3)), _column_number((match.group(2) or match.group(1)).decode())))
    return sizes


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def raise_too_many_rows(name: str, rows: int) -> None:
    """Shared by the zip check and the readers, which see the real count."""
    raise ImportFileError(
        f"“{name}”有 {rows} 行，超过一次导入的上限 {MAX_ROWS} 行",
        "请把数据拆成几个文件分批导入",
    )

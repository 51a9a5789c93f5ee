"""Excel exchange with the district (DOMAIN §8): read messy workbooks, import in two steps, write
exports that re-import unchanged, and blank templates. Core code: never imports Qt or ui.

The functions below are what the CLI and the UI call.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import importer
from .error_report import write_error_report
from .exports import export_file, export_trial_balance, kind_by_name
from .importer import ImportFileChangedError, ImportPreview, ImportRejectedError
from .kinds import KINDS, SheetKind
from .lease_sheets import export_arrears, export_rent_schedule
from .reader import sheet_names
from .template import write_template as _write_template
from .writer import export_table

if TYPE_CHECKING:
    from assetdesk.services.books import Books


def import_file(books: Books, kind: str | SheetKind, path: str | Path, dry_run: bool = False,
                sheet: str | None = None, progress: Callable[[int, int], None] | None = None) -> ImportPreview:
    """Validate ``path`` and, unless ``dry_run``, import it in one transaction.

    ``sheet`` reads that one sheet only (by default every sheet holding this kind's table).
    ``progress(rows read, rows the file declares, or 0 when it does not say)`` is called as an
    .xlsx is read (every 2,000 rows); whatever it raises (a cancel) stops the read and comes out of
    ``import_file`` as is.

    ``dry_run`` returns the preview (errors, new / changed / unchanged) and writes nothing; a real
    run raises ``ImportRejectedError`` (an ``InputError``; ``.preview`` holds the errors) when any
    row is wrong, and writes nothing then either. ``ImportFileError`` when the file is unreadable.
    """
    sheet_kind = kind_by_name(kind)
    if dry_run:
        return importer.preview(books, sheet_kind, path, sheet, progress)
    return importer.commit(books, sheet_kind, path, sheet, progress)


def commit_preview(books: Books, preview: ImportPreview, sheet: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ImportPreview:
    """Import what ``preview`` (a dry run) read, re-checked against the books as they are now.
    Raises as ``import_file``, and ``ImportFileChangedError`` (with the new check) when the file
    was saved again since the check: nothing the clerk was not shown is ever imported."""
    return importer.commit(books, preview.kind, preview, sheet, progress)


def write_template(kind: str | SheetKind, path: str | Path) -> Path:
    """Blank import template of ``kind`` with an example row and a 填写说明 sheet."""
    return _write_template(kind_by_name(kind), path)


__all__ = [
    "KINDS", "ImportFileChangedError", "ImportPreview", "ImportRejectedError", "commit_preview", "export_arrears",
    "export_file", "export_rent_schedule", "export_table", "export_trial_balance",
    "import_file", "sheet_names", "write_error_report", "write_template",
]

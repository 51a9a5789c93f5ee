"""What a book report covers: a month, a range of months or a year, and how that is printed.

The CLI passes ``--period 2025-03`` (or ``2025-01~2025-03``) or ``--year 2025``; the UI passes
``Period`` objects. Both end in ``PeriodRange`` (a value in ``assetdesk.periods``, also named here,
which the Excel exports share) so every report labels its period the same way.
"""
from __future__ import annotations

from assetdesk.periods import PeriodRange  # noqa: F401  (a value: defined with Period, named here too)


def community_name(books) -> str:
    """The community printed on every page; blank books still print (the name is then left empty)."""
    info = books.org.book()
    return info.community_name if info else ""


def print_font(books) -> str | None:
    """The ``pdf_font`` setting (a font file or family name); None lets fonts.py search."""
    settings = getattr(books, "settings", None)
    value = settings.get("pdf_font", "") if settings is not None else ""
    return value.strip() or None


def unclosed_year_note(books, period) -> str:
    """The warning a new year's trial balance and statements print while last year's 年终结转 is
    still to do: their 年初 figures then hold a result not yet carried to 未分配收益."""
    year = books.statements.unclosed_year(period)
    if year is None:
        return ""
    return f"注意：{year}年度尚未年终结转，年初数含{year}年未结转的损益"


def joined_notes(*notes: str) -> str:
    """Notes printed on one heading line, blank ones left out."""
    return "；".join(note for note in notes if note)

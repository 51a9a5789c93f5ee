"""Helpers for PDF tests: read a PDF back as text, page by page (what an auditor would see)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from assetdesk.pdf import fonts


def pdf_pages(path: str | Path) -> list[str]:
    """Text of every page, in order."""
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_text(path: str | Path) -> str:
    return "\n".join(pdf_pages(path))


@pytest.fixture()
def fresh_fonts():
    """Forget the per-process font choice before and after a test that changes the search."""
    fonts.clear_cache()
    yield fonts
    fonts.clear_cache()


@pytest.fixture()
def read_pdf():
    """``read_pdf(path) -> str``: all text; ``read_pdf.pages(path) -> list[str]``."""
    pdf_text.pages = pdf_pages
    return pdf_text


def pdf_font_names(path: str | Path) -> set[str]:
    """BaseFont names used on any page (e.g. ``AAAAAA+WenQuanYiMicroHei-0``, ``STSong-Light``)."""
    names: set[str] = set()
    for page in PdfReader(str(path)).pages:
        fonts_dict = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts_dict.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.fixture()
def font_names():
    return pdf_font_names

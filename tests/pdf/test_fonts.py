"""The CJK font: an embedded TrueType face when one exists, STSong-Light (never tofu) otherwise."""
from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

from assetdesk.pdf.report import ReportSpec, render_table_report

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
NOTO_CFF = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def test_falls_back_to_stsong_when_no_truetype_font_is_found(fresh_fonts, monkeypatch):
    monkeypatch.setattr(fresh_fonts, "_search_candidates", lambda: [])
    choice = fresh_fonts.register_cjk_font()
    assert choice.name == "STSong-Light"
    assert choice.embedded is False and choice.path is None


def test_fallback_font_still_prints_extractable_chinese(fresh_fonts, monkeypatch, tmp_path, read_pdf):
    monkeypatch.setattr(fresh_fonts, "_search_candidates", lambda: [])
    spec = ReportSpec("科目表", "兰花社区股份经济合作社", "2025年", columns=[("科目名称", 1)],
                      rows=[("库存现金",)], printed_on=date(2025, 4, 1))
    text = read_pdf(render_table_report(tmp_path / "x.pdf", spec))
    assert "库存现金" in text and "兰花社区股份经济合作社" in text


def test_choice_is_cached_per_process(fresh_fonts):
    assert fresh_fonts.register_cjk_font() is fresh_fonts.register_cjk_font()


@pytest.mark.skipif(not os.path.isfile(WQY), reason="fonts-wqy-microhei not installed")
def test_finds_an_embeddable_truetype_font_on_linux(fresh_fonts):
    choice = fresh_fonts.register_cjk_font()
    assert choice.embedded and choice.path.endswith((".ttc", ".ttf"))


@pytest.mark.skipif(not os.path.isfile(WQY), reason="fonts-wqy-microhei not installed")
def test_preferred_font_file_is_used(fresh_fonts):
    choice = fresh_fonts.register_cjk_font(WQY)
    assert choice.path == WQY and choice.embedded


@pytest.mark.skipif(not (os.path.isfile(WQY) and shutil.which("fc-list")), reason="needs fc-list")
def test_preferred_family_name_is_found_through_fontconfig(fresh_fonts):
    assert fresh_fonts.register_cjk_font("WenQuanYi Micro Hei").path == WQY


@pytest.mark.skipif(not os.path.isfile(NOTO_CFF), reason="Noto CJK (CFF) not installed")
def test_cff_font_is_refused_and_the_search_goes_on(fresh_fonts):
    choice = fresh_fonts.register_cjk_font(NOTO_CFF)
    assert choice.path != NOTO_CFF


def test_unusable_setting_falls_back_to_the_search(fresh_fonts, tmp_path):
    missing = str(tmp_path / "nosuch.ttf")
    choice = fresh_fonts.register_cjk_font(missing)
    assert choice.path != missing
    assert choice.name


def test_windows_font_folder_is_searched_first(fresh_fonts, monkeypatch, tmp_path):
    if not os.path.isfile(WQY):
        pytest.skip("needs a TrueType CJK file to copy")
    fonts_dir = tmp_path / "Windows" / "Fonts"
    fonts_dir.mkdir(parents=True)
    shutil.copy(WQY, fonts_dir / "simsun.ttc")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    choice = fresh_fonts.register_cjk_font()
    assert choice.path == str(fonts_dir / "simsun.ttc")

"""The Chinese font every printed page uses.

A report must show its Chinese on a clean Windows PC and on Linux, and keep showing it when the
file is mailed to the district: so an embeddable TrueType CJK font is preferred (SimSun, SimHei,
Microsoft YaHei on Windows; WenQuanYi, Droid Sans Fallback, AR PL on Linux). reportlab refuses
CFF-outline fonts (Debian's Noto CJK: "postscript outlines are not supported"); those are skipped.
When nothing usable is found the built-in CID font STSong-Light is used: not embedded (the viewer
supplies the glyphs) but never empty boxes.

The choice is made once per process per setting (``register_cjk_font`` caches it).
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

FALLBACK_CID_FONT = "STSong-Light"
_PROBE_CHARS = "中文合计贰"  # a font that lacks these is not a Chinese font for our purposes


@dataclass(frozen=True)
class FontChoice:
    """A registered font: ``name`` for reportlab, ``bold_name`` for titles and total rows.

    ``embedded`` is False only for the CID fallback, whose glyphs come from the PDF viewer.
    ``fake_bold``: no heavier face was found, so ``bold_name`` is the regular face registered under
    a second name and drawing code strokes its outlines to make it read as bold.
    """

    name: str
    path: str | None
    embedded: bool
    bold_name: str = ""
    fake_bold: bool = False

    @property
    def bold(self) -> str:
        return self.bold_name or self.name


@dataclass(frozen=True)
class _Candidate:
    path: str
    subfont: int = 0


def _windows_font_dirs() -> list[Path]:
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    dirs = [Path(windir) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed "for this user only" land here
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


# Regular faces in order of preference; SimSun is what printed Chinese ledgers look like.
_WINDOWS_FILES = ("simsun.ttc", "msyh.ttc", "simhei.ttf", "simkai.ttf", "simfang.ttf", "msyh.ttf")
_WINDOWS_BOLD_FILES = ("simhei.ttf", "msyhbd.ttc", "msyhbd.ttf")
_UNIX_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
# Family names a clerk may type in the setting, mapped to the files that hold them.
_FAMILY_FILES = {
    "simsun": "simsun.ttc", "宋体": "simsun.ttc", "nsimsun": "simsun.ttc",
    "simhei": "simhei.ttf", "黑体": "simhei.ttf",
    "microsoft yahei": "msyh.ttc", "微软雅黑": "msyh.ttc", "msyh": "msyh.ttc",
    "kaiti": "simkai.ttf", "楷体": "simkai.ttf", "fangsong": "simfang.ttf", "仿宋": "simfang.ttf",
}

_cache: dict[str | None, FontChoice] = {}


def register_cjk_font(preferred: str | None = None) -> FontChoice:
    """Register and return the CJK font for reports; cached per process and per ``preferred``.

    ``preferred`` (the print-font setting) may be a font file path or a family name (SimSun, 宋体,
    WenQuanYi Micro Hei ...). If it cannot be used the automatic search runs, so printing never
    fails because of a font setting.
    """
    key = (preferred or "").strip() or None
    if key not in _cache:
        _cache[key] = _choose(key)
    return _cache[key]


def _choose(preferred: str | None) -> FontChoice:
    if preferred:
        choice = _first_usable(_preferred_candidates(preferred))
        if choice:
            return choice
        log.warning("打印字体“%s”不可用，改用自动查找的中文字体", preferred)
    choice = _first_usable(_search_candidates())
    return choice or _cid_fallback()


def _preferred_candidates(preferred: str) -> list[_Candidate]:
    if Path(preferred).suffix.lower() in (".ttf", ".ttc", ".otf") or os.sep in preferred:
        return [_Candidate(preferred)]
    name = preferred.lower()
    found: list[_Candidate] = []
    if name in _FAMILY_FILES:
        found += [_Candidate(str(d / _FAMILY_FILES[name])) for d in _windows_font_dirs()]
    found += [_Candidate(path) for path in _fc_list(family=preferred)]
    return found


def _search_candidates() -> list[_Candidate]:
    """Known good files first (fast, predictable), then whatever fontconfig knows of for Chinese."""
    found = [_Candidate(str(d / f)) for d in _windows_font_dirs() for f in _WINDOWS_FILES]
    found += [_Candidate(path) for path in _UNIX_FILES]
    found += [_Candidate(path) for path in _fc_list()]
    return found


def _fc_list(family: str | None = None) -> list[str]:
    """Font files fontconfig lists for Chinese (or for ``family``); empty where there is no fc-list."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    pattern = f"{family}:lang=zh" if family else ":lang=zh"
    try:
        out = subprocess.run([exe, pattern, "file"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    paths = [line.split(":")[0].strip() for line in out.stdout.splitlines() if line.strip()]
    return sorted(set(paths), key=lambda p: (not p.lower().endswith((".ttf", ".ttc")), p))


def _first_usable(candidates: list[_Candidate]) -> FontChoice | None:
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.path in seen or not os.path.isfile(candidate.path):
            continue
        seen.add(candidate.path)
        name = _register_ttf(candidate)
        if not name:
            continue
        bold = _bold_companion(candidate.path)
        if bold:
            return FontChoice(name=name, path=candidate.path, embedded=True, bold_name=bold)
        alias = _register_ttf(candidate, suffix="-FakeBold")
        return FontChoice(name=name, path=candidate.path, embedded=True,
                          bold_name=alias or name, fake_bold=bool(alias))
    return None


def _register_ttf(candidate: _Candidate, suffix: str = "") -> str | None:
    """Register one TrueType file; None when reportlab refuses it (CFF outlines, damage, no CJK)."""
    name = "CJK-" + Path(candidate.path).stem + suffix
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        font = TTFont(name, candidate.path, subfontIndex=candidate.subfont)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        log.info("跳过字体 %s：%s", candidate.path, exc)
        return None
    if not all(ord(ch) in font.face.charToGlyph for ch in _PROBE_CHARS):
        log.info("跳过字体 %s：缺少中文字形", candidate.path)
        return None
    pdfmetrics.registerFont(font)
    return name


def _bold_companion(regular_path: str) -> str | None:
    """A heavier face beside a Windows regular font (SimHei for SimSun), used for titles/totals."""
    folder = Path(regular_path).parent
    for file in _WINDOWS_BOLD_FILES:
        path = folder / file
        if str(path) != regular_path and path.is_file():
            name = _register_ttf(_Candidate(str(path)))
            if name:
                return name
    return None


def _cid_fallback() -> FontChoice:
    log.warning("未找到可嵌入的中文 TrueType 字体，使用 %s（不嵌入）", FALLBACK_CID_FONT)
    if FALLBACK_CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
    return FontChoice(name=FALLBACK_CID_FONT, path=None, embedded=False, bold_name=FALLBACK_CID_FONT)


def clear_cache() -> None:
    """Forget the choices made (tests, or after the clerk changes the print-font setting)."""
    _cache.clear()

"""Look and feel in one place: fonts, the style sheet, icons from resources/icons.

``icon("vouchers")`` loads resources/icons/vouchers.svg (an empty icon when missing);
``icon("exchange", ACCENT)`` draws the same line icon in another colour (the navigation's light
lines would be faint on a white button).
Object names the style sheet knows: ``navigation`` (the left list), ``pageHeading``,
``card`` / ``cardTitle`` / ``cardValue`` (home-page tiles), ``statusOk`` / ``statusWarn``,
``primary`` (a QPushButton drawn as the main action).
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QSize
from PySide6.QtGui import QFont, QFontDatabase, QIcon, QImageReader, QPixmap

ACCENT = "#3d5a80"
ACCENT_LIGHT = "#e0e8f3"
WARN = "#c62828"
OK = "#2e7d32"

#: Preferred UI fonts: Windows first, then what Linux/macOS machines usually have.
FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                 "Noto Sans SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "SimHei"]


def resources_dir() -> Path:
    """resources/: inside a PyInstaller bundle, next to the package (source checkout or editable
    install), or where ``pip install .`` put it (``<prefix>/share/assetdesk/resources``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    beside = Path(__file__).resolve().parents[1] / "resources"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "assetdesk" / "resources"


NAV_ICON_STROKE = "#c9d6e8"


@lru_cache(maxsize=None)
def icon(name: str, colour: str = "") -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    if not colour:
        return QIcon(str(path))
    svg = QByteArray(path.read_text(encoding="utf-8").replace(NAV_ICON_STROKE, colour).encode("utf-8"))
    tinted = QIcon()
    for size in (16, 24, 32, 48):  # sharp on high-DPI screens too
        buffer = QBuffer(svg)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            tinted.addPixmap(QPixmap.fromImage(image))
    return tinted if not tinted.isNull() else QIcon(str(path))


def application_font() -> QFont:
    """Microsoft YaHei on Windows, the first available CJK sans font elsewhere, 10 pt."""
    available = set(QFontDatabase.families())
    families = [f for f in FONT_FAMILIES if f in available] or FONT_FAMILIES[:2]
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(10)
    return font


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f6f7f9; }}
#navigation {{
    background: #24344d; border: none; outline: none; padding-top: 8px;
    color: #dbe3ee; font-size: 11pt;
}}
#navigation::item {{ padding: 10px 14px; margin: 2px 8px; border-radius: 6px; }}
#navigation::item:hover {{ background: #2f4463; }}
#navigation::item:selected {{ background: {ACCENT}; color: white; }}
#navBrand {{ background: #24344d; color: white; font-size: 12pt; font-weight: bold; padding: 16px 14px 8px 18px; }}
#navFooter {{ background: #24344d; color: #8fa3bf; padding: 8px 18px 12px 18px; }}
#pageHeading {{ font-size: 16pt; font-weight: bold; color: #1f2d3d; padding-bottom: 4px; }}
#card {{ background: white; border: 1px solid #dde3ea; border-radius: 8px; }}
#cardTitle {{ color: #5f6b7a; }}
#cardValue {{ font-size: 15pt; font-weight: bold; color: #1f2d3d; }}
#statusOk {{ color: {OK}; font-weight: bold; }}
#statusWarn {{ color: {WARN}; font-weight: bold; }}
#card QLabel#statusOk, #card QLabel#statusWarn {{ font-size: 15pt; }}
#hint {{ color: #5f6b7a; }}
QGroupBox {{
    background: white; border: 1px solid #dde3ea; border-radius: 8px;
    margin-top: 14px; padding: 14px 12px 10px 12px; font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; color: #1f2d3d; }}
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox {{ font-weight: normal; }}
QLineEdit {{
    padding: 4px 6px; border: 1px solid #c5ced8; border-radius: 4px; background: white; min-height: 20px;
}}
QLineEdit:focus {{ border: 1px solid {ACCENT}; }}
QComboBox, QSpinBox {{ min-height: 24px; }}
QPushButton {{
    padding: 5px 14px; border: 1px solid #c5ced8; border-radius: 4px; background: white; min-height: 20px;
}}
QPushButton:hover {{ background: {ACCENT_LIGHT}; }}
QPushButton:default, QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:default:hover, QPushButton#primary:hover {{ background: #2f4a6d; }}
QPushButton:disabled {{ color: #9aa5b1; background: #eef1f4; }}
QTableView, QListWidget#attention {{
    background: white; border: 1px solid #dde3ea; border-radius: 4px;
    gridline-color: #edf0f3; selection-background-color: {ACCENT_LIGHT}; selection-color: #1f2d3d;
}}
QHeaderView::section {{
    background: #f0f3f6; border: none; border-bottom: 1px solid #dde3ea; border-right: 1px solid #e6eaee;
    padding: 5px 6px; font-weight: bold; color: #3b4756;
}}
QStatusBar {{ background: #eef1f4; color: #3b4756; }}
QStatusBar QLabel {{ padding: 0 10px; }}
QStatusBar QToolButton {{ padding: 1px 18px 1px 8px; }}
QToolTip {{ background: #fffbe6; color: #1f2d3d; border: 1px solid #e0d28a; }}
"""

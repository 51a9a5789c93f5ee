"""Stand-ins for the clerk's answers to Qt's static file dialogs in tests."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog


def save_as(monkeypatch, path) -> None:
    """The next 另存为 dialog answers ``path``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))

"""Where AssetDesk keeps its files on this machine (user data directory via platformdirs)."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "AssetDesk"


def data_dir() -> Path:
    """The user data directory (created on first use); ``ASSETDESK_HOME`` overrides it for tests."""
    path = Path(os.environ.get("ASSETDESK_HOME") or user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "assetdesk.db"


def log_dir() -> Path:
    path = Path(os.environ.get("ASSETDESK_HOME") or user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path

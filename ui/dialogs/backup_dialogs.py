"""文件 → 备份 / 恢复, and the automatic backup on exit.

* ``backup_now(parent, books)``: choose a file (default name in the backup folder), copy in the
  background, tell the clerk where it went.
* ``restore_backup(parent, books) -> bool``: choose a backup, confirm naming the file and the
  database it will replace, restore (on the GUI thread: the file is replaced under the open
  connection; the service keeps a copy of the current database and reopens). True when the database was replaced: the shell then reloads every page.
* ``auto_backup_on_exit(books)``: into the backup folder (setting ``backup_folder``), keeping the
  newest ``backup_keep`` (30) automatic copies. Server databases are skipped silently.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from ui.dialogs.error_dialog import attempt, show_error
from ui.workers import run_task_and_wait

AUTO_KEEP = 30


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupDialogs", text)


def _backup_folder(books) -> Path:
    folder = books.settings.get("backup_folder", "")
    return Path(folder) if folder else books.backup.default_folder()


def backup_now(parent: QWidget | None, books) -> Path | None:
    """Manual backup. Returns the backup file, or None when cancelled or refused."""
    if books.database_path is None:
        show_error(parent, _server_refusal())
        return None
    folder = _backup_folder(books)
    suggested = folder / f"{books.database_path.stem}-备份-{dt.datetime.now():%Y%m%d-%H%M}.db"
    path, _ = QFileDialog.getSaveFileName(parent, _tr("备份到"), str(suggested), _tr("AssetDesk 备份 (*.db)"))
    if not path:
        return None
    worker = run_task_and_wait(parent, _tr("正在备份…"), lambda control: books.backup.backup(path), cancellable=False)
    if worker.outcome != "succeeded":
        return None
    QMessageBox.information(parent, _tr("备份完成"), _tr("已备份到：\n{0}").format(worker.result))
    return Path(worker.result)


def restore_backup(parent: QWidget | None, books) -> bool:
    """Restore from a backup after an explicit confirmation; True when the database was replaced."""
    if books.database_path is None:
        show_error(parent, _server_refusal())
        return False
    path, _ = QFileDialog.getOpenFileName(parent, _tr("选择要恢复的备份文件"), str(_backup_folder(books)),
                                          _tr("AssetDesk 备份 (*.db);;所有文件 (*)"))
    if not path:
        return False
    question = _tr("用备份文件\n{0}\n替换当前数据库\n{1}\n吗？\n\n当前数据库会先另存一份副本，"
                   "但替换后在此之后录入的内容将不再显示。").format(path, books.database_path)
    answer = QMessageBox.question(parent, _tr("确认恢复备份"), question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    # On the GUI thread, not the worker: restoring closes and replaces the database file, and
    # peewee keeps one connection per thread, so it must run where the open connection lives.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        outcome = attempt(parent, books.backup.restore, path)
    finally:
        QApplication.restoreOverrideCursor()
    if not outcome:
        return False
    QMessageBox.information(parent, _tr("恢复完成"),
                            _tr("已恢复备份。原数据库的副本保存在：\n{0}").format(outcome.value))
    return True


def auto_backup_on_exit(books) -> Path | None:
    """The backup taken when the window closes; refusals are shown, nothing is raised."""
    if books is None or books.database_path is None:
        return None
    try:
        keep = int(books.settings.get("backup_keep", str(AUTO_KEEP)) or AUTO_KEEP)
    except ValueError:
        keep = AUTO_KEEP
    outcome = attempt(None, lambda: books.backup.auto_backup(_backup_folder(books), keep=keep))
    return outcome.value


def _server_refusal():
    from assetdesk.errors import DatabaseError

    return DatabaseError(_tr("服务器数据库请使用服务器的备份工具"), _tr("本功能只用于单机数据库文件"))

"""First run: open the books, and when the database is empty offer to create the 账套, open the
demo community, or open another database file.

``open_books_interactively(url, parent) -> Books | None`` is the single way the shell opens a
database (start-up, 文件 → 打开数据库 / 新建账套 / 最近打开, after a restore). It shows refusals
(locked, corrupt, newer version) in the error dialog and lets the clerk choose another file.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.periods import Period
from ui.dialogs.error_dialog import attempt, show_error
from ui.widgets.period_picker import PeriodPicker

DEMO_HOUSEHOLDS = 400
DEMO_SEED = 7
DATABASE_FILTER = "AssetDesk 数据库 (*.db *.sqlite);;所有文件 (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("WelcomeDialog", text)


class WelcomeDialog(QDialog):
    """Shown on an empty database. After ``exec()``: ``choice`` is ``CREATE`` (the 账套 now exists
    in ``books``), ``DEMO`` (open the demo community) or ``OPEN`` (``chosen_path``)."""

    CREATE, DEMO, OPEN = "create", "demo", "open"

    def __init__(self, books, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.choice: str | None = None
        self.chosen_path: str | None = None
        self.setWindowTitle(self.tr("欢迎使用 AssetDesk"))
        self.setMinimumWidth(600)

        title = QLabel(self.tr("欢迎使用 AssetDesk"))
        title.setObjectName("pageHeading")
        intro = QLabel(self.tr("当前数据库还没有账套。请填写本社区（集体经济组织）的信息建立账套，"
                               "或先打开演示社区看看。"))
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        location = QLabel(self.tr("数据库：") + str(getattr(books, "location", "")))
        location.setObjectName("hint")
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如：兰花社区股份经济合作社"))
        self.credit_edit = QLineEdit()
        self.credit_edit.setMaxLength(18)
        self.credit_edit.setPlaceholderText(self.tr("18 位，可以以后再填"))
        self.period_picker = PeriodPicker()
        today = dt.date.today()
        self.period_picker.set_periods([Period(today.year, m) for m in range(1, 13)])
        self.period_picker.set_period(Period(today.year, today.month))
        self.chart_combo = QComboBox()
        self.chart_combo.addItem(self.tr("2023 年制度（财会〔2023〕14号）"), "2023")

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("社区名称(&N)："), self.name_edit)
        form.addRow(self.tr("统一社会信用代码(&C)："), self.credit_edit)
        form.addRow(self.tr("启用期间(&P)："), self.period_picker)
        form.addRow(self.tr("会计制度(&V)："), self.chart_combo)

        self.create_button = QPushButton(self.tr("建立账套"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.demo_button = QPushButton(self.tr("打开演示社区(&D)"))
        self.demo_button.setAutoDefault(False)
        self.demo_button.clicked.connect(self._on_demo_clicked)
        self.open_button = QPushButton(self.tr("打开其他数据库(&O)…"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dde3ea;")
        others = QHBoxLayout()
        others.addWidget(self.demo_button)
        others.addWidget(self.open_button)
        others.addStretch(1)
        others.addWidget(self.quit_button)
        others.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(location)
        layout.addWidget(line)
        layout.addLayout(others)
        self.name_edit.setFocus()

    def _on_create_clicked(self) -> None:
        try:
            period = self.period_picker.period()
        except AssetDeskError as exc:
            show_error(self, exc)
            return
        outcome = attempt(
            self,
            self.books.org.setup_book,
            self.name_edit.text(),
            period,
            credit_code=self.credit_edit.text(),
            chart_version=self.chart_combo.currentData(),
        )
        if outcome:
            self.choice = self.CREATE
            self.accept()

    def _on_demo_clicked(self) -> None:
        self.choice = self.DEMO
        self.accept()

    def _on_open_clicked(self) -> None:
        path = ask_database_file(self)
        if path:
            self.choice = self.OPEN
            self.chosen_path = path
            self.accept()


def ask_database_file(parent: QWidget | None, title: str | None = None) -> str | None:
    """Ask for an existing database file; None when the clerk cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title or _tr("打开数据库"), "", _tr(DATABASE_FILTER))
    return path or None


def demo_database_path() -> Path:
    """Where the demo community lives: its own file in the user data directory, never the clerk's books."""
    home = os.environ.get("ASSETDESK_HOME")
    if home:
        folder = Path(home)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("AssetDesk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "演示社区.db"


def open_demo_books(parent: QWidget | None):
    """Open (building it on first use, in the background with progress) the demo community."""
    from assetdesk.services import open_books
    from ui.workers import run_task_and_wait

    outcome = attempt(parent, open_books, demo_database_path())
    if not outcome:
        return None
    books = outcome.value
    if books.is_initialised():
        return books
    try:
        from assetdesk.services.demo import build_demo
    except ImportError:
        books.close()
        show_error(parent, AssetDeskError(_tr("这个版本还没有演示数据"), _tr("请建立自己的账套")))
        return None

    def build(control):
        return build_demo(books, households=DEMO_HOUSEHOLDS, seed=DEMO_SEED, progress=control.progress)

    worker = run_task_and_wait(parent, _tr("正在生成演示社区的数据，请稍候…"), build, cancellable=False)
    if worker.outcome != "succeeded":
        books.close()
        return None
    return books


def open_books_interactively(url: str | os.PathLike | None, parent: QWidget | None):
    """Open the books at ``url`` (None = default file) ready for use, or None if the clerk gives up.

    Refusals are shown and another file can be chosen; an empty database shows ``WelcomeDialog``."""
    from assetdesk.services import open_books
    from ui.app import remember_database

    while True:
        outcome = attempt(parent, open_books, url)
        if not outcome:
            url = ask_database_file(parent)
            if url is None:
                return None
            continue
        books = outcome.value
        if books.is_initialised():
            remember_database(url or books.database_path or books.location)
            return books
        dialog = WelcomeDialog(books, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            books.close()
            return None
        if dialog.choice == WelcomeDialog.CREATE:
            remember_database(url or books.database_path or books.location)
            return books
        books.close()
        if dialog.choice == WelcomeDialog.OPEN:
            url = dialog.chosen_path
            continue
        demo = open_demo_books(parent)
        if demo is not None:
            remember_database(demo.database_path)
            return demo

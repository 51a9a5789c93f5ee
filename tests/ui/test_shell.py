"""The shell like a clerk uses it: first run, navigation, shortcuts, settings, backup/restore, smoke."""
import datetime as dt
import sys
import types

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from assetdesk.services.vouchers import LineInput, VoucherInput
from ui.app import recent_databases, settings
from ui.main_window import MainWindow
from ui.pages.base import Page


@pytest.fixture
def window(qtbot, books):
    win = MainWindow(books)
    win.set_auto_backup(False)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    yield win


def when_dialog_opens(action, cls_name="WelcomeDialog"):
    """Run ``action(dialog)`` once the modal dialog of that class is shown."""
    def poll():
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == cls_name and widget.isVisible():
                action(widget)
                return
        QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def test_first_run_creates_the_books_through_the_welcome_dialog(qtbot, tmp_path, typist, shown_errors):
    from ui.dialogs.welcome_dialog import open_books_interactively

    path = tmp_path / "new.db"

    def fill(dialog):
        assert "还没有账套" in dialog.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QLabel)[1].text()
        dialog.name_edit.setFocus()
        typist(dialog.name_edit, "兰花社区股份经济合作社")
        dialog.period_picker.set_period("2025-01")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(fill)
    books = open_books_interactively(path, None)
    try:
        assert books is not None and books.is_initialised()
        book = books.org.book()
        assert book.community_name == "兰花社区股份经济合作社"
        assert str(book.first_period) == "2025-01" and book.chart_version == "2023"
        assert books.accounts.get("101").name == "库存现金"
        assert recent_databases()[0] == str(path)
        assert shown_errors == []
    finally:
        books.close()


def test_welcome_dialog_refuses_empty_name_with_chinese_message(qtbot, empty_books, shown_errors):
    from ui.dialogs.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog(empty_books)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is None and not empty_books.is_initialised()
    assert "名称不能为空" in str(shown_errors[0][0])


def test_welcome_dialog_opens_another_database(qtbot, tmp_path, books, monkeypatch):
    from ui.dialogs.welcome_dialog import open_books_interactively

    other = str(books.database_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (other, "")))
    when_dialog_opens(lambda dialog: qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton))
    opened = open_books_interactively(tmp_path / "empty.db", None)
    try:
        assert opened.database_path == books.database_path
        assert opened.org.book().community_name == "兰花社区"
    finally:
        opened.close()


def test_navigation_visits_every_page_and_status_bar(window, qtbot):
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles[0] == "首页" and "设置" in titles
    assert "凭证" not in titles or "VouchersPage" in [c.__name__ for c in window.page_classes()]
    for row in range(window.navigation.count()):
        rect = window.navigation.visualItemRect(window.navigation.item(row))
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        page = window.current_page()
        assert page is not None and page.display_title() == titles[row]
        assert window.stack.currentWidget() is page
    assert str(window.books.database_path) in window.location_label.text()
    assert window.period_label.text() == "当前期间：2025-01"
    assert window.user_button.text() == "操作人：测试会计"
    assert window.brand.text() == "兰花社区"


def test_ctrl_number_switches_pages(window, qtbot):
    settings_row = [c.__name__ for c in window.page_classes()].index("SettingsPage")
    key = Qt.Key.Key_0 if settings_row == 9 else Qt.Key(Qt.Key.Key_1 + settings_row)  # the tenth page: Ctrl+0
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert type(window.current_page()).__name__ == "SettingsPage"


class ShortcutPage(Page):
    title = "测试页"

    def __init__(self, books, bridge, parent=None):
        super().__init__(books, bridge, parent)
        self.calls = []

    def on_new(self):
        self.calls.append("new")

    def on_find(self):
        self.calls.append("find")

    def on_print(self):
        self.calls.append("print")


@pytest.fixture
def fake_page_module(monkeypatch):
    module = types.ModuleType("ui.pages.fake_shortcut_page")
    module.ShortcutPage = ShortcutPage
    monkeypatch.setitem(sys.modules, "ui.pages.fake_shortcut_page", module)
    return module


def test_shortcuts_reach_the_current_page(qtbot, books, fake_page_module):
    registry = [("ui.pages.home_page", "HomePage"), ("ui.pages.fake_shortcut_page", "ShortcutPage"),
                ("ui.pages.no_such_page", "NoSuchPage")]
    win = MainWindow(books, registry=registry)
    win.set_auto_backup(False)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    assert win.navigation.count() == 2  # the missing module is skipped, no placeholder
    assert win.page_load_errors == []
    assert not win.shell_actions["new"].isEnabled()  # 首页 has no 新建
    page = win.show_page("ShortcutPage")
    assert win.shell_actions["new"].isEnabled() and not win.shell_actions["save"].isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # not supported: nothing
    assert page.calls == ["new", "find", "print"]


def test_a_broken_page_module_is_reported(qtbot, books, tmp_path, monkeypatch):
    (tmp_path / "broken_area_page.py").write_text("import a_module_that_is_not_installed\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    win = MainWindow(books, registry=[("ui.pages.home_page", "HomePage"), ("broken_area_page", "BrokenPage")])
    win.set_auto_backup(False)
    qtbot.addWidget(win)
    assert win.navigation.count() == 1  # a missing dependency is not "page not built yet"
    assert "a_module_that_is_not_installed" in win.page_load_errors[0]


def test_home_page_shows_drafts_balance_and_attention(window, qtbot, books):
    from ui.pages import home_page

    home = window.show_page("HomePage")
    assert home.balance_tile.value_label.text() == "平衡"
    assert home.drafts_tile.value_label.text() == "0 张"
    books.vouchers.save_draft(VoucherInput(dt.date(2025, 1, 5), "收租金",
                                           [LineInput.debit("10201", 50000), LineInput.credit("112", 50000)]))
    assert home.drafts_tile.value_label.text() == "1 张"  # refreshed through the bridge
    texts = [home.attention_list.item(i).text() for i in range(home.attention_list.count())]
    assert "有 1 张凭证草稿尚未过账" in texts

    provided = home_page.register_attention_provider(
        lambda b: [home_page.AttentionItem("合同 HT-001 将于 30 天后到期", "warning", page="SettingsPage")])
    broken = home_page.register_attention_provider(lambda b: 1 / 0)
    try:
        home.refresh()
        texts = [home.attention_list.item(i).text() for i in range(home.attention_list.count())]
        assert "合同 HT-001 将于 30 天后到期" in texts
        item = home.attention_list.findItems("合同 HT-001 将于 30 天后到期", Qt.MatchFlag.MatchExactly)[0]
        home.attention_list.itemActivated.emit(item)
        assert type(window.current_page()).__name__ == "SettingsPage"
    finally:
        home_page._providers.remove(provided)
        home_page._providers.remove(broken)


def test_settings_page_saves_community_and_users(window, qtbot, books, typist, shown_errors):
    page = window.show_page("SettingsPage")
    page.name_edit.setFocus()
    page.name_edit.selectAll()
    typist(page.name_edit, "兰花社区股份经济合作社")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert books.org.book().community_name == "兰花社区股份经济合作社"
    assert window.brand.text() == "兰花社区股份经济合作社"

    page.user_name_edit.setFocus()
    typist(page.user_name_edit, "李出纳")
    page.user_role_combo.setCurrentText("出纳")
    qtbot.keyClick(page.user_name_edit, Qt.Key.Key_Return)
    users = {u.name: u for u in books.org.list_users()}
    assert users["李出纳"].role == "出纳" and users["李出纳"].is_active
    assert page.users_model.rowCount() == len(users)

    row = [r.name for r in page.users_model.rows()].index("李出纳")
    page.users_view.selectRow(row)
    assert page.toggle_user_button.text() == "停用"
    qtbot.mouseClick(page.toggle_user_button, Qt.MouseButton.LeftButton)
    assert not {u.name: u for u in books.org.list_users()}["李出纳"].is_active

    page.credit_edit.setText("123")
    page.on_save()
    assert "统一社会信用代码" in str(shown_errors[-1][0])
    assert books.org.book().credit_code == ""


def test_settings_page_backup_folder_font_and_voucher_word(window, qtbot, books, tmp_path, monkeypatch):
    page = window.show_page("SettingsPage")
    folder = tmp_path / "备份"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    page._on_browse_backup_clicked()
    page.backup_keep_spin.setValue(12)
    qtbot.mouseClick(page.save_backup_button, Qt.MouseButton.LeftButton)
    assert books.settings.get("backup_folder") == str(folder)
    assert books.settings.get("backup_keep") == "12"
    page.pdf_font_combo.setCurrentIndex(page.pdf_font_combo.findData("SimSun"))
    page._on_save_font_clicked()
    assert books.settings.get("pdf_font") == "SimSun"
    page.voucher_word_combo.setCurrentText("收")
    page.voucher_word_combo.activated.emit(1)
    assert books.settings.get("voucher_word") == "收"
    assert page.voucher_preview.text().startswith("收-0001")


def test_backup_and_restore_from_the_file_menu(window, qtbot, books, tmp_path, monkeypatch):
    target = tmp_path / "手工备份.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    window._on_backup_triggered()
    assert target.is_file()

    books.org.update_book(community_name="改名以后")
    questions = []

    def confirm(parent, title, text, *args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    window._on_restore_triggered()
    assert str(target) in questions[0] and str(books.database_path) in questions[0]  # names both files
    assert window.books.org.book().community_name == "兰花社区"
    assert window.brand.text() == "兰花社区"


def test_restore_declined_changes_nothing(window, books, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(books.database_path), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    books.org.update_book(community_name="保持不变")
    window._on_restore_triggered()
    assert books.org.book().community_name == "保持不变"


def test_exit_takes_an_automatic_backup_and_remembers_geometry(qtbot, books, tmp_path):
    folder = tmp_path / "auto"
    books.settings.set("backup_folder", str(folder))
    win = MainWindow(books)
    qtbot.addWidget(win)
    win.show()
    win.resize(1111, 700)
    win.close()
    assert len(list(folder.glob("*.db"))) == 1
    assert settings().value("main_window/geometry") is not None


def test_smoke_run_saves_a_png_per_page(qtbot, books, tmp_path, capsys):
    from ui.smoke import run_smoke

    path = books.database_path
    books.close()
    out = tmp_path / "shots"
    assert run_smoke(QApplication.instance(), str(path), out) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert "01-HomePage.png" in names and any("SettingsPage" in n for n in names)


def test_smoke_run_fails_on_an_empty_database(qtbot, tmp_path):
    from ui.smoke import run_smoke

    assert run_smoke(QApplication.instance(), str(tmp_path / "empty.db"), tmp_path / "shots") == 2


def test_qt_standard_buttons_are_chinese(zh_app):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("确定" in t for t in texts) and any("取消" in t for t in texts)


def test_welcome_demo_builds_the_demo_community_in_its_own_file(qtbot, tmp_path, monkeypatch):
    from ui.dialogs import welcome_dialog

    demo_path = tmp_path / "演示社区.db"
    monkeypatch.setattr(welcome_dialog, "demo_database_path", lambda: demo_path)
    monkeypatch.setattr(welcome_dialog, "DEMO_HOUSEHOLDS", 60)
    when_dialog_opens(lambda dialog: qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton))
    books = welcome_dialog.open_books_interactively(tmp_path / "mine.db", None)
    try:
        assert books.database_path == demo_path and books.is_initialised()
        assert books.org.book().community_name == "兰花社区"
        assert recent_databases()[0] == str(demo_path)
    finally:
        books.close()


def test_home_page_warns_about_unbalanced_opening_balances(window, books):
    home = window.show_page("HomePage")
    books.accounts.set_opening_balances({"10201": 1_000_00})
    home.refresh()
    texts = [home.attention_list.item(i).text() for i in range(home.attention_list.count())]
    assert "期初余额借贷不平衡（差额 ¥1,000.00）：请在“科目—期初余额”中补齐" in texts
    books.accounts.set_opening_balances({"301": -1_000_00})
    home.refresh()
    texts = [home.attention_list.item(i).text() for i in range(home.attention_list.count())]
    assert not any("期初余额" in text for text in texts)

"""Mechanisms every screen reuses: the error dialog, the background worker, the event bridge, Page."""
import sys
import threading
import time

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTextEdit

from assetdesk.errors import ClosedPeriodError
from assetdesk.events import AccountsChanged, DataImported, EventBus, VoucherPosted
from ui.bridge import EventBridge
from ui.dialogs import error_dialog
from ui.dialogs.error_dialog import ErrorDialog, attempt
from ui.workers import TaskCancelled, run_task


def visible_text(dialog) -> str:
    parts = [w.text() for w in dialog.findChildren(QLabel)]
    parts += [w.toPlainText() for w in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit)]
    return "\n".join(parts)


def raise_and_catch(exc):
    try:
        raise exc
    except Exception as caught:
        return caught


def test_domain_error_dialog_shows_message_and_what_to_do(qtbot):
    exc = raise_and_catch(ClosedPeriodError("2025-03 已结账，不能再过账", "请先反结账或改用下一期间的日期"))
    dialog = ErrorDialog(exc)
    qtbot.addWidget(dialog)
    text = visible_text(dialog)
    assert "2025-03 已结账，不能再过账" in text
    assert "怎么办：请先反结账或改用下一期间的日期" in text
    assert "Traceback" not in text and "ClosedPeriodError" not in text
    assert dialog.windowTitle() == "提示"


def test_unexpected_error_dialog_hides_traceback_and_copies_details(qtbot):
    exc = raise_and_catch(ZeroDivisionError("division by zero"))
    dialog = ErrorDialog(exc)
    qtbot.addWidget(dialog)
    text = visible_text(dialog)
    assert "程序出现意外错误" in text and "复制详情" in text
    assert "Traceback" not in text and "ZeroDivisionError" not in text
    assert dialog.copy_button.text() == "复制详情"
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and "ZeroDivisionError" in copied
    assert dialog.copy_button.text() == "已复制"


def test_excepthook_logs_to_file_and_shows_dialog(tmp_path, shown_errors, monkeypatch):
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    try:
        log_path = error_dialog.install_excepthook(tmp_path / "logs")
        exc = raise_and_catch(KeyError("boom"))
        sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    assert [type(e) for e, _ in shown_errors] == [KeyError]
    assert "Traceback" in shown_errors[0][1]
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    assert "KeyError" in log_path.read_text(encoding="utf-8")


def test_attempt_shows_domain_refusal_and_reports_outcome(shown_errors):
    def refuse():
        raise ClosedPeriodError("期间已结账", "请反结账")

    outcome = attempt(None, refuse)
    assert not outcome and outcome.value is None
    assert str(shown_errors[0][0]) == "期间已结账（请反结账）"
    assert attempt(None, lambda x: x * 2, 21).value == 42


def test_worker_reports_progress_then_success(qtbot):
    seen = []

    def work(control):
        for done in range(1, 6):
            control.progress(done, 5)
        return "完成"

    worker = run_task(None, "正在处理…", work, on_success=seen.append, show_delay_ms=0)
    progress = []
    worker.progressed.connect(lambda done, total, _text: progress.append((done, total)))
    with qtbot.waitSignal(worker.finished, timeout=5000):
        pass
    assert seen == ["完成"] and worker.outcome == "succeeded"
    assert worker.dialog.maximum() == 5


def test_worker_cancel_stops_the_task(qtbot):
    started = threading.Event()
    steps = []

    def work(control):
        started.set()
        for step in range(1000):
            control.check_cancelled()
            steps.append(step)
            control.progress(step, 1000)
            time.sleep(0.005)
        return "不该完成"

    cancelled, succeeded = [], []
    worker = run_task(None, "正在生成…", work, on_success=succeeded.append,
                      on_cancelled=lambda: cancelled.append(True), show_delay_ms=0)
    assert started.wait(5)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        cancel_button = next(b for b in worker.dialog.findChildren(QPushButton) if b.text() == "取消")
        cancel_button.click()  # the clerk presses 取消
    assert cancelled == [True] and succeeded == []
    assert worker.outcome == "cancelled" and len(steps) < 1000


def test_worker_domain_error_goes_to_error_dialog(qtbot, shown_errors):
    def work(control):
        raise ClosedPeriodError("2025-01 已结账", "请先反结账")

    refreshed = []
    worker = run_task(None, "正在过账…", work, on_success=refreshed.append, show_delay_ms=0)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        pass
    assert refreshed == []
    assert [str(e) for e, _ in shown_errors] == ["2025-01 已结账（请先反结账）"]


def test_worker_cancelled_raised_inside_counts_as_cancel(qtbot, shown_errors):
    worker = run_task(None, "…", lambda c: (_ for _ in ()).throw(TaskCancelled()), show_delay_ms=0)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        pass
    assert worker.outcome == "cancelled" and shown_errors == []


def test_bridge_delivers_events_on_gui_thread_even_from_worker(qtbot, qapp):
    bus = EventBus()
    bridge = EventBridge(bus)
    received = []
    bridge.voucher_posted.connect(lambda payload: received.append(
        (payload, threading.current_thread() is threading.main_thread())))
    everything = []
    bridge.event_published.connect(lambda name, payload: everything.append(name))

    bus.deliver(VoucherPosted(1, "2025-03"))
    assert received == [({"id": 1, "period": "2025-03"}, True)]

    thread = threading.Thread(target=lambda: bus.deliver(VoucherPosted(2, "2025-03")))
    with qtbot.waitSignal(bridge.voucher_posted, timeout=3000):
        thread.start()
    thread.join()
    assert received[-1] == ({"id": 2, "period": "2025-03"}, True)
    bus.deliver(DataImported("vouchers"))
    assert everything == ["voucher_posted", "voucher_posted", "data_imported"]
    bridge.detach()
    bus.deliver(VoucherPosted(3, "2025-03"))
    assert len(received) == 2


def test_page_refreshes_on_events_and_exposes_shell_actions(qtbot):
    from ui.pages.base import Page

    class DemoPage(Page):
        title = "演示"

        def __init__(self, books, bridge):
            super().__init__(books, bridge)
            self.refreshes = 0
            self.refresh_on("voucher_posted")

        def refresh(self):
            self.refreshes += 1

        def on_new(self):
            self.created = True

    bus = EventBus()
    page = DemoPage(None, EventBridge(bus))
    qtbot.addWidget(page)
    assert page.supports("new") and not page.supports("save")
    bus.deliver(VoucherPosted(1, "2025-03"))
    assert page.refreshes == 0  # hidden: marked stale instead
    page.activated()
    assert page.refreshes == 1
    page.show()
    bus.deliver(VoucherPosted(2, "2025-03"))
    bus.deliver(AccountsChanged())
    assert page.refreshes == 2
    page.trigger("new")
    assert page.created
    assert page.display_title() == "演示"

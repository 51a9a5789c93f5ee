"""The one background-worker helper for long work (imports, billing runs, reports, backups, demo).

``run_task`` runs a callable in a ``QThread`` behind a modal ``QProgressDialog`` with 取消, then
calls ``on_success(result)`` (typically a refresh) on the GUI thread, or shows the error dialog for
a domain error (``AssetDeskError``; anything else goes to the log and the same dialog as
"程序出现意外错误"). The callable receives a ``TaskControl``::

    def work(control: TaskControl):
        for done, item in enumerate(items, 1):
            control.check_cancelled()          # raises TaskCancelled when the clerk pressed 取消
            ...
            control.progress(done, len(items))
        return summary

    run_task(self, self.tr("正在生成账单…"), work, on_success=self._on_bills_generated)

Services take plain callbacks, so pass them through::

    run_task(self, self.tr("正在导入…"),
             lambda c: books.imports.run(path, progress=c.progress, is_cancelled=c.is_cancelled),
             on_success=lambda result: self.refresh())

The worker calls the very service method a test calls. Peewee keeps one SQLite connection per
thread, so the service opens its own connection in the worker thread. Events published by the
service in the worker thread reach pages through ``ui.bridge`` on the GUI thread.
"""
from __future__ import annotations

import gc
import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from assetdesk.errors import AssetDeskError
from ui.dialogs.error_dialog import show_error, technical_details

log = logging.getLogger(__name__)


_gc_was_enabled = False


def _gc_pause() -> None:
    """Python's cyclic GC must not run in a worker thread: collecting a Qt wrapper there destroys a
    GUI object off the GUI thread and crashes (seen as a segfault "Garbage-collecting" in a worker).
    Automatic collection is paused while any worker runs and resumed, with one collection, on the
    GUI thread when the last one ends."""
    global _gc_was_enabled
    _gc_was_enabled = gc.isenabled()
    gc.disable()


def _gc_resume() -> None:
    if _gc_was_enabled:
        gc.enable()
        gc.collect()


class TaskCancelled(Exception):
    """Raised inside the task by ``TaskControl.check_cancelled`` after the clerk pressed 取消."""


class TaskControl:
    """Handed to the task: ``progress(done, total, text=None)``, ``is_cancelled()``, ``check_cancelled()``.

    Thread-safe; ``progress`` may be called as often as wanted (the dialog throttles itself)."""

    def __init__(self, worker: "Worker"):
        self._worker = worker
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str | None = None) -> None:
        self._worker.progressed.emit(int(done), int(total), text or "")

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Thread(QThread):
    def __init__(self, worker: "Worker"):
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker._run_in_thread()


class Worker(QObject):
    """One running task. Signals (always delivered on the GUI thread):

    ``progressed(done, total, text)``, ``succeeded(result)``, ``failed(exception, details)``,
    ``cancelled()``, and ``finished()`` after any of the three outcomes.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    finished = Signal()

    _active: set["Worker"] = set()  # keeps running workers alive until they finish

    def __init__(self, fn: Callable[[TaskControl], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self.control = TaskControl(self)
        self.result: Any = None
        self.error: BaseException | None = None
        self.outcome: str | None = None  # "succeeded" | "failed" | "cancelled"
        self.done = False  # True once the outcome signals have been delivered
        self._thread = _Thread(self)
        self._thread.finished.connect(self._on_thread_finished)

    def start(self) -> "Worker":
        if not Worker._active:
            _gc_pause()
        Worker._active.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.control.cancel()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the thread ends (signals still arrive through the event loop afterwards)."""
        return self._thread.wait() if msecs < 0 else self._thread.wait(msecs)

    def _run_in_thread(self) -> None:
        try:
            result = self._fn(self.control)
        except TaskCancelled:
            self.outcome = "cancelled"
        except BaseException as exc:  # reported on the GUI thread; never lost
            if self.control.is_cancelled() and not isinstance(exc, AssetDeskError):
                self.outcome = "cancelled"
                log.info("task raised after cancel: %r", exc)
            else:
                self.error = exc
                self.outcome = "failed"
                self._details = technical_details(exc)
        else:
            self.result = result
            self.outcome = "cancelled" if self.control.is_cancelled() and result is None else "succeeded"

    def _on_thread_finished(self) -> None:
        Worker._active.discard(self)
        if not Worker._active:
            _gc_resume()
        self.done = True
        if self.outcome == "succeeded":
            self.succeeded.emit(self.result)
        elif self.outcome == "failed":
            self.failed.emit(self.error, self._details)
        else:
            self.cancelled.emit()
        self.finished.emit()


def run_task(
    parent: QWidget | None,
    label: str,
    fn: Callable[[TaskControl], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
    title: str | None = None,
    show_delay_ms: int = 300,
) -> Worker:
    """Start ``fn(control)`` in a background thread behind a modal progress dialog.

    On success ``on_success(result)``; on failure ``on_error(exc)`` if given, else the error dialog;
    on 取消 ``on_cancelled()``. Returns the ``Worker`` (tests wait on ``worker.finished``).
    The progress dialog is busy (no percentage) until the task reports a total.
    """
    tr = QCoreApplication.translate
    worker = Worker(fn)
    dialog = QProgressDialog(label, tr("Worker", "取消") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title or tr("Worker", "请稍候"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(show_delay_ms)
    dialog.setMinimumWidth(360)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    worker.dialog = dialog

    def on_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            if dialog.maximum() != total:
                dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    def on_cancel_pressed() -> None:
        worker.cancel()
        dialog.setLabelText(tr("Worker", "正在取消，请稍候…"))

    def on_finished() -> None:
        dialog.hide()
        dialog.deleteLater()

    def on_failed(exc: BaseException, details: str) -> None:
        if on_error is not None:
            on_error(exc)
        else:
            show_error(parent, exc, details)

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(on_cancel_pressed)
    worker.finished.connect(on_finished)
    worker.failed.connect(on_failed)
    if on_success is not None:
        worker.succeeded.connect(on_success)
    if on_cancelled is not None:
        worker.cancelled.connect(on_cancelled)
    return worker.start()


def run_task_and_wait(parent: QWidget | None, label: str, fn: Callable[[TaskControl], Any], **options: Any) -> Worker:
    """``run_task`` and spin a local event loop until it ends; for flows that must continue
    with the result (e.g. the welcome dialog building the demo). Check ``worker.outcome``."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    worker = run_task(parent, label, fn, **options)
    worker.finished.connect(loop.quit)
    if not worker.done:
        loop.exec()
    return worker

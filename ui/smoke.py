"""``assetdesk gui --smoke DIR``: open the main window, visit every registered page (and the voucher
entry dialog when ``ui.dialogs.voucher_dialog`` exists), save one PNG per page into DIR, exit 0.

Non-zero on any error: a page module that fails to import, an exception raised, an error the UI
would have shown (the dialog does not open in a smoke run), or anything logged at ERROR.
Exit codes: 0 ok, 1 errors seen, 2 the database could not be opened or has no 账套.
"""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

log = logging.getLogger(__name__)


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _file_name(number: int, name: str) -> str:
    return f"{number:02d}-{re.sub(r'[^A-Za-z0-9_-]+', '_', name)}.png"


def _settle(app, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def run_smoke(app, db_url, out_dir: Path) -> int:
    """Run the smoke visit in ``app``; returns the exit code (see module docstring)."""
    from assetdesk.services import open_books
    from ui.dialogs import error_dialog
    from ui.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    error_dialog.set_interactive(False)
    error_dialog.add_error_listener(lambda exc, details: problems.append(f"shown: {exc!r}\n{details}"))
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        try:
            books = open_books(db_url)
        except Exception as exc:
            print(f"smoke: cannot open the database: {exc}", file=sys.stderr)
            return 2
        if not books.is_initialised():
            print("smoke: the database has no 账套 (run the welcome dialog first or build the demo)",
                  file=sys.stderr)
            books.close()
            return 2
        window = MainWindow(books)
        window.set_auto_backup(False)
        window.resize(1280, 800)
        window.show()
        _settle(app)
        problems.extend(f"page import: {e}" for e in window.page_load_errors)
        saved = 0
        for number, cls in enumerate(window.page_classes()):
            try:
                window.show_page(number)
                _settle(app)
                window.grab().save(str(out_dir / _file_name(number + 1, cls.__name__)))
                saved += 1
            except Exception as exc:
                log.exception("smoke: page %s failed", cls.__name__)
                problems.append(f"page {cls.__name__}: {exc!r}")
        saved += _visit_voucher_dialog(app, window, out_dir, problems)
        window.close()
        _settle(app)
    finally:
        logging.getLogger().removeHandler(counter)
        error_dialog.set_interactive(True)
    problems.extend(f"logged: {r.getMessage()}" for r in counter.records if not r.getMessage().startswith("smoke:"))
    for problem in problems:
        print(f"smoke: {problem}", file=sys.stderr)
    print(f"smoke: {saved} screenshots in {out_dir}; {len(problems)} problem(s)")
    return 1 if problems else 0


def _visit_voucher_dialog(app, window, out_dir: Path, problems: list[str]) -> int:
    try:
        from ui.dialogs.voucher_dialog import VoucherDialog
    except ModuleNotFoundError as exc:
        if exc.name == "ui.dialogs.voucher_dialog":
            return 0
        problems.append(f"voucher dialog import: {exc!r}")
        return 0
    except Exception as exc:
        problems.append(f"voucher dialog import: {exc!r}")
        return 0
    try:
        dialog = VoucherDialog(window.books, window)
        dialog.show()
        _settle(app)
        dialog.grab().save(str(out_dir / _file_name(len(window.entries) + 1, "VoucherDialog")))
        dialog.close()
        return 1
    except Exception as exc:
        log.exception("smoke: voucher dialog failed")
        problems.append(f"voucher dialog: {exc!r}")
        return 0

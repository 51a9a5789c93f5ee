"""What the 账簿报表 tests share: the page as a clerk opens it, a column's cells, a period range typed in."""
from __future__ import annotations

from collections.abc import Iterator

from assetdesk.periods import Period
from ui.bridge import EventBridge
from ui.pages.books_page import BooksPage


def books_page(qtbot, books, width: int, height: int) -> Iterator[BooksPage]:
    """The page shown at ``width`` × ``height``; its dialogs closed and the bridge detached after."""
    bridge = EventBridge(books.events)
    page = BooksPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    yield page
    for dialog in list(page._dialogs):
        dialog.close()
    bridge.detach()


def cells(model, key):
    column = model.column_index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def use_range(bar, start, end):
    bar.start.set_period(Period.parse(start))
    bar.end.set_period(Period.parse(end))

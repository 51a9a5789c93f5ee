"""Services: the only writers. ``open_books`` gives a ``Books`` with every service bound to one database."""
from assetdesk.services.books import Books, open_books

__all__ = ["Books", "open_books"]

"""A second (third …) clerk for the concurrency tests: ``python -m tests.core.concurrent_poster URL N TAG``
posts N vouchers one clerk action at a time, as fast as it can, and prints how many were refused."""
from __future__ import annotations

import datetime as dt
import sys

from assetdesk.errors import AssetDeskError
from assetdesk.services import open_books
from assetdesk.services.vouchers import LineInput, VoucherInput


def main(url: str, count: int, tag: str) -> int:
    books = open_books(url, clock=lambda: dt.datetime(2025, 3, 15, 9, 30), user=f"会计{tag}")
    refused = 0
    for i in range(count):
        try:
            books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 1 + i % 28), f"{tag} 收租金 {i}", [
                LineInput.debit("102", 100 + i), LineInput.credit("504", 100 + i)]))
        except AssetDeskError as exc:
            refused += 1
            print(exc, file=sys.stderr)
    books.close()
    print(refused)
    return 0 if refused == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))

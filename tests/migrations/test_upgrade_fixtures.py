"""Every released schema version leaves a fixture database; each must open, upgrade and keep its books."""
import shutil
from pathlib import Path

import pytest

from assetdesk.db.migrations import LATEST_VERSION
from assetdesk.services import open_books
from tests.conftest import fixed_clock

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema_v*.db"))


def test_there_is_a_fixture_for_the_latest_version():
    assert any(p.name == f"schema_v{LATEST_VERSION}.db" for p in FIXTURES)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_opens_upgrades_and_keeps_the_books(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    books = open_books(path, clock=fixed_clock)
    try:
        version = int(fixture.stem.removeprefix("schema_v"))
        if version < LATEST_VERSION:
            assert books.upgrade_copy is not None and books.upgrade_copy.exists()
        assert books.org.book().community_name == "兰花社区"
        assert books.vouchers.count_vouchers() == 2
        assert books.ledger.balance("102", "2025-01") == 102_500_00
        assert books.periods.is_closed("2025-01")
        assert books.check.run() == []
        assert books.org.get_compound("XQ001").households == 120
    finally:
        books.close()

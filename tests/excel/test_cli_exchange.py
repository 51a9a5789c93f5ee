"""The import / export / template commands refuse a mistyped kind or output name as usage errors."""
from __future__ import annotations

import pytest

from assetdesk.cli import main


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "b.db")
    main(["--db", path, "init", "--community", "兰花社区", "--first-period", "2025-01"])
    capsys.readouterr()
    return path


@pytest.mark.parametrize("command", ["export", "template"])
@pytest.mark.parametrize("name", ["往来.csv", "往来.xls", "往来.pdf", "往来"])
def test_only_an_xlsx_name_is_written(db, tmp_path, capsys, command, name):
    target = tmp_path / name
    code = main(["--db", db, command, "counterparties", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and "只能是 Excel 工作簿（.xlsx）" in err and f"“{name}”" in err
    assert not target.exists()


def test_an_xlsx_name_in_capitals_is_fine(db, tmp_path, capsys):
    assert main(["--db", db, "export", "counterparties", str(tmp_path / "往来.XLSX")]) == 0
    assert (tmp_path / "往来.XLSX").exists()


@pytest.mark.parametrize("command", ["import", "export", "template"])
def test_an_unknown_kind_is_a_usage_error_listing_the_kinds(db, tmp_path, capsys, command):
    code = main(["--db", db, command, "tenants", str(tmp_path / "x.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "没有“tenants”这个类型" in err
    assert "counterparties（往来单位及个人）" in err and "compounds（片区与小区）" in err
    assert ("trial-balance" in err) == (command == "export")

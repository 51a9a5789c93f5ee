"""The `assetdesk` command: a public interface for district scripts — names, output and exit codes."""
import sqlite3
import subprocess
import sys

import pytest

from assetdesk.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_check_exits_zero(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    code, out, _ = run(capsys, "--db", db, "demo", "--households", "300")
    assert code == 0 and "兰花社区" in out and "96 个小区" in out
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0 and "检查通过" in out
    code, _, err = run(capsys, "--db", db, "demo")
    assert code == 1 and "已有账套" in err


def test_demo_is_deterministic(tmp_path, capsys):
    dumps = []
    for name in ("a.db", "b.db"):
        db = tmp_path / name
        run(capsys, "--db", str(db), "demo", "--households", "50", "--seed", "7")
        conn = sqlite3.connect(db)
        dumps.append(conn.execute("SELECT summary, amount_fen FROM voucher_line ORDER BY id").fetchall()
                     + conn.execute("SELECT name, id_code FROM counterparty ORDER BY id").fetchall())
        conn.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 300


def test_check_reports_findings_with_exit_one(tmp_path, capsys):
    db = tmp_path / "x.db"
    run(capsys, "--db", str(db), "demo", "--households", "10")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE voucher_line SET amount_fen = amount_fen + 1 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 1 and "发现" in out and "借贷不平衡" in out


def test_init_creates_and_then_reports_current(tmp_path, capsys):
    db = str(tmp_path / "i.db")
    code, _, err = run(capsys, "--db", db, "init")
    assert code == 1 and "--community" in err
    code, out, _ = run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    assert code == 0 and "已建立账套" in out and "2025-01" in out
    code, out, _ = run(capsys, "--db", db, "init")
    assert code == 0 and "已是最新版本" in out


def test_bad_period_and_usage_errors(tmp_path, capsys):
    db = str(tmp_path / "u.db")
    code, _, err = run(capsys, "--db", db, "init", "--community", "x", "--first-period", "2025-13")
    assert code == 1 and "会计期间" in err
    with pytest.raises(SystemExit) as info:
        main(["--db", db, "no-such-command"])
    assert info.value.code == 2


def test_backup_and_restore_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    code, out, _ = run(capsys, "--db", db, "backup", str(tmp_path / "copies"))
    copy = out.strip()
    assert code == 0 and copy.endswith(".db")
    code, out, _ = run(capsys, "--db", db, "restore", copy)
    assert code == 0 and "已从" in out and "保留" in out
    code, _, err = run(capsys, "--db", db, "restore", str(tmp_path / "missing.db"))
    assert code == 1 and "不存在" in err


def test_corrupt_database_gives_message_not_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    result = subprocess.run([sys.executable, "-m", "assetdesk.cli", "--db", str(bad), "check"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert "不是 AssetDesk 数据库文件" in result.stderr and "Traceback" not in result.stderr


def test_version(capsys):
    code, out, _ = run(capsys, "version")
    assert code == 0 and "AssetDesk" in out


def test_a_demo_that_fails_half_way_leaves_the_database_empty(tmp_path, monkeypatch):
    from assetdesk.errors import PeriodError
    from assetdesk.services import open_books
    from assetdesk.services.demo import build_demo
    from assetdesk.services.periods import PeriodService
    from tests.conftest import fixed_clock

    books = open_books(tmp_path / "d.db", clock=fixed_clock)

    def refuse(self, period):
        raise PeriodError("模拟失败")

    monkeypatch.setattr(PeriodService, "close", refuse)
    with pytest.raises(PeriodError):
        build_demo(books, households=20)
    assert not books.is_initialised() and books.vouchers.count_vouchers() == 0
    books.close()


def test_import_says_what_it_left_out(tmp_path, capsys):
    import openpyxl

    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    template = str(tmp_path / "模板.xlsx")
    run(capsys, "template", "counterparties", template)
    code, out, _ = run(capsys, "--db", db, "import", "counterparties", template, "--dry-run")
    assert code == 0 and "已跳过模板中的示例行 1 行" in out
    workbook = openpyxl.Workbook()
    workbook.active.append(["名称", "性别", "联系电 话", "微信"])
    workbook.active.append(["张三", "男", "13800138000", "zs"])
    path = tmp_path / "名册.xlsx"
    workbook.save(path)
    code, out, _ = run(capsys, "--db", db, "import", "counterparties", str(path))
    assert code == 0 and "未使用的列：性别、微信" in out  # "联系电 话" is the phone, spaces and all


def test_outputs_that_cannot_be_written_are_explained_before_any_work(tmp_path, capsys):
    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    missing = str(tmp_path / "没有这个文件夹" / "x.xlsx")
    for args in (("export", "counterparties", missing), ("template", "accounts", missing),
                 ("report", "chart", "-o", missing.replace(".xlsx", ".pdf"))):
        code, out, err = run(capsys, "--db", db, *args)
        assert code == 1 and "不存在" in err and "Traceback" not in err and "意外" not in err, args
    code, _, err = run(capsys, "--db", db, "export", "counterparties", str(tmp_path))
    assert code == 1 and "是一个文件夹" in err
    assert not (tmp_path / "没有这个文件夹").exists()


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # openpyxl's half-written sheet
def test_a_bad_period_for_an_export_is_one_clear_line(tmp_path, capsys):
    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    target = tmp_path / "凭证.xlsx"
    code, _, err = run(capsys, "--db", db, "export", "vouchers", str(target), "--period", "2025-13")
    import gc

    gc.collect()  # a half-written openpyxl stream would complain here, as it does at the command's exit
    assert code == 1 and "会计期间“2025-13”无效" in err
    assert "Exception" not in err and not target.exists()


def test_a_mistyped_database_path_is_refused_without_creating_a_file(tmp_path, capsys):
    typo = tmp_path / "兰花社区（错）.db"
    for args in (("check",), ("export", "accounts", str(tmp_path / "a.xlsx")), ("backup", str(tmp_path))):
        code, _, err = run(capsys, "--db", str(typo), *args)
        assert code == 1 and "找不到数据库文件" in err, args
    assert not typo.exists()
    code, _, _ = run(capsys, "--db", str(typo), "init", "--community", "兰花社区", "--first-period", "2025-01")
    assert code == 0 and typo.exists()  # init creates it


def test_a_file_wrong_on_many_rows_lists_the_first_and_points_to_the_report(tmp_path, capsys, monkeypatch):
    import openpyxl

    import assetdesk.cli as cli

    monkeypatch.setattr(cli, "MAX_PRINTED_ERRORS", 2)
    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    workbook = openpyxl.Workbook()
    workbook.active.append(["名称", "类型"])
    for n in range(5):
        workbook.active.append([f"住户{n}", "集体"])
    path = tmp_path / "错.xlsx"
    workbook.save(path)
    code, out, _ = run(capsys, "--db", db, "import", "counterparties", str(path))
    assert code == 1 and out.count("不是可选的值") == 2 and "以下省略 3 处" in out
    code, out, _ = run(capsys, "--db", db, "import", "counterparties", str(path), "--errors", str(tmp_path / "r.xlsx"))
    assert code == 1 and "错误报告：" in out and (tmp_path / "r.xlsx").exists()


def test_import_of_one_named_sheet(tmp_path, capsys):
    from tests.excel.helpers import people_in_two_sheets

    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    path = people_in_two_sheets(tmp_path / "往来.xlsx")
    code, out, _ = run(capsys, "--db", db, "import", "counterparties", str(path), "--sheet", "单位", "--dry-run")
    assert code == 0 and "共 1 行" in out and "兰花物业有限公司" in out
    code, _, err = run(capsys, "--db", db, "import", "counterparties", str(path), "--sheet", "商户")
    assert code == 1 and "没有名为“商户”的工作表" in err and "“个人”、“单位”" in err

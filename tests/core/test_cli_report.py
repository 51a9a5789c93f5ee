"""`assetdesk report`: the output file's type decides between the PDF and the same figures as a
worksheet, and a mistaken option is refused before anything is written."""
import openpyxl

from assetdesk.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def demo(tmp_path, capsys) -> str:
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "demo", "--households", "50")[0] == 0
    return db


def test_report_to_xlsx_writes_the_trial_balance_as_a_worksheet(tmp_path, capsys):
    db = demo(tmp_path, capsys)
    target = tmp_path / "科目余额表.xlsx"
    code, out, err = run(capsys, "--db", db, "report", "trial-balance", "-o", str(target))
    assert code == 0, err
    sheet = openpyxl.load_workbook(target).active
    texts = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert any("科目余额表" in text for text in texts) and "库存现金" in texts


def test_report_refuses_an_output_that_is_neither_pdf_nor_xlsx(tmp_path, capsys):
    db = demo(tmp_path, capsys)
    code, _, err = run(capsys, "--db", db, "report", "trial-balance", "-o", str(tmp_path / "tb.txt"))
    assert code == 1 and ".pdf" in err and not (tmp_path / "tb.txt").exists()


def test_month_books_only_print_as_pdf(tmp_path, capsys):
    db = demo(tmp_path, capsys)
    code, _, err = run(capsys, "--db", db, "report", "month-books", "-o", str(tmp_path / "all.xlsx"))
    assert code == 1 and "只能打印为 PDF" in err and not (tmp_path / "all.xlsx").exists()


def test_report_of_a_month_before_the_books_start_is_refused(tmp_path, capsys):
    db = demo(tmp_path, capsys)
    code, _, err = run(capsys, "--db", db, "report", "trial-balance", "-o", str(tmp_path / "tb.pdf"),
                       "--period", "2001-01")
    assert code == 1 and "启用" in err and not (tmp_path / "tb.pdf").exists()


def test_a_two_digit_year_is_a_usage_error_saying_four_digits(tmp_path, capsys):
    db = demo(tmp_path, capsys)
    code, _, err = run_usage(capsys, "--db", db, "export", "trial-balance", str(tmp_path / "tb.xlsx"), "--year", "25")
    assert code == 2 and "四位数字" in err


def test_trial_balance_export_before_the_books_start_is_refused(tmp_path, capsys):
    db = demo(tmp_path, capsys)
    code, _, err = run(capsys, "--db", db, "export", "trial-balance", str(tmp_path / "tb.xlsx"), "--period", "2001-12")
    assert code == 1 and "启用" in err and not (tmp_path / "tb.xlsx").exists()


def run_usage(capsys, *args):
    """A usage error leaves argparse with SystemExit(2)."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_a_year_cut_to_the_months_the_books_hold_says_so(tmp_path, capsys):
    import datetime as dt

    db = demo(tmp_path, capsys)  # the demo year runs to last month at most, never to December
    code, out, err = run(capsys, "--db", db, "report", "trial-balance", "-o", str(tmp_path / "tb.pdf"),
                         "--year", str(dt.date.today().year))
    assert code == 0 and "注意：账内只有" in err and "年度" in err

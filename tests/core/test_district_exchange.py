"""The issue's "done when", driven through the command line as a district script would: the district
sends its workbook of compounds and counterparties (a legacy .xls), the clerk moves the opening
balances and a month's journal over from the old program, and the district gets back the journal
and a trial balance it can open; the clerk prints every book of the month."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from pypdf import PdfReader

from assetdesk.cli import main
from tests.excel.helpers import make_workbook

FIXTURE = Path(__file__).parents[1] / "excel" / "fixtures" / "district_2003.xls"


def cli(capsys, db: Path, *args: str) -> str:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    assert code == 0, (args, out, err)
    return out


def test_district_workbooks_in_and_the_months_books_out(tmp_path, capsys):
    db = tmp_path / "兰花社区.db"
    cli(capsys, db, "init", "--community", "兰花社区", "--first-period", "2025-01")
    assert "新增 3" in cli(capsys, db, "import", "compounds", str(FIXTURE))
    assert "新增 2" in cli(capsys, db, "import", "counterparties", str(FIXTURE))

    chart = make_workbook(tmp_path / "科目.xlsx", [["科目编码", "科目名称"], ["10201", "基本存款户"], ["50101", "租金收入"],
                                                            ["51302", "办公费"]])
    cli(capsys, db, "import", "accounts", str(chart))
    opening = make_workbook(tmp_path / "科目余额表.xlsx", [
        ["科目余额表"], ["科目编码", "科目名称", "期初余额", None], [None, None, "借方", "贷方"],
        ["101", "库存现金", 1000, None], ["102", "银行存款", 50000, None], ["10201", "基本存款户", 50000, None],
        ["301", "资本", None, 51000], ["合计", None, 51000, 51000],
    ])
    cli(capsys, db, "import", "opening-balances", str(opening))
    journal = make_workbook(tmp_path / "序时账.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "往来单位"],
        ["2025-01-05", "记-1", "收一月租金", "10201", "", "1,200.00", None, "王五"],
        [None, None, "收一月租金", "50101", "", None, "1,200.00", None],
        ["2025-01-20", "记-2", "付办公费", "51302", "办公费", 300, None, None],
        [None, None, "付办公费", "101", "库存现金", None, 300, None],
    ])
    assert "新增 2" in cli(capsys, db, "import", "vouchers", str(journal))

    back = tmp_path / "回传"
    back.mkdir()
    cli(capsys, db, "export", "vouchers", str(back / "凭证.xlsx"), "--period", "2025-01")
    cli(capsys, db, "export", "trial-balance", str(back / "科目余额表.xlsx"), "--period", "2025-01")
    lines = list(openpyxl.load_workbook(back / "凭证.xlsx").active.iter_rows(min_row=4, values_only=True))
    assert len(lines) == 4 and lines[0][2] == "收一月租金" and lines[0][7] == "王五"
    balance = {row[0]: row for row in openpyxl.load_workbook(back / "科目余额表.xlsx").active.iter_rows(values_only=True)}
    assert "合计" in balance and balance["合计"][-2] == balance["合计"][-1]  # closing debit = credit
    assert "新增 0" in cli(capsys, db, "import", "vouchers", str(back / "凭证.xlsx"))  # its own journal: unchanged

    books_pdf = tmp_path / "2025年1月账簿.pdf"
    cli(capsys, db, "report", "month-books", "-o", str(books_pdf), "--period", "2025-01")
    reader = PdfReader(books_pdf)
    assert [item.title for item in reader.outline][:4] == ["记账凭证", "现金日记账", "银行存款日记账", "明细分类账"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "收一月租金" in text and "1,200.00" in text and "科目余额表" in text
    assert "试算结果：平衡" in text

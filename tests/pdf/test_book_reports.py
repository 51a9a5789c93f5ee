"""Book reports printed from real books (fresh database through the migrations, 账套 兰花社区)."""
from __future__ import annotations

import datetime as dt

import pytest

from assetdesk.errors import InputError
from assetdesk.money import to_capital
from assetdesk.pdf import REPORTS, build_report
from assetdesk.pdf.vouchers import LINES_PER_SLIP
from tests.helpers import post, rent_account

PRINTED = dt.date(2025, 4, 1)


@pytest.fixture
def posted(books):
    """Opening balances and a quarter of postings: rent in cash and bank, a fee, a red reversal."""
    rent = rent_account(books)
    books.accounts.set_opening_balances({"101": 1_000_00, "10201": 50_000_00, "301": -51_000_00})
    post(books, "2025-01-05", "收一月商铺租金", ("101", 1_234_50), (rent, -1_234_50))
    post(books, "2025-01-05", "收一月门面租金", ("10201", 16_409_02), (rent, -16_409_02))
    wrong = post(books, "2025-01-20", "支付办公用品费", ("51301", 300_00), ("101", -300_00))
    books.vouchers.reverse(wrong.id, on=dt.date(2025, 1, 21))
    post(books, "2025-02-10", "收二月租金", ("101", 6_007_14), (rent, -6_007_14))
    return books


def test_trial_balance_prints_accounts_amounts_and_totals(posted, tmp_path, read_pdf):
    path = build_report(posted, "trial-balance", tmp_path / "tb.pdf", period="2025-01",
                        printed_on=PRINTED)
    text = read_pdf(path)
    for needle in ("科目余额表", "兰花社区", "2025年1月", "单位：元", "期初余额", "本期发生额",
                   "本年累计发生额", "期末余额", "库存现金", "银行存款", "合计", "试算结果：平衡",
                   "1,234.50", "16,409.02", "51,000.00", "第 1 页 / 共 1 页", "打印日期：2025-04-01"):
        assert needle in text, needle


def test_ledger_of_one_account_has_opening_totals_and_balance(posted, tmp_path, read_pdf):
    path = build_report(posted, "ledger", tmp_path / "l.pdf", period="2025-01~2025-02",
                        account="101", printed_on=PRINTED)
    text = read_pdf(path)
    for needle in ("明细分类账", "科目：101 库存现金", "2025年1月—2月", "上年结转", "本月合计",
                   "本年累计", "记-0001", "收一月商铺租金", "1,234.50", "2,234.50", "-300.00",
                   "6,007.14", "8,241.64", "借"):
        assert needle in text, needle


def test_ledger_of_all_accounts_gives_each_account_its_own_pages(posted, tmp_path, read_pdf):
    pages = read_pdf.pages(build_report(posted, "ledger", tmp_path / "l.pdf", period="2025-01",
                                        printed_on=PRINTED))
    headings = [line for page in pages for line in page.splitlines() if line.startswith("科目：")]
    assert headings[:2] == ["科目：101 库存现金", "科目：10201 银行存款—基本存款户"]
    assert len(pages) == len(headings) >= 4  # 101, 10201 基本存款户, 50101 租金收入, 51301 干部报酬


def test_long_ledger_carries_forward_across_pages(books, tmp_path, read_pdf):
    rent = rent_account(books)
    for n in range(1, 61):
        post(books, f"2025-01-{n % 28 + 1:02d}", f"收租金第{n}笔", ("101", 100_00), (rent, -100_00))
    pages = read_pdf.pages(build_report(books, "ledger", tmp_path / "l.pdf", period="2025-01",
                                        account="101", printed_on=PRINTED))
    assert len(pages) >= 2
    assert "过次页" in pages[0] and "承前页" in pages[1]
    assert f"第 1 页 / 共 {len(pages)} 页" in pages[0]
    assert "6,000.00" in pages[-1]  # 60 × 100.00 in 本月合计


def test_cash_journal_has_daily_totals(posted, tmp_path, read_pdf):
    text = read_pdf(build_report(posted, "journal", tmp_path / "j.pdf", period="2025-01", account="cash",
                                 printed_on=PRINTED))
    for needle in ("现金日记账", "科目：101 库存现金", "本日合计", "收一月商铺租金", "2,234.50"):
        assert needle in text, needle
    assert "收一月门面租金" not in text  # that went to the bank


def test_journal_without_an_account_binds_the_cash_and_the_bank_journal(posted, tmp_path, read_pdf):
    import pypdf

    path = build_report(posted, "journal", tmp_path / "j.pdf", period="2025-01", printed_on=PRINTED)
    text = read_pdf(path)
    assert "现金日记账" in text and "银行存款日记账" in text and "收一月门面租金" in text
    assert [item.title for item in pypdf.PdfReader(path).outline] == ["现金日记账", "银行存款日记账"]


def test_bank_journal_by_alias(posted, tmp_path, read_pdf):
    text = read_pdf(build_report(posted, "journal", tmp_path / "j.pdf", period="2025-01",
                                 account="bank", printed_on=PRINTED))
    assert "银行存款日记账" in text and "16,409.02" in text and "66,409.02" in text


def test_bank_journal_gives_each_bank_account_its_own_book(books, tmp_path, read_pdf):
    basic = "10201"  # 基本存款户: new books have it
    special = books.accounts.add_sub_account("102", "专户").code
    idle = books.accounts.add_sub_account("102", "已销户").code
    rent = rent_account(books)
    books.accounts.set_opening_balances({basic: 10_000_00, special: 5_000_00, "301": -15_000_00})
    post(books, "2025-01-05", "收门面租金", (basic, 2_000_00), (rent, -2_000_00))
    post(books, "2025-01-08", "专户收项目补助", (special, 30_000_00), ("241", -30_000_00))
    pages = read_pdf.pages(build_report(books, "journal", tmp_path / "j.pdf", period="2025-01", account="bank",
                                        printed_on=PRINTED))
    headings = [line for page in pages for line in page.splitlines() if line.startswith("科目：")]
    assert headings == [f"科目：{basic} 银行存款—基本存款户", f"科目：{special} 银行存款—专户"]
    assert idle not in "\n".join(headings)
    assert "12,000.00" in pages[0] and "收项目补助" not in pages[0]  # each book its own balance
    assert "35,000.00" in pages[1]


def test_vouchers_print_two_per_page_with_capital_amount(posted, tmp_path, read_pdf):
    pages = read_pdf.pages(build_report(posted, "vouchers", tmp_path / "v.pdf", period="2025-01",
                                        printed_on=PRINTED))
    assert len(pages) == 2  # four January vouchers
    text = "\n".join(pages)
    for needle in ("记账凭证", "记-0001", "记-0004", "2025年01月05日", "附件 0 张", "收一月商铺租金",
                   "101 库存现金", "1,234.50", to_capital(1_234_50), to_capital(16_409_02),
                   "记账", "审核", "出纳", "制单", "第 1 页 / 共 2 页"):
        assert needle in text, needle


def test_reversal_voucher_prints_negative_amounts(posted, tmp_path, read_pdf):
    text = read_pdf(build_report(posted, "vouchers", tmp_path / "v.pdf", period="2025-01",
                                 printed_on=PRINTED))
    assert "冲销 2025-01 记-0003" in text
    assert "-300.00" in text and to_capital(-300_00) in text  # 负叁佰元整


def test_voucher_with_many_lines_continues_on_a_second_slip(books, tmp_path, read_pdf):
    rent = rent_account(books)
    lines = [("101", 10_00)] * (LINES_PER_SLIP + 2) + [(rent, -10_00 * (LINES_PER_SLIP + 2))]
    post(books, "2025-01-05", "收多户租金", *lines)
    text = read_pdf(build_report(books, "vouchers", tmp_path / "v.pdf", period="2025-01",
                                 printed_on=PRINTED))
    assert "第 1/2 张" in text and "第 2/2 张" in text and "续下张" in text
    assert to_capital(10_00 * (LINES_PER_SLIP + 2)) in text


def test_chart_lists_the_seeded_accounts(books, tmp_path, read_pdf):
    rent_account(books)
    text = read_pdf(build_report(books, "chart", tmp_path / "c.pdf", printed_on=PRINTED))
    for needle in ("会计科目表", "兰花社区", "101", "库存现金", "322", "收益分配", "租金收入", "资产", "借"):
        assert needle in text, needle


def test_year_option_covers_the_year_to_date_while_it_is_in_progress(posted, tmp_path, read_pdf):
    """The books hold January and February: --year 2025 is those two months, no December to come."""
    text = read_pdf(build_report(posted, "trial-balance", tmp_path / "tb.pdf", year=2025,
                                 printed_on=PRINTED))
    assert "2025年1月—2月" in text and "2025年度" not in text
    assert "7,241.64" in text  # cash debits: 1,234.50 + 6,007.14


def test_year_option_of_a_past_year_is_the_whole_year(posted, tmp_path, read_pdf):
    post(posted, "2026-01-08", "收一月租金", ("101", 100_00), ("301", -100_00))  # the books went on into 2026
    text = read_pdf(build_report(posted, "trial-balance", tmp_path / "tb.pdf", year=2025,
                                 printed_on=dt.date(2026, 2, 1)))
    assert "2025年度" in text and "7,241.64" in text


def test_default_period_is_the_current_one(posted, tmp_path, read_pdf):
    text = read_pdf(build_report(posted, "trial-balance", tmp_path / "tb.pdf", printed_on=PRINTED))
    assert "2025年1月" in text


def test_empty_books_still_print(books, tmp_path, read_pdf):
    for name in REPORTS:
        if name == "receipt":  # one receipt by its number, not a report of the books (test_receipt_pdf.py)
            continue
        text = read_pdf(build_report(books, name, tmp_path / f"{name}.pdf", period="2025-01",
                                     printed_on=PRINTED))
        assert "兰花社区" in text, name


def test_unknown_report_and_conflicting_options_are_refused(books, tmp_path):
    with pytest.raises(InputError, match="没有名为"):
        build_report(books, "no-such-report", tmp_path / "x.pdf", printed_on=PRINTED)
    with pytest.raises(InputError, match="只能指定一个"):
        build_report(books, "ledger", tmp_path / "x.pdf", period="2025-01", year=2025, printed_on=PRINTED)


WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def test_pdf_font_setting_is_used(books, tmp_path, fresh_fonts, font_names):
    import os

    if not os.path.isfile(WQY):
        pytest.skip("fonts-wqy-microhei not installed")
    books.settings.set("pdf_font", WQY)
    path = build_report(books, "chart", tmp_path / "c.pdf", printed_on=PRINTED)
    assert any("WenQuanYi" in name for name in font_names(path))


def test_reports_fall_back_to_stsong_without_a_truetype_font(posted, tmp_path, fresh_fonts,
                                                             monkeypatch, font_names, read_pdf):
    monkeypatch.setattr(fresh_fonts, "_search_candidates", lambda: [])
    for name in ("ledger", "vouchers"):
        path = build_report(posted, name, tmp_path / f"{name}.pdf", period="2025-01",
                            printed_on=PRINTED)
        assert font_names(path) == {"/STSong-Light"}, name
        assert "兰花社区" in read_pdf(path) and "1,234.50" in read_pdf(path)


def test_month_books_bind_every_book_of_the_month_with_bookmarks(posted, tmp_path, read_pdf):
    from pypdf import PdfReader

    path = build_report(posted, "month-books", tmp_path / "books.pdf", period="2025-01", printed_on=PRINTED)
    reader = PdfReader(path)
    marks = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title for title, _ in marks] == ["记账凭证", "现金日记账", "银行存款日记账", "明细分类账", "科目余额表",
                                            "资产负债表", "收益及收益分配表"]
    starts = [page for _, page in marks]
    assert starts == sorted(starts) and starts[0] == 0 and len(set(starts)) == len(starts)
    pages = read_pdf.pages(path)
    for (title, start) in marks:
        assert title in pages[start], title  # each bookmark opens its book's first page
    assert "收一月商铺租金" in pages[starts[1]] and "16,409.02" in pages[starts[2]]
    assert reader.metadata.title == "全部账簿（2025年1月）"

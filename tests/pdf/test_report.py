"""The generic table report and page frame: what a reviewer sees on every printed page."""
from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from assetdesk.pdf.paging import CarryForward
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report

COMMUNITY = "兰花社区股份经济合作社"
COLUMNS = [("日期", 20, "center"), ("摘要", 60), ("借方", 25, "amount"), ("贷方", 25, "amount"),
           ("借或贷", 10, "center"), Column("余额", 25, "amount", blank_zero=False)]
CARRY = CarryForward(label_column=1, debit_column=2, credit_column=3, balance_column=5,
                     direction_column=4)


def ledger_rows(count: int) -> list[Row]:
    rows = [Row(("2025-01-01", "上年结转", None, None, "借", 100000), "opening")]
    balance = 100000
    for i in range(count):
        balance += 123450
        rows.append(Row((f"2025-01-{i % 28 + 1:02d}", f"收租金 {i}", 123450, 0, "借", balance)))
    return rows


def cells_after(page_text: str, label: str, count: int) -> list[str]:
    """The cells printed right after ``label`` (pypdf gives one cell per line)."""
    lines = page_text.splitlines()
    start = lines.index(label) + 1
    return lines[start:start + count]


def spec(**overrides) -> ReportSpec:
    values = dict(title="明细分类账", community=COMMUNITY, period_label="2025年1月",
                  columns=COLUMNS, rows=ledger_rows(3), printed_on=date(2025, 4, 1))
    values.update(overrides)
    return ReportSpec(**values)


def test_every_page_has_title_community_period_unit_date_signature(tmp_path, read_pdf):
    path = render_table_report(tmp_path / "r.pdf", spec(rows=ledger_rows(100), carry=CARRY))
    pages = read_pdf.pages(path)
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        for needle in ("明细分类账", COMMUNITY, "2025年1月", "单位：元", "打印日期：2025-04-01",
                       "制表人", "审核人", "负责人", f"第 {number} 页 / 共 {len(pages)} 页"):
            assert needle in text, (number, needle)


def test_amounts_print_in_ledger_form_and_zero_is_blank(tmp_path, read_pdf):
    text = read_pdf(render_table_report(tmp_path / "r.pdf", spec()))
    assert "1,234.50" in text and "1,000.00" in text
    assert "4,703.50" in text  # 1,000.00 + 3 × 1,234.50
    assert "0.00" not in text.splitlines()  # the credit column is blank, not 0.00


def test_negative_amounts_keep_their_minus(tmp_path, read_pdf):
    rows = [Row(("2025-01-05", "冲销 2025-01 记-0001", -50000, 0, "贷", 50000))]
    text = read_pdf(render_table_report(tmp_path / "r.pdf", spec(rows=rows)))
    assert "-500.00" in text


def test_multi_page_ledger_carries_forward(tmp_path, read_pdf):
    pages = read_pdf.pages(render_table_report(tmp_path / "r.pdf", spec(rows=ledger_rows(100), carry=CARRY)))
    assert "过次页" in pages[0] and "承前页" not in pages[0]
    assert "承前页" in pages[1] and "过次页" in pages[1]
    assert "承前页" in pages[-1] and "过次页" not in pages[-1]


def test_carry_forward_figures_match_on_both_sides_of_the_break(tmp_path, read_pdf):
    pages = read_pdf.pages(render_table_report(tmp_path / "r.pdf", spec(rows=ledger_rows(100), carry=CARRY)))
    carried_out = cells_after(pages[0], "过次页", 3)
    assert carried_out == cells_after(pages[1], "承前页", 3)
    assert carried_out[0] == "48,145.50" and carried_out[2] == "49,145.50"  # 39 × 1,234.50


def test_sections_start_on_new_pages_with_their_heading(tmp_path, read_pdf):
    sections = [Section(ledger_rows(2), "科目：101 库存现金"), Section(ledger_rows(2), "科目：102 银行存款")]
    pages = read_pdf.pages(render_table_report(tmp_path / "r.pdf", spec(sections=sections)))
    assert len(pages) == 2
    assert "101 库存现金" in pages[0] and "102 银行存款" in pages[1]
    assert "第 2 页 / 共 2 页" in pages[1]


def test_landscape_and_grouped_headers(tmp_path, read_pdf):
    columns = [("科目编码", 14), ("科目名称", 30), ("借方", 20, "amount"), ("贷方", 20, "amount")]
    path = render_table_report(tmp_path / "r.pdf", spec(columns=columns, landscape=True,
                                                         groups=[("期初余额", 2, 3)],
                                                         rows=[("101", "库存现金", 100, 0)]))
    page = PdfReader(str(path)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = read_pdf(path)
    assert "期初余额" in text and "库存现金" in text and "1.00" in text


def test_long_text_wraps_instead_of_running_into_the_next_column(tmp_path, read_pdf):
    long = "收到兰花社区第三片区某某小区二〇二五年第一季度物业服务费、卫生费及公共照明费"
    rows = [("2025-01-02", long, 100, 0, "借", 100)]
    text = read_pdf(render_table_report(tmp_path / "r.pdf", spec(rows=rows)))
    assert "公共照明费" in text and "收到兰花社区" in text


def test_empty_report_prints_one_page_saying_so(tmp_path, read_pdf):
    pages = read_pdf.pages(render_table_report(tmp_path / "r.pdf", spec(rows=[])))
    assert len(pages) == 1 and "（无数据）" in pages[0]


def test_total_rows_are_printed(tmp_path, read_pdf):
    rows = ledger_rows(2) + [Row(("", "本月合计", 246900, 0, "借", 346900), "month_total"),
                             Row(("", "本年累计", 246900, 0, "借", 346900), "year_total")]
    text = read_pdf(render_table_report(tmp_path / "r.pdf", spec(rows=rows)))
    assert "本月合计" in text and "本年累计" in text and "2,469.00" in text


def test_printed_on_is_required(tmp_path):
    with pytest.raises(ValueError):
        render_table_report(tmp_path / "r.pdf", spec(printed_on=None))


def test_bad_alignment_is_refused():
    with pytest.raises(ValueError):
        Column("x", 1, "middle")

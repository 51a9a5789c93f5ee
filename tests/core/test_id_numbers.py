"""身份证号码 (GB 11643), 统一社会信用代码 (GB 32100), phone numbers and names as the books keep them."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from assetdesk.excel.placeholders import blank_placeholder, is_placeholder
from assetdesk.id_numbers import (
    credit_code_problem,
    id_code_problem,
    implied_kind,
    normalise_phone,
    phone_problem,
    resident_id_problem,
    with_credit_check,
    with_resident_check,
)
from assetdesk.names import normalise_name

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
birth_dates = st.dates(dt.date(1900, 1, 1), dt.date(2024, 12, 31))


def test_published_codes_pass_and_a_changed_character_fails():
    for code in ("91350100M000100Y43", "91110108551385082Q", "91440300708461136T"):
        assert credit_code_problem(code) is None and implied_kind(code) == "单位"
    assert "校验码（第 18 位）不符" in credit_code_problem("91350100M000100Y44")
    assert "不用 I、O、S、V、Z" in credit_code_problem("91350100M0001O0Y43")


@given(region=st.integers(110000, 659999), born=birth_dates, sequence=st.integers(0, 999),
       position=st.integers(0, 16), digit=st.integers(0, 9))
def test_every_single_mistyped_digit_of_an_id_number_is_caught(region, born, sequence, position, digit):
    code = with_resident_check(f"{region}{born:%Y%m%d}{sequence:03d}")
    assert resident_id_problem(code) is None and id_code_problem(code, "个人") is None
    typo = code[:position] + str(digit) + code[position + 1:]
    if typo != code:
        assert resident_id_problem(typo) is not None


@given(body=st.text(CODE_CHARS, min_size=15, max_size=15), position=st.integers(0, 16),
       char=st.sampled_from(CODE_CHARS))
def test_every_single_mistyped_character_of_a_credit_code_is_caught(body, position, char):
    code = with_credit_check("91" + body)
    assert credit_code_problem(code) is None and id_code_problem(code, "单位") is None
    typo = code[:position] + char + code[position + 1:]
    if typo != code:
        assert credit_code_problem(typo) is not None


def test_id_numbers_of_a_person():
    assert "出生日期 1985-02-30 不存在" in id_code_problem("110101198502300011", "个人")
    assert id_code_problem("530802650101001", "个人") is None  # an old 15-digit number: its date is real
    assert "1965-13-01 不存在" in id_code_problem("530802651301001", "个人")
    assert "应为 18 位（旧证 15 位）" in id_code_problem("53080219900101", "个人")
    assert "科学计数法" in id_code_problem("5.30802E+17", "个人")
    assert "没有数字" in id_code_problem("无", "个人")
    for other_document in ("H12345678", "E12345678", "G1234567", "12345678-9"):
        assert id_code_problem(other_document, "个人") is None


def test_id_numbers_of_a_unit():
    owner = with_resident_check("53080219800101001")
    assert id_code_problem(owner, "单位") is None  # a 个体工商户 registered under its owner's number
    assert id_code_problem("12345678-9", "单位") is None  # an old 组织机构代码
    assert "既不是有效的统一社会信用代码，也不是有效的身份证号码" in id_code_problem("530802199001010001", "单位")
    assert implied_kind(owner) == "个人" and implied_kind("H12345678") == ""


def test_phones():
    assert normalise_phone("１３５００００００００") == "13500000000"
    for phone in ("13800000000", "0879-2123456 / 13800000000", "0879-2123456转8001", "+86 138 0013 8000",
                  "(0879)2123456", "手机 13800000000"):
        assert phone_problem(normalise_phone(phone)) is None, phone
    assert "至少应有 7 位数字" in phone_problem("abc") and "至少应有 7 位数字" in phone_problem("2123")
    assert "科学计数法" in phone_problem("8.79213E+10")


def test_placeholders_mean_nothing_here():
    for text in ("无", "无.", "无。", "/", "\\", "—", "-", "--", "暂无", "不详", "未知", "空", "没有", "N/A", "n/a",
                 " 无 ", "／", "－"):
        assert is_placeholder(text) and blank_placeholder(text) == "", text
    for text in ("无锡路", "13800000000", "王无忌", "0", "", None, 0):
        assert not is_placeholder(text), text
    assert blank_placeholder("兰园小区") == "兰园小区"


def test_names_lose_the_spaces_typed_to_align_them():
    assert normalise_name("张  伟") == "张伟"
    assert normalise_name("翠云 小区") == "翠云小区"
    assert normalise_name("张\u3000三") == "张三"
    assert normalise_name(" 兰园小区\xa0") == "兰园小区"
    assert normalise_name("ABC  Company") == "ABC Company"
    assert normalise_name("普洱 ABC 有限公司") == "普洱 ABC 有限公司"

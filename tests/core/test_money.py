"""Money: exact fen, every input form of DOMAIN §2, ¥ formatting and 大写金额 (§2.1)."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assetdesk.errors import AmountError
from assetdesk.money import (
    format_amount,
    format_money,
    multiply_to_fen,
    parse_amount,
    percent_of,
    round_to_fen,
    to_capital,
)

CAPITAL_VECTORS = [
    ("0.00", "零元整"), ("0.05", "伍分"), ("0.50", "伍角整"), ("1005.30", "壹仟零伍元叁角整"),
    ("1409.50", "壹仟肆佰零玖元伍角整"), ("6007.14", "陆仟零柒元壹角肆分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"), ("10010.01", "壹万零壹拾元零壹分"),
    ("100000.00", "壹拾万元整"), ("107000.53", "壹拾万柒仟元伍角叁分"), ("100000000.00", "壹亿元整"),
]


@pytest.mark.parametrize("amount,capital", CAPITAL_VECTORS)
def test_capital_amount_matches_every_domain_vector(amount, capital):
    assert to_capital(parse_amount(amount)) == capital


def test_capital_amount_prefix_and_zero_runs():
    assert to_capital(1_000_000_01, prefix=True) == "人民币壹佰万元零壹分"
    assert to_capital(1000_0100_00) == "壹仟万零壹佰元整"
    assert to_capital(10_00) == "壹拾元整"


@pytest.mark.parametrize("text,fen", [
    ("1234.5", 123450), ("1,234.50", 123450), ("¥1234.50", 123450), ("￥1,234.50", 123450),
    ("1234.50元", 123450), ("12.5万", 12500000), ("12.5万元", 12500000), ("１２３４．５", 123450),
    ("１，２３４．５０", 123450), (" 88 ", 8800), ("-3.01", -301), (Decimal("7.1"), 710), (45, 4500), (0.1, 10),
])
def test_parse_accepts_every_documented_form(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text", ["abc", "", "1.234", "12,34", "1..2", "--1", "¥", "万", None, "1e5"])
def test_parse_rejects_malformed_amounts_with_a_chinese_message(text):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert "金额" in str(info.value)


def test_parse_can_refuse_negatives():
    with pytest.raises(AmountError, match="不能为负数"):
        parse_amount("-1", allow_negative=False)


def test_formatting_for_screen_and_ledgers():
    assert format_money(123450) == "¥1,234.50"
    assert format_money(-123450) == "-¥1,234.50"
    assert format_amount(-5) == "-0.05"
    assert format_amount(100000000) == "1,000,000.00"


def test_one_rounding_rule_half_up():
    assert round_to_fen(Decimal("0.005")) == 1
    assert round_to_fen(Decimal("0.0049")) == 0
    assert multiply_to_fen(Decimal("85.33"), Decimal("1.5")) == 12800  # 127.995 → 128.00
    assert percent_of(333, 50) == 167


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_format_then_parse_round_trips(fen):
    assert parse_amount(format_money(fen)) == fen
    assert parse_amount(format_amount(fen)) == fen


@given(st.integers(min_value=0, max_value=10**13))
def test_capital_form_is_well_formed(fen):
    text = to_capital(fen)
    assert "零零" not in text
    assert text.endswith("整") == (fen % 10 == 0)
    assert not text.startswith("零") or fen == 0


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_fen_to_decimal_is_exact_with_two_places(fen):
    from assetdesk.money import fen_to_decimal

    value = fen_to_decimal(fen)
    assert value.as_tuple().exponent == -2 and value * 100 == fen
    assert parse_amount(value) == fen


@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=1, max_value=9))
def test_an_amount_computed_by_excel_reads_as_the_amount_it_shows(fen, times):
    """Excel stores =A1*3 as a binary float (123.45*3 → 370.34999999999997) and shows 15 digits:
    the import reads what it shows, not the noise."""
    price = fen / 100  # the float a reader returns for a typed amount
    assert parse_amount(price) == fen
    computed = price * times  # what Excel stores for a formula multiplying it
    assert parse_amount(computed) == fen * times


def test_excel_computed_cells_from_real_formulas():
    assert parse_amount(123.45 * 3) == 370_35 and parse_amount(0.1 + 0.2) == 30
    with pytest.raises(AmountError, match="超过两位小数"):
        parse_amount(12.345)  # typed with three decimals: refused, never rounded


@pytest.mark.parametrize(("text", "fen"), [("1200元整", 1_200_00), ("人民币1,200.00元整", 1_200_00),
                                           ("人民币¥1200", 1_200_00), ("12.5万元整", 125_000_00)])
def test_amounts_written_as_on_receipts_and_contracts(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(("text", "fen"), [("(1,000.00)", -1_000_00), ("（1,000.00）", -1_000_00), ("(¥1,200.50)", -1_200_50),
                                           ("(12.5万)", -125_000_00), ("(0.00)", 0)])
def test_accounting_parentheses_are_a_negative_amount(text, fen):
    """Balance tables exported by other programs print a red (negative) balance as (1,000.00)."""
    assert parse_amount(text) == fen


@pytest.mark.parametrize("text", ["(-1,000.00)", "(+5)", "((1))", "()", "(1", "1)", "-(5)"])
def test_parentheses_with_a_sign_or_unmatched_are_refused(text):
    with pytest.raises(AmountError, match="无法识别"):
        parse_amount(text)


@given(st.integers(min_value=-10**15, max_value=10**15), st.booleans())
def test_a_negative_in_parentheses_reads_as_the_same_amount_as_with_a_minus(fen, wide):
    """(1,234.50) = -1,234.50 for every amount, in half- or full-width brackets; a negative in
    parentheses is refused rather than read as a double negative."""
    shown = format_amount(abs(fen))
    text = f"（{shown}）" if wide else f"({shown})"
    assert parse_amount(text) == -abs(fen)
    if fen:
        with pytest.raises(AmountError):
            parse_amount(f"({format_amount(-abs(fen))})")


@pytest.mark.parametrize("text", ["元整", "人民币", "整", "1200元整整", "RMB1200"])
def test_words_without_an_amount_are_still_refused(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_a_sums_binary_residue_is_no_money_but_a_third_decimal_still_is():
    """=SUM(…) stores 98765.4300000001 where Excel shows 98,765.43, and 1.455e-11 for a nil
    difference; a typed 12.345 or 0.001 is still refused."""
    assert parse_amount(98765.4300000001) == 98765_43
    assert parse_amount(1.455191522836685e-11) == 0 and parse_amount(-1.4e-11) == 0
    for typed in (12.345, 0.001, 0.005):
        with pytest.raises(AmountError):
            parse_amount(typed)


@given(st.lists(st.integers(min_value=-10**9, max_value=10**9), min_size=1, max_size=60))
def test_property_an_excel_sum_of_amounts_reads_back_as_the_exact_sum_in_fen(fens):
    """Whatever a spreadsheet adds up in binary floating point (each cell a whole number of fen,
    up to ±10,000,000 yuan, up to 60 cells), the stored sum reads as the exact sum in fen."""
    total = 0.0
    for fen in fens:
        total += fen / 100
    assert parse_amount(total) == sum(fens)

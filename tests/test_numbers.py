"""Numbers as analysts type them: read exactly as meant in every locale's style, or refused with both readings."""

from __future__ import annotations

from pathlib import Path

import pytest

from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.loading import load_files
from gcmdash.ingest.numbers import read_number

CORPUS = Path(__file__).resolve().parent / "fixtures" / "bad"

#: (text, from a file with decimal commas, the number meant)
READ = [
    ("1500000", False, 1500000),
    ("1500000.50", False, 1500000.5),
    ("USD 1,500,000", False, 1500000),
    ("$20.5", False, 20.5),
    ("1,234,567.89", False, 1234567.89),
    ("2,700,000", True, 2700000),
    # Europe: decimal commas (what Excel's semicolon CSV holds), dot or space thousands.
    ("6180000,00", True, 6180000),
    ("6180000,00", False, 6180000),
    ("2.700.000", False, 2700000),
    ("2.700.000", True, 2700000),
    ("1.234.567,89", True, 1234567.89),
    ("1,25", True, 1.25),
    ("1,250", True, 1.25),
    ("0,250", False, 0.25),
    ("-3,5", True, -3.5),
    ("1.5", True, 1.5),
    ("1 250 000", False, 1250000),
    ("1\u00a0250\u00a0000,50", True, 1250000.5),
    ("1\u202f250", False, 1250),
    ("1'250'000", False, 1250000),
    ("1.250", False, 1.25),
]
AMBIGUOUS = [("1,250", False), ("12,500", False), ("1.250", True), ("USD 250,000", False)]
NOT_NUMBERS = ["a lot", "12,34,567", "1.2.3", "1,234.5,6", "1 2500", "1.000,00,0", "--5", "", "USD"]


@pytest.mark.parametrize(("text", "decimal_comma", "meant"), READ)
def test_a_number_is_read_as_it_was_meant(text, decimal_comma, meant):
    reading = read_number(text, decimal_comma)
    assert reading.code is None, reading.message
    assert reading.value == pytest.approx(meant)


@pytest.mark.parametrize(("text", "decimal_comma"), AMBIGUOUS)
def test_a_number_with_two_readings_is_refused_saying_both(text, decimal_comma):
    reading = read_number(text, decimal_comma)
    assert reading.value is None and reading.code is IssueCode.AMBIGUOUS_NUMBER
    digits = text.removeprefix("USD ")
    whole, decimal = digits.replace(",", "").replace(".", ""), digits.replace(",", ".")
    assert whole in reading.message and str(float(decimal)).rstrip("0").rstrip(".") in reading.message


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_anything_else_is_not_a_number(text):
    reading = read_number(text)
    assert reading.value is None and reading.code is IssueCode.WRONG_TYPE
    assert "1.500.000" in reading.message, "the message shows the forms that are read"


def _corpus(*names: str) -> list[tuple[str, bytes]]:
    return [(name, (CORPUS / name).read_bytes()) for name in names]


def test_a_semicolon_csv_with_decimal_commas_gives_the_amounts_written():
    # Before: "6180000,00" was read as 618,000,000 and offered for publishing (mobilised 3,947 %).
    result = load_files(_corpus("missing_contributions.xlsx", "contributions_decimal_comma.csv"), complete=True)
    assert result.valid, [issue.message for issue in result.issues if issue.is_error]
    amounts = sorted(result.dataset["contributions"]["amount_usd"].astype(float))
    assert amounts == [1500000.5, 6180000.0]

"""Phone numbers in the HTML edition stay on one line; the RML is unchanged."""

from __future__ import annotations

import pytest

from handouts.text.markup import to_html, to_rml


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("(217) 555-0142", 'Call <span class="phone">(217) 555-0142</span>.'),
        ("01632 960 123", 'Call <span class="phone">01632 960 123</span>.'),
        ("911", 'Call <span class="phone">911</span>.'),
        (
            "Mill Lane Pharmacy, 01632 960 456",
            'Call Mill Lane Pharmacy, <span class="phone">01632 960 456</span>.',
        ),
        ("1.5 mg", "Call 1.5 mg."),  # a dose is not a phone number
        ("your clinic", "Call your clinic."),
    ],
)
def test_phone_values_are_kept_on_one_line(value: str, expected: str) -> None:
    assert to_html("Call {phone}.", {"phone": value}, {}) == expected


def test_rml_has_no_phone_markup() -> None:
    assert to_rml("Call {phone}.", {"phone": "(217) 555-0142"}, {}) == "Call (217) 555-0142."


def test_numbers_in_the_text_itself_are_left_alone() -> None:
    assert to_html("Approved in 1984.", {}, {}) == "Approved in 1984."

"""What a text costs: its encoding and how many parts it is sent in.

A text that keeps to the GSM 03.38 alphabet goes as GSM-7: 160 characters in one part, 153 a
part when it takes more (each part carries a header), and each character of the alphabet's
extension table ({ } [ ] ~ \\ | ^ €) takes two. Any other character turns the whole text into
UCS-2: 70 UTF-16 code units in one part, 67 a part beyond that (a character outside the Basic
Multilingual Plane, such as an emoji, takes two). A part never splits an escaped character or a
surrogate pair, so the count below packs parts as a phone does.

`sms_text` normalises what a template renders, so that an English text does not become UCS-2 (and
cost twice) because of a curly quote, a non-breaking space or an en dash.
"""

import math
from dataclasses import dataclass

GSM_7 = "GSM-7"
UCS_2 = "UCS-2"

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")

SINGLE = {GSM_7: 160, UCS_2: 70}
PER_PART = {GSM_7: 153, UCS_2: 67}

# Typography that templates and translations bring in, and its plain GSM-7 form.
PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        # Direction marks and isolates: needed around names in right-to-left text, never in a
        # text that is all Latin.
        "\u200e": None,
        "\u200f": None,
        "\u2066": None,
        "\u2067": None,
        "\u2068": None,
        "\u2069": None,
    }
)


@dataclass(frozen=True)
class SmsParts:
    encoding: str  # GSM_7 or UCS_2
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    count: int  # parts the text is sent in


def is_gsm_7(text: str) -> bool:
    return all(char in GSM_BASIC or char in GSM_EXTENSION for char in text)


def _units(char: str, encoding: str) -> int:
    if encoding == GSM_7:
        return 2 if char in GSM_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def sms_parts(text: str) -> SmsParts:
    """The encoding a phone network will use for `text`, its length in that encoding's units and
    the number of parts it takes."""
    encoding = GSM_7 if is_gsm_7(text) else UCS_2
    sizes = [_units(char, encoding) for char in text]
    units = sum(sizes)
    if units <= SINGLE[encoding]:
        return SmsParts(encoding, units, 1 if units else 0)
    count, room = 1, PER_PART[encoding]
    for size in sizes:
        if size > room:  # a character is never split between two parts
            count, room = count + 1, PER_PART[encoding]
        room -= size
    return SmsParts(encoding, units, max(count, math.ceil(units / PER_PART[encoding])))


def sms_text(text: str) -> str:
    """`text` with its typography made plain when that lets it go as GSM-7; otherwise as it is
    (a text in Arabic script is UCS-2 anyway, and keeps its direction marks)."""
    plain = text.translate(PLAIN)
    return plain if is_gsm_7(plain) else text

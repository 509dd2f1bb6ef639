"""Text people type, made safe to keep and to show.

What comes in is cleaned once (`text_clean`): control characters and the invisible characters
that reorder or hide text are dropped, and the rest is normalised, so that "Ali\u202egnp.exe" is
kept as "Alignp.exe" and a NUL never reaches the database. What goes out is isolated (`isolate`
for plain text, `<bdi>` in HTML), so that a name written right to left cannot turn the sentence
around it.
"""

import unicodedata

from django import forms
from django.contrib.admin import display
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html

# Invisible characters that are letters' business in Persian, Arabic and Indic scripts: the
# zero-width non-joiner and joiner (می‌خواهم) and the variation selectors.
KEEP = frozenset("\u200c\u200d") | frozenset(map(chr, range(0xFE00, 0xFE10)))
# Format characters that are visible: the Arabic number and end-of-ayah signs.
KEEP |= frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u08e2")
# Whitespace other than a plain space that is not a line break: shown as one space.
SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009")
SPACES |= frozenset("\u200a\u202f\u205f\u3000")
LINE_BREAKS = frozenset("\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def _drop(char: str) -> bool:
    if char in KEEP:
        return False
    # Cc: C0 and C1 controls, NUL included. Cf: format characters: the bidi embeddings,
    # overrides and isolates, the LRM/RLM/ALM marks, zero-width space, word joiner, BOM, soft
    # hyphen, tag characters (which can smuggle hidden words). Cs: half of a surrogate pair,
    # which cannot be stored. Unassigned code points stay: they may be next year's emoji.
    return unicodedata.category(char) in {"Cc", "Cf", "Cs"}


def text_clean(value: str, *, multiline: bool = False) -> str:
    """`value` without control and invisible formatting characters, in NFC.

    Tabs and line breaks become spaces, unless `multiline`: then any line break is "\\n" (a
    Windows "\\r\\n" is one) and a tab is kept. ZWJ and ZWNJ stay. Not stripped: the caller (a
    form field) decides that.
    """
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if multiline and char == "\t":
            kept.append(char)
        elif char in LINE_BREAKS:
            kept.append("\n" if multiline else " ")
        elif char == "\t" or char in SPACES:
            kept.append(" ")
        elif not _drop(char):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def isolate(value) -> str:
    """Someone's text, isolated for plain text (email, SMS): it keeps its own direction and
    cannot reorder what is around it. Empty stays empty."""
    text = str(value) if value is not None else ""
    if not text:
        return ""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


class PlainTextField(forms.CharField):
    """A CharField for what people type: cleaned with `text_clean` before anything else looks
    at it. A Textarea keeps its line breaks."""

    def to_python(self, value):
        if isinstance(value, str):
            value = text_clean(value, multiline=isinstance(self.widget, forms.Textarea))
        return super().to_python(value)


def isolate_html(value, *, multiline: bool = False) -> str:
    """Someone's text for an HTML page, escaped, in a `<bdi>` of its own (many lines: in a
    block that finds its own direction). Empty stays empty."""
    text = str(value) if value is not None else ""
    if not text:
        return ""
    if multiline:
        return format_html('<div dir="auto">{}</div>', linebreaksbr(text, autoescape=True))
    return format_html("<bdi>{}</bdi>", text)


def isolated_column(model, field_name: str, *, multiline: bool = False):
    """An admin column or read-only field showing what someone typed in `field_name`,
    isolated, under the field's own name (for ModelAdmin list_display and readonly_fields)."""
    field = model._meta.get_field(field_name)

    @display(description=field.verbose_name, ordering=field_name)
    def column(model_admin, obj):
        return isolate_html(getattr(obj, field_name), multiline=multiline) or "–"

    column.__name__ = f"{field_name}_isolated"
    return column

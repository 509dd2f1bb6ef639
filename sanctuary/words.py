"""Lists as each language writes them.

A list of counts ("2 adults, 1 child") is joined with the language's own punctuation and
conjunction, never a hard-coded Latin comma: Arabic writes "بالغان وطفل واحد" (the "و"
joined to the next word), Persian, Pashto, Central Kurdish and Urdu use the Arabic comma "،"
and their own "and", Tigrinya its own comma "፣".
(A number that can be negative, such as the register's places left, is isolated left to right
on the page, `<bdi dir="ltr">`, so that its minus stays on the left of its digits.)
"""

from collections.abc import Iterable

from django.utils import translation

# (between two items of a longer list, before the last item). English and Ukrainian keep the
# comma for counts of people, as their unit lists do ("2 adults, 1 child"); Russian and Albanian
# join the last with their "and", as Ukrainian does.
LIST_PATTERNS = {
    "en": (", ", ", "),
    "uk": (", ", " і "),
    "ar": ("، ", " و"),
    "fa": ("، ", " و "),
    "ps": ("، ", " او "),
    "ckb": ("، ", " و "),
    "ti": ("፣ ", " ከምኡውን "),
    "ur": ("، ", " اور "),
    "ru": (", ", " и "),
    "sq": (", ", " dhe "),
}


def list_pattern(language: str | None = None) -> tuple[str, str]:
    """The separators of `language` (the active language by default), English when unknown."""
    code = (language or translation.get_language() or "en").lower()
    return LIST_PATTERNS.get(code) or LIST_PATTERNS.get(code.split("-")[0]) or LIST_PATTERNS["en"]


def list_join(items: Iterable, *, language: str | None = None) -> str:
    """`items` (strings, empty ones left out) as one list in `language`'s own words."""
    parts = [str(item) for item in items if str(item)]
    if len(parts) < 2:
        return "".join(parts)
    between, last = list_pattern(language)
    return between.join(parts[:-1]) + last + parts[-1]

"""A party's people in words, "2 adults, 1 child", in the language's own plural forms and
list punctuation (the Arabic dual names no number: "بالغان وطفل واحد")."""

from django.utils.translation import ngettext

from sanctuary.words import list_join


def party_describe(*, adults: int, children: int) -> str:
    """The adults always (a party has some), the children when there are any."""
    parts = [ngettext("%(count)s adult", "%(count)s adults", adults) % {"count": adults}]
    if children:
        parts.append(
            ngettext("%(count)s child", "%(count)s children", children) % {"count": children}
        )
    return list_join(parts)

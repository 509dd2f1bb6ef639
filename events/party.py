"""A guest party's people in words, "3 guests, 1 host", in the language's own plural forms
and list punctuation."""

from django.utils.translation import ngettext

from sanctuary.words import list_join


def guests_describe(*, guests: int, hosts: int) -> str:
    """The guests always, the hosts who come with them when there are any."""
    parts = [ngettext("%(count)s guest", "%(count)s guests", guests) % {"count": guests}]
    if hosts:
        parts.append(ngettext("%(count)s host", "%(count)s hosts", hosts) % {"count": hosts})
    return list_join(parts)

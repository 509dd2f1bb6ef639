from django.http import Http404

from sanctuary.pagecache import cached_page
from venues import selectors


def home(request):
    """The home page: what the programme offers, and the venues."""
    return cached_page(
        request, "sanctuary/home.html", lambda: {"venues": list(selectors.venue_list_public())}
    )


def venue_list(request):
    return cached_page(
        request, "venues/venue_list.html", lambda: {"venues": list(selectors.venue_list_public())}
    )


def venue_detail(request, slug):
    def context():
        venue = selectors.venue_get_public(slug=slug)
        if venue is None:
            raise Http404
        return {"venue": venue}

    # Only a venue's page is cached (never "not found"), and a venue's change moves the
    # content generation on (venues.apps).
    return cached_page(request, "venues/venue_detail.html", context)

from django.http import Http404
from django.shortcuts import render

from venues import selectors


def home(request):
    """The home page: what the programme offers, and the venues."""
    return render(request, "sanctuary/home.html", {"venues": selectors.venue_list_public()})


def venue_list(request):
    return render(request, "venues/venue_list.html", {"venues": selectors.venue_list_public()})


def venue_detail(request, slug):
    venue = selectors.venue_get_public(slug=slug)
    if venue is None:
        raise Http404
    return render(request, "venues/venue_detail.html", {"venue": venue})

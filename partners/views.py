"""The public "Find support" page: the network's partners by stream, in every language."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners import selectors


@require_GET
def find_support(request):
    # The template offers the languages as plain links rather than the site's language form,
    # whose CSRF token would set a cookie: this page sets none.
    return render(request, "partners/find_support.html", {"groups": selectors.partner_directory()})

"""The public "Find support" page: the network's partners by stream, in every language."""

from django.views.decorators.http import require_GET

from partners import selectors
from sanctuary.pagecache import cached_page


@require_GET
def find_support(request):
    # The template offers the languages as plain links rather than the site's language form,
    # whose CSRF token would set a cookie: this page sets none.
    return cached_page(
        request, "partners/find_support.html", lambda: {"groups": selectors.partner_directory()}
    )

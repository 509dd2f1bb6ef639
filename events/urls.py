"""Public pages: performances' guest tickets and claim links, network events, the mailing list."""

app_name = "events"
urlpatterns = []

# Guest tickets: the claim link a partner sends, and the guest party's private ticket page.
from django.urls import path  # noqa: E402

from events.views import claims as claim_views  # noqa: E402
from events.views import tickets as ticket_views  # noqa: E402

urlpatterns += [
    path("claim/<slug:token>/", claim_views.claim, name="claim"),
    path("ticket/<slug:token>/", ticket_views.ticket, name="ticket"),
    path("ticket/<slug:token>/cancel/", ticket_views.ticket_cancel_view, name="ticket_cancel"),
    path("ticket/<slug:token>/calendar.ics", ticket_views.ticket_calendar, name="ticket_calendar"),
]

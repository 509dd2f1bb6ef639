"""Public pages: performances' guest tickets and claim links, network events, the mailing list."""

from django.urls import path

from events.views import claims, mailing, network, pool, tickets

app_name = "events"
urlpatterns = [
    path("pool/offer/<str:token>/", pool.pool_offer, name="pool-offer"),
    # Guest tickets: the claim link a partner sends, and the guest party's private ticket page.
    path("claim/<slug:token>/", claims.claim, name="claim"),
    path("ticket/<slug:token>/", tickets.ticket, name="ticket"),
    path("ticket/<slug:token>/cancel/", tickets.ticket_cancel_view, name="ticket_cancel"),
    path("ticket/<slug:token>/calendar.ics", tickets.ticket_calendar, name="ticket_calendar"),
]

# Network events and the partnership mailing list. The event page's "<slug>/" comes last, so
# that the fixed paths above it are never read as an event's slug.
urlpatterns += [
    path("", network.event_list, name="network_list"),
    path("mailing-list/", mailing.join, name="mailing_join"),
    path("mailing-list/check-your-email/", mailing.check_email, name="mailing_check_email"),
    path("mailing-list/confirm/<str:token>/", mailing.confirm, name="mailing_confirm"),
    path("mailing-list/leave/<str:token>/", mailing.leave, name="mailing_leave"),
    path("mailing-list/left/", mailing.left, name="mailing_left"),
    path("booked/", network.booked, name="network_booked"),
    path("booking/<str:token>/", network.booking_manage, name="network_booking"),
    path("booking/<str:token>/cancel/", network.booking_cancel, name="network_booking_cancel"),
    path(
        "booking/<str:token>/calendar.ics",
        network.booking_calendar,
        name="network_booking_calendar",
    ),
    path("dates/<int:pk>/calendar.ics", network.date_calendar, name="network_calendar"),
    path("<slug:slug>/", network.event_detail, name="network_event"),
    path("<slug:slug>/<int:pk>/", network.date_book, name="network_date"),
]

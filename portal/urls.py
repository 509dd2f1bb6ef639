"""The partner portal: partner workers act for their own organisation's clients and guests."""

from django.urls import path

from portal import guests, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("guests/", guests.guest_quotas, name="guest-quotas"),
    path("guests/<int:quota_id>/", guests.guest_quota, name="guest-quota"),
    path("guests/<int:quota_id>/pool/", guests.guest_pool_join, name="guest-pool-join"),
    path(
        "guests/tickets/<int:ticket_id>/withdraw/",
        guests.guest_ticket_cancel,
        name="guest-ticket-cancel",
    ),
    path("guests/pool/<int:request_id>/", guests.guest_pool_answer, name="guest-pool-answer"),
]

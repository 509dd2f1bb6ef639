"""The partner portal: partner workers act for their own organisation's clients and guests."""

from django.urls import path

from portal import bookings, guests, referrals, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/new/", referrals.referral_funds, name="referral_funds"),
    path("referrals/new/<slug:slug>/", referrals.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral"),
    path("bookings/", bookings.booking_list, name="bookings"),
    path("bookings/new/", bookings.booking_sessions, name="booking_sessions"),
    path("bookings/new/<int:session_pk>/", bookings.booking_create, name="booking_create"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
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

# Claim links a partner worker sends guests.
from portal import claims  # noqa: E402

urlpatterns += [
    path("claims/", claims.claim_links, name="claims"),
    path("claims/send/", claims.claim_link_send_view, name="claim_send"),
    path("claims/<int:pk>/withdraw/", claims.claim_link_withdraw, name="claim_withdraw"),
]

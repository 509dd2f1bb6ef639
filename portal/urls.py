"""The partner portal: partner workers act for their own organisation's clients and guests."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
]

# Claim links a partner worker sends guests.
from portal import claims  # noqa: E402

urlpatterns += [
    path("claims/", claims.claim_links, name="claims"),
    path("claims/send/", claims.claim_link_send_view, name="claim_send"),
    path("claims/<int:pk>/withdraw/", claims.claim_link_withdraw, name="claim_withdraw"),
]

"""Public pages: performances' guest tickets and claim links, network events, the mailing list."""

from django.urls import path

from events.views import pool

app_name = "events"
urlpatterns = [
    path("pool/offer/<str:token>/", pool.pool_offer, name="pool-offer"),
]

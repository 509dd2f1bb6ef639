"""Public pages: performances' guest tickets and claim links, network events, the mailing list."""

app_name = "events"
urlpatterns = []

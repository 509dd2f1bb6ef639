from django.urls import path, re_path

from bursaries import views

app_name = "bursaries"

urlpatterns = [
    path("", views.fund_list, name="list"),
    # The private links: 43 URL-safe characters (sanctuary.codes.token_new).
    re_path(r"^application/(?P<token>[\w-]{43})/$", views.application_status, name="status"),
    re_path(r"^application/(?P<token>[\w-]{43})/sent/$", views.application_sent, name="sent"),
    path("<slug:slug>/", views.fund_detail, name="fund"),
    path("<slug:slug>/apply/", views.application_create, name="apply"),
]

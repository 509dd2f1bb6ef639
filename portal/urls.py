"""The partner portal: partner workers act for their own organisation's clients and guests."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
]

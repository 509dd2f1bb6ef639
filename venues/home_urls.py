"""The site's home page, which lists the venues (mounted at the root, without a namespace)."""

from django.urls import path

from venues import views

urlpatterns = [
    path("", views.home, name="home"),
]

"""Public pages about the network's partners."""

from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("", views.find_support, name="find_support"),
]

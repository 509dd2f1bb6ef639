from django.urls import path

from dropins import views

app_name = "dropins"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("booked/", views.booked, name="booked"),
    path("booked/calendar.ics", views.booked_calendar, name="booked_calendar"),
    path("booking/<slug:token>/", views.manage, name="manage"),
    path("booking/<slug:token>/cancel/", views.cancel, name="cancel"),
    path("booking/<slug:token>/calendar.ics", views.booking_calendar, name="calendar"),
]

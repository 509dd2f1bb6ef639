from django.urls import path

from dropins import views

app_name = "dropins"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/calendar.ics", views.session_calendar, name="calendar"),
    path("booked/", views.booked, name="booked"),
    path("booking/<slug:token>/", views.manage, name="manage"),
    path("booking/<slug:token>/cancel/", views.cancel, name="cancel"),
]

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("charts/<slug:digest>.svg", views.chart, name="chart"),
]

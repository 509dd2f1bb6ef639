from django.urls import path

from attendance import door_views, views

app_name = "register"

urlpatterns = [
    path("", views.today, name="today"),
    # Here, not under /static/, so that it may look after the register's pages.
    path("worker.js", views.worker, name="worker"),
    path("sessions/<int:pk>/", views.register, name="session"),
    path("sessions/<int:pk>/tap/", views.tap, name="tap"),
    path("sessions/<int:pk>/sync/", views.sync, name="sync"),
    path("sessions/<int:pk>/changes/", views.changes, name="changes"),
    path("sessions/<int:pk>/close/", views.close, name="close"),
    path("performances/<int:pk>/", door_views.door, name="door"),
    path("performances/<int:pk>/tap/", door_views.door_tap, name="door_tap"),
    path("performances/<int:pk>/sync/", door_views.door_sync, name="door_sync"),
    path("performances/<int:pk>/changes/", door_views.door_changes, name="door_changes"),
    path("performances/<int:pk>/figures/", door_views.figures, name="figures"),
]

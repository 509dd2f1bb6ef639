"""Public pages about the network's partners."""

app_name = "partners"
urlpatterns = []

from django.urls import path, re_path

from reports import export_views

app_name = "report_exports"

urlpatterns = [
    path("exports/", export_views.export_request, name="request"),
    # An export's token: 43 URL-safe characters (sanctuary.codes.token_new).
    re_path(r"^exports/(?P<token>[\w-]{43})/$", export_views.export_status, name="status"),
    re_path(
        r"^exports/(?P<token>[\w-]{43})/download/$",
        export_views.export_download,
        name="download",
    ),
    path("evidence/", export_views.evidence, name="evidence"),
    path("evidence/edit/", export_views.evidence_edit, name="evidence_edit"),
]

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from sanctuary import views
from sanctuary.language_switch import language_choose, language_set
from sanctuary.sms import views as sms_views

admin.site.site_header = _("Sanctuary administration")
admin.site.site_title = _("Sanctuary")
admin.site.index_title = _("Theatre of Sanctuary")
admin.site.site_url = "/"
# The admin's own password form has no rate limit: send everyone through allauth's sign-in,
# which is rate limited and asks for the second factor.
admin.site.login = secure_admin_login(admin.site.login)

handler400 = views.bad_request

urlpatterns = [
    path("i18n/setlang/", language_set, name="set_language"),
    path("i18n/choose/<str:code>/", language_choose, name="language_choose"),
    path("healthz", views.health, name="health"),
    path("healthz/ready", views.readiness, name="readiness"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots),
    # Texts: short links, and where Twilio posts receipts and replies (README: Twilio).
    path("s/<slug:code>", sms_views.sms_link, name="sms_link"),
    path("sms/twilio/status/", sms_views.twilio_status, name="sms_status"),
    path("sms/twilio/inbound/", sms_views.twilio_inbound, name="sms_inbound"),
]

urlpatterns += i18n_patterns(
    path("", include("venues.home_urls")),
    path("privacy/", views.privacy, name="privacy"),
    path("translations/", views.translations, name="translations"),
    path("venues/", include("venues.urls")),
    path("drop-in/", include("dropins.urls")),
    path("bursaries/", include("bursaries.urls")),
    path("team/", views.team_home, name="team_home"),
    path("team/attendance/", include("attendance.urls")),
    path("partners/", include("partners.urls")),
    path("portal/", include("portal.urls")),
    path("events/", include("events.urls")),
    path("reports/", include("reports.urls")),
    path("reports/", include("reports.urls_exports")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    # Team members do not manage their own email addresses: staff set them in the admin.
    re_path(r"^accounts/(email|confirm-email)/", views.not_here),
    path("accounts/logout/", views.sign_out, name="account_logout"),
    path("accounts/", include("allauth.urls")),
    # The admin's "Log out" too: whichever way someone signs out, the browser forgets the
    # register's copies.
    path("admin/logout/", views.sign_out, name="admin_logout"),
    path("admin/", admin.site.urls),
)

if settings.BENCH_BARE_VIEW:
    # The stack's own limit, for `make bench` only (settings.BENCH_BARE_VIEW).
    urlpatterns += i18n_patterns(path("bench/bare/", views.bench_bare, name="bench_bare"))

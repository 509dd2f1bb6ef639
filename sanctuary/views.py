from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sanctuary import selectors
from venues.selectors import venue_list_public


def home(request):
    return render(request, "sanctuary/home.html", {"venues": venue_list_public()})


def privacy(request):
    return render(request, "sanctuary/privacy.html")


@login_required
def team_home(request):
    """Where a team member lands after signing in: what their roles let them do."""
    return render(
        request, "sanctuary/team_home.html", {"roles": selectors.user_roles(user=request.user)}
    )


@require_GET
@never_cache
def health(request):
    """For the load balancer: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

"""The partner portal's home page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.access import partner_worker_required


@require_GET
@partner_worker_required
def home(request):
    return render(request, "portal/home.html", {"organisation": request.organisation})

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from bursaries import selectors, services
from bursaries.forms import ApplicationForm
from bursaries.models import Application, Fund
from sanctuary.ratelimit import rate_limit_hit

# Tries at the form from one address: generous, as a partner charity may help several people
# apply from one office.
APPLY_LIMIT = 20
APPLY_PERIOD = 60 * 60


def fund_list(request):
    return render(request, "bursaries/fund_list.html", {"funds": selectors.fund_list_public()})


def fund_detail(request, slug):
    fund = selectors.fund_get_public(slug=slug)
    if fund is None:
        raise Http404
    context = {"fund": fund}
    if fund.state == Fund.State.OPEN:
        context["opportunities"] = selectors.opportunity_list_open()
    elif fund.state == Fund.State.CLOSED:
        context["next_fund"] = selectors.fund_next_opening(exclude_id=fund.pk)
    return render(request, "bursaries/fund_detail.html", context)


def application_create(request, slug):
    fund = selectors.fund_get_public(slug=slug)
    if fund is None:
        raise Http404
    if not fund.is_open:
        return redirect(fund)
    if request.method == "POST":
        if rate_limit_hit(request, scope="bursary-apply", limit=APPLY_LIMIT, period=APPLY_PERIOD):
            return render(request, "429.html", status=429)
        form = ApplicationForm(data=request.POST)
        if form.is_valid():
            try:
                application = services.application_submit(fund=fund, **form.application_data())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect(
                    reverse("bursaries:sent", kwargs={"token": application.status_token})
                )
    else:
        form = ApplicationForm()
    return render(
        request,
        "bursaries/application_form.html",
        {"fund": fund, "form": form, "keep_months": settings.BURSARY_ANONYMISE_AFTER_MONTHS},
    )


def _application_or_404(token: str) -> Application:
    application = selectors.application_get_by_token(token=token)
    if application is None:
        raise Http404
    return application


@never_cache
def application_sent(request, token):
    application = _application_or_404(token)
    status_url = request.build_absolute_uri(
        reverse("bursaries:status", kwargs={"token": application.status_token})
    )
    return render(
        request,
        "bursaries/application_sent.html",
        {"application": application, "status_url": status_url},
    )


@never_cache
def application_status(request, token):
    application = _application_or_404(token)
    context = {
        "application": application,
        "message": selectors.application_message_now(application=application),
    }
    if application.status == Application.Status.DECLINED:
        context["next_fund"] = selectors.fund_next_opening(exclude_id=application.fund_id)
    return render(request, "bursaries/application_status.html", context)

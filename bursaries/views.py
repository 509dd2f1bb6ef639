from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from bursaries import selectors, services
from bursaries.forms import ApplicationForm
from bursaries.models import Application, Fund
from sanctuary.ratelimit import (
    rate_limit_count,
    rate_limit_hit,
    rate_limit_reached,
    rate_limit_uncount,
)

# Applications sent from one address are limited (BURSARY_APPLICATIONS_PER_HOUR): only those
# sent count, so a page of mistakes never uses up a try.
APPLY_SCOPE = "bursary-apply"
APPLY_PERIOD = 60 * 60
TRIES_SCOPE = "bursary-apply-tries"
TRIES_PER_APPLICATION = 10

CLOSED_WHILE_WRITING = _(
    "This fund closed while you were writing, so we could not send your application. "
    "Everything you typed is still here, so you can copy it and keep it."
)
TOO_MANY_APPLICATIONS = _(
    "Too many applications have been sent from here in the last hour, so we could not send "
    "yours. Everything you typed is still here: please try again later."
)


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
    if request.method != "POST":
        if not fund.is_open:
            return redirect(fund)
        return _application_form(request, fund, ApplicationForm())
    # Whatever happens now, what they typed is shown again: nothing written is lost.
    form = ApplicationForm(data=request.POST)
    key = form.submission_key_sent()
    first = selectors.application_by_submission_key(key=key) if key else None
    if first is not None:
        # The same form sent again (a double tap, a retry after a lost reply): the answer
        # to the first one, and nothing taken from the limit.
        return _sent(first)
    if not fund.is_open:
        return _closed_while_writing(request, fund, form)
    limit = settings.BURSARY_APPLICATIONS_PER_HOUR
    # Pages of mistakes do not count towards the limit, but a client sending nothing else is
    # stopped too, at many times the limit.
    tries = limit * TRIES_PER_APPLICATION
    if rate_limit_hit(request, scope=TRIES_SCOPE, limit=tries, period=APPLY_PERIOD) or (
        rate_limit_reached(request, scope=APPLY_SCOPE, limit=limit)
    ):
        return _too_many(request, fund, form)
    if form.is_valid():
        # A place in this hour's allowance is taken before sending, in one atomic step, so two
        # sends at once cannot both take the last one; it is given back if nothing is sent.
        if rate_limit_count(request, scope=APPLY_SCOPE, period=APPLY_PERIOD) > limit:
            rate_limit_uncount(request, scope=APPLY_SCOPE)
            return _too_many(request, fund, form)
        try:
            application = services.application_submit(fund=fund, **form.application_data())
        except ValidationError as error:
            rate_limit_uncount(request, scope=APPLY_SCOPE)
            if getattr(error, "code", None) == "closed":  # it closed as they pressed "Send"
                return _closed_while_writing(request, fund, form)
            form.add_service_errors(error)
        else:
            if getattr(application, "repeated", False):
                # Sent twice at the same moment: the other one took the place.
                rate_limit_uncount(request, scope=APPLY_SCOPE)
            return _sent(application)
    return _application_form(request, fund, form)


def _sent(application: Application):
    return redirect(reverse("bursaries:sent", kwargs={"token": application.status_token}))


def _too_many(request, fund, form):
    form.add_error(None, TOO_MANY_APPLICATIONS)
    return _application_form(request, fund, form, status=429)


def _closed_while_writing(request, fund, form):
    next_fund = selectors.fund_next_opening(exclude_id=fund.pk)
    form.add_error(None, CLOSED_WHILE_WRITING)
    if next_fund is None:
        form.add_error(
            None,
            gettext(
                "We have not set a date for the next round yet. Please look again soon, or ask "
                "us at the weekly welcome drop-in."
            ),
        )
    elif next_fund.is_open:
        form.add_error(None, gettext("You can apply to %(fund)s now.") % {"fund": next_fund.name})
    else:
        form.add_error(
            None,
            gettext("The next round opens on %(day)s.")
            % {"day": date_format(next_fund.opens_on, "DATE_FORMAT")},
        )
    return _application_form(request, fund, form, closed=True, next_fund=next_fund)


def _application_form(request, fund, form, *, status=200, **extra):
    return render(
        request,
        "bursaries/application_form.html",
        {
            "fund": fund,
            "form": form,
            "keep_months": settings.BURSARY_ANONYMISE_AFTER_MONTHS,
            **extra,
        },
        status=status,
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

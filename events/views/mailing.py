"""The partnership mailing list's public pages: join (double opt-in), confirm by the link in
the email, leave by one link (a page with one button: a link opened by a mail scanner leaves
nobody off the list)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events import services
from events.forms.mailing import MailingJoinForm
from events.models import MailingListMember
from sanctuary.ratelimit import rate_limit_hit


def _not_indexed(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "POST"])
def join(request):
    form = MailingJoinForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            request, scope="mailing-join", limit=settings.MAILING_JOINS_PER_HOUR, period=60 * 60
        ):
            form.add_error(
                None,
                _(
                    "We have had too many tries from here in a short time. Wait a few minutes, "
                    "then try again."
                ),
            )
            status = 429
        else:
            services.mailing_join(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                language=form.cleaned_data["language"],
            )
            # The same answer whoever the address belongs to.
            return redirect("events:mailing_check_email")
    return render(
        request,
        "events/mailing/join.html",
        {"form": form, "keep_days": settings.MAILING_UNCONFIRMED_KEEP_DAYS},
        status=status,
    )


@require_GET
def check_email(request):
    return render(request, "events/mailing/check_email.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the email shows one button; pressing it confirms the address (the link
    proves it is theirs). A mail scanner that opens links presses nothing, so it never joins
    anyone up."""
    if request.method == "POST":
        member = services.mailing_confirm(token=token)
        if member is not None:
            return _not_indexed(
                render(request, "events/mailing/confirmed.html", {"member": member})
            )
    elif MailingListMember.objects.filter(token=token).exists():
        return _not_indexed(render(request, "events/mailing/confirm.html"))
    return _not_indexed(render(request, "events/mailing/unknown.html", status=404))


@never_cache
@require_http_methods(["GET", "POST"])
def leave(request, token):
    if request.method == "POST":
        services.mailing_leave(token=token)
        return redirect("events:mailing_left")
    if not MailingListMember.objects.filter(token=token).exists():
        return _not_indexed(render(request, "events/mailing/unknown.html", status=404))
    return _not_indexed(render(request, "events/mailing/leave.html"))


@require_GET
def left(request):
    return render(request, "events/mailing/left.html")

"""Network events' public pages: the list, an event, booking a date with a name and an email,
the confirmation, the private link to cancel, and an .ics per date. No account, no
JavaScript, light enough for a cheap phone."""

from datetime import UTC, datetime
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from dropins.calendar import _escape, _fold, _utc
from events import rules, services
from events.forms.network import NetworkBookingForm
from events.messages.network import place_of
from events.selectors import network as selectors
from sanctuary.ratelimit import rate_limit_hit

# Where the confirmation page finds what was just booked, in the visitor's own session.
BOOKED = "events:network_booked"


def not_indexed(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _month_of(date):
    return timezone.localtime(date.starts_at).date().replace(day=1)


@require_GET
def event_list(request):
    """Upcoming published events, grouped by the month of their next date."""
    events = selectors.events_upcoming_public()
    months = [
        (month, list(group))
        for month, group in groupby(events, key=lambda event: _month_of(event.next_date))
    ]
    return render(request, "events/network/event_list.html", {"months": months})


@require_GET
def event_detail(request, slug):
    event = selectors.event_get_public(slug=slug)
    if event is None:
        raise Http404
    place, address = place_of(event)
    return render(
        request,
        "events/network/event_detail.html",
        {
            "event": event,
            "place": place,
            "address": address,
            "dates": [(date, selectors.availability(date)) for date in event.listed_dates],
        },
    )


@require_http_methods(["GET", "POST"])
def date_book(request, slug, pk):
    """One date, and the form to book it."""
    date = selectors.date_get_public(slug=slug, pk=pk)
    if date is None:
        raise Http404
    event = date.event
    availability = selectors.availability(date)
    form = None
    if availability.kind in ("open", "few"):
        form = NetworkBookingForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST" and form is not None and form.is_valid():
        if rate_limit_hit(
            request,
            scope="network-booking",
            limit=settings.NETWORK_BOOKINGS_PER_HOUR,
            period=60 * 60,
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
            try:
                booking = services.network_booking_create(
                    date_id=date.pk,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    tickets=form.cleaned_data["tickets"],
                    language=form.cleaned_data["language"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except services.NetworkBookingError as error:
                form.add_error(None, error.message)
                date = selectors.date_with_counts(pk=date.pk)
                availability = selectors.availability(date)
                status = 409
            else:
                request.session[BOOKED] = {"booking_id": booking.pk}
                return redirect("events:network_booked")
    place, address = place_of(event)
    return render(
        request,
        "events/network/date_book.html",
        {
            "event": event,
            "date": date,
            "place": place,
            "address": address,
            "availability": availability,
            "form": form,
            "keep_days": settings.NETWORK_KEEP_DAYS,
        },
        status=status,
    )


@never_cache
@require_GET
def booked(request):
    """The confirmation page, clear enough to screenshot."""
    remembered = request.session.get(BOOKED) or {}
    booking = None
    if "booking_id" in remembered:
        booking = selectors.booking_get_just_made(pk=remembered["booking_id"])
    if booking is None:
        return redirect("events:network_list")
    if not rules.network_holds_tickets(booking):
        return redirect(booking.manage_path())
    return not_indexed(render(request, "events/network/booked.html", _booking_page(booking)))


def _booking_page(booking) -> dict:
    place, address = place_of(booking.date.event)
    return {
        "booking": booking,
        "date": booking.date,
        "event": booking.date.event,
        "place": place,
        "address": address,
        "offers_calendar": rules.network_offers_calendar(booking),
    }


def _booking_or_404(token):
    booking = selectors.booking_get_by_token(token=token)
    if booking is None:
        raise Http404
    return booking


@never_cache
@require_GET
def booking_manage(request, token):
    """The private link: see the booking, and a way to cancel it."""
    booking = _booking_or_404(token)
    context = _booking_page(booking)
    context["cancellable"] = rules.network_may_booker_cancel(booking, timezone.now())
    return not_indexed(render(request, "events/network/manage.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def booking_cancel(request, token):
    """Cancel from the private link, after one "are you sure?"."""
    booking = _booking_or_404(token)
    if not rules.network_holds_tickets(booking):
        return redirect(booking.manage_path())
    if request.method == "POST":
        try:
            services.network_booking_cancel(booking_id=booking.pk)
        except services.NetworkBookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your booking is cancelled. Thank you for telling us."))
        return redirect(booking.manage_path())
    return not_indexed(render(request, "events/network/cancel.html", _booking_page(booking)))


def date_ics(*, date, url: str, host: str) -> str:
    """An "add to calendar" file (RFC 5545) for one date. Nothing personal in it."""
    place, address = place_of(date.event)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Norwich Theatre//Sanctuary//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:network-date-{date.pk}@{host}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}",
        f"DTSTART:{_utc(date.starts_at)}",
        f"DTEND:{_utc(date.ends_at)}",
        f"SUMMARY:{_escape(date.event.title)}",
        f"LOCATION:{_escape(f'{place}, {address}' if address else place)}",
        f"DESCRIPTION:{_escape(url)}",
        f"URL:{url}",
        "STATUS:CANCELLED" if date.is_cancelled else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _calendar_response(request, date):
    body = date_ics(
        date=date,
        url=request.build_absolute_uri(date.event.get_absolute_url()),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    day = timezone.localdate(date.starts_at)
    response["Content-Disposition"] = f'attachment; filename="{date.event.slug}-{day}.ics"'
    return response


@never_cache
@require_GET
def booking_calendar(request, token):
    """The booking's "Add to my calendar" file: the date, nothing personal. Refused once the
    booking or its date is cancelled (events.rules.network_offers_calendar)."""
    booking = _booking_or_404(token)
    if not rules.network_offers_calendar(booking):
        raise Http404
    return not_indexed(_calendar_response(request, booking.date))


@require_GET
def date_calendar(request, pk):
    date = selectors.dates_with_counts().filter(pk=pk, event__is_published=True).first()
    if date is None:
        raise Http404
    return _calendar_response(request, date)

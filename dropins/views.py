"""The public drop-in pages: no account, no JavaScript, light enough for a cheap phone."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from dropins import rules, selectors, services
from dropins.calendar import session_ics
from dropins.forms import BookingChangeForm, BookingForm
from dropins.models import Booking
from sanctuary.pagecache import SUBMISSION_KEY_SLOT, cached_page
from sanctuary.ratelimit import rate_limit_hit

# Where the confirmation page finds what was just booked, in the visitor's own session.
BOOKED = "dropins:booked"
TOO_MANY_BOOKINGS = gettext_lazy(
    "We have had too many tries from here in a short time. Wait a few minutes, then try again."
)


def not_indexed(response):
    """A page with someone's booking on it: never indexed (and never cached: see never_cache)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def session_list(request):
    now = timezone.now()
    # Each session's state, read fresh: the page's key. Their words only if it is rendered.
    states = [
        (session, selectors.availability(session, now=now))
        for session in selectors.session_states_public(now=now)
    ]

    def context():
        full = {session.pk: session for session in selectors.sessions_upcoming_public(now=now)}
        return {
            "sessions": [
                (full[session.pk], availability)
                for session, availability in states
                if session.pk in full
            ]
        }

    return cached_page(
        request,
        "dropins/session_list.html",
        context,
        parts=[selectors.page_state(*pair) for pair in states],
    )


@require_http_methods(["GET", "POST"])
def session_detail(request, pk):
    """A session, and the form to book it."""
    now = timezone.now()
    if request.method == "GET":
        # The same page for everyone who may book (or not) in this state, from the cache;
        # each visitor's CSRF token and one-time key are filled in afresh.
        state = selectors.session_state_public(pk=pk, now=now)
        if state is None:
            raise Http404
        availability = selectors.availability(state, now=now)
        bookable = rules.is_bookable(state, now)

        def context():
            session = selectors.session_get_public(pk=pk, now=now)
            if session is None:
                raise Http404
            form = None
            if bookable:
                initial = {"submission_key": SUBMISSION_KEY_SLOT}
                form = BookingForm(series=session.series, initial=initial)
            return _session_context(session, availability, form)

        return cached_page(
            request,
            "dropins/session_detail.html",
            context,
            parts=(selectors.page_state(state, availability), bookable),
        )
    # A booking reads the session's state as the page did (the booking checks it again under
    # the session's lock), its series' interpreters included for the form; the whole session,
    # with its counts, only when the page is shown again.
    state = selectors.session_state_public(pk=pk, now=now)
    if state is None:
        raise Http404
    form = None
    if rules.is_bookable(state, now):
        form = BookingForm(request.POST, series=state.series)
    status = 200
    if form is not None and form.is_valid():
        if rate_limit_hit(
            request,
            scope="dropin-booking",
            limit=settings.DROPIN_BOOKINGS_PER_HOUR,
            period=60 * 60,
        ):
            # The form again, as typed, to send once the wait is over.
            form.add_error(None, TOO_MANY_BOOKINGS)
            status = 429
        else:
            response = _book(request, state.pk, form)
            if response is not None:
                return response
    session = selectors.session_get_public(pk=pk, now=now)
    if session is None:
        raise Http404
    return render(
        request,
        "dropins/session_detail.html",
        _session_context(session, selectors.availability(session, now=now), form),
        status=status,
    )


def _session_context(session, availability, form) -> dict:
    return {
        "session": session,
        "availability": availability,
        "form": form,
        "keep_days": settings.DROPIN_KEEP_DAYS,
        "waitlist_rule": rules.waitlist_rule_words(),
    }


def _book(request, session_id: int, form):
    fields = {
        name: value
        for name, value in form.cleaned_data.items()
        if name != form.honeypot_field and value is not None
    }
    fields["phone"] = fields["phone"].as_e164 if fields.get("phone") else ""
    try:
        booking = services.booking_create(session_id=session_id, **fields)
    except services.BookingError as error:
        form.add_error(None, error.message)
        return None
    request.session[BOOKED] = {"booking_id": booking.pk}
    return redirect("dropins:booked")


@never_cache
@require_GET
def booked(request):
    """The confirmation: clear enough to screenshot, for people with no email or phone."""
    remembered = request.session.get(BOOKED)
    booking = None
    if remembered and "booking_id" in remembered:
        booking = selectors.booking_get_just_made(pk=remembered["booking_id"])
    if booking is None:
        return redirect("dropins:list")
    if not booking.is_live:
        return redirect(booking.manage_path())  # cancelled since: the private link says so
    manage_url = request.build_absolute_uri(booking.manage_path())
    return not_indexed(
        render(
            request,
            "dropins/booked.html",
            {
                "booking": booking,
                "session": booking.session,
                "manage_url": manage_url,
                "offers_calendar": rules.offers_calendar(booking),
                "waitlist_rule": rules.waitlist_rule_words(),
            },
        )
    )


def _booking_or_404(token) -> Booking:
    booking = selectors.booking_get_by_token(token=token)
    if booking is None:
        raise Http404
    return booking


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    """The private link: see the booking, change how many are coming, or cancel."""
    booking = _booking_or_404(token)
    session = selectors.sessions_with_counts().get(pk=booking.session_id)
    booking.session = session
    now = timezone.now()
    changeable = rules.may_change_booking(booking, now)
    form = None
    if changeable:
        form = BookingChangeForm(
            request.POST or None,
            initial={"adults": booking.adults, "children": booking.children},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.booking_change(
                booking_id=booking.pk,
                adults=form.cleaned_data["adults"],
                children=form.cleaned_data["children"],
            )
        except services.BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Your booking is changed."))
            return redirect(booking.manage_path())
    return not_indexed(
        render(
            request,
            "dropins/manage.html",
            {
                "booking": booking,
                "session": session,
                "availability": selectors.availability(session),
                "form": form,
                "cancellable": rules.may_booker_cancel(booking, now),
                "offers_calendar": rules.offers_calendar(booking),
                "waitlist_rule": rules.waitlist_rule_words(),
            },
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """Cancel from the private link, after one "are you sure?"."""
    booking = _booking_or_404(token)
    if not booking.is_live:
        return redirect(booking.manage_path())
    if request.method == "POST":
        try:
            services.booking_cancel(booking_id=booking.pk)
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your booking is cancelled. Thank you for telling us."))
        return redirect(booking.manage_path())
    return not_indexed(
        render(
            request,
            "dropins/cancel.html",
            {"booking": booking, "session": booking.session},
        )
    )


@never_cache
@require_GET
def booking_calendar(request, token):
    """The booking's "Add to my calendar" file, from its private link."""
    return _calendar(request, _booking_or_404(token))


@never_cache
@require_GET
def booked_calendar(request):
    """The same file from the confirmation page, which names no private link (with a contact
    given, the link goes by message only)."""
    remembered = request.session.get(BOOKED) or {}
    booking = None
    if "booking_id" in remembered:
        booking = selectors.booking_get_just_made(pk=remembered["booking_id"])
    if booking is None:
        raise Http404
    return _calendar(request, booking)


def _calendar(request, booking):
    """The session, nothing personal; refused once the booking or its session is cancelled
    (dropins.rules.offers_calendar)."""
    if not rules.offers_calendar(booking):
        raise Http404
    session = booking.session
    body = session_ics(
        session=session,
        url=request.build_absolute_uri(session.get_absolute_url()),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="drop-in-{session.date}.ics"'
    return not_indexed(response)

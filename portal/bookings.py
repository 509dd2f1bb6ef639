"""Booking drop-in places on a client's behalf, and following the organisation's bookings.
Each view asks dropins.rules (through its selectors) which bookings are the organisation's;
another organisation's is not found."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from dropins import rules, selectors, services
from dropins.models import Booking
from portal.access import partner_worker_required
from portal.forms import ClientBookingForm
from sanctuary.ratelimit import rate_limit_hit

PER_PAGE = 50
HOUR = 60 * 60


def _detail(booking):
    return redirect(reverse("portal:booking", kwargs={"pk": booking.pk}))


def _ours_or_404(request, pk) -> Booking:
    booking = selectors.booking_get_for_partner(organisation=request.organisation, pk=pk)
    if booking is None:
        raise Http404
    return booking


@partner_worker_required
@never_cache
@require_GET
def booking_list(request):
    bookings = selectors.bookings_for_partner(organisation=request.organisation)
    page = Paginator(bookings, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/booking_list.html", {"page": page})


@partner_worker_required
@never_cache
@require_GET
def booking_sessions(request):
    """Which drop-in to book: the sessions people can see on the public list."""
    sessions = selectors.sessions_upcoming_public()
    return render(
        request,
        "portal/booking_sessions.html",
        {"sessions": [(session, selectors.availability(session)) for session in sessions]},
    )


@partner_worker_required
@never_cache
@require_http_methods(["GET", "POST"])
def booking_create(request, session_pk):
    session = selectors.session_get_public(pk=session_pk)
    if session is None:
        raise Http404
    form = None
    if rules.is_bookable(session, timezone.now()):
        form = ClientBookingForm(request.POST or None, series=session.series)
    status = 200
    if request.method == "POST" and form is not None and form.is_valid():
        if rate_limit_hit(
            request,
            scope=f"portal-booking:{request.user.pk}",
            limit=settings.PORTAL_BOOKINGS_PER_HOUR,
            period=HOUR,
        ):
            form.add_error(
                None,
                _(
                    "You have made many bookings in the last hour. Please try again later: "
                    "everything you typed is still here."
                ),
            )
            status = 429
        else:
            try:
                booking = services.booking_create(
                    session_id=session.pk,
                    **form.booking_data(),
                    partner_organisation=request.organisation,
                    booked_by=request.user,
                )
            except services.BookingError as error:
                form.add_error(None, error.message)
            else:
                if not rules.is_partner_booking_of(booking, request.organisation):
                    raise Http404  # a key sent with another organisation's booking
                messages.success(request, _("Thank you. The booking is made."))
                return _detail(booking)
    return render(
        request,
        "portal/booking_form.html",
        {
            "session": session,
            "availability": selectors.availability(session),
            "form": form,
            "keep_days": settings.DROPIN_KEEP_DAYS,
            "waitlist_rule": rules.waitlist_rule_words(),
        },
        status=status,
    )


@partner_worker_required
@never_cache
@require_GET
def booking_detail(request, pk):
    booking = _ours_or_404(request, pk)
    return render(
        request,
        "portal/booking_detail.html",
        {
            "booking": booking,
            "session": booking.session,
            "cancellable": rules.may_partner_cancel(booking, request.user, timezone.now()),
        },
    )


@partner_worker_required
@never_cache
@require_http_methods(["GET", "POST"])
def booking_cancel(request, pk):
    """Cancel a booking the worker made, after one "are you sure?"."""
    booking = _ours_or_404(request, pk)
    if not rules.may_partner_cancel(booking, request.user, timezone.now()):
        if rules.is_live(booking) and booking.booked_by_id != request.user.pk:
            raise PermissionDenied  # a colleague's booking: theirs to cancel
        return _detail(booking)
    if request.method == "POST":
        try:
            services.booking_cancel(
                booking_id=booking.pk, by=Booking.CancelledBy.BOOKER, actor=request.user
            )
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The booking is cancelled."))
        return _detail(booking)
    return render(
        request, "portal/booking_cancel.html", {"booking": booking, "session": booking.session}
    )

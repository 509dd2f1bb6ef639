"""The addresses texts bring: the provider's calls (delivery receipts and incoming replies) and
the short links people tap.

Twilio signs each request (X-Twilio-Signature: HMAC of the address it called and the form's
fields, under our auth token); a request that does not carry a valid signature is refused with
403 and changes nothing. The address checked is SITE_URL and the path called, as it was given to
Twilio, so a proxy in front of the site does not matter. These two views alone are exempt from
CSRF: the signature does its work.
"""

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from twilio.request_validator import RequestValidator

from sanctuary.sms.links import sms_link_path
from sanctuary.sms.receipts import delivery_receipt_apply, sms_reply_apply
from sanctuary.sms.suppression import e164

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def is_from_twilio(request: HttpRequest) -> bool:
    if not settings.TWILIO_AUTH_TOKEN:
        return False
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).validate(
        settings.SITE_URL + request.get_full_path(),
        request.POST,
        request.headers.get("X-Twilio-Signature", ""),
    )


@csrf_exempt
@require_POST
def twilio_status(request: HttpRequest) -> HttpResponse:
    if not is_from_twilio(request):
        logger.warning("Refused an SMS status callback without a valid signature.")
        return HttpResponseForbidden()
    message_id = request.GET.get("message", "")
    if message_id.isdigit():
        delivery_receipt_apply(
            message_id=int(message_id),
            provider_message_id=request.POST.get("MessageSid", ""),
            provider_status=request.POST.get("MessageStatus", ""),
            error_code=request.POST.get("ErrorCode", ""),
            error_reason=request.POST.get("ErrorMessage", ""),
        )
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def twilio_inbound(request: HttpRequest) -> HttpResponse:
    if not is_from_twilio(request):
        logger.warning("Refused an incoming SMS without a valid signature.")
        return HttpResponseForbidden()
    number = e164(request.POST.get("From", ""))
    if number:
        sms_reply_apply(
            number=number,
            body=request.POST.get("Body", ""),
            opt_out_type=request.POST.get("OptOutType", ""),
        )
    # No reply of ours: Twilio answers STOP and START itself.
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")


@require_GET
def sms_link(request: HttpRequest, code: str) -> HttpResponse:
    """A short link from a text: on to the page it stands for."""
    path = sms_link_path(code)
    if path is None:
        raise Http404
    return redirect(path)

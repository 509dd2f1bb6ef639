"""The partnership mailing list: joining (double opt-in), confirming, leaving, forgetting the
addresses never confirmed, and recording each export.

Asking to join answers the same whatever the address's state, so that the form tells nobody
who is on the list. A mail goes at most once an hour per address: the confirmation to a
pending one, a short "you are already on the list" (with the leave link) to a confirmed one.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import rules
from events.messages.mailing import mailing_message_queue
from events.models import MailingListMember
from sanctuary.codes import token_new
from sanctuary.locks import lock_free, lock_row
from sanctuary.models import User
from sanctuary.services import audit_record, messages_forget


def _member_for(email: str, *, name: str, language: str) -> MailingListMember:
    """The address's row, locked; a new pending one if it has none."""
    member = MailingListMember.objects.filter(email=email).first()
    if member is None:
        try:
            with transaction.atomic():
                member = MailingListMember(
                    email=email, name=name, language=language, token=token_new()
                )
                member.full_clean(validate_unique=False)
                member.save()
        except IntegrityError:  # someone asked for the same address at the same moment
            member = MailingListMember.objects.get(email=email)
    return lock_row(MailingListMember, member.pk)


@transaction.atomic
def mailing_join(*, email: str, name: str = "", language: str) -> None:
    """Someone asks to join with `email`. Returns nothing: the caller shows the same answer
    whatever happened."""
    email = email.strip().lower()
    name = name.strip()
    now = timezone.now()
    member = _member_for(email, name=name, language=language)
    if not rules.mailing_counts(member):
        # Not confirmed: whoever asks last says the name and language the link comes in.
        member.name, member.language = name, language
    if not rules.mailing_may_send_again(member, now):
        member.save(update_fields=["name", "language"])
        return
    member.last_sent_at = now
    member.save(update_fields=["name", "language", "last_sent_at"])
    template = "mailing_already_joined" if rules.mailing_counts(member) else "mailing_confirm"
    mailing_message_queue(member, template, key=str(int(now.timestamp())))


@transaction.atomic
def mailing_confirm(*, token: str) -> MailingListMember | None:
    """The confirmation link was opened: the address counts from now. None if the link is
    unknown (left, forgotten, mistyped)."""
    member = MailingListMember.objects.filter(token=token).first()
    if member is None:
        return None
    member = lock_row(MailingListMember, member.pk)
    if not rules.mailing_counts(member):
        member.status = MailingListMember.Status.CONFIRMED
        member.confirmed_at = timezone.now()
        member.save(update_fields=["status", "confirmed_at"])
        audit_record(actor=None, action="mailing.confirm", obj=member)
    return member


@transaction.atomic
def mailing_leave(*, token: str) -> bool:
    """Leave the list by the link in any of its mails: the address is deleted, and so are the
    words of every mail sent to it. False if the link is unknown."""
    member = MailingListMember.objects.filter(token=token).first()
    if member is None:
        return False
    member = lock_row(MailingListMember, member.pk)
    messages_forget(subjects=MailingListMember.objects.filter(pk=member.pk))
    audit_record(actor=None, action="mailing.leave", detail={"id": member.pk})
    member.delete()
    return True


@transaction.atomic
def mailing_unconfirmed_forget(*, now=None) -> int:
    """Forget the addresses never confirmed MAILING_UNCONFIRMED_KEEP_DAYS after they asked
    (a nightly beat task). Set-based; rows another worker holds are left to it."""
    now = now or timezone.now()
    due = rules.mailing_forgettable_q(now, keep_days=settings.MAILING_UNCONFIRMED_KEEP_DAYS)
    ids = list(lock_free(MailingListMember.objects.filter(due)).values_list("pk", flat=True)[:5000])
    if not ids:
        return 0
    messages_forget(subjects=MailingListMember.objects.filter(pk__in=ids))
    deleted, _by_model = MailingListMember.objects.filter(pk__in=ids).delete()
    return deleted


def mailing_export_record(*, count: int, actor: User) -> None:
    """Someone downloaded the confirmed list: how many addresses (never which)."""
    audit_record(actor=actor, action="mailing.export", detail={"count": count})

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """Team accounts are made by staff in the admin: nobody signs themselves up."""

    # The messages a team member can meet when signing in or setting a password, in our words.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is switched off. Ask the programme manager."),
        "email_password_mismatch": _("That email address and password do not match."),
        "invalid_login": _("That email address and password do not match."),
        "too_many_login_attempts": _(
            "Too many attempts to sign in. Wait a few minutes, then try again."
        ),
        "rate_limited": _("Too many attempts. Wait a minute, then try again."),
        "invalid_password_reset": _("This link no longer works. Ask for a new one."),
        "invalid_or_expired_key": _("This link no longer works. Ask for a new one."),
        "incorrect_password": _("That password is not right."),
        "enter_current_password": _("Type your current password."),
    }

    def is_open_for_signup(self, request):
        return False

    def send_password_reset_mail(self, user, email, context):
        # Through the outbox: retried if the mail server is down, and as quick to answer for a
        # known address as for an unknown one.
        from sanctuary.services import user_password_reset_send

        user_password_reset_send(user=user)

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.utils.translation import gettext_lazy as _

from sanctuary import signin


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

    def pre_authenticate(self, request, **credentials):
        """Count a try against the limits in ACCOUNT_RATE_LIMITS before the password is checked
        (allauth gives the count back when the password is right).

        allauth counts "login_failed" per address and per typed login, so five wrong passwords
        from anywhere lock the account for everyone. Here its "key" is the address and the
        account together, and "login_failed_account" counts per account, except in a browser
        that has signed in to the account before (see sanctuary.signin).
        """
        email = credentials.get("email", credentials.get("username", ""))
        usages = [
            ratelimit.consume(
                request,
                app="allauth.account",
                action="login_failed",
                key=signin.address_and_account_key(request, email),
            )
        ]
        if usages[0] and not signin.browser_signed_in_before(request, email):
            usages.append(
                ratelimit.consume(
                    request,
                    app="allauth.account",
                    action="login_failed_account",
                    key=signin.login_key(email),
                )
            )
        if not all(usages):
            for usage in filter(None, usages):
                usage.rollback()
            raise self.validation_error("too_many_login_attempts")
        # allauth's authenticate() rolls this back when the password is right.
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(
            usage=[single for usage in usages for single in usage.usage]
        )

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        signin.browser_remember(request, response, user.email)
        return response

    def send_password_reset_mail(self, user, email, context):
        # Through the outbox, retried if the mail server is down. The reset form itself does
        # not come here: it hands the address to sanctuary.account_tasks.
        from sanctuary.services import user_password_reset_send

        user_password_reset_send(user=user)

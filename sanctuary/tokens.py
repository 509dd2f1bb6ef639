"""The token in set-password links (an invitation, a password reset)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class SetPasswordTokenGenerator(PasswordResetTokenGenerator):
    """Django's token: it changes with the password, the last sign-in and the email address,
    so a link works once and only for the address it was sent to.

    allauth's own generator records the account's address as an unverified EmailAddress each
    time it makes or checks a token, so a stranger asking for a reset would leave a team
    member unable to turn on two-step sign-in. This one only reads.
    """

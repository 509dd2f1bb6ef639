"""Sessions kept in the database, as Django keeps them, reading only cookies Django could have
written: a session key with any other character (a NUL, which PostgreSQL refuses in a string)
is no session at all, rather than a server error on every page."""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key):
        # Django makes keys of lower-case ASCII letters and digits.
        return super()._validate_session_key(key) and key.isascii() and key.isalnum()

"""Sessions kept in the database, as Django keeps them, reading only cookies Django could have
written: a session key with any other character (a NUL, which PostgreSQL refuses in a string)
is no session at all, rather than a server error on every page.

Saving one is a single statement: a new session's key is 32 random characters (about 165 bits),
so it is written straight away, not first looked up; a clash would fail the INSERT, and a new
key is drawn, as Django does. Outside a transaction one statement needs no transaction of its
own; inside one, a savepoint keeps a clash from spoiling it.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import DatabaseError, IntegrityError, router, transaction
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key):
        # Django makes keys of lower-case ASCII letters and digits.
        return super()._validate_session_key(key) and key.isascii() and key.isalnum()

    def _get_new_session_key(self):
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        in_transaction = transaction.get_connection(using).in_atomic_block
        try:
            if in_transaction:
                with transaction.atomic(using=using):
                    obj.save(force_insert=must_create, force_update=not must_create, using=using)
            else:
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise

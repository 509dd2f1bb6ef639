"""Queries compiled once and run many times.

Turning a queryset into SQL costs far more than running it when the query is small and its
rows few: a public page that reads a session's state for every request spent most of its time
in Django's compiler. A `PreparedQuery` builds its queryset from a key (the arguments it is
called with), compiles it the first time that key is asked for, and afterwards only sends the
same SQL with the same parameters, turning the rows into values through the same converters
Django would use. The key must therefore hold everything the SQL depends on (an id, a day),
never the current instant: a query that depends on "now" is built on a coarser bound, and the
exact rule is applied to the rows in Python.

On PostgreSQL the statement is also planned once per connection: Django's cursors bind their
parameters on the client, so PostgreSQL plans every statement afresh (for a small query, most of
its time on the server); this one is sent with its parameters apart, through psycopg's own
cursor, as a prepared statement (psycopg keeps each connection's, and Django turns preparing
off only for its own cursors, for the sake of external connection poolers: the site's pool is
psycopg's, in the process, which keeps each connection's statements with it).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from sanctuary.listening import listening


@cache
def _planned_once_cursor():
    """psycopg's cursor, made to prepare its statement and take its rows in binary (dates and
    times are read several times faster than from their text)."""
    import psycopg

    class PlannedOnceCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=True)

    return PlannedOnceCursor


def _cursor(connection):
    """A cursor that binds its parameters on the server where that lets PostgreSQL keep the
    plan, wrapped as Django wraps its own (so queries are counted and logged alike)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = _planned_once_cursor()(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


class PreparedQuery:
    """`build(*key)` gives a `values_list` queryset; `rows(*key)` runs it, compiled once per
    key and database (at most `size` keys are kept per process, the least recently used go).

    With `kept_until` (a channel of sanctuary.listening) and settings.DATABASE_LISTEN, the rows
    themselves are kept in the process until PostgreSQL says on that channel that a table they
    come from has changed: while nothing changes, nothing is read."""

    def __init__(
        self, build: Callable[..., QuerySet], *, size: int = 256, kept_until: str | None = None
    ):
        self.build = build
        self.size = size
        self.kept_until = kept_until
        self._compiled: OrderedDict = OrderedDict()
        self._kept: dict = {}
        self._lock = threading.Lock()

    def _compile(self, key: tuple[Hashable, ...]):
        queryset = self.build(*key)
        compiler = queryset.query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = None, ()
        return queryset.db, compiler, sql, tuple(params)

    def _listener(self, alias: str):
        if not self.kept_until or not settings.DATABASE_LISTEN:
            return None
        if connections[alias].vendor != "postgresql":
            return None
        return listening(self.kept_until, alias)

    def rows(self, *key: Hashable) -> list[tuple]:
        with self._lock:
            compiled = self._compiled.get(key)
            if compiled is not None:
                self._compiled.move_to_end(key)
        if compiled is None:
            compiled = self._compile(key)
            with self._lock:
                self._compiled[key] = compiled
                while len(self._compiled) > self.size:
                    self._compiled.popitem(last=False)
        alias, compiler, sql, params = compiled
        if sql is None:
            return []
        listener = self._listener(alias)
        epoch = listener.epoch() if listener is not None else None
        if epoch is not None:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == epoch:
                return list(kept[1])
        with _cursor(connections[alias]) as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        found = tuple(compiler.results_iter(results=[fetched], tuple_expected=True))
        # Kept only if nothing changed while it was read (the epoch read before is still on).
        if epoch is not None and listener.epoch() == epoch:
            with self._lock:
                if len(self._kept) >= self.size:
                    self._kept.clear()
                self._kept[key] = (epoch, found)
        return list(found)

    def forget(self) -> None:
        """Compile and read afresh next time (after a schema or settings change, in tests)."""
        with self._lock:
            self._compiled.clear()
            self._kept.clear()

"""Small SQL expressions that Django does not offer on every database this project runs on
(PostgreSQL in production and tests, SQLite for a newcomer's `make run`)."""

from django.db.models import DateTimeField, Func, IntegerField


class DaysBefore(Func):
    """A moment minus a whole number of days, both from the row: `DaysBefore("starts_at",
    "series__booking_opens_days")`. Counted in UTC, as the database stores moments.

    PostgreSQL multiplies an interval; SQLite cannot multiply a duration, so it shifts the
    stored text with datetime() (whole seconds, which is all a session's start has)."""

    arity = 2
    output_field = DateTimeField()
    template = "(%(expressions)s)"
    arg_joiner = " - INTERVAL '1 day' * "

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="datetime(%(expressions)s || ' days')",
            arg_joiner=", '-' || ",
            **extra_context,
        )


class DaysBetween(Func):
    """Whole days from one date to a later one, both from the row (dates, not moments: wrap a
    moment in TruncDate with the programme's time zone first).

    PostgreSQL subtracts dates to an integer; SQLite subtracts Julian day numbers."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )

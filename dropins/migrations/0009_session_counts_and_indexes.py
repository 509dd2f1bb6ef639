"""Each session keeps the people booked and the bookings waiting on its own row, so that booking
reads one locked row instead of adding up every booking; filled here from the bookings. New
booking references come from a sequence (PostgreSQL), so they need no check that they are free.
Indexes for a contact's other bookings for a session, and for the admin's list of bookings."""

import django.core.validators
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery, Sum, Count
from django.db.models.functions import Coalesce

SEQUENCE = "dropins_booking_reference"


def fill_counts(apps, schema_editor):
    DropInSession = apps.get_model("dropins", "DropInSession")
    Booking = apps.get_model("dropins", "Booking")

    def total(status, value):
        return Coalesce(
            Subquery(
                Booking.objects.filter(session=OuterRef("pk"), status=status)
                .values("session")
                .annotate(total=value)
                .values("total")
            ),
            0,
        )

    DropInSession.objects.update(
        booked_people=total("confirmed", Sum(F("adults") + F("children"))),
        waiting_bookings=total("waitlisted", Count("pk")),
    )


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):

    dependencies = [
        ('dropins', '0008_content_in_five_more_languages'),
        ('partners', '0003_content_in_five_more_languages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='dropinsession',
            name='booked_people',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='people booked'),
        ),
        migrations.AddField(
            model_name='dropinsession',
            name='waiting_bookings',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='bookings waiting'),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
        migrations.RunPython(create_sequence, drop_sequence),
        migrations.AlterField(
            model_name='dropinseries',
            name='capacity',
            field=models.PositiveIntegerField(help_text='How many people can come: adults and children count the same.', validators=[django.core.validators.MaxValueValidator(5000)], verbose_name='places'),
        ),
        migrations.AlterField(
            model_name='dropinsession',
            name='capacity',
            field=models.PositiveIntegerField(help_text='How many people can come to this session.', validators=[django.core.validators.MaxValueValidator(5000)], verbose_name='places'),
        ),
        migrations.AddIndex(
            model_name='booking',
            index=models.Index(condition=models.Q(('email', ''), _negated=True), fields=['session', 'email'], name='booking_session_email'),
        ),
        migrations.AddIndex(
            model_name='booking',
            index=models.Index(condition=models.Q(('phone', ''), _negated=True), fields=['session', 'phone'], name='booking_session_phone'),
        ),
        migrations.AddIndex(
            model_name='booking',
            index=models.Index(fields=['-created_at'], name='booking_created_desc'),
        ),
        migrations.AddConstraint(
            model_name='dropinsession',
            constraint=models.CheckConstraint(condition=models.Q(('booked_people__gte', 0), ('booked_people__lte', 5000)), name='dropin_session_booked_people_in_range'),
        ),
        migrations.AddConstraint(
            model_name='dropinsession',
            constraint=models.CheckConstraint(condition=models.Q(('waiting_bookings__gte', 0)), name='dropin_session_waiting_bookings_not_negative'),
        ),
    ]

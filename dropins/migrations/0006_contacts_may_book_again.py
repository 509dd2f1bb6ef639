"""A contact may hold more than one booking for a session: a booking made again with it is a
booking like any other, and its own confirmation names the other. The separate "you already have
a booking" message is gone; any still waiting to be sent is no longer needed."""

from django.db import migrations


def drop_pending_booking_again(apps, schema_editor):
    OutgoingMessage = apps.get_model("sanctuary", "OutgoingMessage")
    OutgoingMessage.objects.filter(
        template="dropin_booking_again", status__in=["pending", "sending"]
    ).update(status="not_needed", sending_since=None)


class Migration(migrations.Migration):
    dependencies = [
        ("sanctuary", "0006_outgoing_message_subject"),
        ("dropins", "0005_link_messages_to_bookings"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="booking",
            name="booking_one_per_email_per_session",
        ),
        migrations.RemoveConstraint(
            model_name="booking",
            name="booking_one_per_phone_per_session",
        ),
        migrations.RunPython(drop_pending_booking_again, migrations.RunPython.noop),
    ]

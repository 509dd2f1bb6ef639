"""Messages written before messages knew what they were about: a drop-in message's context names
its booking, so link it to that booking (anonymising then finds it by the link)."""

from django.db import migrations


def link_booking_messages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OutgoingMessage = apps.get_model("sanctuary", "OutgoingMessage")
    Booking = apps.get_model("dropins", "Booking")
    booking_type, _created = ContentType.objects.get_or_create(app_label="dropins", model="booking")
    unlinked = OutgoingMessage.objects.filter(
        subject_id__isnull=True, context__has_key="booking_id"
    )
    existing = set(Booking.objects.values_list("pk", flat=True))
    for message in unlinked.iterator():
        booking_id = message.context.get("booking_id")
        if booking_id in existing:
            message.subject_type_id = booking_type.pk
            message.subject_id = booking_id
            message.save(update_fields=["subject_type", "subject_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sanctuary", "0006_outgoing_message_subject"),
        ("dropins", "0004_booking_submission_key"),
    ]

    operations = [migrations.RunPython(link_booking_messages, migrations.RunPython.noop)]

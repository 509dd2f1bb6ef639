"""Messages written before messages knew what they were about: a bursary message's context (or
its dedupe key) names its application, so link it to that application (anonymising then finds
it by the link)."""

import re

from django.db import migrations
from django.db.models import Q

KEY = re.compile(r"^bursary:application:(\d+):")


def link_application_messages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OutgoingMessage = apps.get_model("sanctuary", "OutgoingMessage")
    Application = apps.get_model("bursaries", "Application")
    application_type, _created = ContentType.objects.get_or_create(
        app_label="bursaries", model="application"
    )
    existing = set(Application.objects.values_list("pk", flat=True))
    unlinked = OutgoingMessage.objects.filter(subject_id__isnull=True).filter(
        Q(context__has_key="application_id") | Q(dedupe_key__startswith="bursary:application:")
    )
    for message in unlinked.iterator():
        application_id = (message.context or {}).get("application_id")
        if application_id is None and (found := KEY.match(message.dedupe_key or "")):
            application_id = int(found.group(1))
        if application_id in existing:
            message.subject_type_id = application_type.pk
            message.subject_id = application_id
            message.save(update_fields=["subject_type", "subject_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sanctuary", "0006_outgoing_message_subject"),
        ("bursaries", "0005_application_submission_key"),
    ]

    operations = [migrations.RunPython(link_application_messages, migrations.RunPython.noop)]

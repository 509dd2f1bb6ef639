# Partner organisations move here from bursaries (state only, see below).

from django.db import migrations, models

# The table was made by bursaries.0001 and keeps its name (Meta.db_table): this migration only
# tells Django that the model is now this app's, so every row and every application's link to
# it stays. Its content type moves with it, and so its permissions (and the groups holding
# them) and the admin's history.


def content_type_move(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="partners", model="partnerorganisation").exists():
        ContentType.objects.filter(app_label="bursaries", model="partnerorganisation").update(
            app_label="partners"
        )


def content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="bursaries", model="partnerorganisation").exists():
        ContentType.objects.filter(app_label="partners", model="partnerorganisation").update(
            app_label="bursaries"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("bursaries", "0006_link_messages_to_applications"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PartnerOrganisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, unique=True, verbose_name="name")),
                        (
                            "is_active",
                            models.BooleanField(
                                default=True,
                                help_text="Only active partners are offered on the form.",
                                verbose_name="active",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "partner organisation",
                        "verbose_name_plural": "partner organisations",
                        "ordering": ["name"],
                        "db_table": "bursaries_partnerorganisation",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_back),
    ]

# Partner organisations are now the partners app's (partners.0001): state only, the table stays.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bursaries", "0006_link_messages_to_applications"),
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="referrer_organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="partners.partnerorganisation",
                        verbose_name="referred by",
                    ),
                ),
                migrations.DeleteModel(name="PartnerOrganisation"),
            ],
            database_operations=[],
        ),
    ]

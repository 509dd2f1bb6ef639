"""Partner organisations moved from bursaries to their own app: every row, every application's
link, the content type, its permissions and the groups holding them come through, both ways."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("bursaries", "0006_link_messages_to_applications"), ("partners", None)]
PARTNERS = [("New Routes", True), ("GYROS", True), ("A partner that closed", False)]


def migrate(targets):
    """Migrates the test database to `targets` and returns the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def partner_rows(apps, app_label):
    model = apps.get_model(app_label, "PartnerOrganisation")
    return sorted(model.objects.values_list("id", "name", "is_active"))


def content_type_of_partners(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return list(
        ContentType.objects.filter(model="partnerorganisation").values_list("id", "app_label")
    )


def group_permissions(apps):
    Group = apps.get_model("auth", "Group")
    return sorted(
        Group.objects.get(name="Partner directory editors").permissions.values_list(
            "id", "codename", "content_type__app_label"
        )
    )


def make_rows_before_the_move(apps):
    """Partners, an application referred by one of them, and a group allowed to change them,
    made with the models as they were when partners belonged to bursaries."""
    Partner = apps.get_model("bursaries", "PartnerOrganisation")
    Fund = apps.get_model("bursaries", "Fund")
    Application = apps.get_model("bursaries", "Application")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    partners = [Partner.objects.create(name=name, is_active=active) for name, active in PARTNERS]
    today = timezone.localdate()
    fund = Fund.objects.create(
        name="Bursaries",
        slug="bursaries",
        budget=Decimal("500"),
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=5),
    )
    application = Application.objects.create(
        reference="MOVE42",
        status_token="t" * 40,
        fund=fund,
        language="en",
        amount_requested=Decimal("80"),
        referrer_organisation=partners[1],
        privacy_consent_at=timezone.now(),
    )
    content_type, _ = ContentType.objects.get_or_create(
        app_label="bursaries", model="partnerorganisation"
    )
    change, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_partnerorganisation",
        defaults={"name": "Can change partner organisation"},
    )
    Group.objects.create(name="Partner directory editors").permissions.add(change)
    return application.pk, partners[1].pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_every_partner_link_and_permission_and_can_be_undone():
    try:
        old = migrate(BEFORE)
        application_id, referrer_id = make_rows_before_the_move(old)
        rows = partner_rows(old, "bursaries")
        (content_type,) = content_type_of_partners(old)
        permissions = group_permissions(old)
        assert content_type[1] == "bursaries"
        assert sorted(row[1:] for row in rows) == sorted(PARTNERS)

        new = migrate(latest())

        assert partner_rows(new, "partners") == rows
        assert content_type_of_partners(new) == [(content_type[0], "partners")]
        assert group_permissions(new) == [
            (pk, codename, "partners") for pk, codename, _app in permissions
        ]
        Application = new.get_model("bursaries", "Application")
        application = Application.objects.select_related("referrer_organisation").get(
            pk=application_id
        )
        assert application.referrer_organisation_id == referrer_id
        assert application.referrer_organisation.name == "GYROS"
        assert application.referrer_organisation._meta.app_label == "partners"
        Partner = new.get_model("partners", "PartnerOrganisation")
        assert not Partner.objects.filter(is_listed=True).exists()  # nobody listed unasked

        back = migrate(BEFORE)

        assert partner_rows(back, "bursaries") == rows
        assert content_type_of_partners(back) == [content_type]
        assert group_permissions(back) == permissions
        Application = back.get_model("bursaries", "Application")
        assert Application.objects.get(pk=application_id).referrer_organisation_id == referrer_id
    finally:
        migrate(latest())

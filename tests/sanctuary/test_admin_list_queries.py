"""Every admin list of ours makes the same number of queries with 10 rows as with 200: what
each row shows comes with the page's own queries (list_select_related, annotations), never one
more query a row. Rows are the demo's, copied until there are enough; where the demo has none
to copy, or a copy would clash, a maker in admin_list_rows makes them."""

import uuid
from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.sanctuary.admin_list_rows import MAKERS
from tests.sanctuary.test_admin_lists_hostile import ADMINS

pytestmark = pytest.mark.django_db


def _copy(row: models.Model, number: int) -> models.Model:
    """A copy of `row` whose unique values are its own."""
    copy = type(row).objects.get(pk=row.pk)
    copy.pk = None
    copy._state.adding = True
    unique_sets = [
        set(constraint.fields)
        for constraint in type(row)._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    unique_names = {
        field.name for field in type(row)._meta.concrete_fields if field.unique
    } | set().union(*unique_sets)
    for field in type(row)._meta.concrete_fields:
        if field.primary_key or field.name not in unique_names:
            continue
        value = getattr(copy, field.attname)
        if isinstance(field, models.UUIDField):
            setattr(copy, field.attname, uuid.uuid4() if value is not None else None)
        elif isinstance(field, models.EmailField):
            setattr(copy, field.attname, f"copy{number}.{value}"[: field.max_length])
        elif isinstance(field, models.CharField) and value:
            suffix = f"-{number}"
            setattr(copy, field.attname, f"{value[: field.max_length - len(suffix)]}{suffix}")
        elif isinstance(field, models.DateTimeField) and value:
            setattr(copy, field.attname, value + timedelta(minutes=number))
        elif isinstance(field, models.DateField) and value:
            setattr(copy, field.attname, value + timedelta(days=7 * number))
    return copy


def _copy_saved(row: models.Model, number: int) -> bool:
    try:
        with transaction.atomic():
            _copy(row, number).save()
    except IntegrityError:
        return False
    return True


def rows_up_to(model, count: int) -> int:
    """Copy the model's rows until it has `count` (or as many as copying can make). Where there
    is none to copy, or a copy clashes, the model's maker in MAKERS makes the row instead."""
    make = MAKERS.get(model)
    originals = list(model._default_manager.all()[:20])
    number = model._default_manager.count()
    attempts = 0
    while number < count and attempts < 3 * count:
        attempts += 1
        if originals and _copy_saved(originals[attempts % len(originals)], attempts):
            number += 1
        elif make is not None:
            make()
            number += 1
            originals = originals or list(model._default_manager.all()[:20])
        elif not originals:
            break
    return model._default_manager.count()


@pytest.fixture
def superuser(db):
    user = UserFactory(is_superuser=True, is_staff=True)
    user.save()
    return user


def list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model_admin", ADMINS, ids=str)
def test_an_admin_list_makes_as_many_queries_with_10_rows_as_with_200(
    client, demo, superuser, model_admin
):
    demo()
    model = model_admin.model
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?all="
    client.force_login(superuser)
    rows = rows_up_to(model, 10)
    assert rows >= 10, (
        f"only {rows} {opts.verbose_name_plural} could be made: give the demo some to copy, "
        f"or {opts.label} a maker in tests/sanctuary/admin_list_rows.MAKERS"
    )
    client.get(url)  # caches warmed
    few = list_queries(client, url)

    rows = rows_up_to(model, 200)

    assert rows >= 200, f"only {rows} {opts.verbose_name_plural} could be made"
    assert list_queries(client, url) == few


def test_every_list_is_paged_without_a_second_count():
    for model_admin in admin.site._registry.values():
        if model_admin in ADMINS:
            assert model_admin.show_full_result_count is False, model_admin

"""Every admin list of ours, filtered, searched, sorted and paged with whatever a query string
can hold, answers without a server error, for programme staff and for a superuser."""

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every app of ours: those in INSTALLED_APPS that live in this repository.
OUR_APPS = {
    name
    for name in django_settings.INSTALLED_APPS
    if (django_settings.BASE_DIR / name.replace(".", "/")).is_dir()
}
ADMINS = sorted(
    (
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
    ),
    key=str,
)
LOOKUPS = ["", "__exact", "__id__exact", "__isnull", "__in", "__gte", "__lt", "__regex"]
JUNK_VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["1e400", "NaN", "-0", "2026-13-45", "True", "(", "%", "_", "\u202e"]),
    # PostgreSQL refuses a NUL in any string: the likeliest way to a server error.
    st.tuples(st.text(max_size=5), st.text(max_size=5)).map("\x00".join),
)


def query_keys(model_admin) -> list[str]:
    """The parameters this list understands, with lookups it may not, and some junk."""
    keys = {"q", "o", "p", "all", "e", "_to_field", "_popup", "_changelist_filters", "junk"}
    for list_filter in model_admin.list_filter:
        if isinstance(list_filter, str):
            keys |= {list_filter + lookup for lookup in LOOKUPS}
        elif isinstance(list_filter, tuple):
            keys |= {list_filter[0] + lookup for lookup in LOOKUPS}
        else:
            keys.add(list_filter.parameter_name)
    if model_admin.date_hierarchy:
        keys |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return sorted(keys)


def order_values(model_admin):
    """?o= as the admin writes it (dotted column numbers, maybe negative), and otherwise."""
    columns = st.integers(min_value=-12, max_value=12).map(str)
    return st.one_of(st.lists(columns, min_size=1, max_size=4).map(".".join), JUNK_VALUES)


def queries(model_admin):
    keys = query_keys(model_admin)
    return st.dictionaries(
        st.sampled_from(keys),
        st.one_of(JUNK_VALUES, st.just("1"), st.just("")),
        max_size=4,
    ).flatmap(
        lambda query: st.one_of(
            st.just(query), order_values(model_admin).map(lambda order: {**query, "o": order})
        )
    )


@pytest.fixture
def superuser(db):
    user = UserFactory(is_superuser=True, is_staff=True)
    user.save()  # with its password, so that the session it signs in with stays valid
    return user


@pytest.fixture(params=["programme staff", "superuser"])
def team_member(request, programme_staff, superuser):
    return superuser if request.param == "superuser" else programme_staff


@pytest.mark.parametrize("model_admin", ADMINS, ids=str)
def test_an_admin_list_never_answers_a_query_string_with_a_server_error(
    client, team_member, model_admin
):
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    client.force_login(team_member)

    @settings(max_examples=20)
    @given(query=queries(model_admin))
    def check(query):
        response = client.get(url, query)
        assert response.status_code in (200, 400, 403), query

    check()


@pytest.mark.parametrize("model_admin", ADMINS, ids=str)
def test_an_admin_action_on_rows_that_are_not_ids_is_never_a_server_error(
    client, superuser, model_admin
):
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    client.force_login(superuser)
    names = ["delete_selected", *(getattr(a, "__name__", a) for a in model_admin.actions or [])]

    for action in names:
        response = client.post(url, {"action": action, ACTION_CHECKBOX_NAME: ["abc", "\x00"]})
        assert response.status_code < 500, action


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Ma\x00ryam"},
        {"status__exact": "\x00"},
        {"created_at__year": "9" * 25},
        {"status__regex": "("},
    ],
    ids=["nul-in-search", "nul-in-filter", "year-past-9999", "pattern-postgresql-cannot-read"],
)
def test_a_list_query_that_cannot_be_read_says_so_with_a_400(client, programme_staff, query):
    client.force_login(programme_staff)
    url = (
        reverse("admin:sanctuary_outgoingmessage_changelist")
        if "created_at__year" in query
        else reverse("admin:dropins_booking_changelist")
    )

    response = client.get(url, query)

    assert response.status_code == 400
    assert "We could not read that" in response.content.decode()


def test_an_action_on_a_row_that_is_not_an_id_says_so_with_a_400(client, programme_staff):
    client.force_login(programme_staff)

    response = client.post(
        reverse("admin:dropins_booking_changelist"),
        {"action": "cancel_bookings", ACTION_CHECKBOX_NAME: ["1", "abc"]},
    )

    assert response.status_code == 400
    assert "We could not read that" in response.content.decode()

"""The pieces every public form shares: references, private tokens, rate limits, the bot trap."""

import pytest
from django import forms
from django.test import RequestFactory

from sanctuary.codes import REFERENCE_ALPHABET, reference_new, reference_normalise, token_new
from sanctuary.forms import HoneypotMixin
from sanctuary.ratelimit import (
    rate_limit_count,
    rate_limit_hit,
    rate_limit_reached,
    rate_limit_uncount,
)


def test_references_use_only_unambiguous_characters():
    references = {reference_new(prefix="D") for _ in range(200)}
    assert len(references) > 190
    for reference in references:
        prefix, body = reference.split("-")
        assert prefix == "D" and len(body) == 6
        assert set(body) <= set(REFERENCE_ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(REFERENCE_ALPHABET)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("d-7kq4tm", "D-7KQ4TM"), (" D 7KQ 4TM ", "D-7KQ4TM"), ("D–7KQ4TM", "D-7KQ4TM")],
)
def test_a_typed_reference_is_normalised(typed, stored):
    assert reference_normalise(typed) == stored


def test_tokens_carry_at_least_128_random_bits():
    tokens = {token_new() for _ in range(100)}
    assert len(tokens) == 100
    # URL-safe base64: 6 bits a character.
    assert all(len(token) * 6 >= 128 for token in tokens)


@pytest.mark.redis
def test_the_rate_limit_counts_each_client_separately(settings):
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="203.0.113.1")
    second = factory.post("/", REMOTE_ADDR="203.0.113.2")
    hits = [rate_limit_hit(first, scope="test", limit=3, period=60) for _ in range(4)]
    assert hits == [False, False, False, True]
    assert rate_limit_hit(second, scope="test", limit=3, period=60) is False


@pytest.mark.redis
def test_an_ipv6_client_counts_as_its_whole_64_network(settings):
    factory = RequestFactory()
    hits = [
        rate_limit_hit(
            factory.post("/", REMOTE_ADDR=f"2001:db8:1:2::{index}"), scope="v6", limit=2, period=60
        )
        for index in range(1, 4)
    ]
    elsewhere = factory.post("/", REMOTE_ADDR="2001:db8:1:3::1")

    assert hits == [False, False, True]
    assert rate_limit_hit(elsewhere, scope="v6", limit=2, period=60) is False


@pytest.mark.redis
def test_asking_whether_the_limit_is_reached_counts_nothing(settings):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        assert rate_limit_reached(request, scope="ask", limit=2) is False
    assert rate_limit_count(request, scope="ask", period=60) == 1
    assert rate_limit_reached(request, scope="ask", limit=2) is False
    assert rate_limit_count(request, scope="ask", period=60) == 2
    assert rate_limit_reached(request, scope="ask", limit=2) is True


@pytest.mark.redis
def test_counted_tries_are_kept_apart_by_client_and_scope(settings):
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="203.0.113.8")
    second = factory.post("/", REMOTE_ADDR="203.0.113.9")
    assert [rate_limit_count(first, scope="apart", period=60) for _ in range(3)] == [1, 2, 3]
    assert rate_limit_reached(first, scope="apart", limit=3) is True
    assert rate_limit_reached(second, scope="apart", limit=3) is False
    assert rate_limit_reached(first, scope="elsewhere", limit=3) is False


@pytest.mark.redis
def test_counted_tries_are_forgotten_when_the_window_ends(settings):
    from django.core.cache import cache

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.10")
    rate_limit_count(request, scope="window", period=60)
    assert rate_limit_reached(request, scope="window", limit=1) is True
    # Redis keeps the count only until the window ends (its clock, not ours, so no waiting):
    key = cache.make_and_validate_key("ratelimit:window:203.0.113.10")
    redis = cache._cache.get_client(key, write=True)
    assert 55_000 < redis.pttl(key) <= 60_000
    redis.delete(key)  # as Redis does when the window ends
    assert rate_limit_reached(request, scope="window", limit=1) is False
    assert rate_limit_count(request, scope="window", period=60) == 1


class NoteForm(HoneypotMixin, forms.Form):
    note = forms.CharField()


def test_the_bot_trap_refuses_a_filled_in_form_and_keeps_what_was_typed():
    form = NoteForm(data={"note": "hello", "website": "http://spam.example"})
    assert not form.is_valid()
    assert form.non_field_errors()
    assert form["note"].value() == "hello"


def test_the_bot_trap_lets_an_empty_trap_through():
    assert NoteForm(data={"note": "hello", "website": ""}).is_valid()


@pytest.mark.redis
def test_a_place_counted_for_nothing_is_given_back(settings):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    assert rate_limit_count(request, scope="back", period=60) == 1
    rate_limit_uncount(request, scope="back")
    assert rate_limit_count(request, scope="back", period=60) == 1
    rate_limit_uncount(request, scope="missing")  # nothing counted: nothing to give back

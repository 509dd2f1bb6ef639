"""Guessing passwords stays slow, and nobody elsewhere can lock a team member out."""

from django.test import Client
from django.urls import reverse

from sanctuary.signin import KNOWN_BROWSER_COOKIE
from tests.factories import PASSWORD
from tests.sanctuary.helpers import set_up_two_step_sign_in, sign_in, totp_code

LIMITED = "Too many attempts to sign in."


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_from(address: str, email: str, times: int) -> None:
    stranger = from_address(address)
    for _ in range(times):
        sign_in(stranger, email, "not-the-password")


def test_a_strangers_wrong_passwords_do_not_stop_the_right_one_from_elsewhere(volunteer):
    fail_from("203.0.113.7", volunteer.email, 8)

    door_tablet = from_address("198.51.100.20")
    response = sign_in(door_tablet, volunteer.email, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(door_tablet)


def test_the_address_that_guessed_is_slowed_down_even_with_the_right_password(volunteer):
    fail_from("203.0.113.7", volunteer.email, 5)

    guesser = from_address("203.0.113.7")
    response = sign_in(guesser, volunteer.email, PASSWORD)

    assert LIMITED in response.content.decode()
    assert not is_signed_in(guesser)


def test_one_address_guessing_many_accounts_is_slowed_down(db):
    from tests.factories import UserFactory

    people = UserFactory.create_batch(11)
    guesser = from_address("203.0.113.9")
    answers = [sign_in(guesser, person.email, "not-the-password") for person in people]

    assert LIMITED not in answers[9].content.decode()
    assert LIMITED in answers[10].content.decode()


def test_guessing_one_account_from_many_addresses_stays_bounded(volunteer, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "20/h/key",
    }
    for number in range(20):
        fail_from(f"192.0.2.{number + 1}", volunteer.email, 1)

    # A guess from yet another address is not even checked, whatever it is.
    newcomer = from_address("192.0.2.200")
    response = sign_in(newcomer, volunteer.email, PASSWORD)

    assert LIMITED in response.content.decode()
    assert not is_signed_in(newcomer)


def test_a_browser_that_signed_in_before_is_not_held_back_by_guessing_elsewhere(
    volunteer, settings
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "20/h/key",
    }
    own_tablet = from_address("198.51.100.20")
    sign_in(own_tablet, volunteer.email, PASSWORD)
    assert KNOWN_BROWSER_COOKIE in own_tablet.cookies
    own_tablet.post("/en/accounts/logout/")
    for number in range(20):
        fail_from(f"192.0.2.{number + 1}", volunteer.email, 1)

    sign_in(own_tablet, volunteer.email, PASSWORD)

    assert is_signed_in(own_tablet)


def test_a_forged_known_browser_cookie_counts_for_nothing(volunteer, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "20/h/key",
    }
    for number in range(20):
        fail_from(f"192.0.2.{number + 1}", volunteer.email, 1)
    forger = from_address("192.0.2.201")
    forger.cookies[KNOWN_BROWSER_COOKIE] = "0123456789abcdef0123"

    sign_in(forger, volunteer.email, PASSWORD)

    assert not is_signed_in(forger)


def test_right_passwords_use_up_no_tries(volunteer):
    tablet = from_address("198.51.100.20")
    for _ in range(6):
        sign_in(tablet, volunteer.email, PASSWORD)
        tablet.post("/en/accounts/logout/")

    sign_in(tablet, volunteer.email, PASSWORD)

    assert is_signed_in(tablet)


def test_a_browser_counts_as_known_only_once_the_second_step_is_done(programme_staff):
    own_laptop = from_address("198.51.100.30")
    sign_in(own_laptop, programme_staff.email, PASSWORD)
    secret = set_up_two_step_sign_in(own_laptop)
    own_laptop.post("/en/accounts/logout/")
    own_laptop.cookies.pop(KNOWN_BROWSER_COOKIE, None)

    sign_in(own_laptop, programme_staff.email, PASSWORD)
    assert KNOWN_BROWSER_COOKIE not in own_laptop.cookies
    own_laptop.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert KNOWN_BROWSER_COOKIE in own_laptop.cookies

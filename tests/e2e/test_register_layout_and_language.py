"""The register fits a tablet either way up, and reads right to left in Arabic, Central
Kurdish and Urdu."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import expect_boxes
from tests.e2e.helpers import (
    A_FEW_SECONDS,
    IS_PENDING,
    LANDSCAPE,
    PORTRAIT,
    REGISTER_CALLS,
    check_in_button,
    eventually,
    live_check_ins,
    open_register,
    row,
)

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_register_is_tappable_and_never_scrolls_sideways_on_a_tablet(
    live_server, tablet, door, families, priya, viewport
):
    page = tablet(priya, viewport=viewport)
    open_register(page, live_server, door)
    check_in = check_in_button(page, families["Bashir"])
    targets = {
        "check in": check_in,
        "search": page.get_by_label("Find a name or reference"),
        "add walk-in": page.get_by_role("button", name="Add walk-in"),
    }
    for target in targets.values():
        expect(target).to_be_visible()
    bashir = f"#b-{families['Bashir'].pk}"
    tall = "Object.values(box).every(boxes => boxes.every(one => one.height >= 48))"
    expect_boxes(
        page,
        {
            "check_in": f"{bashir} .register-check-in",
            "search": "#register-q",
            "add_walk_in": "button[name=walk_in]",
        },
        tall,
    )
    check_in.tap()
    undo = row(page, families["Bashir"]).get_by_role("button", name="Undo check-in")
    expect(undo).to_be_visible()
    expect_boxes(page, {"undo": f"{bashir} .register-undo"}, tall)
    # The undo button the server draws, once the check-in is recorded, is as big.
    expect(row(page, families["Bashir"])).not_to_have_class(IS_PENDING, timeout=A_FEW_SECONDS)
    expect_boxes(page, {"undo": f"{bashir} .register-undo"}, tall)

    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def script_words(language: str, singular: str, plural: str, count: int) -> str:
    """What the register's script writes in `language`: its catalog (djangojs) as the page
    loads it."""
    from django.utils.translation.trans_real import DjangoTranslation

    catalog = DjangoTranslation(language, domain="djangojs")
    return catalog.ngettext(singular, plural, count) % {"count": count}


@pytest.mark.parametrize("language", ["ar", "ckb", "ur"])
def test_the_register_reads_right_to_left_and_speaks_the_language_from_its_script(
    live_server, tablet, door, families, priya, language
):
    page = tablet(priya, viewport=PORTRAIT)
    page.goto(f"{live_server.url}/{language}/team/attendance/sessions/{door.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", language)
    oksana = families["Oksana"]
    # Names and references are typed left to right inside the right-to-left page.
    expect(row(page, oksana)).to_contain_text("Oksana")
    expect(row(page, oksana)).to_contain_text(oksana.reference)
    rows = page.locator("#register-bookings .register-row")
    # Right to left: the name starts at the right, the check-in button sits to its left.
    expect_boxes(
        page,
        {
            "name": f"#b-{oksana.pk} .register-row__name",
            "button": f"#b-{oksana.pk} .register-check-in",
        },
        "box.button[0].left < box.name[0].left",
    )
    expect(rows).to_have_count(len(families))

    page.route(REGISTER_CALLS, lambda route: route.abort("internetdisconnected"))
    row(page, oksana).locator(".register-check-in").tap()

    # The words the script writes come from the language's catalog.
    waiting = script_words(language, "%(count)s waiting to sync", "%(count)s waiting to sync", 1)
    if language == "ar":
        assert waiting == "بانتظار الإرسال: 1"
    expect(page.locator("#register-sync")).to_contain_text(waiting)
    assert page.evaluate("document.documentElement.scrollWidth") <= PORTRAIT["width"]
    page.unroute(REGISTER_CALLS)
    eventually(page, lambda: live_check_ins(oksana), timeout=20)

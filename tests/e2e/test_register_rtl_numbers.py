"""The register in Arabic, on a tablet: a negative "places left" shows its minus on the left
of its digits, as the number is written in every language, not after them."""

import pytest
from playwright.sync_api import expect

from dropins import services as dropin_services

pytestmark = pytest.mark.postgres

# Where the minus and the first digit of the places-left cell are drawn on the screen.
MINUS_LEFT_OF_DIGITS = """() => {
  const cell = document.querySelector('[data-total="places_left"]');
  const text = cell && cell.firstChild;
  if (!text || !text.data.startsWith("-")) return false;
  const at = index => { const range = document.createRange();
    range.setStart(text, index); range.setEnd(text, index + 1);
    return range.getBoundingClientRect(); };
  return at(0).right <= at(1).left + 1;
}"""


@pytest.mark.parametrize("language", ["ar", "fa", "ckb", "ur"])
def test_a_negative_places_left_reads_minus_first_on_a_right_to_left_register(
    live_server, tablet, door, families, priya, language
):
    # Eight people booked; the session now takes three.
    dropin_services.session_capacity_set(session_id=door.pk, capacity=3, actor=None)
    page = tablet(priya)

    page.goto(f"{live_server.url}/{language}/team/attendance/sessions/{door.pk}/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator('[data-total="places_left"]')).to_have_text("-5")
    page.wait_for_function(MINUS_LEFT_OF_DIGITS)

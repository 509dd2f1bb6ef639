"""Programme staff in Chromium: the dashboard for this term, its CSV downloaded at once; the
period changed to the year, its spreadsheet made (in-process, as with `make run`) and
downloaded from its page; both files opened and their figures compared with the published
report for the dates they say. Then the award evidence pack, printed: one page per criterion,
no navigation.

These need the dashboard (reports.figures.build_report and the page at /reports/)."""

import csv
import datetime
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reports import selectors
from reports.exports import report_csv, report_xlsx
from tests.e2e.axe import assert_no_violations

pytestmark = [pytest.mark.postgres]

DEMO_PASSWORD = "sanctuary-demo"


@pytest.fixture
def staff_page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address").fill("staff@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Hello")
    yield page
    context.close()


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def without_generated_at(rows):
    return [row for row in rows if not (row and row[0] == "Generated at")]


def sheet_values(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [
            row for row in sheet.iter_rows(values_only=True) if row and row[0] != "Generated at"
        ]
        for sheet in book.worksheets
    }


def test_staff_change_the_period_and_download_the_figures(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server.url}/en/reports/")

    # This term's figures, as CSV, straight away.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    term = csv_rows(download_info.value.path().read_bytes())
    term_start = datetime.date.fromisoformat(next(row[1] for row in term if row[0] == "From"))
    term_end = datetime.date.fromisoformat(next(row[1] for row in term if row[0] == "To"))
    published = report_csv(selectors.report_for(start=term_start, end=term_end))
    assert without_generated_at(term) == without_generated_at(csv_rows(published))

    # The year's, as a spreadsheet, made on its own page.
    page.get_by_label("Period").select_option("year")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"period=year"))
    page.get_by_role("button", name="Download spreadsheet").click()
    expect(page.get_by_role("heading", name="Your file is ready")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the file").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    year = sheet_values(download.path().read_bytes())
    about = {row[0]: row[1] for row in year["About"] if row[0] in {"From", "To"}}
    year_start, year_end = about["From"].date(), about["To"].date()
    assert (year_start, year_end) != (term_start, term_end)
    published = report_xlsx(selectors.report_for(start=year_start, end=year_end))
    assert year == sheet_values(published)


def test_the_evidence_pack_prints_one_page_per_criterion_without_navigation(
    staff_page, live_server
):
    page = staff_page
    page.goto(f"{live_server.url}/en/reports/evidence/?start=2026-09-01&end=2026-11-10")
    expect(page.get_by_role("heading", name="Learn")).to_be_visible()
    assert_no_violations(page)

    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".evidence-controls")).to_be_hidden()
    expect(page.locator(".criterion")).to_have_count(3)
    for criterion in page.locator(".criterion").all():
        expect(criterion).to_have_css("break-before", "page")


def test_the_evidence_pack_is_downloaded_as_a_spreadsheet_with_staffs_words(
    staff_page, live_server
):
    page = staff_page
    page.goto(f"{live_server.url}/en/reports/evidence/")
    page.get_by_label("From").fill("2026-09-01")
    page.get_by_label("To").fill("2026-11-10")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Write what we did").click()
    page.get_by_label("Share").fill("The orchestra night, with four partners.")
    page.get_by_role("button", name="Keep these words").click()
    expect(page.get_by_text("The orchestra night, with four partners.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"start=2026-09-01"))

    page.get_by_role("button", name="Download the evidence as a spreadsheet").click()
    expect(page.get_by_role("heading", name="Your file is ready")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the file").click()

    download = download_info.value
    # The dates asked for, widened to whole months.
    assert download.suggested_filename == "sanctuary-award-evidence-2026-09-01-to-2026-11-30.xlsx"
    book = sheet_values(download.path().read_bytes())
    assert list(book) == ["About", "Learn", "Embed", "Share"]
    assert book["Share"][-1][:1] == ("The orchestra night, with four partners.",)

"""The award evidence pack: the report's figures under Learn, Embed and Share, staff's words
kept (and audited), and the pack's page and files."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.evidence import evidence_report
from reports.exports import report_csv, report_xlsx
from reports.models import EvidenceStatement
from sanctuary.models import AuditEvent
from tests.reports.helpers import a_report

WORDS = {"learn": "Staff took the Speak Up training.", "embed": "", "share": "=1+1 shared"}


def test_each_criterion_takes_the_figures_of_its_sections():
    pack = evidence_report(a_report(), WORDS)

    assert [section.key for section in pack.sections] == ["learn", "embed", "share"]
    learn, embed, share = pack.sections
    assert [table.key for table in learn.tables] == ["budget"]
    assert [table.key for table in embed.tables] == ["languages"]
    assert [headline.key for headline in embed.headlines] == ["people"]
    assert share.tables == ()  # the report has no guests section, and network events no tables


def test_the_pack_only_publishes_what_the_report_did():
    report = a_report()
    pack = evidence_report(report, WORDS)

    published = {t for s in report.sections for t in s.tables}
    assert {t for s in pack.sections for t in s.tables} <= published
    assert (pack.period, pack.venue_name, pack.threshold) == (
        report.period,
        report.venue_name,
        report.threshold,
    )


def test_the_packs_csv_has_each_criterion_with_its_words_never_a_formula():
    rows = list(
        csv.reader(io.StringIO(report_csv(evidence_report(a_report(), WORDS)).decode("utf-8-sig")))
    )

    assert rows[0] == ["Theatre of Sanctuary award evidence"]
    learn = rows.index(["Learn"])
    assert ["Budget spent and left"] in rows[learn:]
    assert rows.index(["Staff took the Speak Up training."]) > learn
    assert ["'=1+1 shared"] in rows


def test_the_packs_spreadsheet_has_a_sheet_per_criterion_with_its_words():
    book = load_workbook(io.BytesIO(report_xlsx(evidence_report(a_report(), WORDS))))

    assert book.sheetnames == ["About", "Learn", "Embed", "Share"]
    share = [cell for row in book["Share"].iter_rows() for cell in row if cell.value]
    words = next(cell for cell in share if cell.value == "=1+1 shared")
    assert words.data_type == "s"


@pytest.mark.django_db
def test_staffs_words_are_kept_and_each_change_is_audited(staff):
    services.evidence_statements_save(texts={"learn": "First words", "embed": ""}, actor=staff)
    services.evidence_statements_save(texts={"learn": "Better words", "embed": ""}, actor=staff)
    services.evidence_statements_save(texts={"learn": "Better words"}, actor=staff)

    learn = EvidenceStatement.objects.get(criterion="learn")
    assert (learn.text, learn.updated_by) == ("Better words", staff)
    events = AuditEvent.objects.filter(action__startswith="evidence.").order_by("pk")
    assert [event.action for event in events] == ["evidence.update", "evidence.update"]
    assert events[1].detail["changes"]["text"] == {"old": "First words", "new": "Better words"}


@pytest.mark.django_db
def test_the_edit_page_keeps_the_words_and_goes_back_to_the_pack(client, staff):
    client.force_login(staff)
    url = reverse("report_exports:evidence_edit") + "?start=2026-09-01&end=2026-11-09"

    page = client.get(url)
    response = client.post(
        url, {"learn": "We learnt.\r\nA lot.", "embed": "", "share": "x" * 10_001}
    )

    assert page.status_code == 200
    assert response.status_code == 200  # too long: the form comes back as typed
    assert "We learnt." in response.content.decode()
    assert not EvidenceStatement.objects.exclude(text="").exists()
    response = client.post(url, {"learn": "We learnt.\r\nA lot.\u202e", "embed": "", "share": ""})
    assert (
        response["Location"]
        == reverse("report_exports:evidence") + "?start=2026-09-01&end=2026-11-09"
    )
    assert EvidenceStatement.objects.get(criterion="learn").text == "We learnt.\nA lot."


# These make a real report (reports.figures.build_report).


@pytest.mark.django_db
def test_the_pack_page_has_a_section_per_criterion_staffs_words_and_print_styles(client, staff):
    services.evidence_statements_save(texts={"share": "<b>Shared</b> with NCAN"}, actor=staff)
    client.force_login(staff)

    page = client.get(reverse("report_exports:evidence") + "?start=2026-09-01&end=2026-11-09")

    html = page.content.decode()
    assert page.status_code == 200
    for key in ("learn", "embed", "share"):
        assert f'id="criterion-{key}"' in html
    assert "&lt;b&gt;Shared&lt;/b&gt; with NCAN" in html
    assert "css/evidence.css" in html
    assert 'value="evidence_xlsx"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?start=2026-02-30&end=x",
        "?start=2026-11-09&end=2026-09-01",
        "?venue=%00",
        "?start=" + "9" * 3000,
    ],
)
def test_bad_dates_on_the_pack_page_are_said_and_the_last_twelve_months_shown(client, staff, query):
    client.force_login(staff)

    page = client.get(reverse("report_exports:evidence") + query)

    assert page.status_code == 200
    assert "Please check this" in page.content.decode()
    assert "2025-12-01 – 2026-11-30" in page.content.decode()

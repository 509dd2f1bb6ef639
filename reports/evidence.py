"""The award evidence pack: the period's published figures arranged under the three criteria
of the Theatre of Sanctuary award, with the words staff keep for each between renewals.

The pack is itself a `Report` (one section per criterion), so the dashboard's writers make its
CSV and spreadsheet, and it can only show what the report already made safe to show."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from reports.models import EvidenceStatement
from reports.published import Report, Section

Criterion = EvidenceStatement.Criterion

# Which of the report's sections (by key) is evidence for which criterion.
#  Learn: the learning and participation programme that bursaries open to people seeking
#         sanctuary, and the network's training.
#  Embed: the weekly welcome drop-in: who comes, how often, in which languages.
#  Share: performances shared with sanctuary guests through the partner organisations, and the
#         network's events.
CRITERION_SECTIONS: dict[str, tuple[str, ...]] = {
    Criterion.LEARN: ("bursaries",),
    Criterion.EMBED: ("attendance",),
    Criterion.SHARE: ("guests", "network"),
}

CRITERION_AIMS = {
    Criterion.LEARN: _(
        "Learn about what it means to seek sanctuary: learning and participation opened to "
        "people seeking sanctuary, with bursaries, and the network's training."
    ),
    Criterion.EMBED: _(
        "Embed welcome, safety and inclusion in what the theatre does every week: the welcome "
        "drop-in, who comes back and the languages people ask for."
    ),
    Criterion.SHARE: _(
        "Share the welcome and what we learnt with audiences and partners: performances with "
        "sanctuary guests through partner organisations, and the network's events."
    ),
}


def evidence_report(report: Report, statements: dict[str, str]) -> Report:
    """The pack for `report`'s period and venue: one section per criterion, in the award's
    order, each with the figures of its report sections and staff's words for it."""
    present = {section.key: section for section in report.sections}
    sections = []
    for criterion in Criterion:
        sources = [present[key] for key in CRITERION_SECTIONS[criterion] if key in present]
        sections.append(
            Section(
                key=criterion.value,
                title=str(criterion.label),
                headlines=tuple(h for source in sources for h in source.headlines),
                tables=tuple(t for source in sources for t in source.tables),
            )
        )
    return replace(
        report,
        sections=tuple(sections),
        extra={
            **report.extra,
            "title": str(_("Theatre of Sanctuary award evidence")),
            "aims": {criterion.value: str(CRITERION_AIMS[criterion]) for criterion in Criterion},
            "statements": {
                criterion.value: statements.get(criterion.value, "") for criterion in Criterion
            },
        },
    )

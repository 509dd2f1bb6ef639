"""The admin's date and time boxes each carry a name of their own."""

from django.contrib import admin
from django.utils import translation

from events.models import Performance
from sanctuary.admin_widgets import LabelledSplitDateTime


def test_the_date_and_time_boxes_are_named_by_the_words_shown_before_them():
    with translation.override("en"):
        html = LabelledSplitDateTime().render("starts_at", None, attrs={"id": "id_starts_at"})

    assert 'id="id_starts_at_0"' in html and 'aria-label="Date"' in html
    assert 'id="id_starts_at_1"' in html and 'aria-label="Time"' in html


def test_every_admin_of_ours_shows_a_moment_with_the_named_boxes(rf):
    model_admin = admin.site._registry[Performance]

    formfield = model_admin.formfield_for_dbfield(
        Performance._meta.get_field("starts_at"), rf.get("/")
    )

    assert type(formfield.widget) is LabelledSplitDateTime

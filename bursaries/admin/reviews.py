"""Reviews in the admin: a read-only list. Reviews are written from the application's page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bursaries import selectors
from bursaries.admin.display import their_words
from bursaries.models import Review
from sanctuary.admin import ReadOnlyAdmin


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    """A list of reviews: everyone's for those who decide, a reviewer's own for a reviewer.
    Reviews are written from the application's page."""

    list_display = [
        "application",
        "reviewer",
        "conflict_of_interest",
        "need",
        "benefit",
        "fit",
        "recommendation",
        "submitted_at",
    ]
    list_filter = ["recommendation", "conflict_of_interest"]
    list_select_related = ["application", "reviewer"]
    search_fields = ["application__reference"]
    fields = [*list_display, "comment_display", "opened_at", "conflict_declared_at"]
    readonly_fields = ["comment_display"]

    @admin.display(description=_("comment"))
    def comment_display(self, obj):
        return their_words(obj.comment)

    def get_queryset(self, request):
        return selectors.review_list_for(user=request.user)

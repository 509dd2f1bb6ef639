"""Bursaries: the funds, what they pay for, who refers people, applications, reviews and the
words staff start from when they decide.

Every write goes through bursaries/services/; reads for pages, admin and reports live in
bursaries/selectors.py.
"""

from bursaries.models.applications import (
    FINAL_STATUSES,
    MESSAGE_STATUSES,
    OPEN_STATUSES,
    TRANSITIONS,
    ApplicantMessage,
    Application,
)
from bursaries.models.reviews import Review
from bursaries.models.setup import DecisionTemplate, Fund, Opportunity

__all__ = [
    "FINAL_STATUSES",
    "MESSAGE_STATUSES",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "ApplicantMessage",
    "Application",
    "DecisionTemplate",
    "Fund",
    "Opportunity",
    "Review",
]

"""The yes/no rules of bursaries, each written once."""

DECIDE = "bursaries.decide_application"
REVIEW = "bursaries.add_review"

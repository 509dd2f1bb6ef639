"""Bursaries in the Django admin: setting funds up, reviewing and deciding.

Applications are never edited here: what the applicant wrote stays as they wrote it, and every
change of status goes through bursaries.services (reviewing, deciding, bulk decisions), which
checks who may do it. Reviewers meet each application first on a page where they may declare a
conflict of interest before they see its details (bursaries.staff_views).
"""

from bursaries.admin import applications, reviews, setup  # noqa: F401  (each registers its admins)

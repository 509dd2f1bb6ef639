"""The partners' admin, one module per part: organisations, and their workers."""

from partners.admin import organisations  # noqa: F401 - registers its admin

"""The partners' admin, one module per part: organisations, and their workers."""

from partners.admin import organisations, workers  # noqa: F401 - each registers its admin

"""Performances and events in the admin, one module per part."""

from events.admin import performances  # noqa: F401 - registers its admin

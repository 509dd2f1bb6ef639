"""Performances and guest tickets in the Django admin: one module per part."""

from events.admin import tickets  # noqa: F401

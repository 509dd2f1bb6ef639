"""Performances and events in the Django admin, one module per sub-domain (each registers its
admins). Every change goes through events.services, and so into the audit trail."""

from events.admin import mailing, network, performances, tickets  # noqa: F401

"""Every write about partners, one module per part of it. Callers use `from partners import
services` and the names below, whichever module holds them."""

from partners.services.organisations import partner_save
from partners.services.workers import partner_worker_deactivate, partner_worker_invite

__all__ = ["partner_save", "partner_worker_deactivate", "partner_worker_invite"]

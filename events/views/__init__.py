"""The events' public pages, one module per sub-domain."""

"""The events' forms, one module per sub-domain."""

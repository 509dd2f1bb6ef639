"""The public pages of events: one module per part."""

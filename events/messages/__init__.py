"""The events' messages, one module per sub-domain: each queues its messages and says what they
contain, worked out when each is sent (see sanctuary/outbox.py). events.apps imports them, so
that the worker finds their context builders."""

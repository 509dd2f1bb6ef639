"""The events' rules, one module per part: guest seats for performances (seats.py), claim
links and a guest's own ticket (tickets.py), network events and the mailing list
(network.py). Callers ask `events.rules.<rule>`."""

from events.rules.network import *  # noqa: F403
from events.rules.seats import *  # noqa: F403
from events.rules.tickets import *  # noqa: F403

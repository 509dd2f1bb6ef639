"""Demo performances and network events for `make run`, one module each, built from the clock.
Safe to run again: each updates what is there."""

from events.demo import network, performances


def demo_load() -> None:
    performances.demo_load()
    network.demo_load()

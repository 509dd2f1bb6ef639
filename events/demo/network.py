"""Demo network events: the annual celebration and a training course."""


def demo_load() -> None:
    """Filled in with the network's events."""

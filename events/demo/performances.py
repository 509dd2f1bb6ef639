"""Demo performances with guest seats for sanctuary guests."""


def demo_load() -> None:
    """Filled in with the orchestra night."""

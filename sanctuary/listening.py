"""Knowing, in each process, when PostgreSQL says some tables have changed.

A trigger on each of those tables sends a notification on a channel for every statement that
changes it (a migration of the app that owns them), delivered when its transaction commits.
`listening(channel)` gives the process's one `Listener` for that channel: a thread holding a
connection of its own that LISTENs, and an epoch that moves on with every notification and every
(re)connection. While the connection is not up (not yet made, lost, or PostgreSQL away) the epoch
is None: whoever keeps rows by it keeps nothing and reads the database, as without it.

Keep what was read under the epoch read *before* reading, and only while the epoch is still the
same afterwards: a change committed while the rows were being read has moved it on.
"""

import logging
import os
import threading
import time

from django.db import connections

logger = logging.getLogger(__name__)

# How long the thread waits for a notification before looking whether it was told to stop, and
# how long a quiet connection goes before the thread checks it is alive.
WAKE_SECONDS = 1
QUIET_CHECK_SECONDS = 30
RECONNECT_SECONDS = 1


class Listener:
    def __init__(self, channel: str, alias: str = "default"):
        self.channel = channel
        self.alias = alias
        self._epoch: int | None = None
        self._count = 0
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def epoch(self) -> int | None:
        """The number of changes heard so far, or None while not listening."""
        if self._pid != os.getpid():  # first use in this process (or a worker just forked)
            self._start()
        return self._epoch

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._epoch = os.getpid(), None
            self._stopping = threading.Event()
            self._thread = threading.Thread(
                target=self._run, args=(self._stopping,), name=f"listen-{self.channel}", daemon=True
            )
            self._thread.start()

    def _moved_on(self, stopping: threading.Event, *, listening: bool) -> None:
        with self._lock:
            if stopping.is_set():  # a thread told to stop says nothing more
                return
            self._count += 1
            self._epoch = self._count if listening else None

    def _run(self, stopping: threading.Event) -> None:
        import psycopg
        from psycopg import sql

        while not stopping.is_set():
            try:
                params = connections[self.alias].get_connection_params()
                with psycopg.connect(**params, autocommit=True) as connection:
                    connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                    # Listening from now: what was kept before may be out of date.
                    self._moved_on(stopping, listening=True)
                    checked = time.monotonic()
                    while not stopping.is_set():
                        for _notification in connection.notifies(timeout=WAKE_SECONDS):
                            self._moved_on(stopping, listening=True)
                        if time.monotonic() - checked > QUIET_CHECK_SECONDS:
                            connection.execute("SELECT 1")
                            checked = time.monotonic()
            except Exception:  # PostgreSQL away or the connection lost: read afresh meanwhile
                logger.warning("Not listening on %s; trying again", self.channel, exc_info=True)
            self._moved_on(stopping, listening=False)
            stopping.wait(RECONNECT_SECONDS)

    def stop(self) -> None:
        """Stop listening and close the connection (tests); the next epoch() starts again."""
        with self._lock:
            self._stopping.set()
            self._pid, self._epoch = None, None
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5 * WAKE_SECONDS)


_listeners: dict[tuple[str, str], Listener] = {}
_listeners_lock = threading.Lock()


def listening(channel: str, alias: str = "default") -> Listener:
    with _listeners_lock:
        listener = _listeners.get((channel, alias))
        if listener is None:
            listener = _listeners[(channel, alias)] = Listener(channel, alias)
        return listener


def wait_for_epoch(listener: Listener, *, other_than=None, seconds: float = 10) -> int | None:
    """The listener's epoch once it is listening (and differs from `other_than`), waiting at
    most `seconds`; None if it never is. For startup checks and tests."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        epoch = listener.epoch()
        if epoch is not None and epoch != other_than:
            return epoch
        time.sleep(0.01)
    return None

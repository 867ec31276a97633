"""Background services of the engine: a thread that runs `run_once()` every `interval` seconds.

Subclasses do their work in bounded steps through the writer (Database.write_blocking), so a
service never holds the writer for long and its steps are group-committed with user writes.
`wake()` asks for a run now; `stop()` ends the thread after the current step. When several
processes share a data directory, a service given a `gate` runs only while the gate says this
process is the one hosting services. The app starts and
stops services in its lifecycle (app.py); tests call `run_once()` directly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("ddbserver.service")


class Service:
    name = "service"
    interval = 60.0

    def __init__(self, gate: Callable[[], bool] | None = None) -> None:
        self._gate = gate  # whether this process runs the service now (Database.hosts_services)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs = 0
        self.errors = 0

    def start(self) -> None:
        if self._thread is None:
            self._stopping.clear()
            self._thread = threading.Thread(target=self._loop, name=f"ddbserver-{self.name}", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def counters(self) -> dict[str, Any]:
        return {"runs": self.runs, "errors": self.errors}

    def run_once(self) -> None:
        raise NotImplementedError

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                if self._gate is None or self._gate():
                    self.run_once()
                    self.runs += 1
            except Exception:  # keep serving; the next run retries
                self.errors += 1
                log.exception("%s failed", self.name)
            self._wake.wait(self.interval)

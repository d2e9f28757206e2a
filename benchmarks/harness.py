"""What the benchmark scripts share: a throw-away stack, and wall time, rows per second
and peak memory of one stage.

A benchmark never touches a developer's stack: ``scratch_stack`` runs its own
PostgreSQL in a temporary HORNSTEN_HOME on free ports (as the tests do) and removes
it afterwards; ``running_stack`` uses the one ``hornsten up`` started, for the
smaller scripts that measure one function against it."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import psutil

from hornsten.devstack import scratch, stack


def scratch_stack(echo=print):
    """A migrated warehouse of its own, gone afterwards (hornsten.devstack.scratch)."""
    return scratch.scratch_stack(echo, prefix="hornsten-bench-")


def running_stack() -> stack.Settings:
    """The stack of ``hornsten up`` (at least PostgreSQL), or a clear exit."""
    settings = stack.Settings.from_env()
    if not stack.postgres_running(settings):
        raise SystemExit("The local PostgreSQL is not running: start it with `hornsten up --no-airflow`.")
    return settings


@dataclass
class Stage:
    """One measured stage: what it did, on how many rows, how long and how much memory."""

    stage: str
    responses: int
    seconds: float = 0.0
    rows: int = 0
    peak_mb: float = 0.0  # the whole process tree at its largest during the stage
    added_mb: float = 0.0  # of which the stage added (the rest: what earlier stages imported)
    kind: str = "hornsten"  # hornsten | floor | baseline
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict[str, object]:
        return asdict(self) | {"rows_per_second": round(self.rows_per_second)}


class _PeakMemory(threading.Thread):
    """The largest memory of this process and its children (dbt, the PDF renderer, the
    ingest's workers) together, sampled every 50 ms: what one Airflow task running the
    stage would hold. Proportional set sizes (PSS), not resident sets: a forked worker
    shares its parent's pages, and adding RSS would count them once per worker."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(0.05)

    def sample(self) -> None:
        me = psutil.Process()
        total = 0
        with contextlib.suppress(psutil.Error):
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += _pss(proc)
        self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._done.set()
        self.join()
        # On a loaded machine a short stage can end before the thread's first sample:
        # one more sample here sees what the stage still holds.
        self.sample()
        return self.peak


def _pss(proc: psutil.Process) -> int:
    try:
        return proc.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):  # no PSS outside Linux
        return proc.memory_info().rss


@contextlib.contextmanager
def measure(stage: Stage) -> Iterator[Stage]:
    """Fill in ``stage.seconds`` and ``stage.peak_mb``; the body sets ``stage.rows``."""
    sampler = _PeakMemory()
    before = _pss(psutil.Process())
    sampler.start()
    started = time.perf_counter()
    try:
        yield stage
    finally:
        stage.seconds = round(time.perf_counter() - started, 3)
        peak = sampler.stop()
        stage.peak_mb = round(peak / 2**20, 1)
        stage.added_mb = round(max(peak - before, 0) / 2**20, 1)

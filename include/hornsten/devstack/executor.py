"""Which executor the local stack runs, and remembering it until ``hornsten down``.

``hornsten up`` runs the LocalExecutor unless told ``--executor celery [--workers N]``;
then a Redis broker and N Celery workers start beside the scheduler. The choice is
written to ``$HORNSTEN_HOME/run/executor.json``, so that every later command of that
stack — ``up`` again, ``status``, ``env``, ``airflow …``, ``down`` — knows it without
being told; ``down`` forgets it, and the next ``up`` is the LocalExecutor again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from hornsten.devstack.settings import Settings, StackError

LOCAL = "local"
CELERY = "celery"
EXECUTORS = (LOCAL, CELERY)
DEFAULT_WORKERS = 2
# Airflow's names for them (AIRFLOW__CORE__EXECUTOR).
AIRFLOW_NAMES = {LOCAL: "LocalExecutor", CELERY: "CeleryExecutor"}


@dataclass(frozen=True)
class Executor:
    name: str = LOCAL
    workers: int = 0  # Celery workers; none with the LocalExecutor

    @property
    def celery(self) -> bool:
        return self.name == CELERY

    @property
    def airflow_name(self) -> str:
        return AIRFLOW_NAMES[self.name]


def choose(current: Executor, running: bool, name: str | None = None, workers: int | None = None) -> Executor:
    """The executor ``up`` starts: what was asked for, else what the stack ran last (``current``).

    A running scheduler cannot change executor under its queued tasks, so switching
    needs a ``down`` first; the number of workers may change at any time."""
    name = name or current.name
    if name not in EXECUTORS:
        raise StackError(f"Unknown executor {name!r}: choose {' or '.join(EXECUTORS)}")
    if workers is not None and name != CELERY:
        raise StackError("--workers is for the Celery executor: hornsten up --executor celery --workers N")
    if workers is not None and workers < 1:
        raise StackError(f"--workers {workers}: at least one worker")
    if running and name != current.name:
        raise StackError(
            f"The stack runs with the {current.name} executor. Stop it first:\n"
            f"  hornsten down && hornsten up --executor {name}"
        )
    if name == LOCAL:
        return Executor(LOCAL)
    return Executor(CELERY, workers or current.workers or DEFAULT_WORKERS)


def recall(settings: Settings) -> Executor:
    """The executor the stack was started with (the LocalExecutor when none is remembered)."""
    try:
        data = json.loads(settings.executor_file.read_text())
        return Executor(name=data["name"], workers=int(data["workers"]))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return Executor()


def remember(settings: Settings, executor: Executor) -> None:
    settings.executor_file.parent.mkdir(parents=True, exist_ok=True)
    settings.executor_file.write_text(json.dumps(asdict(executor)) + "\n")


def forget(settings: Settings) -> None:
    settings.executor_file.unlink(missing_ok=True)

"""Where the local stack keeps its state and which ports it listens on.

Everything lives under ``HORNSTEN_HOME`` (default: ``.hornsten/`` in the repository):
secrets generated on first start, the Airflow home, logs, pid files, the survey
inbox and archive. PostgreSQL refuses to run as root, so as root the server runs as
the ``postgres`` user; its data directory then has to be somewhere that user can
reach, which a folder under ``/root`` is not — in that case it moves to
``/var/tmp/hornsten/<hash>/pgdata`` and ``status`` says so.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hornsten.devstack import credentials
from hornsten.paths import REPO_ROOT
from hornsten.warehouse import roles

Echo = Callable[[str], None]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class StackError(RuntimeError):
    """A problem with the local stack, worded for the person at the terminal."""


@dataclass(frozen=True)
class Settings:
    home: Path
    pg_port: int = 5433
    airflow_port: int = 8080
    smtp_port: int = 8025
    review_port: int = 8090
    # The Celery broker of `hornsten up --executor celery` (not 6379: a system Redis may hold it).
    redis_port: int = 6380
    # Live by default: a paused DAG neither runs on its schedule nor on a new file.
    dags_paused: bool = False
    repo: Path = REPO_ROOT

    @classmethod
    def from_env(cls, home: str | os.PathLike[str] | None = None) -> Settings:
        root = Path(home or os.environ.get("HORNSTEN_HOME") or REPO_ROOT / ".hornsten")
        return cls(
            home=root.expanduser().resolve(),
            pg_port=_int_env("HORNSTEN_PG_PORT", 5433),
            airflow_port=_int_env("HORNSTEN_AIRFLOW_PORT", 8080),
            smtp_port=_int_env("HORNSTEN_SMTP_PORT", 8025),
            review_port=_int_env("HORNSTEN_REVIEW_PORT", 8090),
            redis_port=_int_env("HORNSTEN_REDIS_PORT", 6380),
            dags_paused=_bool_env("HORNSTEN_DAGS_PAUSED", False),
        )

    # ------------------------------------------------------------------ paths
    @property
    def airflow_home(self) -> Path:
        return self.home / "airflow"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def mail_dir(self) -> Path:
        """Where the local SMTP catcher keeps every message it receives."""
        return self.home / "mail"

    @property
    def redis_dir(self) -> Path:
        """The Celery broker's configuration and snapshot (``hornsten up --executor celery``)."""
        return self.home / "redis"

    @property
    def executor_file(self) -> Path:
        """Which executor the stack was started with, until ``hornsten down`` (devstack.executor)."""
        return self.run_dir / "executor.json"

    @property
    def pgdata(self) -> Path:
        local = self.home / "pgdata"
        if not is_root() or _postgres_can_reach(self.home):
            return local
        digest = hashlib.sha256(str(self.home).encode()).hexdigest()[:12]
        return Path("/var/tmp/hornsten") / digest / "pgdata"

    @property
    def secrets_file(self) -> Path:
        return self.home / "secrets.json"

    @property
    def passwords_file(self) -> Path:
        """The Airflow UI user's password (Airflow's SimpleAuthManager reads it)."""
        return self.airflow_home / "simple_auth_manager_passwords.json"

    # ------------------------------------------------------------ connections
    def secrets(self) -> dict[str, str]:
        return credentials.load_or_create(self.secrets_file)

    def dsn(self, role: str = "hornsten", database: str | None = None) -> str:
        """A connection string for ``role``: the warehouse's roles (hornsten_*) connect to
        the warehouse, postgres and airflow to their own databases."""
        password = self.secrets()[f"pg_{role}_password"]
        database = database or (role if role in ("postgres", "airflow") else "hornsten")
        return f"postgresql://{role}:{password}@127.0.0.1:{self.pg_port}/{database}"

    @property
    def warehouse_dsn(self) -> str:
        """The owner's connection (migrations, administration)."""
        return self.dsn(roles.OWNER)

    @property
    def analyst_dsn(self) -> str:
        """What an analyst connects with: staging and marts only."""
        return self.dsn(roles.ANALYST)

    @property
    def airflow_url(self) -> str:
        return f"http://127.0.0.1:{self.airflow_port}"

    @property
    def review_url(self) -> str:
        """The review page (hornsten.review), which `hornsten up` starts."""
        return f"http://127.0.0.1:{self.review_port}"


def is_root() -> bool:
    return os.geteuid() == 0


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise StackError(f"{name}={raw!r} is not a port number") from None


def _bool_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise StackError(f"{name}={os.environ[name]!r} is neither true nor false")


def _postgres_can_reach(path: Path) -> bool:
    """Can the postgres user traverse every ancestor of ``path``?"""
    probe = path
    while not probe.exists():
        probe = probe.parent
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", "test", "-x", str(probe)],
        capture_output=True,
    )
    return result.returncode == 0

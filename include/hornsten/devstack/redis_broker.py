"""The Celery broker of ``hornsten up --executor celery``: Debian's redis-server, run by the
stack like its other servers (own session, pid file, log), with its data in HORNSTEN_HOME.

It listens on 127.0.0.1 only and asks for the password kept in secrets.json: anyone who
can write to the broker can queue work for the workers. The password goes into a
configuration file readable by the owner only, never onto the command line (``ps``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hornsten.devstack.processes import read_pid, require_free_port, start_background, stop_background
from hornsten.devstack.settings import Echo, Settings, StackError


def _pid_file(settings: Settings) -> Path:
    return settings.run_dir / "redis.pid"


def redis_pid(settings: Settings) -> int | None:
    return read_pid(_pid_file(settings))


def find_redis_server() -> str:
    # Debian puts it in /usr/bin, which a trimmed PATH (a service, cron) may lack.
    found = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin")
    if not found:
        raise StackError(
            "redis-server was not found; the Celery executor needs it as its broker.\n"
            "  Install it (Debian/Ubuntu: `apt-get install redis-server`, or ./scripts/install-system-packages.sh)."
        )
    return found


def config_text(settings: Settings) -> str:
    """redis.conf for the stack: loopback, its port, a password, snapshots in its own folder."""
    return "\n".join(
        [
            "# Written by hornsten up --executor celery.",
            "bind 127.0.0.1",
            "protected-mode yes",
            f"port {settings.redis_port}",
            f"requirepass {settings.secrets()['redis_password']}",
            f'dir "{settings.redis_dir}"',
            # A snapshot a minute while tasks come and go: queued tasks outlive a restart of Redis.
            "save 60 1",
            "appendonly no",
            "daemonize no",
            'logfile ""',
            "",
        ]
    )


def write_config(settings: Settings) -> Path:
    settings.redis_dir.mkdir(parents=True, exist_ok=True)
    path = settings.redis_dir / "redis.conf"
    path.unlink(missing_ok=True)
    # Created private, so the password is never readable by others, not even briefly.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        handle.write(config_text(settings))
    return path


def start_redis(settings: Settings, echo: Echo) -> None:
    if redis_pid(settings):
        echo(f"Redis already runs on 127.0.0.1:{settings.redis_port}.")
        return
    require_free_port(settings.redis_port, "HORNSTEN_REDIS_PORT")
    command = [find_redis_server(), str(write_config(settings))]
    start_background(
        command,
        port=settings.redis_port,
        pid_file=_pid_file(settings),
        log_path=settings.log_dir / "redis.log",
        what="Redis (the Celery broker)",
    )
    echo(f"Started Redis on 127.0.0.1:{settings.redis_port} (Celery broker, data in {settings.redis_dir}).")


def stop_redis(settings: Settings, echo: Echo) -> bool:
    if not stop_background(_pid_file(settings)):
        return False
    echo("Stopped Redis.")
    return True

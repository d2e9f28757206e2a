"""The review page on the local stack: started by ``hornsten up`` in the background
(like the SMTP catcher) as ``python -m hornsten.review.server``, connecting as the
reviewer role; on the first start a default reviewer who may approve proposals
(login ``granskare``) is created with the password kept in secrets.json."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hornsten.devstack.processes import read_pid, require_free_port, start_background, stop_background
from hornsten.devstack.settings import Echo, Settings
from hornsten.warehouse import roles

DEFAULT_LOGIN = "granskare"
DEFAULT_NAME = "Granskare (demo)"


def _pid_file(settings: Settings) -> Path:
    return settings.run_dir / "review.pid"


def review_pid(settings: Settings) -> int | None:
    return read_pid(_pid_file(settings))


def default_password(settings: Settings) -> str:
    return settings.secrets()[f"review_{DEFAULT_LOGIN}_password"]


def ensure_default_reviewer(settings: Settings, echo: Echo) -> None:
    """The default reviewer exists with the password of secrets.json (as the owner, once migrated)."""
    import psycopg

    from hornsten.review.service import ensure_reviewer

    with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
        if ensure_reviewer(conn, DEFAULT_LOGIN, DEFAULT_NAME, default_password(settings), can_approve=True):
            echo(f"Review page login created: {DEFAULT_LOGIN} (password in {settings.secrets_file}).")


def review_env(settings: Settings, process: str | None = None) -> dict[str, str]:
    """The review server's environment: the reviewer's connection and the cookie's key."""
    env = {
        **os.environ,
        "HORNSTEN_REVIEWER_DSN": settings.dsn(roles.REVIEWER),
        "HORNSTEN_REVIEW_SECRET": settings.secrets()["review_session_secret"],
    }
    if process:
        env["HORNSTEN_PROCESS"] = process
    return env


def start_review(settings: Settings, echo: Echo) -> None:
    if review_pid(settings):
        echo(f"Review page already runs on {settings.review_url}.")
        return
    require_free_port(settings.review_port, "HORNSTEN_REVIEW_PORT")
    ensure_default_reviewer(settings, echo)
    server = [sys.executable, "-m", "hornsten.review.server", "--port", str(settings.review_port)]
    log_path = settings.log_dir / "review.log"
    start_background(
        server,
        port=settings.review_port,
        pid_file=_pid_file(settings),
        log_path=log_path,
        what="The review page",
        env=review_env(settings),
    )
    echo(f"Started the review page on {settings.review_url} (login {DEFAULT_LOGIN}).")


def stop_review(settings: Settings, echo: Echo) -> bool:
    if not stop_background(_pid_file(settings)):
        return False
    echo("Stopped the review page.")
    return True

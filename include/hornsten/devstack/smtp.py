"""Starting and stopping the local SMTP catcher (the server itself is hornsten.devstack.mailcatcher)."""

from __future__ import annotations

import sys
from pathlib import Path

from hornsten.devstack.processes import read_pid, require_free_port, start_background, stop_background
from hornsten.devstack.settings import Echo, Settings


def _pid_file(settings: Settings) -> Path:
    return settings.run_dir / "mailcatcher.pid"


def mailcatcher_pid(settings: Settings) -> int | None:
    return read_pid(_pid_file(settings))


def start_mailcatcher(settings: Settings, echo: Echo) -> None:
    """The SMTP server that reports and failure alerts are sent to, keeping each message in a folder."""
    if mailcatcher_pid(settings):
        echo(f"SMTP catcher already runs on 127.0.0.1:{settings.smtp_port}.")
        return
    require_free_port(settings.smtp_port, "HORNSTEN_SMTP_PORT")
    server = [sys.executable, "-m", "hornsten.devstack.mailcatcher"]
    server += ["--port", str(settings.smtp_port), "--dir", str(settings.mail_dir)]
    log_path = settings.log_dir / "mailcatcher.log"
    start_background(
        server, port=settings.smtp_port, pid_file=_pid_file(settings), log_path=log_path, what="The SMTP catcher"
    )
    echo(f"Started the SMTP catcher on 127.0.0.1:{settings.smtp_port} (mail in {settings.mail_dir}).")


def stop_mailcatcher(settings: Settings, echo: Echo) -> bool:
    if not stop_background(_pid_file(settings)):
        return False
    echo("Stopped the SMTP catcher.")
    return True

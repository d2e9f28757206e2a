"""Starting and stopping the local SMTP catcher (the server itself is hornsten.devstack.mailcatcher)."""

from __future__ import annotations

import sys
from pathlib import Path

from hornsten.devstack.processes import port_in_use, read_pid, start_background, stop_group
from hornsten.devstack.settings import Echo, Settings, StackError


def _pid_file(settings: Settings) -> Path:
    return settings.run_dir / "mailcatcher.pid"


def mailcatcher_pid(settings: Settings) -> int | None:
    return read_pid(_pid_file(settings))


def start_mailcatcher(settings: Settings, echo: Echo) -> None:
    """The SMTP server that reports and failure alerts are sent to, keeping each message in a folder."""
    if mailcatcher_pid(settings):
        echo(f"SMTP catcher already runs on 127.0.0.1:{settings.smtp_port}.")
        return
    if port_in_use(settings.smtp_port):
        raise StackError(
            f"Port {settings.smtp_port} on 127.0.0.1 is taken by another program.\n"
            f"  Choose another port: HORNSTEN_SMTP_PORT=8026 hornsten up"
        )
    server = [sys.executable, "-m", "hornsten.devstack.mailcatcher"]
    server += ["--port", str(settings.smtp_port), "--dir", str(settings.mail_dir)]
    log_path = settings.log_dir / "mailcatcher.log"
    start_background(
        server, port=settings.smtp_port, pid_file=_pid_file(settings), log_path=log_path, what="The SMTP catcher"
    )
    echo(f"Started the SMTP catcher on 127.0.0.1:{settings.smtp_port} (mail in {settings.mail_dir}).")


def stop_mailcatcher(settings: Settings, echo: Echo) -> bool:
    pid = mailcatcher_pid(settings)
    _pid_file(settings).unlink(missing_ok=True)
    if pid is None:
        return False
    stop_group(pid, timeout=5)
    echo("Stopped the SMTP catcher.")
    return True

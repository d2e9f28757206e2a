"""Running and stopping the stack's programs: checked commands, pid files, ports, process groups."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from hornsten.devstack.settings import StackError


def run_checked(cmd: list[str], what: str, env: dict[str, str] | None = None, log: Path | None = None) -> None:
    """Run ``cmd``; on failure raise a StackError naming ``what`` with the output's last lines."""
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise StackError(f"{what} failed (exit {result.returncode}):\n{tail}")


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def require_free_port(port: int, env_var: str) -> None:
    """Fail with the variable that moves the service if another program holds ``port``."""
    if port_in_use(port):
        raise StackError(
            f"Port {port} on 127.0.0.1 is taken by another program.\n"
            f"  Choose another port: {env_var}={port + 1} hornsten up"
        )


def read_pid(path: Path) -> int | None:
    """The pid in ``path`` if that process still exists, else None."""
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return pid


def stop_group(pid: int, timeout: float = 20) -> None:
    """SIGTERM the process group led by ``pid`` (each service runs in its own session),
    then SIGKILL whatever of the process and its children is still there after ``timeout``."""
    import psutil

    try:
        family = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    _, alive = psutil.wait_procs(family, timeout=timeout)
    for proc in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()
    psutil.wait_procs(alive, timeout=5)


def spawn(
    command: list[str], *, pid_file: Path, log_path: Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.Popen:
    """Start a long-running program in its own session, logging to ``log_path``, and record its pid.

    Its own session, so that stopping it (stop_group) ends its whole process group: a
    scheduler's or a worker's task processes with it."""
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
            cwd=cwd,
        )
    pid_file.write_text(str(proc.pid))
    return proc


def start_background(
    command: list[str], *, port: int, pid_file: Path, log_path: Path, what: str, env: dict[str, str] | None = None
) -> int:
    """Start a server (spawn) and wait until it listens on ``port``."""
    proc = spawn(command, pid_file=pid_file, log_path=log_path, env=env)
    deadline = time.monotonic() + 30
    while not port_in_use(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            pid_file.unlink(missing_ok=True)
            stop_group(proc.pid, timeout=5)
            raise StackError(f"{what} did not start; see {log_path}")
        time.sleep(0.2)
    return proc.pid


def stop_background(pid_file: Path, timeout: float = 5) -> bool:
    """Stop the server recorded in ``pid_file`` (if it runs) and forget it; True if one ran."""
    pid = read_pid(pid_file)
    pid_file.unlink(missing_ok=True)
    if pid is None:
        return False
    stop_group(pid, timeout=timeout)
    return True

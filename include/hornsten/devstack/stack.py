"""The local stack: a project-local PostgreSQL cluster and Airflow 3, without Docker.

Everything lives under ``HORNSTEN_HOME`` (default: ``.hornsten/`` in the repository):
secrets generated on first start, the Airflow home, logs, pid files, the survey
inbox and archive. PostgreSQL refuses to run as root, so as root the server runs as
the ``postgres`` user; its data directory then has to be somewhere that user can
reach, which a folder under ``/root`` is not — in that case it moves to
``/var/tmp/hornsten/<hash>/pgdata`` and ``status`` says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hornsten.paths import REPO_ROOT

AIRFLOW_SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")
PG_TOOLS = ("initdb", "pg_ctl", "postgres")

Echo = Callable[[str], None]


class StackError(RuntimeError):
    """A problem with the local stack, worded for the person at the terminal."""


@dataclass(frozen=True)
class Settings:
    home: Path
    pg_port: int = 5433
    airflow_port: int = 8080
    smtp_port: int = 8025
    repo: Path = REPO_ROOT

    @classmethod
    def from_env(cls, home: str | os.PathLike[str] | None = None) -> Settings:
        root = Path(home or os.environ.get("HORNSTEN_HOME") or REPO_ROOT / ".hornsten")
        return cls(
            home=root.expanduser().resolve(),
            pg_port=_int_env("HORNSTEN_PG_PORT", 5433),
            airflow_port=_int_env("HORNSTEN_AIRFLOW_PORT", 8080),
            smtp_port=_int_env("HORNSTEN_SMTP_PORT", 8025),
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
    def pgdata(self) -> Path:
        local = self.home / "pgdata"
        if not _is_root() or _postgres_can_reach(self.home):
            return local
        digest = hashlib.sha256(str(self.home).encode()).hexdigest()[:12]
        return Path("/var/tmp/hornsten") / digest / "pgdata"

    @property
    def secrets_file(self) -> Path:
        return self.home / "secrets.json"

    # ------------------------------------------------------------ connections
    def secrets(self) -> dict[str, str]:
        return load_or_create_secrets(self)

    def dsn(self, role: str = "hornsten", database: str | None = None) -> str:
        password = self.secrets()[f"pg_{role}_password"]
        database = database or ("postgres" if role == "postgres" else role)
        return f"postgresql://{role}:{password}@127.0.0.1:{self.pg_port}/{database}"

    @property
    def warehouse_dsn(self) -> str:
        return self.dsn("hornsten")

    @property
    def airflow_url(self) -> str:
        return f"http://127.0.0.1:{self.airflow_port}"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise StackError(f"{name}={raw!r} is not a port number") from None


def _is_root() -> bool:
    return os.geteuid() == 0


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


# ---------------------------------------------------------------- secrets
SECRET_KEYS = (
    "pg_postgres_password",
    "pg_hornsten_password",
    "pg_airflow_password",
    "airflow_admin_password",
    "airflow_jwt_secret",
    "airflow_api_secret_key",
    "pseudonym_key",
)


def load_or_create_secrets(settings: Settings) -> dict[str, str]:
    """Secrets are generated on first use and never committed; missing keys are added."""
    path = settings.secrets_file
    data: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text())
    missing = [key for key in SECRET_KEYS if key not in data]
    if missing:
        for key in missing:
            # JWT secrets must be 64+ bytes for Airflow's API server.
            data[key] = secrets.token_urlsafe(64 if "secret" in key or "key" in key else 24)
        settings.home.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2))
        tmp.chmod(0o600)
        tmp.replace(path)
    return data


# ----------------------------------------------------------- PostgreSQL
def find_pg_bin() -> Path:
    """Directory holding initdb/pg_ctl/postgres, or a clear error."""
    candidates: list[Path] = []
    if os.environ.get("HORNSTEN_PG_BIN"):
        candidates.append(Path(os.environ["HORNSTEN_PG_BIN"]))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_pg_version, reverse=True)
    for tool in PG_TOOLS:
        found = shutil.which(tool)
        if found:
            candidates.append(Path(found).resolve().parent)
    for directory in candidates:
        if all((directory / tool).exists() for tool in PG_TOOLS):
            return directory
    raise StackError(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found.\n"
        "  Install them (Debian/Ubuntu: `apt-get install postgresql`), or point "
        "HORNSTEN_PG_BIN at the folder that holds them."
    )


def _pg_version(path: Path) -> float:
    try:
        return float(path.parent.name)
    except ValueError:
        return 0.0


def _as_pg_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if _is_root() else cmd


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def postgres_running(settings: Settings) -> bool:
    pgdata = settings.pgdata
    if not (pgdata / "PG_VERSION").exists():
        return False
    result = subprocess.run(
        _as_pg_user([str(find_pg_bin() / "pg_ctl"), "status", "-D", str(pgdata)]),
        capture_output=True,
        text=True,
    )
    return result.returncode == 0


def init_cluster(settings: Settings, echo: Echo) -> None:
    pgdata = settings.pgdata
    if (pgdata / "PG_VERSION").exists():
        return
    bin_dir = find_pg_bin()
    pgdata.mkdir(parents=True, exist_ok=True)
    pwfile = pgdata.parent / ".pwfile"
    pwfile.write_text(settings.secrets()["pg_postgres_password"] + "\n")
    if _is_root():
        shutil.chown(pgdata, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
        pgdata.chmod(0o700)
    echo(f"Initialising a PostgreSQL cluster in {pgdata} …")
    try:
        _run(
            _as_pg_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(pgdata),
                    "-U",
                    "postgres",
                    "--pwfile",
                    str(pwfile),
                    "--auth-host=scram-sha-256",
                    "--auth-local=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            "initdb",
        )
    finally:
        pwfile.unlink(missing_ok=True)
    conf = pgdata / "postgresql.auto.conf"
    with conf.open("a") as handle:
        handle.write(
            "\n# Written by hornsten up: loopback only, TCP only.\n"
            "listen_addresses = '127.0.0.1'\n"
            "unix_socket_directories = ''\n"
            "max_connections = 200\n"
            "shared_buffers = '256MB'\n"
            "work_mem = '32MB'\n"
            "maintenance_work_mem = '256MB'\n"
            "synchronous_commit = off\n"
            "default_text_search_config = 'pg_catalog.swedish'\n"
            "timezone = 'Europe/Stockholm'\n"
        )


def start_postgres(settings: Settings, echo: Echo) -> None:
    if postgres_running(settings):
        echo(f"PostgreSQL already runs on 127.0.0.1:{settings.pg_port} ({settings.pgdata}).")
        return
    if port_in_use(settings.pg_port):
        raise StackError(
            f"Port {settings.pg_port} on 127.0.0.1 is taken by another program.\n"
            f"  Choose another port: HORNSTEN_PG_PORT=5434 hornsten up"
        )
    init_cluster(settings, echo)
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    logfile = settings.pgdata.parent / "postgresql.log"
    if _is_root():
        logfile.touch()
        shutil.chown(logfile, "postgres", "postgres")
    echo(f"Starting PostgreSQL on 127.0.0.1:{settings.pg_port} …")
    _run(
        _as_pg_user(
            [
                str(find_pg_bin() / "pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(settings.pgdata),
                "-l",
                str(logfile),
                "-o",
                f"-p {settings.pg_port}",
            ]
        ),
        f"pg_ctl start (log: {logfile})",
    )


def stop_postgres(settings: Settings, echo: Echo) -> bool:
    if not postgres_running(settings):
        return False
    echo("Stopping PostgreSQL …")
    _run(
        _as_pg_user([str(find_pg_bin() / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(settings.pgdata)]),
        "pg_ctl stop",
    )
    return True


def ensure_databases(settings: Settings, echo: Echo) -> None:
    """Roles ``hornsten`` (warehouse) and ``airflow`` (metadata), each owning its database."""
    import psycopg
    from psycopg import sql

    secret = settings.secrets()
    with psycopg.connect(settings.dsn("postgres"), autocommit=True) as conn:
        for role in ("hornsten", "airflow"):
            password = secret[f"pg_{role}_password"]
            exists = conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone()
            verb = "alter" if exists else "create"
            conn.execute(
                sql.SQL(verb + " role {} login password {}").format(sql.Identifier(role), sql.Literal(password))
            )
            has_db = conn.execute("select 1 from pg_database where datname = %s", (role,)).fetchone()
            if not has_db:
                echo(f"Creating database {role} …")
                conn.execute(
                    sql.SQL("create database {} owner {} encoding 'UTF8' template template0").format(
                        sql.Identifier(role), sql.Identifier(role)
                    )
                )


# --------------------------------------------------------------- Airflow
def airflow_env(settings: Settings) -> dict[str, str]:
    """Environment for every Airflow process (and ``airflow dags test``) of this stack."""
    secret = settings.secrets()
    venv_bin = str(Path(sys.executable).parent)
    passwords_file = settings.airflow_home / "simple_auth_manager_passwords.json"
    env = {
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
        "AIRFLOW_HOME": str(settings.airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.repo / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": settings.dsn("airflow").replace(
            "postgresql://", "postgresql+psycopg2://"
        ),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(settings.airflow_port),
        "AIRFLOW__API__BASE_URL": settings.airflow_url,
        "AIRFLOW__API__SECRET_KEY": secret["airflow_api_secret_key"],
        "AIRFLOW__API_AUTH__JWT_SECRET": secret["airflow_jwt_secret"],
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{settings.airflow_url}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords_file),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "True",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(settings.log_dir / "airflow"),
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "AIRFLOW_CONN_HORNSTEN_WAREHOUSE": settings.warehouse_dsn,
        # Reports and failure alerts go out through Airflow's SMTP provider; locally
        # to the SMTP catcher that `hornsten up` starts (a deployment sets a real server).
        "AIRFLOW_CONN_SMTP_DEFAULT": json.dumps(
            {
                "conn_type": "smtp",
                "host": "127.0.0.1",
                "port": settings.smtp_port,
                "extra": {
                    "disable_tls": True,
                    "disable_ssl": True,
                    "from_email": "hornsten@localhost",
                    "retry_limit": 1,
                    "timeout": 30,
                },
            }
        ),
        "HORNSTEN_SMTP_PORT": str(settings.smtp_port),
        "HORNSTEN_HOME": str(settings.home),
        "HORNSTEN_PG_PORT": str(settings.pg_port),
        "HORNSTEN_PSEUDONYM_KEY": secret["pseudonym_key"],
        # dbt's profile reads these (dbt_project/profiles.yml).
        "HORNSTEN_PG_HOST": "127.0.0.1",
        "HORNSTEN_PG_USER": "hornsten",
        "HORNSTEN_PG_PASSWORD": secret["pg_hornsten_password"],
        "HORNSTEN_PG_DATABASE": "hornsten",
        "DBT_PROFILES_DIR": str(settings.repo / "dbt_project"),
        "DO_NOT_TRACK": "1",
    }
    for key in ("HORNSTEN_PROCESS", "HORNSTEN_PROCESS_DIR"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    return env


def full_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, **airflow_env(settings)}


def prepare_airflow_home(settings: Settings) -> None:
    settings.airflow_home.mkdir(parents=True, exist_ok=True)
    passwords = settings.airflow_home / "simple_auth_manager_passwords.json"
    passwords.write_text(json.dumps({"admin": settings.secrets()["airflow_admin_password"]}))
    passwords.chmod(0o600)
    for folder in (settings.inbox, settings.archive, settings.log_dir, settings.run_dir):
        folder.mkdir(parents=True, exist_ok=True)


def migrate_airflow(settings: Settings, echo: Echo) -> None:
    prepare_airflow_home(settings)
    echo("Migrating the Airflow metadata database (first time takes a minute) …")
    _run(
        ["airflow", "db", "migrate"],
        "airflow db migrate",
        env=full_env(settings),
        log=settings.log_dir / "airflow-db-migrate.log",
    )


def _pid_file(settings: Settings, service: str) -> Path:
    return settings.run_dir / f"airflow-{service}.pid"


def _read_pid(path: Path) -> int | None:
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


def airflow_pids(settings: Settings) -> dict[str, int | None]:
    return {service: _read_pid(_pid_file(settings, service)) for service in AIRFLOW_SERVICES}


def start_airflow(settings: Settings, echo: Echo) -> None:
    running = {s for s, pid in airflow_pids(settings).items() if pid}
    if running == set(AIRFLOW_SERVICES):
        echo(f"Airflow already runs ({', '.join(sorted(running))}).")
        return
    if "api-server" not in running and port_in_use(settings.airflow_port):
        raise StackError(
            f"Port {settings.airflow_port} on 127.0.0.1 is taken by another program.\n"
            f"  Choose another port: HORNSTEN_AIRFLOW_PORT=8081 hornsten up"
        )
    migrate_airflow(settings, echo)
    env = full_env(settings)
    for service in AIRFLOW_SERVICES:
        if service in running:
            continue
        log = (settings.log_dir / f"airflow-{service}.log").open("ab")
        # A new session per service, so that `down` can stop each whole process group.
        proc = subprocess.Popen(
            ["airflow", *service.split()],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=settings.home,
        )
        _pid_file(settings, service).write_text(str(proc.pid))
        echo(f"Started Airflow {service} (pid {proc.pid}, log {log.name}).")


def api_healthy(settings: Settings) -> bool:
    try:
        with urllib.request.urlopen(f"{settings.airflow_url}/api/v2/monitor/health", timeout=3) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_for_api(settings: Settings, echo: Echo, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    echo(f"Waiting for the Airflow API server on {settings.airflow_url} …")
    while time.monotonic() < deadline:
        if api_healthy(settings):
            return
        if airflow_pids(settings)["api-server"] is None:
            break
        time.sleep(2)
    raise StackError(
        f"The Airflow API server did not come up on {settings.airflow_url}.\n"
        f"  See {settings.log_dir / 'airflow-api-server.log'}"
    )


def stop_airflow(settings: Settings, echo: Echo) -> list[str]:
    import psutil

    stopped = []
    for service in AIRFLOW_SERVICES:
        pid_path = _pid_file(settings, service)
        pid = _read_pid(pid_path)
        if pid is None:
            pid_path.unlink(missing_ok=True)
            continue
        try:
            family = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            family = []
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        _, alive = psutil.wait_procs(family, timeout=20)
        for proc in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill()
        psutil.wait_procs(alive, timeout=5)
        pid_path.unlink(missing_ok=True)
        stopped.append(service)
        echo(f"Stopped Airflow {service}.")
    return stopped


# ------------------------------------------------------------ mail catcher
def mailcatcher_pid(settings: Settings) -> int | None:
    return _read_pid(settings.run_dir / "mailcatcher.pid")


def start_mailcatcher(settings: Settings, echo: Echo) -> None:
    """The local SMTP catcher (hornsten.devstack.mailcatcher) that reports and alerts are sent to."""
    if mailcatcher_pid(settings):
        echo(f"SMTP catcher already runs on 127.0.0.1:{settings.smtp_port}.")
        return
    if port_in_use(settings.smtp_port):
        raise StackError(
            f"Port {settings.smtp_port} on 127.0.0.1 is taken by another program.\n"
            f"  Choose another port: HORNSTEN_SMTP_PORT=8026 hornsten up"
        )
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    log = (settings.log_dir / "mailcatcher.log").open("ab")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hornsten.devstack.mailcatcher",
            "--port",
            str(settings.smtp_port),
            "--dir",
            str(settings.mail_dir),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    (settings.run_dir / "mailcatcher.pid").write_text(str(proc.pid))
    deadline = time.monotonic() + 15
    while not port_in_use(settings.smtp_port):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise StackError(f"The SMTP catcher did not start; see {settings.log_dir / 'mailcatcher.log'}")
        time.sleep(0.2)
    echo(f"Started the SMTP catcher on 127.0.0.1:{settings.smtp_port} (mail in {settings.mail_dir}).")


def stop_mailcatcher(settings: Settings, echo: Echo) -> bool:
    pid_path = settings.run_dir / "mailcatcher.pid"
    pid = _read_pid(pid_path)
    pid_path.unlink(missing_ok=True)
    if pid is None:
        return False
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    echo("Stopped the SMTP catcher.")
    return True


# ---------------------------------------------------------------- status
def status(settings: Settings) -> dict[str, object]:
    pg_up = postgres_running(settings)
    pids = airflow_pids(settings)
    return {
        "home": str(settings.home),
        "postgres": {
            "running": pg_up,
            "host": "127.0.0.1",
            "port": settings.pg_port,
            "data_directory": str(settings.pgdata),
        },
        "dsn": settings.warehouse_dsn if settings.secrets_file.exists() else None,
        "airflow": {
            "url": settings.airflow_url,
            "api_healthy": api_healthy(settings) if pids["api-server"] else False,
            "username": "admin",
            "password_file": str(settings.airflow_home / "simple_auth_manager_passwords.json"),
            "services": {service: {"running": pid is not None, "pid": pid} for service, pid in pids.items()},
        },
        "mail": {
            "running": mailcatcher_pid(settings) is not None,
            "smtp": f"127.0.0.1:{settings.smtp_port}",
            "folder": str(settings.mail_dir),
        },
        "reports": str(settings.reports_dir),
        "inbox": str(settings.inbox),
        "archive": str(settings.archive),
        "logs": str(settings.log_dir),
    }


# ------------------------------------------------------------------ util
def _run(cmd: list[str], what: str, env: dict[str, str] | None = None, log: Path | None = None) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise StackError(f"{what} failed (exit {result.returncode}):\n{tail}")

"""The project-managed PostgreSQL cluster: its binaries, initdb, start/stop, roles and databases."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from hornsten.devstack.processes import require_free_port, run_checked
from hornsten.devstack.settings import Echo, Settings, StackError, is_root
from hornsten.warehouse import roles

PG_TOOLS = ("initdb", "pg_ctl", "postgres")

# Appended to the new cluster's postgresql.auto.conf by `hornsten up`.
CLUSTER_SETTINGS = """
# Written by hornsten up: loopback only, TCP only.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
shared_buffers = '256MB'
work_mem = '32MB'
maintenance_work_mem = '256MB'
synchronous_commit = off
# A million-response load writes gigabytes of WAL; fewer forced checkpoints while it runs.
max_wal_size = '4GB'
default_text_search_config = 'pg_catalog.swedish'
timezone = 'Europe/Stockholm'
"""


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
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if is_root() else cmd


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
    if is_root():
        shutil.chown(pgdata, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
        pgdata.chmod(0o700)
    echo(f"Initialising a PostgreSQL cluster in {pgdata} …")
    initdb = [
        str(bin_dir / "initdb"),
        *("-D", str(pgdata), "-U", "postgres", "--pwfile", str(pwfile)),
        *("--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"),
    ]
    try:
        run_checked(_as_pg_user(initdb), "initdb")
    finally:
        pwfile.unlink(missing_ok=True)
    with (pgdata / "postgresql.auto.conf").open("a") as handle:
        handle.write(CLUSTER_SETTINGS)


def start_postgres(settings: Settings, echo: Echo) -> None:
    if postgres_running(settings):
        echo(f"PostgreSQL already runs on 127.0.0.1:{settings.pg_port} ({settings.pgdata}).")
        return
    require_free_port(settings.pg_port, "HORNSTEN_PG_PORT")
    init_cluster(settings, echo)
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    logfile = settings.pgdata.parent / "postgresql.log"
    if is_root():
        logfile.touch()
        shutil.chown(logfile, "postgres", "postgres")
    echo(f"Starting PostgreSQL on 127.0.0.1:{settings.pg_port} …")
    pg_ctl = [str(find_pg_bin() / "pg_ctl"), "start", "-w", "-t", "60"]
    pg_ctl += ["-D", str(settings.pgdata), "-l", str(logfile), "-o", f"-p {settings.pg_port}"]
    run_checked(_as_pg_user(pg_ctl), f"pg_ctl start (log: {logfile})")


def stop_postgres(settings: Settings, echo: Echo, mode: str = "fast") -> bool:
    """Stop the cluster; `mode` "immediate" is a crash (the fault tests use it: no shutdown checkpoint)."""
    if not postgres_running(settings):
        return False
    echo("Stopping PostgreSQL …")
    run_checked(
        _as_pg_user([str(find_pg_bin() / "pg_ctl"), "stop", "-w", "-m", mode, "-D", str(settings.pgdata)]),
        "pg_ctl stop",
    )
    return True


def ensure_databases(settings: Settings, echo: Echo) -> None:
    """Roles ``hornsten`` (warehouse) and ``airflow`` (metadata), each owning its database.

    The warehouse's owner may create roles: its migrations create the job roles."""
    import psycopg
    from psycopg import sql

    secret = settings.secrets()
    with psycopg.connect(settings.dsn("postgres"), autocommit=True) as conn:
        for role in ("hornsten", "airflow"):
            password = secret[f"pg_{role}_password"]
            exists = conn.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone()
            verb = "alter" if exists else "create"
            extra = " createrole" if role == roles.OWNER else ""
            conn.execute(
                sql.SQL(verb + " role {} login" + extra + " password {}").format(
                    sql.Identifier(role), sql.Literal(password)
                )
            )
            has_db = conn.execute("select 1 from pg_database where datname = %s", (role,)).fetchone()
            if not has_db:
                echo(f"Creating database {role} …")
                conn.execute(
                    sql.SQL("create database {} owner {} encoding 'UTF8' template template0").format(
                        sql.Identifier(role), sql.Identifier(role)
                    )
                )


def prepare_warehouse(settings: Settings, echo: Echo) -> list[str]:
    """Migrate the warehouse as its owner, then give the job roles the migrations
    created their login and generated password (as the superuser, which may).
    Returns the migrations applied."""
    import psycopg
    from psycopg import sql

    from hornsten.warehouse.schema import migrate

    applied = migrate(settings.warehouse_dsn)
    if applied:
        echo(f"Warehouse migrated: {', '.join(applied)}")
    secret = settings.secrets()
    with psycopg.connect(settings.dsn("postgres"), autocommit=True) as conn:
        for role in roles.JOB_ROLES:
            conn.execute(
                sql.SQL("alter role {} login password {}").format(
                    sql.Identifier(role), sql.Literal(secret[f"pg_{role}_password"])
                )
            )
    return applied

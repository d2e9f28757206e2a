"""Fault tests: what a server dying mid-load, a killed ingest, two deliveries at once and a
dbt build cut off half-way leave behind — each time, once retried, exactly what a clean
run leaves, and a load log that says what happened.

The checksums cover every row of raw.survey_responses, raw.survey_answers,
restricted.survey_answers_original, restricted.respondents and restricted.quarantine
(without the load ids, which differ between attempts), so "equal" means no row lost,
none duplicated and none changed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from hornsten.config import load_process
from hornsten.devstack import landing, stack
from hornsten.devstack.scratch import free_port
from hornsten.survey import service
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.warehouse import roles
from hornsten.warehouse.schema import INGEST_LOCK, ensure_schema
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration

HORNSTEN = str(Path(sys.executable).parent / "hornsten")
RESPONSES = 50_000  # its COPY lasts seconds: long enough to land the fault inside it
DISTRICTS = ["Navestad", "Ljura", "Hageby", "Åby", "Atlantis"]  # Atlantis: quarantined
TRUNCATE = landing.truncate_statement()
CHECKSUMS = {
    "responses": "select response_id, submitted_at, submitted_at_source, respondent_key, closed_answers, source_row "
    "from raw.survey_responses",
    "answers": "select response_id, question_code, answer_text from raw.survey_answers",
    "originals": "select response_id, question_code, answer_text from restricted.survey_answers_original",
    "respondents": "select respondent_key, respondent_id from restricted.respondents",
    "quarantine": "select file_checksum, row_number, reason, content from restricted.quarantine",
}


def checksums(conn) -> dict[str, tuple[int, str]]:
    """(rows, md5 over the rows in a fixed order) per landing table."""
    return {
        name: conn.execute(
            f"select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ({sql}) t"
        ).fetchone()
        for name, sql in CHECKSUMS.items()
    }


def big_export(path: Path, responses: int = RESPONSES) -> Path:
    rows = [
        good_row(
            str(i),
            f"2024-04-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
            idag=f"Svar nummer {i} om parkerna och vattnet",
            battre="" if i % 3 else f"Bättre bussar, ring 070-{i % 1000:03d} 45 67",
            district=DISTRICTS[i % 997 % len(DISTRICTS)],
            respondent=f"person{i % 20_000}@example.se",
        )
        for i in range(1, responses + 1)
    ]
    return write_csv(path, rows)


def _cli_env(settings: stack.Settings) -> dict[str, str]:
    """`hornsten ingest` against that warehouse, loading as the loader role (as it does everywhere)."""
    return {
        **os.environ,
        "HORNSTEN_WAREHOUSE_DSN": settings.warehouse_dsn,
        "HORNSTEN_LOADER_DSN": settings.dsn(roles.LOADER, "hornsten"),
        "HORNSTEN_ACTOR": "fault-test",
    }


def _wait_for_copy(dsn: str, timeout: float = 60) -> None:
    """Until a load's COPY into its temporary table runs, and a moment more so it is well inside it.
    `dsn` is the superuser's: only it sees the text of the loader's statements."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            if conn.execute(
                "select count(*) from pg_stat_activity where state = 'active' and query ilike 'copy _incoming%'"
            ).fetchone()[0]:
                time.sleep(1.5)
                return
            time.sleep(0.05)
    raise AssertionError("the load never reached its COPY")


def _wait_sessions_gone(dsn: str, pids: list[int], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    with psycopg.connect(dsn, autocommit=True) as conn:
        while conn.execute("select count(*) from pg_stat_activity where pid = any(%s)", (pids,)).fetchone()[0]:
            assert time.monotonic() < deadline, "the killed load's session did not end"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return big_export(tmp_path_factory.mktemp("faults") / "export.csv")


@pytest.fixture(scope="module")
def reference(warehouse_dsn, export):
    """The landing tables after a clean load of the export."""
    config = load_process("norrkoping_vision_2035")
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(TRUNCATE)
        (result,) = ingest_files(conn, [export], config, pseudonym_key())
        assert result.status == "loaded_with_quarantine" and result.rows_read == RESPONSES
        sums = checksums(conn)
        conn.execute(TRUNCATE)
    return sums


@pytest.fixture
def throwaway_cluster():
    """A PostgreSQL cluster of its own, so that stopping it leaves the session's cluster alone."""
    home = Path(tempfile.mkdtemp(prefix="hornsten-fault-", dir="/tmp"))
    home.chmod(0o755)
    settings = stack.Settings(home=home, pg_port=free_port())
    try:
        stack.start_postgres(settings, print)
        stack.ensure_databases(settings, print)
        stack.prepare_warehouse(settings, print)
        yield settings
    finally:
        stack.stop_postgres(settings, print, mode="immediate")
        shutil.rmtree(settings.pgdata.parent, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)


def test_postgres_stopped_mid_copy_then_the_task_retried_equals_a_clean_load(
    throwaway_cluster, export, reference, tmp_path
):
    settings = throwaway_cluster
    dsn = settings.warehouse_dsn
    config = load_process("norrkoping_vision_2035")
    with psycopg.connect(dsn, autocommit=True) as conn:
        ensure_schema(conn)
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    shutil.copy2(export, inbox / export.name)

    cli = subprocess.Popen(
        [HORNSTEN, "ingest", str(inbox / export.name)],
        env=_cli_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_copy(settings.dsn("postgres", "hornsten"))
    stack.stop_postgres(settings, print, mode="immediate")
    out, err = cli.communicate(timeout=120)
    assert cli.returncode == 1, out + err
    assert "Traceback" not in err
    message = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(message) == 1 and "connection to the warehouse was lost while loading export.csv" in message[0]

    stack.start_postgres(settings, print)
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("select status from raw.load_log").fetchall() == [("running",)]
        # The retry: what the Airflow task calls.
        summary = service.ingest_inbox(conn, config, inbox, archive, echo=lambda _: None)
        assert [r["status"] for r in summary["results"]] == ["loaded_with_quarantine"]
        assert checksums(conn) == reference
        log = conn.execute("select status, error from raw.load_log order by load_id").fetchall()
    assert [s for s, _ in log] == ["interrupted", "loaded_with_quarantine"]
    assert log[0][1].startswith("interrupted: the session that ran this attempt ended")


def test_ingest_killed_mid_way_and_rerun_equals_a_clean_load(stack_settings, warehouse_dsn, export, reference):
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(TRUNCATE)
        cli = subprocess.Popen(
            [HORNSTEN, "ingest", str(export)],
            env=_cli_env(stack_settings),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_copy(stack_settings.dsn("postgres", "hornsten"))
        cli.send_signal(signal.SIGKILL)
        cli.wait(timeout=30)
        ((pid, status),) = conn.execute("select backend_pid, status from raw.load_log").fetchall()
        assert status == "running" and checksums(conn)["responses"][0] == 0
        _wait_sessions_gone(warehouse_dsn, [pid])

        rerun = subprocess.run(
            [HORNSTEN, "ingest", "--json", str(export)], env=_cli_env(stack_settings), text=True, capture_output=True
        )
        assert rerun.returncode == 0, rerun.stderr
        assert checksums(conn) == reference
        log = conn.execute("select status from raw.load_log order by load_id").fetchall()
        conn.execute(TRUNCATE)
    assert log == [("interrupted",), ("loaded_with_quarantine",)]


def test_two_overlapping_deliveries_at_once_give_the_union_latest_submission_winning(
    stack_settings, clean_warehouse, tmp_path
):
    # Response i is in both files for 5,000 <= i < 10,000; the later submission is in
    # week 2 for even i and in week 1 for odd i.
    def row(i: int, week: int) -> list[str]:
        later = (week == 2) == (i % 2 == 0)
        return good_row(str(i), f"2024-04-{10 if later else 3:02d} 12:00", idag=f"vecka {week} svar {i}")

    week1 = write_csv(tmp_path / "week1.csv", [row(i, 1) for i in range(0, 10_000)])
    week2 = write_csv(tmp_path / "week2.csv", [row(i, 2) for i in range(5_000, 15_000)])
    env = _cli_env(stack_settings)
    with psycopg.connect(clean_warehouse, autocommit=True) as conn:
        # Hold the writers' lock until both processes wait for it, so they truly run at once.
        conn.execute("select pg_advisory_lock(%s)", (INGEST_LOCK,))
        runs = [
            subprocess.Popen([HORNSTEN, "ingest", "--json", str(p)], env=env, stdout=subprocess.PIPE, text=True)
            for p in (week1, week2)
        ]
        deadline = time.monotonic() + 60
        waiting = "select count(*) from pg_locks where locktype = 'advisory' and not granted"
        while conn.execute(waiting).fetchone()[0] < 2:
            assert time.monotonic() < deadline and all(r.poll() is None for r in runs)
            time.sleep(0.05)
        conn.execute("select pg_advisory_unlock(%s)", (INGEST_LOCK,))
        outputs = [r.communicate(timeout=300)[0] for r in runs]
        assert [r.returncode for r in runs] == [0, 0], outputs
        texts = dict(conn.execute("select response_id, answer_text from raw.survey_answers where question_code='idag'"))
        assert conn.execute("select count(*) from raw.survey_responses").fetchone()[0] == 15_000
    expected = {}
    for i in range(15_000):
        in_both = 5_000 <= i < 10_000
        week = (2 if i % 2 == 0 else 1) if in_both else (1 if i < 5_000 else 2)
        expected[str(i)] = f"vecka {week} svar {i}"
    assert texts == expected


def _dbt(settings, config, *, kill_after: int | None = None, seeds: bool = False) -> tuple[int, int]:
    """marts.component_shares and everything upstream of it (seeds, staging, the tagging
    chain, weights, respondents, response_components: 25 nodes), without the dbt tests
    (they do not change the tables), for `config`'s schemas — the shared seeds only when
    `seeds` (they are the same for every build); with
    `kill_after`, SIGKILL dbt once that many nodes have finished. Returns (exit code, nodes finished)."""
    from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir

    env = {**stack.full_env(settings), **config.dbt_env()}
    run = subprocess.Popen(
        [
            dbt_executable(),
            "build",
            "--select",
            "+tag:survey_marts",
            "--resource-type",
            "model",
            "--resource-type",
            "seed",
        ],
        cwd=dbt_project_dir(),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    finished = 0
    log = []
    for line in run.stdout:
        log.append(line)
        if " of " in line and " OK " in line:
            finished += 1
            if kill_after is not None and finished == kill_after:
                os.killpg(run.pid, signal.SIGKILL)
                break
    run.wait(timeout=600)
    run.stdout.close()
    assert kill_after is not None or run.returncode == 0, "".join(log[-60:])
    return run.returncode, finished


def _tables(conn, process: str) -> dict[str, tuple[int, str]]:
    """(rows, md5) of every table and view the build wrote for `process` (intermediate and marts)."""
    names = conn.execute(
        "select table_schema, table_name from information_schema.tables where table_schema = any(%s)",
        ([f"intermediate_{process}", f"marts_{process}"],),
    ).fetchall()
    digest = "select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {}.{} t"
    return {
        f"{schema.split('_')[0]}.{name}": conn.execute(
            sql.SQL(digest).format(sql.Identifier(schema), sql.Identifier(name))
        ).fetchone()
        for schema, name in names
    }


def test_dbt_build_killed_half_way_then_rerun_equals_a_clean_build(stack_settings, clean_warehouse, tmp_path):
    from hornsten.demo.survey import generate_sample

    base = load_process("norrkoping_vision_2035")
    # Two copies of the process read the same raw rows into schemas of their own.
    rerun, clean = (base.model_copy(update={"process": f"faults_{name}"}) for name in ("rerun", "clean"))
    first = generate_sample(base, 300, 5, ["csv"], tmp_path / "first").files[0].path
    later = generate_sample(base, 300, 6, ["csv"], tmp_path / "later").files[0].path
    with psycopg.connect(clean_warehouse, autocommit=True) as conn:
        ingest_files(conn, [first], base, pseudonym_key())
        _dbt(stack_settings, rerun, seeds=True)  # the tables of the first delivery
        ingest_files(conn, [later], base, pseudonym_key())
        code, finished = _dbt(stack_settings, rerun, kill_after=10)  # cut off half-way through the rebuild
        assert code == -signal.SIGKILL and finished == 10
        _dbt(stack_settings, rerun)  # the rerun
        _dbt(stack_settings, clean)  # a clean build of the same data
        rebuilt, reference = _tables(conn, rerun.process), _tables(conn, clean.process)
        for config in (rerun, clean):
            for layer in ("staging", "intermediate", "marts"):
                conn.execute(f"drop schema if exists {layer}_{config.process} cascade")
    assert "marts.component_shares" in reference and set(rebuilt) == set(reference)
    assert {k: v for k, v in rebuilt.items() if v != reference[k]} == {}

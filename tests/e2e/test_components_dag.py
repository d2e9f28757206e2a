"""End to end: the components DAG (phases 1–2) with `airflow dags test`, after an ingest,
with one good and one broken valuation sheet and the prioritisation round's exports
(with faulty rows, and one file of another kind) in the inboxes."""

from __future__ import annotations

import subprocess

import pytest

from hornsten import paths
from hornsten.committee import valuation
from hornsten.config import load_process
from hornsten.demo.priorities import generate_priorities
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.tagging.codebook import codebook_themes
from tests.warehouse import connect

pytestmark = pytest.mark.e2e


def test_components_dag_builds_the_cornerstones(stack_settings, clean_warehouse, tmp_path):
    settings = stack_settings
    stack.prepare_airflow_home(settings)
    stack.migrate_airflow(settings, print)
    config = load_process("norrkoping_vision_2035")
    sample = generate_sample(config, 1500, 5, ["csv"], tmp_path / "sample")
    with connect(clean_warehouse, autocommit=True) as conn:
        conn.execute("truncate raw.committee_valuations")
        ingest_files(conn, [f.path for f in sample.files], config, pseudonym_key())
    inbox = paths.inbox_dir(config.process, "valuation", root=settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    themes = codebook_themes()
    valuation.sample_valuations(inbox / "styrgruppen.csv", themes, ["S", "M", "SD", "C"], seed=8)
    broken = inbox / "felaktig.csv"
    broken.write_text(
        ";".join(valuation.HEADINGS) + "\n" + "\n".join(f"Eva;L;{t.code};;10;" for t in themes) + "\n",
        encoding="utf-8",
    )

    round_inbox = paths.inbox_dir(config.process, "priorities", root=settings.inbox)
    round_inbox.mkdir(parents=True, exist_ok=True)
    ranked = generate_priorities(config, 400, 9, round_inbox)
    (round_inbox / "manifest.json").unlink()
    (round_inbox / "fel_fil.csv").write_text("namn;ålder\nAnna;34\n", encoding="utf-8")

    result = subprocess.run(
        ["airflow", "dags", "test", "hornsten_components"],
        env=stack.full_env(settings),
        capture_output=True,
        text=True,
        timeout=1500,
    )
    output = result.stdout + result.stderr
    # The broken sheet fails the run (so the process leader hears of it) — after everything else was built.
    assert result.returncode != 0
    assert "the points add up to 120, not 100" in output
    failed_tasks = [line for line in output.splitlines() if "new_state=failed" in line or "Task failed" in line]
    with connect(clean_warehouse) as conn:
        exists = conn.execute("select to_regclass('marts.cornerstones') is not null").fetchone()[0]
        assert exists, "marts.cornerstones was not built:\n" + "\n".join(failed_tasks) + output[-6000:]
        members = conn.execute("select count(distinct member) from raw.committee_valuations").fetchone()[0]
        stones = conn.execute("select count(*), min(basis) from marts.cornerstones where is_cornerstone").fetchone()
        trace = conn.execute("select count(*) from marts.cornerstone_trace").fetchone()[0]
        residents = conn.execute("select count(*) from raw.priority_responses").fetchone()[0]
        checked = conn.execute(
            "select count(*), count(*) filter (where not success) from raw.quality_results where suite like %s",
            ("%priority%",),
        ).fetchone()
        top = conn.execute(
            "select count(*) from marts.priority_component_scores where cut = 'alla' and not is_suppressed"
        ).fetchone()[0]
    assert members == 8
    assert stones == (config.cornerstones.count, "citizens, their priorities and the committee")
    assert trace > 0
    assert not list(inbox.glob("*.csv"))  # both sheets archived
    # The round: loaded with its faulty rows quarantined, checked by its suites, scored.
    assert residents == 400 - sum(ranked.faults.values())
    assert checked[0] >= 10 and checked[1] == 0
    assert top == 35
    assert "fel_fil.csv: " in output and "match no export layout of the prioritisation round" in output
    assert not list(round_inbox.glob("*.csv"))  # archived, the broken one to failed/

"""A warehouse with every phase built on generated data — survey, committee valuation,
dialogue meetings, remiss responses — for tests that read the marts (the reports).

Registered for every test module by ``pytest_plugins`` in tests/conftest.py.
"""

from __future__ import annotations

import subprocess

import pytest

from hornsten.committee import valuation
from hornsten.config import load_process
from hornsten.demo import templates as template_samples
from hornsten.demo.survey import generate_sample
from hornsten.devstack import landing, stack
from hornsten.forms import ingest as template_ingest
from hornsten.survey import service as survey_service
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir
from hornsten.warehouse.process_sync import sync_process
from tests.warehouse import connect

AS_OF = "2025-03-10"  # after the remiss deadline: late responses in, silent bodies overdue

TRUNCATE = landing.truncate_statement(landing.SURVEY, landing.PHASES)


def _dbt_build(settings, config, extra_env: dict[str, str] | None = None) -> None:
    env = {**stack.full_env(settings), **config.dbt_env(), **(extra_env or {})}
    result = subprocess.run([dbt_executable(), "build"], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:]


@pytest.fixture(scope="module")
def phases_built(stack_settings, warehouse_dsn, tmp_path_factory):
    config = load_process("norrkoping_vision_2035")
    out = tmp_path_factory.mktemp("phases")
    sample = generate_sample(config, 2000, 31, ["csv"], out / "survey")
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(TRUNCATE)
        # the ingest's own path: the load, then the languages and campaign fingerprints
        survey_service.ingest_exports(conn, config, [f.path for f in sample.files], echo=lambda _: None)
        parties = [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"]
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), parties, seed=31)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, config.process, sheet.name, parsed.valuations)
        sync_process(conn, config)
    _dbt_build(stack_settings, config, {"HORNSTEN_AS_OF": AS_OF})
    with connect(warehouse_dsn, autocommit=True) as conn:
        cornerstones = template_ingest.cornerstone_themes(conn, config.process)
        meetings = template_samples.generate_dialogue_templates(config, cornerstones, out / "dialogue", seed=31)
        template_ingest.ingest_templates(conn, meetings, config, "dialogue", themes=cornerstones)
        responses = template_samples.generate_remiss_templates(config, cornerstones, out / "remiss", seed=31)
        template_ingest.ingest_templates(conn, responses, config, "remiss", themes=cornerstones)
    _dbt_build(stack_settings, config, {"HORNSTEN_AS_OF": AS_OF})
    return {"dsn": warehouse_dsn, "config": config, "cornerstones": cornerstones, "out": out}

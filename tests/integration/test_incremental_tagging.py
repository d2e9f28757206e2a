"""Incremental daily runs: the per-text tagging models (int_text_words,
int_text_term_matches, int_text_component_candidates, int_text_components) tag only
what a delivery changed, and the result is the full rebuild's, row for row.

On one warehouse: a base delivery, built; then a second delivery of 1% more
responses and one response re-delivered with a newer submission (one answer's text
changed, one answer left empty), reviewers' decisions, and a response erased —
whose rebuild is the incremental build (as ``hornsten erase`` runs it). Its
tables and the marts are saved, the same data is built with ``--full-refresh``, and
both must hold the same rows (EXCEPT ALL both ways). Then an approved review term
changes the codebook: the incremental build must tag every text again and again
equal the full rebuild."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess

import pytest

from hornsten.committee import valuation
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from hornsten.privacy import erasure
from hornsten.survey import service as survey_service
from hornsten.survey.ingest import pseudonym_key
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.dbt import connection_env, dbt_executable, dbt_project_dir, rebuild_tables, target_dir
from hornsten.warehouse.schemas import schema
from tests.warehouse import connect

pytestmark = pytest.mark.integration

BASE_RESPONSES = 800
NEW_RESPONSES = 8  # 1% more
SAVED = "incremental_result"
PER_TEXT = ("int_text_words", "int_text_term_matches", "int_text_component_candidates", "int_text_components")
COMPARED = {
    "intermediate": (
        "int_texts",
        *PER_TEXT,
        "int_tagged_texts",
        "int_vocabulary",
        "int_vocabulary_terms",
        "int_tag_decisions",
        "int_answer_components",
        "int_answers_tagged",
    ),
    "marts": (
        "component_shares",
        "theme_shares",
        "response_components",
        "respondents",
        "codebook_coverage",
        "cornerstones",
        "cornerstone_trace",
    ),
}
LANDING = (
    "truncate raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, "
    "restricted.respondents, restricted.quarantine, raw.quality_results, raw.committee_valuations, "
    "raw.text_minhash_bands, raw.near_duplicate_texts, raw.load_log, review.tag_decisions, "
    "review.codebook_proposals cascade"
)


def dbt_build(env: dict[str, str], *flags: str, command: str = "build") -> dict[str, dict]:
    """``dbt build --selector components`` as the components DAG runs it (``run``: without
    the tests, for the reference builds); each node's result."""
    tests = ["--indirect-selection", "buildable"] if command == "build" else []
    command = [dbt_executable(), command, "--selector", "components", *tests, *flags]
    result = subprocess.run(command, cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:]
    return node_results()


def node_results() -> dict[str, dict]:
    results = json.loads((target_dir() / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[-1]: r for r in results if r["unique_id"].startswith("model.")}


def rows_affected(results: dict[str, dict], model: str) -> int:
    return results[model]["adapter_response"]["rows_affected"]


def split_export(path, base_path, delta_path, changed_id: str | None = None):
    """The generated export as two deliveries: all but the last NEW_RESPONSES rows, then
    those; with `changed_id`, that response again in the second, submitted an hour later,
    its first answer rewritten and its second left empty."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    base, delta = rows[:-NEW_RESPONSES], rows[-NEW_RESPONSES:]
    if changed_id is not None:
        row = [r for r in base if r[0] == changed_id][-1]
        changed = list(row)
        submitted = dt.datetime.strptime(row[1], "%Y-%m-%d %H:%M:%S") + dt.timedelta(hours=1)
        changed[1] = submitted.strftime("%Y-%m-%d %H:%M:%S")
        changed[3] = "Fler cykelbanor och bättre belysning längs gångvägarna."
        changed[4] = ""
        delta.append(changed)
    for target, body in ((base_path, base), (delta_path, delta)):
        with target.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *body])


def save_results(conn, process: str) -> None:
    conn.execute(f"drop schema if exists {SAVED} cascade")
    conn.execute(f"create schema {SAVED}")
    for layer, models in COMPARED.items():
        for model in models:
            conn.execute(f"create table {SAVED}.{model} as table {schema(layer, process)}.{model}")


def differences(conn, process: str) -> dict[str, tuple[int, int, int, int]]:
    """Per compared table whose rows differ: (saved rows, rebuilt rows, only saved, only rebuilt).

    Floating-point columns are compared to 12 significant digits: a sum over the same
    rows read in another physical order may differ in its last bit."""
    different = {}
    for layer, models in COMPARED.items():
        for model in models:
            columns = conn.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = %s and table_name = %s order by ordinal_position",
                (schema(layer, process), model),
            ).fetchall()
            select = ", ".join(
                f"round(({name})::numeric, 12 - coalesce(floor(log(nullif(abs({name}), 0)::numeric)), 0)::int)"
                if kind in ("double precision", "real")
                else f'"{name}"'
                for name, kind in columns
            )
            saved, rebuilt = f"{SAVED}.{model}", f"{schema(layer, process)}.{model}"
            (counts,) = conn.execute(
                f"""select (select count(*) from {saved}), (select count(*) from {rebuilt}),
                           (select count(*) from (select {select} from {saved} except all
                                                  select {select} from {rebuilt}) as only_saved),
                           (select count(*) from (select {select} from {rebuilt} except all
                                                  select {select} from {saved}) as only_rebuilt)"""
            ).fetchall()
            if counts[0] != counts[1] or counts[2] or counts[3]:
                different[model] = counts
    return different


@pytest.fixture(scope="module")
def warehouse(stack_settings, warehouse_dsn, norrkoping, tmp_path_factory):
    out = tmp_path_factory.mktemp("incremental")
    sample = generate_sample(norrkoping, BASE_RESPONSES + NEW_RESPONSES, 17, ["csv"], out)
    export = next(f.path for f in sample.files if not f.path.name.endswith("_redelivery.csv"))
    env = {**stack.full_env(stack_settings), **norrkoping.dbt_env()}
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(LANDING)
        split_export(export, out / "base.csv", out / "delta.csv")
        survey_service.ingest_exports(conn, norrkoping, [out / "base.csv"], echo=lambda _: None)
        parties = [b.code.upper() for b in norrkoping.remiss.bodies if b.kind == "parti"]
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), parties, seed=3)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, norrkoping.process, sheet.name, parsed.valuations)
    yield {"dsn": warehouse_dsn, "config": norrkoping, "env": env, "export": export, "out": out}
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(f"drop schema if exists {SAVED} cascade")
        # the approved term must not tag the other modules' answers
        conn.execute("truncate review.tag_decisions, review.codebook_proposals")


@pytest.fixture(scope="module")
def daily_run(warehouse):
    """The base delivery built; then the second delivery, decisions and an erasure, built
    incrementally by the erasure's rebuild; saved; then the same data built from scratch."""
    dsn, config, env, out = warehouse["dsn"], warehouse["config"], warehouse["env"], warehouse["out"]
    survey = config.survey.survey_id
    dbt_build(env)
    with connect(dsn, autocommit=True) as conn:
        base = dict(conn.execute("select text_id, text_hash from intermediate.int_tagged_texts").fetchall())
        # a response with all three answers changes; another (tagged) is erased
        changed, erased = (
            r
            for (r,) in conn.execute(
                "select response_id from raw.survey_answers where survey_id = %s "
                "group by response_id having count(*) = 3 order by response_id limit 2",
                (survey,),
            )
        )
        split_export(warehouse["export"], out / "base.csv", out / "delta.csv", changed_id=changed)
        survey_service.ingest_exports(conn, config, [out / "delta.csv"], echo=lambda _: None)
        rejected, added = conn.execute(
            "select answer_id, component from intermediate.int_answer_components "
            "where response_id not in (%s, %s) order by answer_id, component limit 2",
            (changed, erased),
        ).fetchall()
        conn.execute(
            "insert into review.tag_decisions (answer_id, component, decision, reviewer) "
            "values (%s, %s, 'reject', 'anna'), (%s, 'kultur', 'add', 'anna')",
            (*rejected, added[0]),
        )
        report = erasure.erase(
            conn,
            [config],
            pseudonym_key(),
            lambda c: rebuild_tables({**connection_env(dsn), **c.dbt_env()}),
            response_id=erased,
            echo=lambda _: None,
        )
        incremental = node_results()
        quiet = dbt_build(env)  # the DAG's build after it, with the tests: nothing new to tag
        now = dict(conn.execute("select text_id, text_hash from intermediate.int_tagged_texts").fetchall())
        retagged = [t for t, h in now.items() if base.get(t) != h]
        tagged_rows = {
            model: conn.execute(f"select count(*) from intermediate.{model}").fetchone()[0] for model in PER_TEXT
        }
        retagged_rows = {
            model: conn.execute(
                f"select count(*) from intermediate.{model} where text_id = any(%s)", (retagged,)
            ).fetchone()[0]
            for model in PER_TEXT
        }
        save_results(conn, config.process)
    full = dbt_build(env, "--full-refresh", command="run")
    with connect(dsn, autocommit=True) as conn:
        different = differences(conn, config.process)
    return {
        "survey": survey,
        "changed": changed,
        "erased": erased,
        "report": report,
        "base": base,
        "retagged": retagged,
        "incremental": incremental,
        "quiet": quiet,
        "full": full,
        "tagged_rows": tagged_rows,
        "retagged_rows": retagged_rows,
        "different": different,
    }


def test_the_incremental_run_equals_a_full_rebuild(daily_run):
    assert daily_run["different"] == {}


def test_the_incremental_run_tagged_only_the_new_and_changed_texts(daily_run):
    retagged, base = daily_run["retagged"], daily_run["base"]
    prefix = f"{daily_run['survey']}:{daily_run['changed']}:"
    # the new responses' answers and the re-delivered answer whose text changed
    assert any(t.startswith(prefix) for t in retagged)
    assert 0 < len(retagged) <= 0.03 * len(base)
    for model in PER_TEXT:
        inserted = rows_affected(daily_run["incremental"], model)
        assert inserted == daily_run["retagged_rows"][model], model
        assert inserted < 0.05 * daily_run["tagged_rows"][model], model
        assert rows_affected(daily_run["quiet"], model) == 0, model
        # the full rebuild, for scale: it tagged every text
        assert rows_affected(daily_run["full"], model) == daily_run["tagged_rows"][model], model


def test_the_erased_and_emptied_answers_left_no_rows(daily_run, warehouse):
    assert daily_run["report"].proof.found == 0, daily_run["report"].proof.describe()
    survey, changed, erased = daily_run["survey"], daily_run["changed"], daily_run["erased"]
    with connect(warehouse["dsn"]) as conn:
        for model in PER_TEXT:
            ids = {
                t
                for (t,) in conn.execute(
                    f"select distinct text_id from intermediate.{model} where text_id like %s or text_id like %s",
                    (f"{survey}:{erased}:%", f"{survey}:{changed}:%"),
                )
            }
            assert not {t for t in ids if t.startswith(f"{survey}:{erased}:")}, model
            # the re-delivery left its second answer empty: its old words and tags are gone
            assert len(ids) <= 2, (model, ids)


def test_a_codebook_change_tags_every_text_again(daily_run, warehouse):
    dsn, config, env = warehouse["dsn"], warehouse["config"], warehouse["env"]
    with connect(dsn, autocommit=True) as conn:
        (before,) = conn.execute("select tagging_fingerprint from intermediate.int_tagging_fingerprint").fetchone()
        # the most frequent word no term matches, approved on the review page as a term
        (word,) = conn.execute(
            """select word from intermediate.int_vocabulary as vocabulary
               where not is_stopword and length(word) > 5 and word ~ '^[[:alpha:]]+$'
                 and not exists (select from intermediate.int_vocabulary_terms as terms
                                 where terms.word = vocabulary.word)
               order by occurrences desc, word limit 1"""
        ).fetchone()
        conn.execute(
            "insert into review.codebook_proposals (component, kind, value, match, proposed_by, status, decided_by, "
            "decided_at) values ('kultur', 'term', %s, 'stem', 'anna', 'approved', 'bertil', now())",
            (word,),
        )
    incremental = dbt_build(env, command="run")
    with connect(dsn, autocommit=True) as conn:
        (after,) = conn.execute("select tagging_fingerprint from intermediate.int_tagging_fingerprint").fetchone()
        counts = {m: conn.execute(f"select count(*) from intermediate.{m}").fetchone()[0] for m in PER_TEXT}
        (tagged,) = conn.execute(
            "select count(*) from intermediate.int_text_term_matches where term = %s", (word,)
        ).fetchone()
        save_results(conn, config.process)
    assert after != before and tagged > 0
    for model in PER_TEXT:
        assert rows_affected(incremental, model) == counts[model], model
    dbt_build(env, "--full-refresh", command="run")
    with connect(dsn) as conn:
        assert differences(conn, config.process) == {}

"""Who can read what, after a real load (as the loader) and a real dbt build (as the
transformer): the analyst and the reporter never reach raw or restricted, nor — in any
column of any relation they may select from — a personnummer, name or address that a
respondent wrote; the loader and the transformer only reach what their jobs need.

Relations are enumerated from the catalog, never listed by hand, so a table added later
is checked too. System catalogs (pg_catalog, information_schema) are left out: every
role can read them and they hold no survey data."""

from __future__ import annotations

import re
import subprocess

import psycopg
import pytest

from hornsten.devstack import stack
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.warehouse import roles
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir
from hornsten.warehouse.process_sync import sync_process
from hornsten.warehouse.schema import SchemaNotCurrent, ensure_schema, migrate
from tests.exports import good_row, write_csv
from tests.integration.phases_warehouse import TRUNCATE
from tests.warehouse import marts_read_by_reports

pytestmark = pytest.mark.integration

PLANTED_ANSWER = (
    "Jag heter Anna Svensson och bor på Storgatan 12, 602 24 Norrköping. Mitt personnummer är 19811218-9876, "
    "skrivet med mellanslag 19811218 9876. Bättre gatubelysning och fler cykelbanor behövs."
)
PLANTED_RESPONDENT = "19811218-9876"
# What must not be found, by kind: the number in either century, with a hyphen, none or a
# space; the name; the address.
NEEDLES = {
    "personnummer": r"(19)?811218-?9876",
    "spaced personnummer": r"(19)?811218\s9876",
    "name": r"anna svensson",
    "address": r"storgatan 12",
}
SYSTEM_SCHEMAS = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast'"


@pytest.fixture(scope="module")
def built(stack_settings, warehouse_dsn, norrkoping, tmp_path_factory):
    """A small survey with one planted answer, loaded by the loader and built by dbt as the transformer."""
    out = tmp_path_factory.mktemp("roles")
    districts = ["Navestad", "Centrum", "Hageby", "Skärblacka"]
    rows = [
        good_row(str(i), respondent=f"R-{i:04d}", district=districts[i % 4], gender=("Kvinna", "Man")[i % 2])
        for i in range(1, 61)
    ]
    rows.append(good_row("planted", battre=PLANTED_ANSWER, respondent=PLANTED_RESPONDENT))
    export = write_csv(out / "export.csv", rows)
    with psycopg.connect(warehouse_dsn, autocommit=True) as owner:
        owner.execute(TRUNCATE)
    with psycopg.connect(stack_settings.dsn(roles.LOADER), autocommit=True) as loader:
        (result,) = ingest_files(loader, [export], norrkoping, pseudonym_key())
        sync_process(loader, norrkoping)
    assert result.loaded == 61, result
    env = {**stack.full_env(stack_settings), **norrkoping.dbt_env()}
    assert env["HORNSTEN_PG_USER"] == roles.TRANSFORMER
    build = subprocess.run([dbt_executable(), "build"], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-6000:]
    return stack_settings


def _relations(dsn: str, where: str) -> list[str]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            f"""select format('%I.%I', n.nspname, c.relname) from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'v', 'm', 'p', 'f') and {SYSTEM_SCHEMAS} and ({where})
                order by 1"""
        ).fetchall()
    return [name for (name,) in rows]


def _readable(dsn: str) -> list[str]:
    """Every relation the role behind ``dsn`` may select from (schema USAGE and SELECT)."""
    return _relations(dsn, "has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'SELECT')")


def _denied(dsn: str, relations: list[str]) -> list[str]:
    """The relations that the role behind ``dsn`` gets "permission denied" on (reading one row)."""
    denied = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for relation in relations:
            try:
                conn.execute(f"select * from {relation} limit 1").fetchall()
            except psycopg.errors.InsufficientPrivilege:
                denied.append(relation)
    return denied


def _in_schemas(pattern: str) -> str:
    return f"n.nspname ~ '{pattern}'"


def test_the_planted_data_is_in_restricted(built, warehouse_dsn):
    """The plant landed: the owner finds it among the originals (so the searches below can fail)."""
    with psycopg.connect(warehouse_dsn, autocommit=True) as owner:
        ((originals,),) = owner.execute(
            "select count(*) from restricted.survey_answers_original where answer_text ~* %s", (NEEDLES["name"],)
        ).fetchall()
        ((respondent,),) = owner.execute(
            "select count(*) from restricted.respondents where respondent_id = %s", (PLANTED_RESPONDENT,)
        ).fetchall()
    assert (originals, respondent) == (1, 1)


@pytest.mark.parametrize("role", [roles.ANALYST, roles.REPORTER, roles.REVIEWER])
def test_analyst_and_reporter_cannot_read_raw_or_restricted_at_all(built, warehouse_dsn, role):
    landing = _relations(warehouse_dsn, _in_schemas("^(raw|restricted)$"))
    assert "restricted.respondents" in landing and "raw.survey_answers" in landing
    assert _denied(built.dsn(role), landing) == landing


@pytest.mark.parametrize("role", [roles.ANALYST, roles.REPORTER, roles.REVIEWER])
@pytest.mark.parametrize(
    "kind",
    ["personnummer", "spaced personnummer", "name", "address"],
)
def test_no_planted_personal_data_in_anything_analyst_or_reporter_can_read(built, role, kind):
    dsn = built.dsn(role)
    readable = _readable(dsn)
    assert readable, f"{role} can read nothing"
    found = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for relation in readable:
            # The whole row as text: every column, whatever its type.
            ((hits,),) = conn.execute(
                f"select count(*) from {relation} t where t::text ~* %s", (NEEDLES[kind],)
            ).fetchall()
            if hits:
                found.append(f"{relation} ({hits} rows)")
    assert not found, f"{role} can read a planted {kind} in: {', '.join(found)}"


# Readable by every role: name statistics and patterns (public data) that the SQL
# personal-data check reads, and the tagging evaluation's models of labelled answers.
SHARED_REFERENCE = r"^public\.hornsten_pii_|^eval_(staging|marts)\."
# The reviewers' decisions and proposals (never their password hashes): analysts read them.
REVIEW_RECORDS = r"^review\.(tag_decisions|codebook_proposals)$"


def test_analyst_reads_every_staging_and_marts_relation_and_nothing_else(built, warehouse_dsn):
    # Every model of those layers that the fixture's build made (dbt granted each one as it
    # built it); other tests of the session build other processes their own way.
    process = _in_schemas("^(staging|marts)_norrkoping_vision_2035$")
    analytic = _relations(warehouse_dsn, process)
    readable = _readable(built.dsn(roles.ANALYST))
    assert analytic and [r for r in readable if r.split(".")[0] in {a.split(".")[0] for a in analytic}] == analytic
    # ... and nothing outside the staging and marts layers.
    outside = [
        r
        for r in readable
        if not re.match(r"^(staging|marts)_", r)
        and not re.match(SHARED_REFERENCE, r)
        and not re.match(REVIEW_RECORDS, r)
    ]
    assert outside == []
    intermediate = _relations(warehouse_dsn, _in_schemas("^intermediate_"))
    assert intermediate and _denied(built.dsn(roles.ANALYST), intermediate) == intermediate
    assert _denied(built.dsn(roles.ANALYST), ["review.reviewers"]) == ["review.reviewers"]


def test_reviewer_reads_staging_marts_the_survey_bridge_and_review_only(built, warehouse_dsn):
    readable = _readable(built.dsn(roles.REVIEWER))
    assert "intermediate_norrkoping_vision_2035.int_answer_components" in readable
    assert {"review.reviewers", "review.tag_decisions", "review.codebook_proposals"} <= set(readable)
    # the survey bridge and its neighbours: tags, weights, decisions, campaign groups (ids only)
    bridge = (
        r"^intermediate_[a-z0-9_]+\.int_(answer_components|answers_tagged|respondent_weights|tag_decisions"
        r"|answer_campaigns)$"
    )
    allowed = rf"^(staging|marts)_|{bridge}|^review\."
    outside = [r for r in readable if not re.match(allowed, r) and not re.match(SHARED_REFERENCE, r)]
    assert outside == []


def test_reporter_reads_exactly_the_marts_the_reports_read(built, warehouse_dsn):
    read_by_reports = marts_read_by_reports()
    schema = "marts_norrkoping_vision_2035"
    readable = set(_readable(built.dsn(roles.REPORTER)))
    assert {r.split(".", 1)[1] for r in readable if r.startswith(schema + ".")} == read_by_reports
    # Besides those marts only its own bookkeeping (and the migration log it checks).
    assert {r for r in readable if not r.startswith("marts_") and not re.match(SHARED_REFERENCE, r)} == {
        "delivery.report_deliveries",
        "public._yoyo_migration",
    }
    with psycopg.connect(built.dsn(roles.REPORTER), autocommit=True) as reporter:
        reporter.execute(
            "insert into delivery.report_deliveries (process, report, period, status) values ('t', 'r', 'p', 'sent')"
        )
    with psycopg.connect(warehouse_dsn, autocommit=True) as owner:
        owner.execute("delete from delivery.report_deliveries where process = 't'")


def test_loader_reads_no_dbt_relation(built, warehouse_dsn):
    derived = _relations(warehouse_dsn, _in_schemas("^(staging|intermediate|marts)_|^(codebook|population)$"))
    assert derived and _denied(built.dsn(roles.LOADER), derived) == derived


def test_transformer_cannot_read_restricted(built, warehouse_dsn):
    restricted = _relations(warehouse_dsn, _in_schemas("^restricted$"))
    assert restricted and _denied(built.dsn(roles.TRANSFORMER), restricted) == restricted


def test_dbt_sessions_run_without_jit_and_others_keep_the_server_default(built):
    # 0013: JIT compiled every heavy model and made it slower (README, Benchmarks).
    with psycopg.connect(built.dsn(roles.TRANSFORMER)) as transformer:
        assert transformer.execute("show jit").fetchone()[0] == "off"
    with psycopg.connect(built.dsn(roles.ANALYST)) as analyst:
        assert analyst.execute("show jit").fetchone()[0] == "on"


def test_a_loader_that_finds_a_pending_migration_stops_with_one_sentence(built, warehouse_dsn):
    with psycopg.connect(warehouse_dsn, autocommit=True) as owner:
        owner.execute("delete from public._yoyo_migration where migration_id = '0007_roles_and_grants'")
    try:
        with (
            psycopg.connect(built.dsn(roles.LOADER), autocommit=True) as loader,
            pytest.raises(SchemaNotCurrent) as caught,
        ):
            ensure_schema(loader)
        message = str(caught.value)
        assert "0007_roles_and_grants" in message and "hornsten warehouse migrate" in message
        assert "\n" not in message
    finally:
        # Migrations are idempotent: applying 0006 again restores the log and changes nothing else.
        assert migrate(warehouse_dsn) == ["0007_roles_and_grants"]
    with psycopg.connect(built.dsn(roles.LOADER), autocommit=True) as loader:
        ensure_schema(loader)

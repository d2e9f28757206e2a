"""Erasure on request (GDPR art. 17) against the real PostgreSQL and a real dbt build.

A respondent with two responses (one in a CSV, one in an XLSX export, the latter
re-delivered and still waiting in the inbox, and a quarantined row) and another
person's single response are planted through the real ingest; dbt builds every model.
``hornsten erase`` then removes them, rebuilds, and its proof — and this test's own
search of every table and file — finds nothing, while everyone else is untouched.
"""

from __future__ import annotations

import re

import psycopg
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from hornsten import paths
from hornsten.cli.app import main
from hornsten.priorities import service as priorities
from hornsten.privacy import erasure_proof as proof
from hornsten.privacy.erasure_files import Terms
from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.survey import detection
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.warehouse.dbt import connection_env, rebuild_tables
from tests.exports import HEADER, good_row, write_csv
from tests.integration.phases_warehouse import TRUNCATE
from tests.warehouse import connect

pytestmark = pytest.mark.integration

ERIK = "Erik.Raderad@example.se"  # two responses, erased by --respondent
OLLE = "olle.en-gang@example.se"  # one response, erased by --response
ERIK_TEXT = "Zebrakorsningen vid Kvarnholmen behöver blinkande ljus"
OLLE_TEXT = "Hängbron över Motala ström ska lysa blått"
OTHERS = 12


def _xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def planted(stack_settings, warehouse_dsn, norrkoping, tmp_path_factory):
    home = tmp_path_factory.mktemp("erasure")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HORNSTEN_INBOX", str(home / "inbox"))
        patch.setenv("HORNSTEN_ARCHIVE", str(home / "archive"))
        patch.setenv("HORNSTEN_WAREHOUSE_DSN", warehouse_dsn)
        patch.setenv("HORNSTEN_ACTOR", "dataskyddsombud@example.norrkoping.se")
        others = [good_row(f"N-{i}", respondent=f"granne{i}@example.se") for i in range(OTHERS)]
        csv_export = write_csv(
            home / "vecka1.csv",
            [
                *others[:6],
                good_row("ERA-1", battre=ERIK_TEXT, respondent=ERIK),
                good_row("ERA-9", district="Atlantis", respondent=ERIK),  # quarantined, with his address
                good_row("OLLE-3", framtid=OLLE_TEXT, respondent=OLLE),
            ],
        )
        xlsx_export = _xlsx(home / "vecka2.xlsx", [*others[6:], good_row("ERA-2", idag=ERIK_TEXT, respondent=ERIK)])
        with connect(warehouse_dsn, autocommit=True) as conn:
            conn.execute(TRUNCATE)
            conn.execute("truncate audit.events")
            results = ingest_files(
                conn,
                [csv_export, xlsx_export],
                norrkoping,
                pseudonym_key(),
                archive=paths.archive_dir("norrkoping_vision_2035"),
            )
            assert [r.status for r in results] == ["loaded_with_quarantine", "loaded"]
            detection.detect(conn, norrkoping, echo=lambda _: None)  # as every load does
            # He and a neighbour also ranked in the prioritisation round.
            ranking = home / "round" / "prioritering.csv"
            ranking.parent.mkdir()
            ranking.write_text(
                "Svars-ID,Inskickad,Respondent-ID,Plats 1,Plats 2,Plats 3\n"
                f"P-1,2024-05-20 10:00,{ERIK},Skola,Belysning,Kollektivtrafik\n"
                "P-2,2024-05-20 11:00,granne0@example.se,Skola,Förskola,Kollektivtrafik\n",
                encoding="utf-8",
            )
            round_archive = paths.archive_dir("norrkoping_vision_2035") / "priorities"
            (ranked,) = priorities.load_exports(conn, norrkoping, [ranking], archive=round_archive, echo=lambda _: None)
            assert ranked.loaded == 2 and ranked.archived_to
        # His corrected ranking waits in the round's inbox, beside a neighbour's whose round
        # response id happens to be that of one of his survey responses (it is not his).
        round_inbox = paths.inbox_dir(norrkoping.process, "priorities")
        round_inbox.mkdir(parents=True)
        (round_inbox / "prioritering-rattad.csv").write_text(
            "Svars-ID,Inskickad,Respondent-ID,Plats 1,Plats 2,Plats 3\n"
            f"P-1,2024-05-21 10:00,{ERIK},Belysning,Skola,Kollektivtrafik\n"
            "ERA-1,2024-05-21 11:00,granne1@example.se,Skola,Förskola,Belysning\n",
            encoding="utf-8",
        )
        # A corrected re-delivery still waiting in the inbox.
        inbox = paths.inbox_dir(norrkoping.process, "survey")
        inbox.mkdir(parents=True)
        write_csv(inbox / "vecka2-rattad.csv", [good_row("ERA-2", "2024-03-21 12:00", respondent=ERIK), others[7]])
        # Reviewers decided on his answer and a neighbour's, and proposed a term from his.
        survey = norrkoping.survey.survey_id
        with connect(warehouse_dsn, autocommit=True) as conn:
            conn.execute("truncate review.tag_decisions, review.codebook_proposals")
            conn.execute(
                "insert into review.tag_decisions (answer_id, component, decision, reviewer) values (%s, 'belysning', "
                "'add', 'anna'), (%s, 'belysning', 'reject', 'anna')",
                (f"{survey}:ERA-1:battre", f"{survey}:N-0:battre"),
            )
            conn.execute(
                "insert into review.codebook_proposals (component, kind, value, match, proposed_by, source_answer_id) "
                "values ('belysning', 'term', 'lyktstolpe', 'prefix', 'anna', %s)",
                (f"{survey}:ERA-2:idag",),
            )
        rebuild_tables({**connection_env(warehouse_dsn), **norrkoping.dbt_env()})
        yield {"dsn": warehouse_dsn, "config": norrkoping, "home": home, "inbox": inbox, "round_inbox": round_inbox}


def _terms(config, ids, value):
    key = pseudonym_key()
    return Terms(config.survey.survey_id, frozenset(ids), frozenset({value}), frozenset({keyed_hash(value, key)}))


def _search(config, dsn, terms):
    """The proof's own search, plus the distinctive texts anywhere (this test's independent check)."""
    result = proof.Proof()
    with psycopg.connect(dsn, autocommit=True) as conn:
        proof.search_tables(conn, config, terms, result)
    files = [p for root in (paths.archive_root(), paths.inbox_root()) for p in root.rglob("*") if p.is_file()]
    proof.search_files(files, set(files), config, terms, pseudonym_key(), result)
    return result


def _erase(*args):
    return CliRunner().invoke(main, ["erase", *args], catch_exceptions=False)


def _count(conn, sql, *params):
    return conn.execute(sql, params or None).fetchone()[0]


def test_erasure_needs_confirmation_and_a_dry_run_changes_nothing(planted):
    refused = _erase("--respondent", ERIK)
    assert refused.exit_code == 1 and "add --yes" in refused.output and "Traceback" not in refused.output
    both = _erase("--respondent", ERIK, "--response", "ERA-1", "--yes")
    assert both.exit_code == 2 and "exactly one of --response ID and --respondent VALUE" in both.output

    dry = _erase("--respondent", ERIK, "--dry-run")
    assert dry.exit_code == 0, dry.output
    would = "would erase responses 2, answers 6, answer_originals 6, priority_responses 1, respondents 1"
    assert f"norrkoping_vision_2035: {would}" in dry.output
    with connect(planted["dsn"], autocommit=True) as conn:
        assert _count(conn, "select count(*) from raw.survey_responses") == OTHERS + 3
        assert _count(conn, "select count(*) from audit.events") == 0


def test_erase_a_respondent_leaves_nothing_anywhere_and_nobody_else_is_touched(planted):
    config, dsn = planted["config"], planted["dsn"]
    with connect(dsn, autocommit=True) as conn:
        before_marts = _count(conn, "select count(*) from marts.respondents")
    terms = _terms(config, {"ERA-1", "ERA-2", "ERA-9"}, ERIK)
    found_before = _search(config, dsn, terms)
    # The search can fail: before the erasure it finds him in every layer and every file.
    hits = "\n".join(found_before.hits)
    for where in (
        "raw.survey_responses",
        "restricted.respondents",
        "restricted.quarantine",
        "staging_norrkoping",
        "review.tag_decisions",
        "review.codebook_proposals",
    ):
        assert where in hits
    assert "intermediate_norrkoping_vision_2035" in hits and "marts_norrkoping_vision_2035.respondents" in hits
    assert "vecka1.csv" in hits and "vecka2.xlsx" in hits and "vecka2-rattad.csv" in hits
    assert "prioritering.csv" in hits and "prioritering-rattad.csv" in hits

    result = _erase("--respondent", f"  {ERIK} ", "--yes")

    assert result.exit_code == 0, result.output
    proof_line = (
        r"proof: searched \d+ tables and views \(every column\) and \d+ files for 2 response id\(s\) .*: 0 found"
    )
    assert re.search(proof_line, result.output), result.output
    assert "responses 2" in result.output and "quarantined_rows 1" in result.output
    assert "answer_detections 6" in result.output  # his answers' languages and fingerprints
    assert "priority_responses 1" in result.output  # his ranking in the round
    assert "files_rewritten 5" in result.output  # three survey exports, the round's archived and waiting
    after = _search(config, dsn, terms)
    assert after.hits == [] and after.tables_searched > 60
    text_left = _search(config, dsn, Terms(config.survey.survey_id, respondent_values=frozenset({ERIK_TEXT})))
    assert text_left.hits == []

    with connect(dsn, autocommit=True) as conn:
        assert _count(conn, "select count(*) from raw.survey_responses") == OTHERS + 1
        assert _count(conn, "select count(*) from restricted.respondents") == OTHERS + 1
        assert conn.execute("select response_id from raw.priority_responses").fetchall() == [("P-2",)]
        assert _count(conn, "select count(*) from marts.respondents") == before_marts - 2  # one row per response
        assert _count(conn, "select count(*) from restricted.survey_answers_original") == (OTHERS + 1) * 3
        # The neighbour's review stays; the term proposed from his answer stays without it.
        assert conn.execute("select answer_id like '%%:N-0:%%' from review.tag_decisions").fetchall() == [(True,)]
        assert _count(conn, "select count(*) from review.codebook_proposals where source_answer_id is null") == 1
        assert _count(conn, "select count(*) from raw.answer_detections") == (OTHERS + 1) * 3
        (event,) = conn.execute(
            "select process, subject, counts, details, actor, db_user, occurred_at from audit.events"
        )
    assert event[0] == "norrkoping_vision_2035" and event[2]["responses"] == 2
    assert event[3] == {"by": "respondent", "not_rewritable": 0, "rebuilt": True, "found_after": 0}
    assert event[4:6] == ("dataskyddsombud@example.norrkoping.se", "hornsten") and event[6] is not None
    assert event[1] != keyed_hash(ERIK, pseudonym_key()) and "@" not in str(event[:4])

    # The files are rewritten without him; everyone else's rows are still there.
    archived = {p.name.split("_", 1)[1]: p for p in paths.archive_dir(config.process).rglob("*.*")}
    csv_text = archived["vecka1.csv"].read_text(encoding="utf-8")
    assert "ERA-1" not in csv_text and "ERA-9" not in csv_text and "OLLE-3" in csv_text
    assert all(f"granne{i}@example.se" in csv_text for i in range(6))
    sheet = load_workbook(archived["vecka2.xlsx"]).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [f"N-{i}" for i in range(6, OTHERS)]
    waiting = (planted["inbox"] / "vecka2-rattad.csv").read_text(encoding="utf-8")
    assert waiting.splitlines() == [";".join(HEADER), ";".join(good_row("N-7", respondent="granne7@example.se"))]
    ranked = archived["prioritering.csv"].read_text(encoding="utf-8").splitlines()
    assert ranked[1:] == ["P-2,2024-05-20 11:00,granne0@example.se,Skola,Förskola,Kollektivtrafik"]
    waiting = (planted["round_inbox"] / "prioritering-rattad.csv").read_text(encoding="utf-8").splitlines()
    assert waiting[1:] == ["ERA-1,2024-05-21 11:00,granne1@example.se,Skola,Förskola,Belysning"]


def test_erase_one_response_and_a_respondent_with_no_other_response_goes_too(planted):
    config, dsn = planted["config"], planted["dsn"]
    result = _erase("--response", "OLLE-3", "--process", "norrkoping_vision_2035", "--yes")
    assert result.exit_code == 0, result.output
    assert "responses 1, answers 3, answer_originals 3, priority_responses 0, respondents 1" in result.output
    assert "0 found" in result.output
    assert _search(config, dsn, _terms(config, {"OLLE-3"}, OLLE)).hits == []
    assert _search(config, dsn, Terms(config.survey.survey_id, respondent_values=frozenset({OLLE_TEXT}))).hits == []
    with connect(dsn, autocommit=True) as conn:
        assert _count(conn, "select count(*) from raw.survey_responses") == OTHERS
        assert _count(conn, "select count(*) from audit.events where kind = 'erasure'") == 2


def test_a_request_for_someone_not_in_the_data_is_recorded_with_its_proof(planted):
    result = _erase("--respondent", "finns.inte@example.se", "--yes")
    assert result.exit_code == 0, result.output
    assert "no process holds data of this person" in result.output and ": 0 found" in result.output
    with connect(planted["dsn"], autocommit=True) as conn:
        (event,) = conn.execute(
            "select process, counts, details, actor from audit.events order by event_id desc limit 1"
        ).fetchall()
    assert event == (
        "all",
        {},
        {"by": "respondent", "not_rewritable": 0, "rebuilt": False, "found_after": 0},
        "dataskyddsombud@example.norrkoping.se",
    )

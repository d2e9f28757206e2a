"""Loading filled dialogue and remiss templates into the real project-local PostgreSQL:
raw rows, pseudonymised text, quarantine, archive, and re-deliveries that replace."""

from __future__ import annotations

import shutil

import psycopg
import pytest
from openpyxl import load_workbook

from hornsten.demo import templates as ts
from hornsten.dialogue import template as dialogue
from hornsten.forms.ingest import codebook_themes, describe, ingest_templates
from hornsten.remiss import template as remiss

pytestmark = pytest.mark.integration

CORNERSTONE_CODES = ("trygghet", "stadsmiljo", "resor", "utbildning", "kultur_fritid")


@pytest.fixture
def db(warehouse_dsn):
    """Empty dialogue and remiss tables (and everything that hangs on raw.load_log)."""
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(
            "truncate raw.dialogue_meetings, raw.remiss_responses, restricted.dialogue_statements_original, "
            "restricted.remiss_comments_original, restricted.quarantine, raw.load_log cascade"
        )
        yield conn


@pytest.fixture(scope="module")
def themes():
    return codebook_themes()


@pytest.fixture(scope="module")
def cornerstones(themes):
    return [t for t in themes if t.code in CORNERSTONE_CODES]


@pytest.fixture(scope="module")
def meetings(norrkoping, cornerstones, tmp_path_factory):
    """Generated once; every test copies them into its own inbox (loading moves files)."""
    return ts.generate_dialogue_templates(norrkoping, cornerstones, tmp_path_factory.mktemp("meetings"))


@pytest.fixture(scope="module")
def responses(norrkoping, cornerstones, tmp_path_factory):
    return ts.generate_remiss_templates(norrkoping, cornerstones, tmp_path_factory.mktemp("responses"))


def inbox(tmp_path, paths, name="inbox"):
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return [shutil.copy(p, folder / p.name) for p in paths]


def count(db, sql: str, *params) -> int:
    return db.execute(sql, params or None).fetchone()[0]


def counts(db) -> dict[str, int]:
    tables = [
        "raw.dialogue_meetings",
        "raw.dialogue_statements",
        "raw.dialogue_poll_results",
        "restricted.dialogue_statements_original",
        "raw.remiss_responses",
        "raw.remiss_positions",
        "restricted.remiss_comments_original",
        "restricted.quarantine",
    ]
    return {t: count(db, f"select count(*) from {t}") for t in tables}


# --- dialogue ---------------------------------------------------------------------
def test_meetings_load_with_statements_pseudonymised(db, norrkoping, themes, meetings, tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_ACTOR", "facilitator-upload")
    files = inbox(tmp_path, meetings)
    reports = [dialogue.read_report(p, norrkoping, themes) for p in files]
    archive = tmp_path / "archive"
    results = ingest_templates(db, files, norrkoping, "dialogue", archive=archive)
    assert [r.status for r in results] == ["loaded"] * len(files)
    assert [r.key for r in results] == [r.meeting_id for r in reports]
    assert not any(r.replaced for r in results)
    assert all(describe(r).startswith(p.name + ": loaded ") for r, p in zip(results, files, strict=False))

    assert count(db, "select count(*) from raw.dialogue_meetings") == len(reports)
    assert count(db, "select count(*) from raw.dialogue_statements") == sum(len(r.statements) for r in reports)
    assert count(db, "select count(*) from raw.dialogue_poll_results") == sum(len(r.poll) for r in reports)
    assert count(db, "select sum(participants) from raw.dialogue_meetings") == sum(r.participants for r in reports)
    row = db.execute(
        "select forum, target_group, held_on, place, participants, facilitator, source_file "
        "from raw.dialogue_meetings where meeting_id = %s",
        (reports[0].meeting_id,),
    ).fetchone()
    first = reports[0]
    assert row == (
        first.forum,
        first.target_group,
        first.held_on,
        first.place,
        first.participants,
        first.facilitator,
        files[0].name,
    )

    # The e-mail address is replaced in raw; the original is only in restricted.
    assert count(db, "select count(*) from raw.dialogue_statements where statement_text like '%@%'") == 0
    assert count(db, "select count(*) from raw.dialogue_statements where statement_text like '%[e-post]%'") == 1
    (original,) = db.execute("select statement_text from restricted.dialogue_statements_original").fetchall()
    assert "@exempelpost.se" in original[0]

    logs = db.execute("select dataset, status, file_kind, quarantined, archived_to from raw.load_log").fetchall()
    assert len(logs) == len(files)
    assert {(d, s, k, q) for d, s, k, q, _ in logs} == {("dialogue", "loaded", "xlsx-template", 0)}
    assert all(a and "/archive/dialogue/" in a for *_, a in logs)
    assert not any(p.exists() for p in files)
    assert len(list((archive / "dialogue").rglob("*.xlsx"))) == len(files)
    # Who and when (audit): the application identity, the database login, the time.
    who = db.execute("select distinct actor, db_user, started_at is not null from raw.load_log").fetchall()
    assert who == [("facilitator-upload", "hornsten", True)]


def test_the_same_files_again_change_nothing(db, norrkoping, meetings, cornerstones, tmp_path):
    flawed = ts.flawed_dialogue_template(norrkoping, cornerstones, tmp_path / "brister.xlsx")
    files = inbox(tmp_path, [*meetings, flawed], "first")
    again = inbox(tmp_path, [*meetings, flawed], "second")
    first = ingest_templates(db, files, norrkoping, "dialogue")
    before = counts(db)
    assert before["restricted.quarantine"] == 3
    second = ingest_templates(db, again, norrkoping, "dialogue")
    assert counts(db) == before
    assert all(r.replaced for r in second)
    assert [r.checksum for r in second] == [r.checksum for r in first]
    assert [r.status for r in second] == [r.status for r in first]
    assert count(db, "select count(*) from raw.load_log") == 2 * len(files)
    assert count(db, "select count(distinct file_checksum) from raw.load_log") == len(files)


def test_a_corrected_meeting_replaces_the_earlier_one(db, norrkoping, themes, meetings, tmp_path):
    files = inbox(tmp_path, meetings)
    ingest_templates(db, files, norrkoping, "dialogue")
    before = counts(db)
    original = dialogue.read_report(files[0], norrkoping, themes)
    corrected = ts.corrected_redelivery(files[0], tmp_path / "rattad" / f"rättad_{files[0].name}")
    (result,) = ingest_templates(db, [corrected], norrkoping, "dialogue")
    assert (result.status, result.replaced, result.key) == ("loaded", True, original.meeting_id)
    assert describe(result).startswith(f"{corrected.name}: replaced {original.meeting_id}")

    after = counts(db)
    assert after["raw.dialogue_meetings"] == before["raw.dialogue_meetings"]
    assert after["raw.dialogue_statements"] == before["raw.dialogue_statements"] + 1
    assert after["raw.dialogue_poll_results"] == before["raw.dialogue_poll_results"]
    assert after["restricted.dialogue_statements_original"] == before["restricted.dialogue_statements_original"]
    statements = db.execute(
        "select statement_no, statement_text from raw.dialogue_statements where meeting_id = %s order by statement_no",
        (original.meeting_id,),
    ).fetchall()
    assert len(statements) == len(original.statements) + 1
    assert statements[0][1].endswith(ts.CORRECTION_NOTE)
    assert (
        db.execute(
            "select source_file from raw.dialogue_meetings where meeting_id = %s", (original.meeting_id,)
        ).fetchone()[0]
        == corrected.name
    )


def test_a_broken_meeting_form_rejects_the_file(db, norrkoping, cornerstones, tmp_path):
    path = ts.bad_dialogue_template(norrkoping, cornerstones, tmp_path / "inbox" / "trasig.xlsx")
    archive = tmp_path / "archive"
    (result,) = ingest_templates(db, [path], norrkoping, "dialogue", archive=archive)
    assert result.status == "failed" and result.loaded == 0
    assert "the meeting form cannot be used" in result.error
    assert describe(result).startswith("trasig.xlsx: REJECTED — ")
    assert count(db, "select count(*) from raw.dialogue_meetings") == 0
    rows = db.execute(
        "select sheet, row_number, reason, content from restricted.quarantine order by row_number"
    ).fetchall()
    assert [(s, r) for s, r, _, _ in rows] == [("Möte", 2), ("Möte", 4)]
    assert "unknown forum or office 'Kvartersrådet i Atlantis'" in rows[0][2]
    assert "'nästa tisdag' is not a date" in rows[1][2]
    assert rows[0][3] == "Forum eller kontor;Kvartersrådet i Atlantis"
    status, error, quarantined, archived_to, dataset = db.execute(
        "select status, error, quarantined, archived_to, dataset from raw.load_log"
    ).fetchone()
    assert (status, quarantined, dataset) == ("failed", 2, "dialogue")
    assert error == result.error
    target = archive / "dialogue" / "failed" / f"{result.checksum[:12]}_trasig.xlsx"
    assert archived_to == str(target) and target.exists() and not path.exists()
    reason = target.with_name(target.name + ".reason.txt").read_text(encoding="utf-8")
    assert "unknown forum or office" in reason and "'nästa tisdag' is not a date" in reason


def test_bad_rows_are_quarantined_and_the_rest_loads(db, norrkoping, themes, cornerstones, tmp_path):
    path = ts.flawed_dialogue_template(norrkoping, cornerstones, tmp_path / "brister.xlsx")
    report = dialogue.read_report(path, norrkoping, themes)
    (result,) = ingest_templates(db, [path], norrkoping, "dialogue")
    assert (result.status, result.quarantined, result.loaded, result.rows_read) == ("loaded_with_quarantine", 3, 7, 10)
    assert [(p["sheet"], p["row"]) for p in result.problems] == ts.FLAWED_ROWS
    rows = db.execute(
        "select sheet, row_number, reason, load_id, file_checksum from restricted.quarantine "
        "order by sheet desc, row_number"
    ).fetchall()
    assert [(s, r, reason) for s, r, reason, _, _ in rows] == [
        ("Synpunkter", 4, "unknown stance (Hållning) 'Kanske'; use Stöd, Ändring or Nytt förslag"),
        ("Synpunkter", 6, "a statement of support or change needs a cornerstone (Hörnsten)"),
        ("Omröstning", 4, "Antal röster: 'många' is not a number"),
    ]
    assert {(load_id, checksum) for *_, load_id, checksum in rows} == {(result.load_id, result.checksum)}
    assert [
        n
        for (n,) in db.execute(
            "select statement_no from raw.dialogue_statements where meeting_id = %s order by statement_no",
            (report.meeting_id,),
        )
    ] == [2, 3, 5, 7]
    assert count(db, "select count(*) from raw.dialogue_poll_results where meeting_id = %s", report.meeting_id) == 3
    log = db.execute("select status, rows_read, loaded, quarantined from raw.load_log").fetchone()
    assert log == ("loaded_with_quarantine", 10, 7, 3)
    # The same file again: the meeting is replaced, nothing is quarantined twice.
    ingest_templates(db, [path], norrkoping, "dialogue")
    assert count(db, "select count(*) from restricted.quarantine") == 3
    assert count(db, "select count(*) from raw.dialogue_statements") == 4


def test_a_template_in_the_wrong_inbox_is_rejected(db, norrkoping, meetings, tmp_path):
    (path,) = inbox(tmp_path, meetings[:1])
    (result,) = ingest_templates(db, [path], norrkoping, "remiss")
    assert result.status == "failed"
    assert "this is a dialogue template, not a remiss template" in result.error
    assert count(db, "select count(*) from raw.remiss_responses") == 0
    assert count(db, "select count(*) from restricted.quarantine where row_number = 0") == 1


# --- remiss -----------------------------------------------------------------------
def test_remiss_responses_load(db, norrkoping, themes, responses, tmp_path):
    files = inbox(tmp_path, responses)
    read = [remiss.read_response(p, norrkoping, themes) for p in files]
    results = ingest_templates(db, files, norrkoping, "remiss", archive=tmp_path / "archive")
    assert [r.status for r in results] == ["loaded"] * len(files)
    assert [r.key for r in results] == [f"remiss_2024:{r.body}" for r in read]
    plan = ts.remiss_plan(norrkoping)
    deadline = norrkoping.remiss.round().deadline

    assert (
        count(db, "select count(*) from raw.remiss_responses")
        == len(files)
        == sum(1 for s in plan.values() if s != "missing")
    )
    assert count(db, "select count(*) from raw.remiss_positions") == sum(len(r.positions) for r in read)
    declined = db.execute("select body from raw.remiss_responses where declined").fetchall()
    assert declined == [(b,) for b, s in plan.items() if s == "declined"]
    assert (
        count(
            db,
            "select count(*) from raw.remiss_positions p join raw.remiss_responses r "
            "using (process, round, body) where r.declined",
        )
        == 0
    )
    late = {b for (b,) in db.execute("select body from raw.remiss_responses where received_on > %s", (deadline,))}
    assert late == {b for b, s in plan.items() if s == "late"}
    loaded = {b for (b,) in db.execute("select body from raw.remiss_responses")}
    assert not loaded & {b for b, s in plan.items() if s == "missing"}
    positions = {p for (p,) in db.execute("select distinct position from raw.remiss_positions")}
    assert positions == set(remiss.POSITIONS)

    # The phone number is replaced in raw; the original is only in restricted.
    assert count(db, "select count(*) from raw.remiss_positions where comment_text like '%[telefon]%'") == 1
    assert count(db, "select count(*) from raw.remiss_positions where comment_text ~ '011-15'") == 0
    (original,) = db.execute("select comment_text from restricted.remiss_comments_original").fetchall()
    assert "011-15 32 40" in original[0]
    assert {d for (d,) in db.execute("select distinct dataset from raw.load_log")} == {"remiss"}
    assert all(a and "/archive/remiss/" in a for (a,) in db.execute("select archived_to from raw.load_log"))


def test_a_new_response_from_a_body_replaces_its_earlier_one(db, norrkoping, themes, responses, tmp_path):
    files = inbox(tmp_path, responses)
    ingest_templates(db, files, norrkoping, "remiss")
    before = counts(db)
    plan = ts.remiss_plan(norrkoping)
    body = next(b for b, s in plan.items() if s == "on_time")
    (source,) = [p for p in files if p.name.endswith(f"_{body}.xlsx")]
    earlier = remiss.read_response(source, norrkoping, themes)

    # The body changes its mind on the first part and withdraws its answer on the second.
    book = load_workbook(source)
    sheet = book[remiss.POSITIONS_SHEET]
    sheet["D2"], sheet["E2"] = "Instämmer inte", "Ändrad bedömning efter nämndens sammanträde."
    answered_second = sheet["D3"].value is not None
    sheet["D3"], sheet["E3"] = None, None
    updated = tmp_path / "new" / f"remissvar_{body}_komplettering.xlsx"
    updated.parent.mkdir()
    book.save(updated)

    (result,) = ingest_templates(db, [updated], norrkoping, "remiss")
    assert (result.status, result.replaced, result.key) == ("loaded", True, f"remiss_2024:{body}")
    after = counts(db)
    assert after["raw.remiss_responses"] == before["raw.remiss_responses"]
    assert after["raw.remiss_positions"] == before["raw.remiss_positions"] - int(answered_second)
    rows = dict(db.execute("select item, position from raw.remiss_positions where body = %s", (body,)).fetchall())
    assert len(rows) == len(earlier.positions) - int(answered_second)
    assert rows[earlier.positions[0].item] == "instammer_inte"
    assert (
        db.execute("select source_file from raw.remiss_responses where body = %s", (body,)).fetchone()[0]
        == updated.name
    )
    # And the same file once more changes nothing.
    copy = shutil.copy(updated, tmp_path / updated.name)
    ingest_templates(db, [copy], norrkoping, "remiss")
    assert counts(db) == after

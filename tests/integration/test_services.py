"""The service functions the CLI and the DAG tasks share, against the real PostgreSQL."""

from __future__ import annotations

import csv

import pytest

from hornsten.committee import service as committee_service
from hornsten.committee import valuation
from hornsten.config import load_process
from hornsten.dialogue import service as dialogue_service
from hornsten.remiss import service as remiss_service
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.marts import MartNotBuilt
from hornsten.warehouse.schemas import schema
from tests.warehouse import NORRKOPING, connect

pytestmark = pytest.mark.integration


@pytest.fixture
def empty_warehouse(warehouse_dsn):
    """The warehouse as before any DAG ran: the marts schema dropped inside a transaction
    that is rolled back afterwards, so other tests keep their marts."""
    with connect(warehouse_dsn) as conn:
        conn.execute(f"drop schema if exists {schema('marts', NORRKOPING)} cascade")
        yield conn
        conn.rollback()


@pytest.mark.parametrize(
    ("use_case", "mart", "dag"),
    [
        (dialogue_service.coverage, "dialogue_coverage", "the dialogue DAG"),
        (remiss_service.status, "remiss_status", "the remiss DAG"),
        (remiss_service.reminders, "remiss_reminders", "the remiss DAG"),
    ],
)
def test_a_missing_mart_names_what_builds_it(empty_warehouse, use_case, mart, dag):
    with pytest.raises(MartNotBuilt, match=rf"{mart}.*run {dag}"):
        use_case(empty_warehouse)


def test_valuation_sheets_load_once_and_bad_ones_are_rejected_with_reasons(db, tmp_path):
    config = load_process("norrkoping_vision_2035")
    themes = codebook_themes()
    good = valuation.sample_valuations(tmp_path / "in" / "good.csv", themes, ["S", "M"], seed=5)
    broken = tmp_path / "in" / "broken.csv"
    broken.write_text("namn;poäng\nAnna;100\n", encoding="utf-8")
    # One member whose points do not add up: rejected alone, the others load.
    rows = list(csv.DictReader(good.open(encoding="utf-8"), delimiter=";"))
    member = next(r["ledamot"] for r in rows if r["poang"])
    for row in rows:
        if row["ledamot"] == member and row["poang"]:
            row["poang"] = "1"
    with good.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    db.execute("delete from raw.committee_valuations where process = %s", (config.process,))
    archive = tmp_path / "archive"

    outcome = committee_service.load_valuations(db, config, [good, broken], archive=archive, echo=lambda _: None)

    assert outcome.loaded == {"good.csv": 3}
    assert "missing column" in outcome.rejected["broken.csv"]
    assert "100" in outcome.rejected[f"good.csv: {member}"]
    assert (archive / "good.csv").exists() and broken.exists(), "a rejected file stays in the inbox"
    (members,) = db.execute(
        "select count(distinct member) from raw.committee_valuations where process = %s", (config.process,)
    ).fetchone()
    assert members == 3
    again = committee_service.load_valuations(db, config, [archive / "good.csv"], echo=lambda _: None)
    assert again.loaded == {"good.csv": 3}
    (rows_after,) = db.execute(
        "select count(distinct member) from raw.committee_valuations where process = %s", (config.process,)
    ).fetchone()
    assert rows_after == 3, "loading a sheet again replaces, never duplicates"

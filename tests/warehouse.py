"""A connection to the test warehouse that reads one process's layers, as the platform does.

Tests write ``marts.cornerstones`` as an analyst would think of it; the connection
names the process's own schema (hornsten.warehouse.schemas)."""

from __future__ import annotations

import psycopg

from hornsten.warehouse.schemas import scoped

NORRKOPING = "norrkoping_vision_2035"


def connect(dsn: str, process: str = NORRKOPING, **kwargs):
    return scoped(psycopg.connect(dsn, **kwargs), process)


def marts_read_by_reports() -> set[str]:
    """The marts the report builders and the reporter's tasks read: ``marts.<name>`` in their
    SQL (hornsten.reports, the dialogue and remiss summaries of their DAGs, and the
    prioritisation round's top list)."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "include" / "hornsten"
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in ("reports", "dialogue", "remiss", "priorities")
        for p in (package / folder).glob("*.py")
    )
    return set(re.findall(r"\bmarts\.([a-z_]+)", code))


SURVEY_LANDING = (
    "raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, restricted.respondents, "
    "restricted.quarantine, raw.quality_results, raw.load_log"
)


def empty_survey_landing(dsn: str) -> None:
    """No survey data and no reviews: a module's fixture starts from its own sample."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"truncate {SURVEY_LANDING} cascade")
        conn.execute("truncate review.tag_decisions, review.codebook_proposals, review.reviewers")

"""The warehouse tables that deliveries land in, and emptying them: what a test or a
benchmark does between runs on its scratch stack (never on a real one).

One list, so that a table added by a migration is emptied everywhere at once. The
process configuration (raw.process_*), reviewers and decisions are not landed data
and stay."""

from __future__ import annotations

# Survey exports and what is derived from them at load time.
SURVEY = (
    "raw.survey_answers",
    "raw.survey_responses",
    "restricted.survey_answers_original",
    "restricted.respondents",
    "restricted.quarantine",
    "raw.quality_results",
    "raw.answer_detections",
    "raw.text_minhash_bands",
    "raw.near_duplicate_texts",
    # the prioritisation round's exports (the same loader and load log)
    "raw.priority_responses",
    "raw.load_log",
)
# Phases 2–4: the committee's valuations, dialogue meetings and remiss responses.
PHASES = (
    "raw.committee_valuations",
    "raw.dialogue_meetings",
    "raw.remiss_responses",
    "restricted.dialogue_statements_original",
    "restricted.remiss_comments_original",
)

# Emptied with their parents (foreign keys on delete cascade; truncate … cascade).
CASCADED = ("raw.dialogue_poll_results", "raw.dialogue_statements", "raw.remiss_positions", "raw.priority_ranks")
# Not landed data: the synced process configuration, the report delivery log, the
# review's reviewers, decisions and proposals.
KEPT_PREFIXES = ("raw.process_", "raw.report_deliveries", "review.")


def truncate_statement(*groups: tuple[str, ...]) -> str:
    """One ``truncate … cascade`` of the tables of `groups` (SURVEY by default)."""
    tables = [table for group in (groups or (SURVEY,)) for table in group]
    return f"truncate {', '.join(tables)} cascade"


def empty(conn, *groups: tuple[str, ...]) -> None:
    conn.execute(truncate_statement(*groups))

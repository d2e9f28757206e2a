"""Prioritisation-round exports into ``raw.priority_responses`` and ``raw.priority_ranks``,
with the survey ingest's guarantees.

Per file: a ``raw.load_log`` row (dataset ``priorities``, the round in survey_id,
checksum and encoding), every row validated (hornsten.priorities.rows) and streamed
with COPY into a temporary table, then in one transaction: the latest submission per
response wins, the places of a changed response are replaced, rejected rows go to
``restricted.quarantine`` with the reason (once per file and row), respondent
identifiers are stored only as keyed hashes (the originals in restricted.respondents).
Delivering a file again therefore adds nothing, and a corrected export replaces what
it corrects.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

import psycopg

from hornsten.config import ProcessConfig
from hornsten.priorities.items import round_items
from hornsten.priorities.rows import ParsedRanking, RankingParser, choose_layout
from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.survey.ingest import LoadResult, delivery_time, load_each, logged_load
from hornsten.survey.prepare import no_nul, reason_kind
from hornsten.survey.sources import open_export, row_as_text

DATASET = "priorities"


def load_file(conn: psycopg.Connection, path: Path, config: ProcessConfig, key: bytes) -> LoadResult:
    """Load one export; never raises for bad input, the result says what happened."""
    if config.priorities is None:
        raise ValueError(f"process {config.process!r} has no prioritisation round (priorities:)")
    attempt = {"process": config.process, "survey_id": config.priorities.round_id, "dataset": DATASET}

    def rows(result: LoadResult) -> None:
        _stream(conn, Path(path), config, key, result)
        _merge(conn, config, Path(path), result)

    return logged_load(conn, path, attempt, rows)


def _stream(conn: psycopg.Connection, path: Path, config: ProcessConfig, key: bytes, result: LoadResult) -> None:
    conn.execute(
        """create temp table _ranking (
               row_number integer, response_id text, submitted_at timestamptz, submitted_at_source text,
               respondent_key text, respondent_id text, closed_answers jsonb, ranks jsonb, reason text, content text
           ) on commit drop"""
    )
    assert config.priorities is not None
    with open_export(path, encoding=result.encoding) as export:
        match = choose_layout(config, export.header, path.name)
        result.layout = match.layout.name
        conn.execute(
            "update raw.load_log set file_kind = %s, delimiter = %s, layout = %s where load_id = %s",
            (export.kind, export.delimiter, match.layout.name, result.load_id),
        )
        parser = RankingParser(
            config, match, export.header, round_items(config.priorities), delivery_time(path, config)
        )
        delimiter = export.delimiter or ";"
        with conn.cursor().copy(
            "copy _ranking (row_number, response_id, submitted_at, submitted_at_source, respondent_key,"
            " respondent_id, closed_answers, ranks, reason, content) from stdin"
        ) as copy:
            for row_number, values in export.rows:
                result.rows_read += 1
                parsed = parser.parse(row_number, values)
                if isinstance(parsed, ParsedRanking):
                    copy.write_row(_good(parsed, key))
                    continue
                result.quarantined += 1
                kind = reason_kind(parsed.reason)
                result.reasons[kind] = result.reasons.get(kind, 0) + 1
                content = parsed.raw if parsed.raw is not None else row_as_text(parsed.values, delimiter)
                copy.write_row((row_number, *([None] * 7), no_nul(parsed.reason), no_nul(content)))


def _good(parsed: ParsedRanking, key: bytes) -> tuple[object, ...]:
    return (
        parsed.row_number,
        parsed.response_id,
        parsed.submitted_at,
        parsed.submitted_at_source,
        keyed_hash(parsed.respondent_id, key) if parsed.respondent_id else None,
        parsed.respondent_id,
        json.dumps(parsed.closed, ensure_ascii=False),
        json.dumps(parsed.ranks, ensure_ascii=False),
        None,
        None,
    )


def _merge(conn: psycopg.Connection, config: ProcessConfig, path: Path, result: LoadResult) -> None:
    assert config.priorities is not None
    params = {"round": config.priorities.round_id, "load_id": result.load_id}
    conn.execute("analyze _ranking")
    conn.execute(
        """create temp table _latest on commit drop as
           select distinct on (response_id) * from _ranking where reason is null
           order by response_id, submitted_at desc, row_number desc"""
    )
    # The latest submission wins; an equal or older one is a duplicate.
    changed = conn.execute(
        """insert into raw.priority_responses as t
               (round_id, response_id, submitted_at, submitted_at_source, respondent_key, closed_answers,
                load_id, source_row)
           select %(round)s, response_id, submitted_at, submitted_at_source, respondent_key, closed_answers,
                  %(load_id)s, row_number
           from _latest
           on conflict (round_id, response_id) do update set
               submitted_at = excluded.submitted_at,
               submitted_at_source = excluded.submitted_at_source,
               respondent_key = excluded.respondent_key,
               closed_answers = excluded.closed_answers,
               load_id = excluded.load_id,
               source_row = excluded.source_row,
               updated_at = now()
           where excluded.submitted_at > t.submitted_at
           returning response_id""",
        params,
    ).fetchall()
    ids = [r[0] for r in changed]
    conn.execute(
        "delete from raw.priority_ranks where round_id = %(round)s and response_id = any(%(ids)s)",
        {**params, "ids": ids},
    )
    conn.execute(
        """insert into raw.priority_ranks (round_id, response_id, rank, item)
           select %(round)s, l.response_id, r.ordinality, r.item
           from _latest l
           cross join lateral jsonb_array_elements_text(l.ranks) with ordinality as r (item, ordinality)
           where l.response_id = any(%(ids)s)""",
        {**params, "ids": ids},
    )
    conn.execute(
        """insert into restricted.respondents (respondent_key, respondent_id)
           select distinct on (respondent_key) respondent_key, respondent_id
           from _latest where respondent_key is not null
           on conflict (respondent_key) do nothing"""
    )
    conn.execute(
        """insert into restricted.quarantine (load_id, file_name, file_checksum, row_number, reason, content)
           select %(load_id)s, %(file)s, %(checksum)s, row_number, reason, content
           from _ranking where reason is not null
           on conflict (file_checksum, sheet, row_number) do nothing""",
        {**params, "file": path.name, "checksum": result.checksum},
    )
    result.loaded = len(ids)
    result.duplicates = result.rows_read - result.quarantined - result.loaded


def ingest_files(
    conn: psycopg.Connection, files: Iterable[Path], config: ProcessConfig, key: bytes, archive: Path | None = None
) -> list[LoadResult]:
    """Load the files in order (and move each to `archive` when given)."""
    return load_each(conn, files, key, lambda path: load_file(conn, path, config, key), archive)


def loaded_at(conn: psycopg.Connection, round_id: str) -> dt.datetime | None:
    """When the round's last response was loaded (None before the first)."""
    return conn.execute(
        "select max(updated_at) from raw.priority_responses where round_id = %s", (round_id,)
    ).fetchone()[0]

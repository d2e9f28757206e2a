"""Erasure on request (GDPR art. 17): one response, or everything of one respondent.

``hornsten erase --response ID | --respondent VALUE`` calls :func:`erase`. Per
process holding the person's data, in one transaction under the ingest lock:

1. the responses: by id, or every response whose ``respondent_key`` is the keyed
   hash of VALUE (the HMAC of the ingest) or the key ``restricted.respondents``
   maps VALUE to (so a rotated key still finds the old rows);
2. deleted from ``raw.survey_responses`` and ``raw.survey_answers``,
   ``restricted.survey_answers_original``, the answers' languages and fingerprints
   (``raw.answer_detections``, and the MinHash bands and near-duplicate links of texts
   no other answer has), and — once no response refers to it
   any more — the mapping in ``restricted.respondents``;
3. quarantined rows of the process's loads whose content holds the identifier, or
   a field equal to the response id; the value samples of Great Expectations
   results (``raw.quality_results.details``) that show one of them;
4. one ``audit.events`` row (kind ``erasure``): who, when, counts and a keyed hash
   of the request — never the value or the content.

Then the archived exports and the inbox are rewritten without the rows
(``erasure_files``), the process's dbt models rebuilt (``rebuild``, the dbt runner
the DAGs use), and the proof (``erasure_proof``) searches every table and file for
what was erased; its result goes into the audit row. An erasure that finds nothing
still leaves its audit row and its proof.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from hornsten import paths
from hornsten.audit import record_event
from hornsten.config import ProcessConfig
from hornsten.privacy import erasure_files as files
from hornsten.privacy import erasure_proof as proof
from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.survey import detection
from hornsten.warehouse.schema import INGEST_LOCK, ensure_schema

Rebuild = Callable[[ProcessConfig], None]
SAMPLE_KEYS = ("partial_unexpected_list", "partial_unexpected_index_list", "unexpected_list", "unexpected_index_list")


@dataclass
class ProcessErasure:
    process: str
    counts: dict[str, int] = field(default_factory=dict)
    not_rewritable: list[str] = field(default_factory=list)
    event_id: int | None = None


@dataclass
class ErasureReport:
    by: str  # response or respondent
    dry_run: bool
    processes: list[ProcessErasure] = field(default_factory=list)
    proof: proof.Proof | None = None

    @property
    def erased(self) -> int:
        return sum(p.counts.get("responses", 0) for p in self.processes)

    def describe(self) -> str:
        verb = "would erase" if self.dry_run else "erased"
        lines = []
        for item in self.processes:
            figures = ", ".join(f"{name} {count}" for name, count in item.counts.items())
            lines.append(f"{item.process}: {verb} {figures}")
            lines += [f"  not rewritten (cannot be read; search it by hand): {p}" for p in item.not_rewritable]
        if not self.processes:
            lines.append("no process holds data of this person")
        if self.proof is not None:
            lines.append(self.proof.describe())
        return "\n".join(lines)


def request_hash(by: str, value: str, key: bytes) -> str:
    """What the audit keeps of the request: a keyed hash unlike the respondent key, so that
    the proof's search for that key finds nothing, yet the same request can be recognised."""
    return keyed_hash(f"erasure:{by}:{value}", key) or ""


def erase(
    conn,
    configs: list[ProcessConfig],
    key: bytes,
    rebuild: Rebuild,
    *,
    response_id: str | None = None,
    respondent: str | None = None,
    dry_run: bool = False,
    echo: Callable[[str], None] = print,
) -> ErasureReport:
    """Erase one response (in the one process given) or one respondent (in every process given)."""
    if (response_id is None) == (respondent is None):
        raise ValueError("give exactly one of response_id and respondent")
    by, value = ("response", response_id.strip()) if response_id is not None else ("respondent", respondent.strip())
    if not value:
        raise ValueError(f"the {by} to erase is empty")
    ensure_schema(conn)
    report = ErasureReport(by=by, dry_run=dry_run)
    all_terms = []
    for config in configs:
        item, terms = _erase_in_process(conn, config, key, by, value, dry_run)
        if item is None:
            continue
        report.processes.append(item)
        all_terms.append((config, terms))
        echo(f"{config.process}: {', '.join(f'{k} {n}' for k, n in item.counts.items())}")
    if dry_run:
        return report
    for config, _ in all_terms:
        echo(f"{config.process}: rebuilding the dbt models")
        rebuild(config)
    report.proof = proof.Proof()
    searched = all_terms or [(configs[0], _request_terms(configs[0], by, value, key))]
    for config, terms in searched:
        _prove(conn, config, terms, key, report.proof)
    ids = len({r for _, t in searched for r in t.response_ids})
    identifiers = len({v for _, t in searched for v in t.respondent_values})
    report.proof.searched_for = (
        f"{ids} response id(s) (bare and as <survey>:<id>), "
        f"{identifiers} respondent identifier(s) and their keyed hashes"
    )
    events = [item.event_id for item in report.processes]
    with conn.transaction():
        if not events:
            # A request that found nothing is on record too: someone asked, and when.
            scope = configs[0].process if len(configs) == 1 else "all"
            subject = request_hash(by, value, key)
            events = [record_event(conn, "erasure", scope, subject=subject, details={"by": by, "not_rewritable": 0})]
        for event_id in events:
            conn.execute(
                "update audit.events set details = details || %s::jsonb where event_id = %s",
                (psycopg.types.json.Jsonb({"rebuilt": bool(all_terms), "found_after": report.proof.found}), event_id),
            )
    return report


def _request_terms(config: ProcessConfig, by: str, value: str, key: bytes) -> files.Terms:
    if by == "response":
        return files.Terms(config.survey.survey_id, response_ids=frozenset({value}))
    return files.Terms(
        config.survey.survey_id,
        respondent_values=frozenset({value}),
        respondent_keys=frozenset({keyed_hash(value, key) or ""}),
    )


def _erase_in_process(
    conn, config: ProcessConfig, key: bytes, by: str, value: str, dry_run: bool
) -> tuple[ProcessErasure | None, files.Terms]:
    survey = config.survey.survey_id
    item = ProcessErasure(config.process)
    with conn.transaction() as tx:
        conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
        if by == "response":
            ids = [value]
            keys = _keys_of(conn, survey, ids)
            values: set[str] = set()
        else:
            keys = {keyed_hash(value, key) or ""} | {
                r[0]
                for r in conn.execute(
                    "select respondent_key from restricted.respondents where respondent_id = %s", (value,)
                )
            }
            values = {value}
            ids = [
                r[0]
                for r in conn.execute(
                    "select response_id from raw.survey_responses where survey_id = %s and respondent_key = any(%s)",
                    (survey, sorted(keys)),
                )
            ]
        params = {"survey": survey, "ids": ids}
        counts = item.counts
        # Languages and fingerprints are keyed by the answer (they would cascade); the
        # MinHash bands of texts no other answer has go with them (detection.prune).
        detections = _delete(conn, "raw.answer_detections", params)
        answers = _delete(conn, "raw.survey_answers", params)  # before the responses they cascade from
        detection.prune(conn, survey)
        counts["responses"], counts["answers"] = _delete(conn, "raw.survey_responses", params), answers
        counts["answer_originals"] = _delete(conn, "restricted.survey_answers_original", params)
        # The same person's rankings in the prioritisation round (their places cascade).
        counts["priority_responses"] = (
            conn.execute(
                "delete from raw.priority_responses where round_id = %s and respondent_key = any(%s)",
                (config.priorities.round_id, sorted(keys)),
            ).rowcount
            if config.priorities is not None and by == "respondent"
            else 0
        )
        removed = conn.execute(
            """delete from restricted.respondents r where respondent_key = any(%s)
                   and not exists (select 1 from raw.survey_responses o where o.respondent_key = r.respondent_key)
                   and not exists (select 1 from raw.priority_responses o where o.respondent_key = r.respondent_key)
               returning respondent_key, respondent_id""",
            (sorted(keys),),
        ).fetchall()
        counts["respondents"] = len(removed)
        counts["answer_detections"] = detections
        removed_keys = keys if by == "respondent" else {k for k, _ in removed}
        values |= {v for _, v in removed}
        terms = files.Terms(survey, frozenset(ids), frozenset(values), frozenset(removed_keys))
        counts["quarantined_rows"] = _delete_quarantine(conn, config, terms)
        counts["quality_samples"] = _scrub_quality_samples(conn, terms)
        counts["review_decisions"] = _delete_reviews(conn, survey, ids)
        outcome = files.erase_from_files(_export_files(config), config, terms, key, dry_run=dry_run)
        counts["files_rewritten"], counts["file_rows"] = outcome.files_rewritten, outcome.rows_removed
        item.not_rewritable = outcome.not_rewritable
        # A respondent absent from this process leaves nothing to record for it.
        absent = by == "respondent" and not any(counts.values())
        if dry_run or absent:
            raise psycopg.Rollback(tx)
        item.event_id = record_event(
            conn,
            "erasure",
            config.process,
            subject=request_hash(by, value, key),
            counts=counts,
            details={"by": by, "not_rewritable": len(outcome.not_rewritable)},
        )
    return (None if absent else item), terms


def _keys_of(conn, survey: str, ids: list[str]) -> set[str]:
    return {
        r[0]
        for r in conn.execute(
            """select respondent_key from raw.survey_responses
               where survey_id = %s and response_id = any(%s) and respondent_key is not null""",
            (survey, ids),
        )
    }


def _delete(conn, table: str, params: dict) -> int:
    cursor = conn.execute(f"delete from {table} where survey_id = %(survey)s and response_id = any(%(ids)s)", params)
    return cursor.rowcount


def _delete_reviews(conn, survey: str, ids: list[str]) -> int:
    """Reviewers' decisions on the answers (their answer_id is survey:response:question);
    a codebook proposal made from one keeps the term but forgets the answer."""
    responses = [f"{survey}:{i}" for i in ids]
    owner = "regexp_replace({column}, ':[^:]*$', '') = any(%s)"
    conn.execute(
        f"update review.codebook_proposals set source_answer_id = null where {owner.format(column='source_answer_id')}",
        (responses,),
    )
    return conn.execute(
        f"delete from review.tag_decisions where {owner.format(column='answer_id')}", (responses,)
    ).rowcount


def _delete_quarantine(conn, config: ProcessConfig, terms: files.Terms) -> int:
    """Quarantined rows of the process's loads that hold the identifier, or a field equal to the response id."""
    values = [v.casefold() for v in terms.respondent_values]
    patterns = [f"%{v}%" for v in [*terms.respondent_values, *terms.response_ids]]
    if not patterns:
        return 0
    rows = conn.execute(
        """select q.quarantine_id, q.content, coalesce(l.delimiter, ';'), l.dataset
           from restricted.quarantine q join raw.load_log l using (load_id)
           where l.process = %s and q.content ilike any(%s)""",
        (config.process, patterns),
    ).fetchall()
    doomed = []
    for quarantine_id, content, delimiter, dataset in rows:
        fields = {f.strip() for record in csv.reader(content.splitlines(), delimiter=delimiter) for f in record}
        if any(v in content.casefold() for v in values) or (dataset == "survey" and fields & terms.response_ids):
            doomed.append(quarantine_id)
    if doomed:
        conn.execute("delete from restricted.quarantine where quarantine_id = any(%s)", (doomed,))
    return len(doomed)


def _scrub_quality_samples(conn, terms: files.Terms) -> int:
    """Great Expectations keeps up to 20 unexpected values per result: drop the samples that show the person."""
    patterns = [f"%{v}%" for v in terms.respondent_values | terms.respondent_keys]
    drop = " - ".join(f"'{k}'" for k in SAMPLE_KEYS)
    cursor = conn.execute(
        f"""update raw.quality_results set details = details - {drop}
            where details::text ilike any(%(patterns)s)
               or exists (select 1 from unnest(%(ids)s::text[]) i
                          where details -> 'partial_unexpected_list' @> to_jsonb(i))""",
        {"patterns": patterns, "ids": sorted(terms.response_ids)},
    )
    return cursor.rowcount


def _export_files(config: ProcessConfig) -> list[Path]:
    """The process's archived exports, those in its survey and round inboxes, and those left where
    older layouts put them."""
    exports = files.export_files(
        paths.archive_dir(config.process),
        paths.inbox_dir(config.process, "survey"),
        paths.inbox_dir(config.process, "priorities"),
    )
    return exports + paths.misplaced_inbox_files(config.process, "survey")


def _searched_folders() -> list[Path]:
    """Every folder that keeps data on disk: exports (archive, inbox), Great Expectations'
    results and data docs, the sent reports (their HTML and XLSX; a PDF's text is compressed)."""
    home = paths.hornsten_home()
    return [paths.archive_root(), paths.inbox_root(), home / "gx", home / "reports"]


def _prove(conn, config: ProcessConfig, terms: files.Terms, key: bytes, result: proof.Proof) -> None:
    proof.search_tables(conn, config, terms, result)
    everything = [p for root in _searched_folders() if root.is_dir() for p in root.rglob("*")]
    proof.search_files([p for p in everything if p.is_file()], set(_export_files(config)), config, terms, key, result)

"""After each survey load: the language of every answer not yet seen, and the
fingerprints that group identical and near-identical answers into campaigns.

Only answers without a row in raw.answer_detections are read (their keys listed once,
then read in keyset pages of primary-key order, so a daily load reads its own
answers' texts, not the survey's), and results are written with COPY. A replaced or erased answer takes its rows
with it (the tables cascade from raw.survey_answers), so running this again, or after a
re-delivered file, adds nothing. Grouping into campaigns — how many respondents share a
text, whether it is long enough — is set-based SQL in dbt (int_answer_campaigns).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from hornsten.config import ProcessConfig
from hornsten.tagging import campaigns
from hornsten.tagging.languages import LanguageDetector
from hornsten.warehouse.schema import INGEST_LOCK

PAGE = 20_000


@dataclass
class DetectionResult:
    answers: int = 0
    languages: Counter = field(default_factory=Counter)
    new_long_texts: int = 0
    near_duplicate_pairs: int = 0
    seconds: float = 0.0
    # Where the seconds went (reading, language, fingerprints, bands, pairs): the
    # benchmark's breakdown of the stage.
    parts: Counter = field(default_factory=Counter)

    def describe(self) -> str:
        other = {lang: n for lang, n in self.languages.most_common() if lang != "sv"}
        languages = ", ".join(f"{lang} {n:,}" for lang, n in other.items()) or "none"
        return (
            f"Detection: {self.answers:,} new answer(s) in {self.seconds:.1f} s; not Swedish: {languages}; "
            f"{self.new_long_texts:,} new long text(s), {self.near_duplicate_pairs:,} near-identical pair(s)"
        )


def detect(conn, config: ProcessConfig, echo: Callable[[str], None] = print) -> DetectionResult:
    """Classify and fingerprint the survey's answers not yet done; one transaction."""
    settings = config.survey.detection
    survey = config.survey.survey_id
    result = DetectionResult()
    started = time.monotonic()
    detector: LanguageDetector | None = None
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
        with _timed(result, "listing"):
            prune(conn, survey)
            conn.execute("create temporary table new_texts (text_hash text primary key) on commit drop")
            _list_banded(conn, survey)
            _list_pending(conn, survey)
        last = ("", "")
        while True:
            with _timed(result, "reading"):
                page = _pending(conn, last)
            if not page:
                break
            last = page[-1][1], page[-1][2]
            if detector is None:
                with _timed(result, "language"):
                    detector = LanguageDetector(settings.languages)
            _write_page(conn, page, detector, settings.campaign_min_words, settings.campaign_similarity, result)
        with _timed(result, "pairs"):
            pairs = _confirmed_pairs(conn, survey, settings.campaign_similarity)
            result.near_duplicate_pairs = len(pairs)
            if pairs:
                _recluster(conn, survey, pairs)
    result.seconds = time.monotonic() - started
    if result.answers:
        echo(result.describe())
    return result


@contextmanager
def _timed(result: DetectionResult, part: str):
    started = time.monotonic()
    try:
        yield
    finally:
        result.parts[part] += time.monotonic() - started


@contextmanager
def _hash_joins(conn):
    """No nested loops for the statements inside, in this transaction: on tables this
    run filled, the planner's statistics may still say they are empty."""
    conn.execute("set local enable_nestloop = off")
    try:
        yield
    finally:
        conn.execute("set local enable_nestloop = on")


def prune(conn, survey: str) -> int:
    """Drop the MinHash bands and near-duplicate links of texts no answer has any more
    (erased or replaced answers); their detections went with the answers."""
    removed = 0
    for table in ("raw.text_minhash_bands", "raw.near_duplicate_texts"):
        removed += conn.execute(
            f"""delete from {table} t
                where t.survey_id = %s
                  and not exists (select 1 from raw.answer_detections d
                                  where d.survey_id = t.survey_id and d.text_hash = t.text_hash)""",
            (survey,),
        ).rowcount
    return removed


def _list_banded(conn, survey: str) -> None:
    """The texts banded by earlier runs, listed once into a table of this transaction's own
    (analyzed): the pages' "banded before?" lookups then never read raw.text_minhash_bands,
    whose statistics lag behind the bands this run writes (after a truncate they say the
    table is empty, and a lookup per page became a scan per page)."""
    conn.execute(
        """create temporary table banded_texts on commit drop as
           select distinct text_hash from raw.text_minhash_bands where survey_id = %s""",
        (survey,),
    )
    conn.execute("alter table banded_texts add primary key (text_hash)")
    conn.execute("analyze banded_texts")


def _list_pending(conn, survey: str) -> None:
    """The answers without detections, with their texts, copied once into a table of this
    transaction's own (analyzed), which the pages then read alone. Found by a set
    difference: an anti-join paged over the growing table itself leaves the planner with
    the statistics of an empty table (a nested loop per row, minutes at 100k answers).
    The texts are joined in once, by hashing: joined again for every page, a plan made
    on those statistics once took 79 s to read 100,000 responses' answers. (The loader
    may not analyze a table it does not own.)"""
    conn.execute(
        """create temporary table pending_keys on commit drop as
           select survey_id, response_id, question_code from raw.survey_answers where survey_id = %(survey)s
           except
           select survey_id, response_id, question_code from raw.answer_detections where survey_id = %(survey)s""",
        {"survey": survey},
    )
    conn.execute("analyze pending_keys")
    with _hash_joins(conn):
        conn.execute(
            """create temporary table pending_answers on commit drop as
               select p.survey_id, p.response_id, p.question_code, a.answer_text
               from pending_keys p
               join raw.survey_answers a using (survey_id, response_id, question_code)"""
        )
    conn.execute("alter table pending_answers add primary key (response_id, question_code)")
    conn.execute("analyze pending_answers")


def _pending(conn, after: tuple[str, str]) -> list[tuple]:
    return conn.execute(
        """select survey_id, response_id, question_code, answer_text
           from pending_answers
           where (response_id, question_code) > (%s, %s)
           order by response_id, question_code
           limit %s""",
        (*after, PAGE),
    ).fetchall()


def _write_page(conn, page, detector: LanguageDetector, min_words: int, threshold: float, result) -> None:
    # The page was read under the lock and has no detections yet: COPY straight in.
    with _timed(result, "fingerprints"):
        normalised = [campaigns.normalise(row[3]) for row in page]
        hashes = [campaigns.fingerprint(text) for text in normalised]
        counts = [campaigns.word_count(text) for text in normalised]
    with _timed(result, "language"):
        detected = detector.detect(row[3] for row in page)
    with (
        _timed(result, "writing"),
        conn.cursor().copy(
            """copy raw.answer_detections (survey_id, response_id, question_code, language, language_confidence,
                                       language_method, text_hash, word_count) from stdin"""
        ) as copy,
    ):
        for row, found, text_hash, words in zip(page, detected, hashes, counts, strict=True):
            copy.write_row((*row[:3], found.language, found.confidence, found.method, text_hash, words))
            result.languages[found.language] += 1
    result.answers += len(page)
    with _timed(result, "bands"):
        _band_new_texts(conn, page[0][0], normalised, hashes, counts, min_words, threshold, result)


def _band_new_texts(conn, survey, normalised, hashes, counts, min_words, threshold, result) -> None:
    """MinHash bands for the long texts not banded before (each distinct text once)."""
    long_texts = {h: text for h, text, words in zip(hashes, normalised, counts, strict=True) if words >= min_words}
    if not long_texts:
        return
    known = {
        row[0]
        for row in conn.execute(
            """select text_hash from banded_texts where text_hash = any(%(hashes)s)
               union all
               select text_hash from new_texts where text_hash = any(%(hashes)s)""",
            {"hashes": list(long_texts)},
        )
    }
    fresh = [h for h in long_texts if h not in known]
    if not fresh:
        return
    bands = campaigns.band_keys([long_texts[h] for h in fresh], threshold)
    with conn.cursor().copy("copy raw.text_minhash_bands (survey_id, text_hash, band, band_key) from stdin") as copy:
        for text_hash, keys in zip(fresh, bands, strict=True):
            for band, key in enumerate(keys):
                copy.write_row((survey, text_hash, band, key))
    with conn.cursor().copy("copy new_texts (text_hash) from stdin") as copy:
        for text_hash in fresh:
            copy.write_row((text_hash,))
    result.new_long_texts += len(fresh)


def _confirmed_pairs(conn, survey: str, threshold: float) -> list[tuple[str, str, float]]:
    """Pairs of a new text and another sharing an LSH band, kept when their exact
    Jaccard similarity reaches the threshold."""
    # The bands were written in this transaction, so the table's statistics may still
    # say it is empty (say, the first load after a truncate): the planner then scans it
    # once per band row, quadratic in the texts (15 minutes at 100,000 responses). The
    # loader may not analyze a table it does not own; hash joins are right at any size.
    with _hash_joins(conn):
        candidates = conn.execute(
            """select distinct least(n.text_hash, o.text_hash), greatest(n.text_hash, o.text_hash)
               from new_texts t
               join raw.text_minhash_bands n on n.survey_id = %s and n.text_hash = t.text_hash
               join raw.text_minhash_bands o
                 on o.survey_id = n.survey_id and o.band = n.band and o.band_key = n.band_key
                and o.text_hash <> n.text_hash""",
            (survey,),
        ).fetchall()
    if not candidates:
        return []
    wanted = sorted({h for pair in candidates for h in pair})
    texts = dict(
        conn.execute(
            """select distinct on (d.text_hash) d.text_hash, a.answer_text
               from raw.answer_detections d
               join raw.survey_answers a using (survey_id, response_id, question_code)
               where d.survey_id = %s and d.text_hash = any(%s)
               order by d.text_hash""",
            (survey, wanted),
        ).fetchall()
    )
    normalised = {h: campaigns.normalise(text) for h, text in texts.items()}
    pairs = []
    for a, b in candidates:
        if a in normalised and b in normalised:
            similarity = campaigns.jaccard(normalised[a], normalised[b])
            if similarity >= threshold:
                pairs.append((a, b, similarity))
    return pairs


def _recluster(conn, survey: str, pairs: list[tuple[str, str, float]]) -> None:
    """Clusters from the links already known and the new pairs, written back whole (the
    table holds near-duplicates only, a small share of the texts)."""
    known = conn.execute(
        "select text_hash, group_hash, similarity from raw.near_duplicate_texts where survey_id = %s", (survey,)
    ).fetchall()
    clustered = campaigns.clusters([*known, *pairs])
    conn.execute("delete from raw.near_duplicate_texts where survey_id = %s", (survey,))
    with conn.cursor().copy(
        "copy raw.near_duplicate_texts (survey_id, text_hash, group_hash, similarity) from stdin"
    ) as copy:
        for text_hash, (group_hash, similarity) in clustered.items():
            copy.write_row((survey, text_hash, group_hash, min(similarity, 1.0)))

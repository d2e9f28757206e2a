"""Rows of an export made ready for COPY: parsed, validated and pseudonymised — on every
core when the file is large.

Pseudonymisation (Presidio over each free text) and parsing are pure Python and take
nearly all of an ingest's time, while PostgreSQL waits; COPY itself is cheap. So a
large file's rows go in chunks to worker processes, one per core, and come back in
file order: the rows written, and therefore the load's results, are the same as when
one process does it all. At most ``2 × workers`` chunks are in flight, so memory
stays flat in the file's size. The first chunk is done here, which also warms up the
recognizers before the workers are forked from this process (they inherit them
instead of building their own), and a small file never starts a worker at all.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import re
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from hornsten.privacy.pseudonymise import keyed_hash, pseudonymise_text
from hornsten.survey.rows import ParsedResponse, RejectedRow, RowParser
from hornsten.survey.sources import Cell, UnreadableRow, row_as_text

# A row ready for COPY into the ingest's _incoming table, with the kind of reason
# when it is rejected (None for a good row).
Prepared = tuple[str | None, tuple[object, ...]]
Row = tuple[int, list[Cell] | UnreadableRow]

CHUNK_ROWS = 5_000
MAX_WORKERS = 8


def default_workers() -> int:
    """HORNSTEN_INGEST_WORKERS, or one per core this process may use (at most MAX_WORKERS)."""
    configured = os.environ.get("HORNSTEN_INGEST_WORKERS", "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise ValueError(f"HORNSTEN_INGEST_WORKERS must be a whole number, not {configured!r}") from None
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0))))


class RowPreparer:
    """Parses one row against the file's layout and pseudonymises what it keeps."""

    def __init__(self, parser: RowParser, key: bytes, delimiter: str):
        self.parser = parser
        self.key = key
        self.delimiter = delimiter

    def prepare(self, row_number: int, values: list[Cell] | UnreadableRow) -> Prepared:
        parsed = self.parser.parse(row_number, values)
        if isinstance(parsed, RejectedRow):
            return reason_kind(parsed.reason), self._rejected(parsed)
        return None, self._incoming(parsed)

    def prepare_chunk(self, chunk: list[Row]) -> list[Prepared]:
        return [self.prepare(row_number, values) for row_number, values in chunk]

    def _incoming(self, parsed: ParsedResponse) -> tuple[object, ...]:
        answers = {code: pseudonymise_text(text) for code, text in parsed.answers.items()}
        return (
            parsed.row_number,
            parsed.response_id,
            parsed.submitted_at,
            parsed.submitted_at_source,
            keyed_hash(parsed.respondent_id, self.key) if parsed.respondent_id else None,
            parsed.respondent_id,
            json.dumps(parsed.closed, ensure_ascii=False),
            json.dumps(answers, ensure_ascii=False),
            json.dumps(parsed.answers, ensure_ascii=False),
            None,
            None,
        )

    def _rejected(self, parsed: RejectedRow) -> tuple[object, ...]:
        content = parsed.raw if parsed.raw is not None else row_as_text(parsed.values, self.delimiter)
        # PostgreSQL text cannot hold NUL; the reason says it was replaced.
        return (parsed.row_number, *([None] * 8), no_nul(parsed.reason), no_nul(content))


def prepared_rows(
    rows: Iterable[Row], preparer: RowPreparer, workers: int = 1, chunk_rows: int | None = None
) -> Iterator[Prepared]:
    """Every row prepared, in file order; by `workers` processes once a file has more
    than one chunk (of CHUNK_ROWS rows unless `chunk_rows` is given)."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    rows = iter(rows)
    first = list(islice(rows, chunk_rows))
    yield from preparer.prepare_chunk(first)
    if len(first) < chunk_rows:
        return
    if workers <= 1:
        for row_number, values in rows:
            yield preparer.prepare(row_number, values)
        return
    yield from _in_workers(rows, preparer, workers, chunk_rows)


_worker_preparer: RowPreparer | None = None
_PR_SET_PDEATHSIG = 1


def _start_worker(preparer: RowPreparer, parent: int) -> None:
    global _worker_preparer
    _die_with(parent)
    _worker_preparer = preparer


def _die_with(parent: int) -> None:
    """A load killed outright (SIGKILL, out of memory) takes its workers with it: each
    holds a forked copy of the loader's connection socket, which would keep the dead
    load's session, and its ingest lock, open for ever."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the workers end with the pool only
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _prepare_in_worker(chunk: list[Row]) -> list[Prepared]:
    assert _worker_preparer is not None, "worker started without a preparer"
    return _worker_preparer.prepare_chunk(chunk)


def _in_workers(rows: Iterator[Row], preparer: RowPreparer, workers: int, chunk_rows: int) -> Iterator[Prepared]:
    # Forked, not spawned: the workers inherit the warmed-up recognizers and the parser
    # (nothing to pickle or import again); they never touch the parent's connection.
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(preparer, os.getpid()),
    )
    in_flight: deque[Future[list[Prepared]]] = deque()
    try:
        while chunk := list(islice(rows, chunk_rows)):
            try:
                in_flight.append(pool.submit(_prepare_in_worker, chunk))
            except AssertionError:  # "daemonic processes are not allowed to have children"
                # Run as a daemon process (some executors' workers): one core, same rows.
                yield from _drain(in_flight)
                yield from preparer.prepare_chunk(chunk)
                for row_number, values in rows:
                    yield preparer.prepare(row_number, values)
                return
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        yield from _drain(in_flight)
    finally:
        # Also when the load fails or is interrupted half-way: no worker outlives it.
        pool.shutdown(wait=True, cancel_futures=True)


def _drain(in_flight: deque[Future[list[Prepared]]]) -> Iterator[Prepared]:
    while in_flight:
        yield from in_flight.popleft().result()


def no_nul(text: str) -> str:
    return text.replace("\x00", "\ufffd")


def reason_kind(reason: str) -> str:
    """'unknown district 'Atlantis' (column …)' -> 'unknown district …', for per-file summaries."""
    head = reason.split(" (")[0].split(":")[0]
    return re.sub(r"'[^']*'", "…", head)

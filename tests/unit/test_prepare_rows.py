"""Rows prepared in worker processes come out exactly as one process prepares them:
same rows, same order, same reasons — a large file's load does not depend on the cores."""

from __future__ import annotations

import datetime as dt

import pytest

from hornsten.config import load_process
from hornsten.survey import prepare
from hornsten.survey.rows import RowParser, choose_layout
from hornsten.survey.sources import open_export
from tests.exports import good_row, write_csv

CONFIG = load_process("norrkoping_vision_2035")
DELIVERED = dt.datetime(2024, 4, 1, 9, 30, tzinfo=dt.UTC)
KEY = b"test-key"


def _rows(count: int) -> list[list[str]]:
    rows = []
    for i in range(1, count + 1):
        if i % 7 == 0:
            rows.append(good_row(str(i), submitted="inte ett datum"))
        elif i % 11 == 0:
            rows.append(good_row(str(i), district="Atlantis"))
        elif i % 5 == 0:
            rows.append(good_row(str(i), idag=f"Ring mig på 070-123 45 {i % 100:02d}, Anna Svensson"))
        else:
            rows.append(good_row(str(i), idag=f"Parkerna och ån, svar {i}"))
    return rows


def _prepare(path, workers: int, chunk_rows: int) -> list[prepare.Prepared]:
    with open_export(path) as export:
        layout, mapping = choose_layout(CONFIG, export.header, path.name)
        parser = RowParser(CONFIG, layout, mapping, export.header, DELIVERED)
        preparer = prepare.RowPreparer(parser, KEY, export.delimiter or ";")
        return list(prepare.prepared_rows(export.rows, preparer, workers, chunk_rows))


def test_workers_prepare_the_same_rows_in_file_order(tmp_path):
    path = write_csv(tmp_path / "export.csv", _rows(230))
    alone = _prepare(path, workers=1, chunk_rows=10)
    together = _prepare(path, workers=2, chunk_rows=10)
    assert together == alone
    assert [row[0] for _, row in together] == list(range(2, 232))  # file row numbers, header is 1
    reasons = [reason for reason, _ in together if reason]
    assert reasons.count("unknown district …") == 18 and any(r.startswith("bad date") for r in reasons)
    # The personal data was pseudonymised in the workers too.
    redacted = [row for reason, row in together if reason is None and "[telefon]" in row[7]]
    assert len(redacted) == len([r for r in _rows(230) if "070-123" in r[3]])
    assert all("070-123" not in row[7] for _, row in together if row[7])


def test_a_file_of_one_chunk_never_starts_a_worker(tmp_path, monkeypatch):
    def no_pool(*_args, **_kwargs):
        raise AssertionError("a worker pool was started for a small file")

    monkeypatch.setattr(prepare, "ProcessPoolExecutor", no_pool)
    path = write_csv(tmp_path / "small.csv", _rows(9))
    assert len(_prepare(path, workers=4, chunk_rows=10)) == 9


def test_a_failing_consumer_leaves_no_worker_behind(tmp_path):
    import multiprocessing

    path = write_csv(tmp_path / "export.csv", _rows(200))
    with open_export(path) as export:
        layout, mapping = choose_layout(CONFIG, export.header, path.name)
        preparer = prepare.RowPreparer(RowParser(CONFIG, layout, mapping, export.header, DELIVERED), KEY, ";")
        rows = prepare.prepared_rows(export.rows, preparer, workers=2, chunk_rows=10)
        for count, _ in enumerate(rows):
            if count == 50:
                break
        rows.close()  # what a failed COPY does to the generator
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), ("0", 1)])
def test_the_number_of_workers_can_be_set(monkeypatch, value, expected):
    monkeypatch.setenv("HORNSTEN_INGEST_WORKERS", value)
    assert prepare.default_workers() == expected


def test_a_bad_number_of_workers_is_named(monkeypatch):
    monkeypatch.setenv("HORNSTEN_INGEST_WORKERS", "many")
    with pytest.raises(ValueError, match="HORNSTEN_INGEST_WORKERS must be a whole number, not 'many'"):
        prepare.default_workers()


def test_by_default_one_worker_per_usable_core(monkeypatch):
    monkeypatch.delenv("HORNSTEN_INGEST_WORKERS", raising=False)
    monkeypatch.setattr(prepare.os, "sched_getaffinity", lambda _pid: set(range(32)))
    assert prepare.default_workers() == prepare.MAX_WORKERS


def test_a_daemon_process_that_may_not_fork_prepares_the_rows_itself(tmp_path):
    import multiprocessing

    path = write_csv(tmp_path / "export.csv", _rows(60))
    alone = _prepare(path, workers=1, chunk_rows=10)

    def in_daemon(queue):
        queue.put(_prepare(path, workers=2, chunk_rows=10))

    queue = multiprocessing.get_context("fork").Queue()
    daemon = multiprocessing.get_context("fork").Process(target=in_daemon, args=(queue,), daemon=True)
    daemon.start()
    result = queue.get(timeout=60)
    daemon.join(timeout=30)
    assert daemon.exitcode == 0 and result == alone

"""Benchmark: load a large generated CSV export through the production ingest path.

    hornsten up --no-airflow
    python benchmarks/bench_ingest.py --responses 1000000

Prints the generation time, the load time, rows/second and peak memory of the
loader (which must stay flat: the file is streamed, never read whole).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import running_stack  # noqa: E402

from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.survey.ingest import ingest_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--process", default=None)
    args = parser.parse_args()

    settings = running_stack()
    config = load_process(args.process)
    key = settings.secrets()["pseudonym_key"].encode()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        sample = generate_sample(config, args.responses, 1, ["csv"], Path(tmp))
        generated = time.perf_counter() - started
        main_file = next(f for f in sample.files if not f.path.name.endswith("_redelivery.csv"))
        size_mb = main_file.path.stat().st_size / 1e6
        print(f"generated {main_file.rows:,} rows ({size_mb:.0f} MB) in {generated:.1f} s")
        with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
            started = time.perf_counter()
            (result,) = ingest_files(conn, [main_file.path], config, key)
            elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"loaded: {result.status}, {result.rows_read:,} read, {result.loaded:,} loaded, "
        f"{result.duplicates:,} duplicates, {result.quarantined:,} quarantined"
    )
    print(
        f"ingest: {elapsed:.1f} s = {result.rows_read / elapsed:,.0f} rows/s; "
        f"peak RSS {peak_mb:.0f} MB (pid {os.getpid()})"
    )


if __name__ == "__main__":
    main()

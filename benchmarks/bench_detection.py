"""Benchmark: language and campaign detection (hornsten.survey.detection) on a large
generated survey, from scratch and then incrementally.

    hornsten up --no-airflow
    python benchmarks/bench_detection.py --responses 50000

Loads a generated CSV through the ingest (without detection), then times detection
of every answer not yet detected, then a second run (nothing new: the daily run's
fixed cost), and prints answers/second and how many went to lingua.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import running_stack  # noqa: E402

from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.survey import detection
from hornsten.survey.ingest import ingest_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--process", default=None)
    args = parser.parse_args()

    settings = running_stack()
    config = load_process(args.process)
    key = settings.secrets()["pseudonym_key"].encode()
    with tempfile.TemporaryDirectory() as tmp, psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
        sample = generate_sample(config, args.responses, 7, ["csv"], Path(tmp))
        main_file = next(f for f in sample.files if not f.path.name.endswith("_redelivery.csv"))
        ingest_files(conn, [main_file.path], config, key)
        for label in ("first run", "second run"):
            result = detection.detect(conn, config, echo=lambda _: None)
            rate = result.answers / result.seconds if result.seconds else 0
            by_lingua = conn.execute(
                "select count(*) from raw.answer_detections where survey_id = %s and language_method = 'lingua'",
                (config.survey.survey_id,),
            ).fetchone()[0]
            print(
                f"{label}: {result.answers:,} answers in {result.seconds:.1f} s = {rate:,.0f} answers/s; "
                f"{result.new_long_texts:,} long texts hashed, {result.near_duplicate_pairs:,} near-identical pairs; "
                f"{by_lingua:,} answers of the survey decided by lingua"
            )


if __name__ == "__main__":
    main()

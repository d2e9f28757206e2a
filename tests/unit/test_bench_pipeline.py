"""The benchmark's arithmetic: the ratios against the floors, the tenfold-data factor,
and a missed target naming its stage (the measuring itself is `make bench`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_pipeline  # noqa: E402
import regex_baseline  # noqa: E402
from harness import Stage, measure  # noqa: E402


def _stages(scale_ingest: float) -> list[Stage]:
    stages = []
    for n, factor in ((10_000, 1.0), (100_000, 10.0)):
        stages += [
            Stage("copy floor", n, seconds=0.5 * factor, rows=n, kind="floor"),
            Stage("ingest", n, seconds=0.6 * factor * (scale_ingest if n == 100_000 else 1), rows=n),
            Stage("detection", n, seconds=1.0 * factor, rows=n),
            Stage("quality (GX)", n, seconds=5.0, rows=n),
            Stage("dbt survey staging", n, seconds=4.0 * factor, rows=n),
            Stage(
                "dbt tagging, themes, cornerstones",
                n,
                seconds=10.0 * factor,
                rows=n,
                notes={"tagging_models_seconds": 2.0 * factor},
                peak_mb=300,
            ),
            Stage("to_tsvector floor", n, seconds=1.0 * factor, rows=n, kind="floor"),
        ]
    return stages


def test_targets_met_when_every_ratio_is_within_bounds():
    summary = bench_pipeline.targets(_stages(scale_ingest=1.0))
    assert summary["responses"] == 100_000
    assert summary["ingest_over_copy_floor"] == 1.2
    assert summary["tagging_over_tsvector_floor"] == 2.0
    assert summary["file_to_cornerstones_seconds"] == pytest.approx(6 + 10 + 5 + 40 + 100, abs=0.1)
    assert summary["missed"] == {}


def test_a_stage_that_grows_faster_than_the_data_is_named():
    summary = bench_pipeline.targets(_stages(scale_ingest=2.0))
    assert summary["missed"]["ingest_over_copy_floor"]["value"] == 2.4
    missed = summary["missed"]["tenfold_data_time_factor"]
    assert missed["value"] == 20.0 and missed["stage"] == "ingest 10000->100000"


def test_measure_records_time_and_memory():
    with measure(Stage("work", 1)) as stage:
        block = bytearray(64 * 2**20)
        stage.rows = len(block)
    assert stage.seconds > 0 and stage.peak_mb >= 64
    assert stage.as_json()["rows_per_second"] > 0


def test_regex_baseline_tags_by_the_codebook_terms(tmp_path):
    terms = tmp_path / "terms.csv"
    terms.write_text(
        "component,term,match,strength,note\n"
        "cykel,cykel,prefix,,\nbuss,kollektivtrafik,phrase,,\nbuss,busslinje,infix,,\n",
        encoding="utf-8",
    )
    tagger = regex_baseline.RegexTagger.from_codebook(terms)
    assert tagger.tag("Fler Cykelbanor!") == {"cykel"}
    assert tagger.tag("bättre kollektivtrafik och nya stadsbusslinjer") == {"buss"}
    assert tagger.tag("kollektivtrafiken") == frozenset()  # a phrase is whole words


def test_a_missed_target_names_the_slowest_stage_and_says_why():
    stages = _stages(scale_ingest=1.0)
    for stage in stages:
        if stage.stage == "dbt tagging, themes, cornerstones" and stage.responses == 100_000:
            stage.seconds = 400.0
            stage.notes = {
                "tagging_models_seconds": 40.0,
                "slowest": [("theme_shares", 40.0), ("int_text_words", 20.0)],
            }
    missed = bench_pipeline.targets(stages)["missed"]
    assert missed["file_to_cornerstones_seconds"]["stage"] == "dbt tagging, themes, cornerstones (400 s)"
    # the why is the slowest stage's own, not the general one
    why = missed["file_to_cornerstones_seconds"]["why"]
    assert why == bench_pipeline.STAGE_WHY["dbt tagging, themes, cornerstones"]
    assert missed["tagging_over_tsvector_floor"]["stage"] == "int_text_words (20 s)"
    assert all(entry["why"] for entry in missed.values())

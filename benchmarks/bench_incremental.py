"""Benchmark: the daily run after a delivery of 1% more responses — the incremental
dbt build of the components selector beside a full rebuild of the same data.

    python benchmarks/bench_incremental.py --responses 100000
    python benchmarks/bench_incremental.py --responses 20000,100000 --out results.json

Runs on a PostgreSQL of its own (a temporary HORNSTEN_HOME on free ports; a
developer's stack is never touched). Per size: generates responses + 1% as one
export and splits it into two deliveries; ingests the first and builds it (the
state a daily run starts from); ingests the second (+1%); then times

- incremental: ``dbt build --selector components`` as the components DAG runs it —
  the per-text tagging models tag only the new texts;
- full: ``dbt build --selector components --full-refresh`` on the same data.

Prints wall time of each build, the tagging chain's own seconds and the rows the
per-text models inserted (dbt's run_results.json), and the slowest models of the
incremental build (what is left: the aggregates, recomputed whole)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("TQDM_DISABLE", "1")

from harness import scratch_stack  # noqa: E402

from hornsten.committee import valuation  # noqa: E402
from hornsten.config import ProcessConfig, load_process  # noqa: E402
from hornsten.demo.survey import generate_sample  # noqa: E402
from hornsten.devstack import stack  # noqa: E402
from hornsten.survey import service  # noqa: E402
from hornsten.tagging.codebook import codebook_themes  # noqa: E402
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir, target_dir  # noqa: E402

PER_TEXT = ("int_text_words", "int_text_term_matches", "int_text_component_candidates", "int_text_components")
TAGGING_PREFIXES = ("int_text", "int_tagg", "int_vocabulary", "int_phrase_tokens", "int_answer", "int_tag_decisions")
TRUNCATE = (
    "truncate raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, "
    "restricted.respondents, restricted.quarantine, raw.quality_results, raw.answer_detections, "
    "raw.committee_valuations, raw.text_minhash_bands, raw.near_duplicate_texts, raw.load_log cascade"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", default="100000", help="responses of the base delivery, comma-separated")
    parser.add_argument("--process", default="norrkoping_vision_2035")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here too")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.responses.split(",") if s.strip()]
    config = load_process(args.process)
    figures = []
    with scratch_stack(echo=lambda line: print(f"  {line}")) as settings, tempfile.TemporaryDirectory() as tmp:
        for responses in sizes:
            print(f"\n== {responses:,} responses, then +{responses // 100:,} ==", flush=True)
            figures.append(run_size(settings, config, responses, Path(tmp) / str(responses)))
    print_table(figures)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"\nwritten: {args.out}")


def run_size(settings: stack.Settings, config: ProcessConfig, responses: int, work: Path) -> dict:
    new = max(responses // 100, 1)
    sample = generate_sample(config, responses + new, 1, ["csv"], work)
    export = next(f.path for f in sample.files if not f.path.name.endswith("_redelivery.csv"))
    base, delta = split(export, new, work)
    env = {**stack.full_env(settings), **config.dbt_env()}
    with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
        conn.execute(TRUNCATE)
        print("  ingest of the base delivery …", flush=True)
        service.ingest_exports(conn, config, [base], echo=lambda _line: None)
        load_valuation(conn, config, work)
        print("  dbt build of the base delivery …", flush=True)
        dbt_build(env, "survey_staging")
        dbt_build(env, "components")
        print(f"  ingest of {new:,} more responses …", flush=True)
        started = time.perf_counter()
        service.ingest_exports(conn, config, [delta], echo=lambda _line: None)
        ingest_seconds = time.perf_counter() - started
        texts = conn.execute("select count(*) from raw.survey_answers").fetchone()[0]
    print("  incremental dbt build …", flush=True)
    dbt_build(env, "survey_staging")
    incremental = dbt_build(env, "components")
    print("  full rebuild (--full-refresh) …", flush=True)
    full = dbt_build(env, "components", "--full-refresh")
    return {
        "responses": responses,
        "new_responses": new,
        "texts": texts,
        "delta_ingest_seconds": round(ingest_seconds, 1),
        "incremental": incremental,
        "full": full,
    }


def split(export: Path, new: int, work: Path) -> tuple[Path, Path]:
    """The export as two deliveries: all but the last `new` responses, then those."""
    with export.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    paths = (work / "base.csv", work / "delta.csv")
    for path, body in zip(paths, (rows[:-new], rows[-new:]), strict=True):
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *body])
    return paths


def load_valuation(conn, config: ProcessConfig, work: Path) -> None:
    """A sample committee valuation, so that the build reaches the cornerstones."""
    parties = [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"]
    sheet = valuation.sample_valuations(work / "valuation.csv", codebook_themes(), parties, seed=3)
    parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
    valuation.load(conn, config.process, sheet.name, parsed.valuations)


def dbt_build(env: dict[str, str], selector: str, *flags: str) -> dict:
    """One ``dbt build --selector`` as the DAGs run it; wall seconds and what run_results.json says."""
    command = [dbt_executable(), "build", "--selector", selector, "--indirect-selection", "buildable", "--quiet"]
    started = time.perf_counter()
    result = subprocess.run([*command, *flags], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"dbt build --selector {selector} failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    results = json.loads((target_dir() / "run_results.json").read_text())["results"]
    models = {r["unique_id"].split(".")[-1]: r for r in results if r["unique_id"].startswith("model.")}
    return {
        "seconds": round(seconds, 1),
        "tagging_seconds": round(
            sum(r["execution_time"] for name, r in models.items() if name.startswith(TAGGING_PREFIXES)), 1
        ),
        "per_text_seconds": {name: round(models[name]["execution_time"], 2) for name in PER_TEXT if name in models},
        "per_text_rows": {
            name: models[name]["adapter_response"].get("rows_affected") for name in PER_TEXT if name in models
        },
        "slowest": [
            (name, round(r["execution_time"], 1))
            for name, r in sorted(models.items(), key=lambda item: -item[1]["execution_time"])[:6]
        ],
    }


def print_table(figures: list[dict]) -> None:
    print(f"\n{'responses':>10} {'+new':>6} {'build':<12} {'wall s':>8} {'tagging s':>10} {'words inserted':>15}")
    for f in figures:
        for kind in ("full", "incremental"):
            run = f[kind]
            words = run["per_text_rows"]["int_text_words"]
            print(
                f"{f['responses']:>10,} {f['new_responses']:>6,} {kind:<12} {run['seconds']:>8.1f} "
                f"{run['tagging_seconds']:>10.1f} {words:>15,}"
            )
        inc, full = f["incremental"], f["full"]
        print(
            f"{'':>18} incremental/full: {inc['seconds'] / full['seconds']:.2f} of the wall time, "
            f"{inc['tagging_seconds'] / max(full['tagging_seconds'], 0.1):.2f} of the tagging models' time"
        )
        print(f"{'':>18} per-text models, full:        {full['per_text_seconds']}")
        print(f"{'':>18} per-text models, incremental: {inc['per_text_seconds']}")
        print(f"{'':>18} slowest in the incremental build: {inc['slowest']}")


if __name__ == "__main__":
    main()

"""Benchmark: the survey pipeline from file to cornerstones at 10,000, 100,000 and
1,000,000 generated responses, each stage beside its floor and what a user would
otherwise reach for.

    make bench                                   # all three sizes (about 40 minutes)
    python benchmarks/bench_pipeline.py --sizes 10000,100000 --skip-baselines

Runs on a PostgreSQL of its own (a temporary HORNSTEN_HOME on free ports; a
developer's stack is never touched). Per size, on the same data:

- hornsten: generation, ingest (validation, de-duplication, quarantine and
  pseudonymisation), language and campaign detection, the GX checkpoint, the dbt
  build of the survey staging and of the tagging, theme and cornerstone models
  (the tagging models' own time read from dbt's run_results.json), report rendering;
- floor: a plain COPY of the file into an unlogged table; one
  ``to_tsvector('swedish', …)`` pass over every answer text;
- baseline: pandas ``read_csv`` + ``to_sql``; Python regular expressions over the
  codebook's terms (on a sample of texts, with its F1 on the dev set).

Prints a table and the targets (met, or which stage misses them), writes
benchmarks/results/pipeline-<date>.json and a chart of time per stage against size
(benchmarks/results/pipeline.svg)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("TQDM_DISABLE", "1")  # GX's progress bars
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

from harness import Stage, measure, scratch_stack  # noqa: E402

from hornsten.config import ProcessConfig, load_process  # noqa: E402
from hornsten.demo.survey import generate_sample  # noqa: E402
from hornsten.devstack import landing, stack  # noqa: E402
from hornsten.survey import ingest, service  # noqa: E402
from hornsten.survey.sources import sniff_delimiter  # noqa: E402
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir, install_packages, target_dir  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = (10_000, 100_000, 1_000_000)
# The tagging chain (selectors.yml "tagging"): what the 3x-to_tsvector target is about.
TAGGING_PREFIXES = ("int_text_", "int_answer_components", "int_answers_tagged", "stg_texts")
REGEX_SAMPLE = 5_000
# Why a target is missed when it is, as measured on 2 cores (README, "Benchmarks"); the
# stage or model that costs most is named beside it from the run's own figures.
WHY = {
    # The file-to-cornerstones figure is the stages' sum: the why is the slowest stage's.
    "file_to_cornerstones_seconds": "the stages run one after another; the slowest is named, the rest are in the table",
    "ingest_over_copy_floor": (
        "every text is pseudonymised (Presidio with Swedish recognizers) and every answer is stored twice, "
        "pseudonymised and original, with its keys; the COPY floor does none of this"
    ),
    "tagging_over_tsvector_floor": (
        "the tagging does more than one to_tsvector pass: every word with its position and capital, stems, "
        "prefixes, typos, phrases in order and the place-in-passing and scene-verb context of each match"
    ),
    "tenfold_data_time_factor": "the stage named grows faster than its data",
    "peak_mb": "the stage named holds the most memory",
}
STAGE_WHY = {
    "ingest": "every text is pseudonymised and stored twice (see ingest_over_copy_floor)",
    "detection": (
        "every text is fingerprinted (MinHash bands over word shingles) for campaigns and its language "
        "told by lingua, in Python, one core"
    ),
    "quality (GX)": (
        "the checkpoint reads every pseudonymised text again with the SQL twin of the personal-data "
        "detector (names word by word against the name lists), so that no leak passes unseen"
    ),
    "dbt tagging, themes, cornerstones": (
        "every word of every text is read several times (stems, prefixes, typos, phrases, the context of "
        "each match) and some 60 tables are rebuilt with their tests, two models at a time on 2 cores"
    ),
}
TARGETS = {
    "file_to_cornerstones_seconds": 180,
    "ingest_over_copy_floor": 1.5,
    "tagging_over_tsvector_floor": 3.0,
    "tenfold_data_time_factor": 12.0,
    "peak_mb": 2048,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="responses per run, comma-separated")
    parser.add_argument("--process", default="norrkoping_vision_2035")
    parser.add_argument("--skip-baselines", action="store_true", help="leave out pandas to_sql and the regex tagger")
    parser.add_argument("--out", type=Path, default=None, help="the JSON file (default benchmarks/results/…)")
    parser.add_argument(
        "--report", type=Path, default=None, help="measure nothing: the table, targets and chart of a results file"
    )
    args = parser.parse_args()
    if args.report:
        stages = [Stage(**{k: v for k, v in s.items() if k != "rows_per_second"}) for s in _read(args.report)]
        args.out = args.report
    else:
        stages = measure_sizes(args)
    summary = targets(stages)
    print_table(stages)
    print_targets(summary)
    out = args.out or RESULTS / f"pipeline-{dt.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"stages": [s.as_json() for s in stages], "targets": summary}, indent=2) + "\n")
    chart(stages, out.with_name("pipeline.svg"))
    print(f"\nwritten: {out} and {out.with_name('pipeline.svg')}")


def _read(path: Path) -> list[dict]:
    return json.loads(path.read_text())["stages"]


def measure_sizes(args) -> list[Stage]:
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    config = load_process(args.process)
    stages: list[Stage] = []
    with scratch_stack(echo=lambda line: print(f"  {line}")) as settings, tempfile.TemporaryDirectory() as tmp:
        for responses in sizes:
            print(f"\n== {responses:,} responses ==")
            stages += run_size(settings, config, responses, Path(tmp) / str(responses), not args.skip_baselines)
    return stages


def run_size(settings: stack.Settings, config: ProcessConfig, responses: int, work: Path, baselines: bool):
    stages = []

    def stage(name: str, kind: str = "hornsten") -> Stage:
        stages.append(Stage(name, responses, kind=kind))
        print(f"  {name} …", flush=True)
        return stages[-1]

    with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
        landing.empty(conn)
        with measure(stage("generation")) as s:
            sample = generate_sample(config, responses, 1, ["csv"], work)
            export = next(f for f in sample.files if not f.path.name.endswith("_redelivery.csv"))
            s.rows = export.rows
        with measure(stage("copy floor", "floor")) as s:
            s.rows = copy_floor(conn, export.path)
        if baselines:
            with measure(stage("pandas read_csv + to_sql", "baseline")) as s:
                s.rows = pandas_floor(settings, export.path)
        with measure(stage("ingest")) as s:
            (result,) = ingest.ingest_files(conn, [export.path], config, ingest.pseudonym_key())
            s.rows = result.rows_read
            s.notes = {"loaded": result.loaded, "quarantined": result.quarantined, "status": result.status}
        texts = conn.execute("select count(*) from raw.survey_answers").fetchone()[0]
        with measure(stage("detection")) as s:
            found = service.detect_answers(conn, config, echo=lambda _line: None)
            s.rows = texts
            s.notes = {"seconds_by_part": {k: round(v, 1) for k, v in found.parts.most_common()}}
        with measure(stage("quality (GX)")) as s:
            s.rows = responses
            s.notes = quality(settings, config, result.load_id)
        env = {**stack.full_env(settings), **config.dbt_env()}
        install_packages(env)  # a fresh clone has not linked the vendored dbt-utils yet
        with measure(stage("dbt survey staging")) as s:
            dbt_build(env, "survey_staging")
            s.rows = texts
        with measure(stage("dbt tagging, themes, cornerstones")) as s:
            timings = dbt_build(env, "components")
            s.rows = texts
            tagging = round(sum(t for node, t in timings.items() if node.startswith(TAGGING_PREFIXES)), 3)
            s.notes = {"tagging_models_seconds": tagging, "slowest": sorted(timings.items(), key=lambda i: -i[1])[:5]}
        with measure(stage("to_tsvector floor", "floor")) as s:
            conn.execute("select count(to_tsvector('swedish', answer_text)) from raw.survey_answers")
            s.rows = texts
        if baselines:
            with measure(stage("python regex tagging", "baseline")) as s:
                s.rows, s.notes = regex_baseline(conn)
        with measure(stage("reports")) as s:
            s.rows = render_reports(conn, config, work / "reports")
    for s in stages:
        print(
            f"    {s.stage:<36} {s.seconds:>9.1f} s {s.rows_per_second:>12,.0f} rows/s "
            f"{s.peak_mb:>7.0f} MB peak (+{s.added_mb:.0f} MB)"
        )
    return stages


def copy_floor(conn, path: Path) -> int:
    """The export's bytes, with no checks, into an unlogged table: the least a load can cost.

    Each line lands whole in one column (the sample files carry malformed rows on purpose,
    which a typed COPY would refuse)."""
    conn.execute("drop table if exists bench_copy_floor")
    conn.execute("create unlogged table bench_copy_floor (line text)")
    statement = "copy bench_copy_floor from stdin (format csv, delimiter e'\\x01', quote e'\\x02')"
    with conn.cursor() as cur, cur.copy(statement) as copy, path.open("rb") as raw:
        while block := raw.read(1 << 20):
            copy.write(block)
    rows = conn.execute("select count(*) from bench_copy_floor").fetchone()[0]
    conn.execute("drop table bench_copy_floor")
    return rows


def pandas_floor(settings: stack.Settings, path: Path) -> int:
    """What an analyst would write: read the CSV with pandas, write it with to_sql (the
    malformed rows skipped, i.e. lost: what hornsten's quarantine is for)."""
    import pandas as pd
    import sqlalchemy

    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline()
    delimiter = sniff_delimiter(header)  # as the ingest reads it

    engine = sqlalchemy.create_engine(settings.warehouse_dsn.replace("postgresql://", "postgresql+psycopg://", 1))
    rows = 0
    with engine.begin() as connection:
        for i, chunk in enumerate(pd.read_csv(path, sep=delimiter, chunksize=100_000, dtype=str, on_bad_lines="skip")):
            chunk.to_sql("bench_pandas", connection, if_exists="replace" if i == 0 else "append", index=False)
            rows += len(chunk)
        connection.exec_driver_sql("drop table bench_pandas")
    return rows


def quality(settings: stack.Settings, config: ProcessConfig, load_id: int) -> dict:
    from hornsten.quality import checkpoint

    with contextlib.redirect_stderr(io.StringIO()):  # GX's progress bars, whatever TQDM_DISABLE says
        report = checkpoint.run_checkpoint(config, settings.warehouse_dsn, [load_id], settings.home / "gx")
    return {"expectations": len(report.outcomes), "critical_failures": len(report.critical_failures)}


def dbt_build(env: dict[str, str], selector: str) -> dict[str, float]:
    """``dbt build --selector``; the seconds of each node (run_results.json)."""
    result = subprocess.run(
        # As the DAGs build (hornsten.airflow.cosmos): no tests of models outside the selector.
        # --full-refresh: each size is a new survey, not a daily delivery on top of the last
        # (benchmarks/bench_incremental.py measures that).
        [
            dbt_executable(),
            "build",
            "--selector",
            selector,
            "--indirect-selection",
            "buildable",
            "--full-refresh",
            "--quiet",
        ],
        cwd=dbt_project_dir(),
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"dbt build --selector {selector} failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    results = json.loads((target_dir() / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results if r["unique_id"].startswith("model.")}


def regex_baseline(conn) -> tuple[int, dict]:
    """Python regular expressions over the codebook's terms, the way a notebook would tag."""
    import regex_baseline as baseline

    tagger = baseline.RegexTagger.from_codebook()
    texts = [row[0] for row in conn.execute("select answer_text from raw.survey_answers limit %s", (REGEX_SAMPLE,))]
    for text in texts:
        tagger.tag(text)
    return len(texts), {"dev_set": baseline.dev_set_scores(tagger), "sample": len(texts)}


def render_reports(conn, config: ProcessConfig, out: Path) -> int:
    from hornsten import reports
    from hornsten.reports import render

    names = ["components", "survey-progress"]
    for name in names:
        render.render_files(reports.build(name, conn, config), out)
    return len(names)


# ------------------------------------------------------------------ targets and output
def _find(stages: list[Stage], name: str, responses: int) -> Stage | None:
    return next((s for s in stages if s.stage == name and s.responses == responses), None)


def targets(stages: list[Stage]) -> dict:
    sizes = sorted({s.responses for s in stages})
    largest = sizes[-1]
    pipeline = ("ingest", "detection", "quality (GX)", "dbt survey staging", "dbt tagging, themes, cornerstones")
    file_to_cornerstones = sum(s.seconds for s in stages if s.responses == largest and s.stage in pipeline)
    ingest_ = _find(stages, "ingest", largest)
    floor = _find(stages, "copy floor", largest)
    tsv = _find(stages, "to_tsvector floor", largest)
    build = _find(stages, "dbt tagging, themes, cornerstones", largest)
    tagging = build.notes["tagging_models_seconds"] if build else 0
    scaling = {}
    for small, big in zip(sizes, sizes[1:], strict=False):
        for name in pipeline:
            a, b = _find(stages, name, small), _find(stages, name, big)
            if a and b and a.seconds > 0.5:
                scaling[f"{name} {small}->{big}"] = round((b.seconds / a.seconds) / (big / small) * 10, 2)
    peak = max(stages, key=lambda s: s.peak_mb if s.kind == "hornsten" else 0)
    figures = {
        "responses": largest,
        "file_to_cornerstones_seconds": round(file_to_cornerstones, 1),
        "ingest_over_copy_floor": round(ingest_.seconds / floor.seconds, 1) if ingest_ and floor else None,
        "tagging_over_tsvector_floor": round(tagging / tsv.seconds, 1) if tsv and tsv.seconds else None,
        "tenfold_data_time_factor": max(scaling.values()) if scaling else None,
        "tenfold_by_stage": scaling,
        "peak_mb": peak.peak_mb,
        "peak_stage": peak.stage,
    }
    worst_scaling = max(scaling, key=scaling.get) if scaling else None
    misses = {}
    for key, bound in TARGETS.items():
        value = figures.get(key)
        if value is not None and value > bound:
            misses[key] = {"value": value, "target": bound, "why": WHY[key]}
    if "file_to_cornerstones_seconds" in misses:
        slowest = max((s for s in stages if s.responses == largest and s.stage in pipeline), key=lambda s: s.seconds)
        misses["file_to_cornerstones_seconds"]["stage"] = f"{slowest.stage} ({slowest.seconds:.0f} s)"
        if slowest.stage in STAGE_WHY:
            misses["file_to_cornerstones_seconds"]["why"] = STAGE_WHY[slowest.stage]
    if "tagging_over_tsvector_floor" in misses and build:
        name, seconds = max(
            ((n, t) for n, t in build.notes["slowest"] if n.startswith(TAGGING_PREFIXES)),
            key=lambda item: item[1],
            default=("?", 0),
        )
        misses["tagging_over_tsvector_floor"]["stage"] = f"{name} ({seconds:.0f} s)"
    if "tenfold_data_time_factor" in misses:
        misses["tenfold_data_time_factor"]["stage"] = worst_scaling
    if "peak_mb" in misses:
        misses["peak_mb"]["stage"] = peak.stage
    figures["targets"] = TARGETS
    figures["missed"] = misses
    return figures


def print_table(stages: list[Stage]) -> None:
    sizes = sorted({s.responses for s in stages})
    names = list(dict.fromkeys(s.stage for s in stages))
    print("\n" + f"{'stage':<36}" + "".join(f"{n:>22,}" for n in sizes))
    for name in names:
        cells = []
        for n in sizes:
            s = _find(stages, name, n)
            cells.append(f"{s.seconds:>8.1f} s {s.peak_mb:>6.0f} MB" if s else " " * 22)
        print(f"{name:<36}" + "".join(f"{c:>22}" for c in cells))


def print_targets(summary: dict) -> None:
    print(f"\nTargets at {summary['responses']:,} responses:")
    for key, bound in TARGETS.items():
        value = summary.get(key)
        verdict = "n/a" if value is None else ("MISSED" if key in summary["missed"] else "met")
        missed = summary["missed"].get(key, {})
        where = missed.get("stage")
        print(f"  {key:<32} {value!s:>10}  (target ≤ {bound})  {verdict}{f' — {where}' if where else ''}")
        if missed:
            print(f"  {'':<32} why: {missed['why']}")


def chart(stages: list[Stage], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5))
    for name in dict.fromkeys(s.stage for s in stages):
        points = sorted((s.responses, s.seconds) for s in stages if s.stage == name)
        kind = next(s.kind for s in stages if s.stage == name)
        style = {"hornsten": "-o", "floor": "--s", "baseline": ":^"}[kind]
        ax.plot([p[0] for p in points], [max(p[1], 0.01) for p in points], style, label=f"{name} ({kind})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("responses")
    ax.set_ylabel("seconds")
    ax.set_title("Hörnsten: time per stage against data size (2 cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


if __name__ == "__main__":
    main()

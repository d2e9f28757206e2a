"""``generate_sample``: sample survey exports, a re-delivery and their ground truth in one directory."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.config import ExportLayout, ProcessConfig, Question
from hornsten.demo.survey import malformed as faults
from hornsten.demo.survey.formats import SPECS, file_name, redelivery_name, requested_formats
from hornsten.demo.survey.generator import Response, ResponseGenerator
from hornsten.demo.survey.plants import Planter
from hornsten.demo.survey.redelivery import REDELIVERY_RATE, Repeat, write_redelivery
from hornsten.demo.survey.renderer import Renderer
from hornsten.demo.survey.sampling import choose_positions
from hornsten.demo.survey.sinks import CsvSink, XlsxSink

PROGRESS_EVERY = 10_000


@dataclass
class SampleFile:
    path: Path
    format: str
    layout: str
    rows: int  # data rows written, malformed ones included
    malformed: int
    redelivered: int  # rows repeating an already delivered response id (re-delivery file)
    personal_data: int  # free-text answers containing personal data

    @classmethod
    def from_manifest(cls, path: Path, entry: dict) -> SampleFile:
        return cls(
            path,
            entry["format"],
            entry["layout"],
            entry["rows"],
            len(entry["malformed"]),
            entry["redelivered"],
            entry["personal_data"],
        )


@dataclass
class SampleResult:
    files: list[SampleFile]
    manifest_path: Path
    labels_path: Path
    warnings: list[str] = field(default_factory=list)


def _plan(
    config: ProcessConfig, requested: list[str], layout_name: str | None = None
) -> tuple[list[tuple[str, ExportLayout]], list[str]]:
    """(format, layout) per export: LimeSurvey in its own layout, the others in `layout_name`
    (default: the first layout)."""
    layouts = {layout.name: layout for layout in config.survey.exports}
    if layout_name is not None and layout_name not in layouts:
        raise ValueError(
            f"process {config.process!r} has no export layout {layout_name!r}; its layouts are {', '.join(layouts)}"
        )
    main = layouts[layout_name] if layout_name else config.survey.exports[0]
    plan: list[tuple[str, ExportLayout]] = []
    warnings: list[str] = []
    for fmt in requested:
        if fmt != "limesurvey":
            plan.append((fmt, main))
        elif "limesurvey" in layouts:
            plan.append((fmt, layouts["limesurvey"]))
        else:
            warnings.append(
                f"format 'limesurvey' skipped: process {config.process!r} has no export layout named 'limesurvey'"
            )
    return plan, warnings


def _text_questions(config: ProcessConfig, layouts: list[ExportLayout]) -> list[Question]:
    """The text questions some planned export has a column for: only those are written."""
    fields = {name for layout in layouts for name in layout.columns}
    return [q for q in config.survey.text_questions if q.code in fields]


class _Run:
    """The state shared by the exports of one sample: generator, ids, labels, repeats, progress."""

    def __init__(self, config: ProcessConfig, seed: int, total: int, labels, progress, main: ExportLayout, texts):
        self.config = config
        self.rng = random.Random(seed)
        self.gen = ResponseGenerator(config, self.rng, texts)
        self.planter = Planter(config, total, texts)
        self.kinds = faults.KindCycle(self.rng)
        self.renderers: dict[str, Renderer] = {}
        # The layout of the plain exports, and of the re-delivery.
        self.first = self.renderer(main)
        self.text_codes = [q.code for q in self.gen.text_questions]
        self.labels = labels
        self.repeats: list[Repeat] = []
        self.next_rid = 1
        self.total = total
        self.done = 0
        self.reported = -1
        self.progress = progress

    def renderer(self, layout: ExportLayout) -> Renderer:
        if layout.name not in self.renderers:
            self.renderers[layout.name] = Renderer(layout, self.gen, machine=layout.name == "limesurvey")
        return self.renderers[layout.name]

    def write_labels(self, rid: int, resp: Response, renderer: Renderer | None = None) -> None:
        """The components of each answer the row's layout has a column for."""
        written = {index for _, index in (renderer or self.first).text_columns}
        for index, (code, text, comps) in enumerate(zip(self.text_codes, resp.texts, resp.comps, strict=False)):
            if text and index in written:
                self.labels.writerow([rid, code, ";".join(comps)])

    def count(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)
            self.reported = self.done

    def export(self, path: Path, fmt: str, layout: ExportLayout, rows: int, may_repeat: bool) -> dict[str, object]:
        """Write one export of ``rows`` responses; return its manifest entry."""
        renderer = self.renderer(layout)
        spec = SPECS[fmt]
        is_csv = fmt != "xlsx"
        sink = (
            CsvSink(path, spec.encoding, spec.delimiter, spec.newline, renderer)
            if is_csv
            else XlsxSink(path, renderer, "Svar")
        )
        malformed_at = choose_positions(self.rng, rows, faults.malformed_count(rows))
        applicable = faults.applicable_kinds(renderer, is_csv)
        malformed_kind = {pos: self.kinds.next(applicable) for pos in malformed_at}
        repeat_at = set(
            choose_positions(self.rng, rows, round(rows * REDELIVERY_RATE), set(malformed_at)) if may_repeat else []
        )
        malformed: list[dict[str, object]] = []
        personal = 0
        first_rid = self.next_rid
        for position, ts in enumerate(self.gen.arrivals.timestamps(rows)):
            rid = self.next_rid
            self.next_rid += 1
            resp = self.gen.response(rid)
            if position not in malformed_kind and position not in repeat_at:
                self.planter.apply(rid, resp)
            row = renderer.render(rid, ts, resp)
            kind = malformed_kind.get(position)
            if kind is not None:
                value = faults.corrupt(renderer, self.rng, row, kind)
                malformed.append(faults.manifest_entry(position, rid, kind, value))
            elif position in repeat_at:
                # The re-delivery is in the first layout: keep the row as it would be there.
                stored = list(row) if renderer is self.first else self.first.render(rid, ts, resp)
                self.repeats.append((rid, ts, stored, resp))
            sink.write(row)
            personal += renderer.personal_in_row(row, resp)
            if kind != "missing_response_id":
                self.write_labels(rid, resp, renderer)
            self.count()
        sink.close()
        return {
            "name": path.name,
            "format": fmt,
            "layout": layout.name,
            "encoding": spec.encoding or "xlsx",
            "delimiter": spec.delimiter,
            "rows": rows,
            "response_ids": [first_rid, self.next_rid - 1] if rows else [],
            "malformed": malformed,
            "redelivered": 0,
            "personal_data": personal,
        }


def generate_sample(
    config: ProcessConfig,
    responses: int,
    seed: int,
    formats: Sequence[str],
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    layout: str | None = None,
) -> SampleResult:
    """Write sample exports, a re-delivery, ``labels.csv`` and ``manifest.json`` to ``out_dir``.

    ``responses`` are split evenly over the requested formats; the same arguments
    give the same bytes. ``layout`` names the export layout of every format but
    LimeSurvey's (default: the process's first), e.g. Norrköping's ``enkat_2024``.
    """
    if responses < 0:
        raise ValueError("responses must be zero or more")
    requested = requested_formats(list(formats))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan, warnings = _plan(config, requested, layout)
    # The re-delivery's layout (the plain exports').
    first_layout = next(lay for lay in config.survey.exports if lay.name == (layout or config.survey.exports[0].name))
    # Repeat candidates come from exports in the re-delivery's layout when there are any.
    repeat_from_first = any(layout.name == first_layout.name for _, layout in plan)
    shares = [responses // len(plan) + (1 if i < responses % len(plan) else 0) for i in range(len(plan))]

    labels_path = out_dir / "labels.csv"
    manifest_path = out_dir / "manifest.json"
    entries: list[dict[str, object]] = []
    paths: list[Path] = []
    with labels_path.open("w", encoding="utf-8", newline="") as labels_handle:
        labels = csv.writer(labels_handle, lineterminator="\n")
        labels.writerow(["response_id", "question", "components"])
        texts = _text_questions(config, [*(lay for _, lay in plan), first_layout])
        run = _Run(config, seed, responses, labels, progress, first_layout, texts)
        for (fmt, layout), rows in zip(plan, shares, strict=True):
            path = out_dir / file_name(config, fmt)
            may_repeat = repeat_from_first == (layout.name == first_layout.name)
            entries.append(run.export(path, fmt, layout, rows, may_repeat))
            paths.append(path)
        if plan:
            path = out_dir / redelivery_name(config)
            entries.append(
                write_redelivery(path, run.gen, run.first, run.repeats, run.next_rid, run.write_labels, run.kinds)
            )
            paths.append(path)

    if progress is not None and run.reported != responses:
        progress(responses, responses)
    manifest = {
        "process": config.process,
        "survey_id": config.survey.survey_id,
        "seed": seed,
        "responses": responses,
        "formats": [fmt for fmt, _ in plan],
        "labels": labels_path.name,
        "warnings": warnings,
        "files": entries,
    }
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    files = [SampleFile.from_manifest(path, entry) for path, entry in zip(paths, entries, strict=True)]
    return SampleResult(files, manifest_path, labels_path, warnings)

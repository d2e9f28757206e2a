"""The re-delivery: some responses again (half identical, half edited later) and a few new ones.

Survey tools are exported more than once; the ingest must keep the latest
submission of every response id and load the new ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from hornsten.demo.survey import malformed as faults
from hornsten.demo.survey.formats import REDELIVERY_FORMAT, SPECS
from hornsten.demo.survey.generator import Response, ResponseGenerator
from hornsten.demo.survey.renderer import Renderer
from hornsten.demo.survey.sinks import CsvSink

REDELIVERY_RATE = 0.03  # of the delivered responses, repeated
NEW_IN_REDELIVERY = 0.1  # new responses, relative to the repeated ones

# (response id, submitted at, the row as first delivered, the response)
Repeat = tuple[int, dt.datetime, list, Response]


def _edited(gen: ResponseGenerator, renderer: Renderer, later: dt.datetime, stored: list, resp: Response):
    """The same person's later submission: new free text, same closed answers."""
    texts, pii = list(resp.texts), list(resp.pii)
    for i, (style, text, comps) in enumerate(zip(gen.styles, resp.texts, resp.comps, strict=False)):
        if text:
            texts[i], pii[i] = gen.rewrite(style, comps)
    changed = Response(resp.rid, resp.choices, texts, resp.comps, pii, resp.respondent)
    row = list(stored)
    row[renderer.ts_column] = later
    for column, text_index in renderer.text_columns:
        row[column] = texts[text_index]
    return row, changed


def write_redelivery(
    path: Path,
    gen: ResponseGenerator,
    renderer: Renderer,
    repeats: list[Repeat],
    next_rid: int,
    write_labels: Callable[[int, Response], None],
    kinds: faults.KindCycle,
) -> dict[str, object]:
    """Write the re-delivery to ``path``; return its manifest entry."""
    rng = gen.rng
    rng.shuffle(repeats)
    rows: list[tuple[dt.datetime, int, list, Response, str]] = []
    identical = edited = 0
    for number, (rid, ts, stored, resp) in enumerate(repeats):
        later = gen.arrivals.later(ts) if number % 2 == 1 and any(resp.texts) else None
        if later is None:
            rows.append((ts, rid, list(stored), resp, "identical"))
            identical += 1
        else:
            row, changed = _edited(gen, renderer, later, stored, resp)
            rows.append((later, rid, row, changed, "edited"))
            edited += 1
    new = max(2, round(len(repeats) * NEW_IN_REDELIVERY)) if repeats else 2
    for _ in range(new):
        rid = next_rid
        next_rid += 1
        ts = gen.arrivals.late()
        resp = gen.response(rid)
        rows.append((ts, rid, renderer.render(rid, ts, resp), resp, "new"))
    rows.sort(key=lambda item: (item[0], item[1]))

    # Only new rows are made malformed, so that every repeated row still matches its first delivery.
    new_positions = [i for i, item in enumerate(rows) if item[4] == "new"]
    count = min(faults.malformed_count(len(rows)), len(new_positions))
    applicable = faults.applicable_kinds(renderer, True)
    malformed_kind = {pos: kinds.next(applicable) for pos in sorted(rng.sample(new_positions, count))}
    spec = SPECS[REDELIVERY_FORMAT]
    sink = CsvSink(path, spec.encoding, spec.delimiter, spec.newline, renderer)
    malformed: list[dict[str, object]] = []
    personal = 0
    for position, (_, rid, row, resp, origin) in enumerate(rows):
        kind = malformed_kind.get(position)
        if kind is not None:
            malformed.append(faults.manifest_entry(position, rid, kind, faults.corrupt(renderer, rng, row, kind)))
        sink.write(row)
        personal += renderer.personal_in_row(row, resp)
        if origin == "new" and kind != "missing_response_id":
            write_labels(rid, resp)
    sink.close()
    return {
        "name": path.name,
        "format": REDELIVERY_FORMAT,
        "layout": renderer.layout.name,
        "encoding": spec.encoding,
        "delimiter": spec.delimiter,
        "rows": len(rows),
        "response_ids": [],
        "malformed": malformed,
        "redelivered": identical + edited,
        "identical": identical,
        "edited": edited,
        "new": new,
        "personal_data": personal,
    }

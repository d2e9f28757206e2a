"""Sample exports of the prioritisation round (``hornsten priorities sample``): residents
rank the codebook's items, with the faults real exports have, and a re-delivery.

Each resident's ranking is a Plackett–Luce draw (Gumbel noise on log weights): the
weight of an item is how often the survey's answers bring it up (the phrasebank),
times what people put first when they must choose (data/priorities.yml) and what their
age class cares about (data/emphasis.yml). So the round agrees with the survey in the
large and differs where choosing is not the same as mentioning.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from hornsten.config import PriorityLayout, ProcessConfig
from hornsten.demo import phrasebank
from hornsten.demo.survey.demographics import Demographics
from hornsten.priorities.items import Item, round_items
from hornsten.priorities.template import layout, layout_headings

DATA = Path(__file__).resolve().parent / "data" / "priorities.yml"
FAULT_RATE = 0.02
FAULTS = ("bad_rank", "duplicate_rank", "missing_rank", "too_few")
REDELIVERY_SHARE = 0.1
EDITED_SHARE = 0.3  # of the re-delivered rows: the resident changed their ranking
PARTIAL_RATE = 0.15  # residents who fill fewer places than they may (never fewer than min_ranks)
RESPONDENT_RATE = 0.3


@dataclass
class PrioritySample:
    files: list[Path]
    manifest: Path
    responses: int
    faults: dict[str, int]


def _weights(config: ProcessConfig, items: list[Item]) -> tuple[dict[str, dict[str, float]], float]:
    """Per age class, each item's weight; and the spread of the noise."""
    from hornsten.tagging.codebook import codebook_components

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    factors: dict[str, float] = data.get("factors", {})
    bank = phrasebank.components()
    emphasis = phrasebank.emphasis().age_classes
    assert config.priorities is not None
    members: dict[str, list[str]] = {}
    for component in codebook_components():
        key = component.code if config.priorities.items == "components" else component.theme
        members.setdefault(key, []).append(component.code)
    by_class: dict[str, dict[str, float]] = {}
    for klass in phrasebank.AGE_CLASSES:
        ages = emphasis.get(klass, {})
        by_class[klass] = {
            item.code: sum(
                sum(bank[c].weights.values()) * factors.get(c, 1.0) * ages.get(c, 1.0)
                for c in members.get(item.code, [])
                if c in bank
            )
            or 0.01
            for item in items
        }
    return by_class, float(data.get("spread", 1.0))


class _Residents:
    def __init__(self, config: ProcessConfig, rng: random.Random):
        assert config.priorities is not None
        self.config = config
        self.round = config.priorities
        self.rng = rng
        self.items = round_items(self.round)
        self.weights, self.spread = _weights(config, self.items)
        self.demographics = Demographics(config)
        self.choices = config.survey.choice_questions
        tz = ZoneInfo(config.timezone)
        self.start = dt.datetime.combine(self.round.start, dt.time(7), tzinfo=tz)
        self.seconds = ((self.round.end - self.round.start).days + 1) * 86400 - 8 * 3600

    def ranking(self, klass: str) -> list[Item]:
        rng = self.rng
        weights = self.weights[klass]
        keyed = sorted(
            self.items,
            key=lambda i: -(math.log(weights[i.code]) - self.spread * math.log(-math.log(rng.random() or 1e-12))),
        )
        places = self.round.ranks
        if rng.random() < PARTIAL_RATE:
            places = rng.randint(self.round.min_ranks, self.round.ranks)
        return keyed[:places]

    def background(self, choices: list[int]) -> dict[str, int]:
        """Option index per round question (-1: left empty)."""
        index = {q.code: n for n, q in enumerate(self.choices)}
        return {code: choices[index[code]] for code in self.round.questions if code in index}

    def when(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=int(self.rng.random() * self.seconds))


def _row(res: _Residents, lay: PriorityLayout, rid: int, at, respondent, ranking, background, machine) -> list[str]:
    """One row in `lay`'s headings (layout_headings' order)."""
    row: list[str] = [str(rid), at.strftime("%Y-%m-%d %H:%M:%S")]
    if "respondent_id" in lay.columns:
        row.append(respondent)
    for n in range(res.round.ranks):
        if n >= len(ranking):
            row.append("")
        elif machine:
            row.append(ranking[n].answer_code)
        else:  # the template's drop-down gives the name; some type the code
            row.append(ranking[n].label if res.rng.random() < 0.9 else ranking[n].code)
    for code in res.round.questions:
        if code not in lay.columns:
            continue
        option = background.get(code, -1)
        if option < 0:
            row.append("")
            continue
        question = res.config.survey.question(code)
        inverse = {v: k for k, v in lay.answer_codes.get(code, {}).items()}
        chosen = question.options[option]
        row.append(inverse.get(chosen.code, chosen.label) if machine else chosen.label)
    return row


def _fault(res: _Residents, lay: PriorityLayout, row: list[str], kind: str) -> list[str]:
    """What goes wrong in real exports, in the rank columns (the ranking has at least 3 places)."""
    first = 3 if "respondent_id" in lay.columns else 2
    places = row[first : first + res.round.ranks]
    if kind == "bad_rank":
        places[1] = "Bättre väder"
    elif kind == "duplicate_rank":
        places[2] = places[0]
    elif kind == "missing_rank":  # a gap: place 2 empty, place 3 filled
        places[1] = ""
    else:  # one place where min_ranks are needed
        places[1:] = [""] * (len(places) - 1)
    return row[:first] + places + row[first + res.round.ranks :]


def generate_priorities(config: ProcessConfig, responses: int, seed: int, out: Path) -> PrioritySample:
    """A plain CSV and a LimeSurvey export (half of the responses each), a re-delivery, manifest.json."""
    if config.priorities is None:
        raise ValueError(f"process {config.process!r} has no prioritisation round (priorities:)")
    rng = random.Random(seed)
    res = _Residents(config, rng)
    out.mkdir(parents=True, exist_ok=True)
    plain = layout(config, "plain") or config.priorities.exports[0]
    lime = layout(config, "limesurvey")
    targets = [(plain, False, out / f"prioritering_{config.process}_plain.csv")]
    if lime is not None:
        targets.append((lime, True, out / f"prioritering_{config.process}_limesurvey.csv"))
    faults = dict.fromkeys(FAULTS, 0)
    kept: list[tuple[int, dt.datetime, str, list[Item], dict[str, int]]] = []
    files: list[Path] = []
    rid = 0
    for number, (lay, machine, path) in enumerate(targets):
        count = responses // len(targets) + (1 if number < responses % len(targets) else 0)
        rows = [layout_headings(config, lay)]
        for _ in range(count):
            rid += 1
            choices, klass = res.demographics.draw(rng)
            ranking, background, at = res.ranking(klass), res.background(choices), res.when()
            respondent = f"R{rng.randint(10**6, 10**7 - 1)}" if rng.random() < RESPONDENT_RATE else ""
            row = _row(res, lay, rid, at, respondent, ranking, background, machine)
            if rng.random() < FAULT_RATE and len(ranking) >= 3:
                kind = FAULTS[sum(faults.values()) % len(FAULTS)]
                faults[kind] += 1
                row = _fault(res, lay, row, kind)
            elif not machine:
                kept.append((rid, at, respondent, ranking, background))
            rows.append(row)
        files.append(_write(path, rows))
    again = rng.sample(kept, min(len(kept), round(len(kept) * REDELIVERY_SHARE)))
    rows = [layout_headings(config, plain)]
    edited = 0
    for rid_, at, respondent, ranking, background in again:
        if rng.random() < EDITED_SHARE:  # a later, changed submission replaces the first
            ranking = list(reversed(ranking))
            at = at + dt.timedelta(minutes=30)
            edited += 1
        rows.append(_row(res, plain, rid_, at, respondent, ranking, background, False))
    files.append(_write(out / f"prioritering_{config.process}_redelivery.csv", rows))
    manifest = out / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "process": config.process,
                "round_id": config.priorities.round_id,
                "seed": seed,
                "responses": responses,
                "faults": faults,
                "redelivered": len(again),
                "edited": edited,
                "files": [p.name for p in files],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return PrioritySample(files, manifest, responses, faults)


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path

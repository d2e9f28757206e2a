"""Realistic sample survey exports for development, tests and demonstrations.

``generate_sample`` writes, for any process configuration, what municipalities
actually deliver: one export per requested format (UTF-8 CSV, semicolon CSV with a
byte order mark, Windows-1252 CSV as Swedish Excel saves it, an XLSX workbook and a
LimeSurvey "Export responses" CSV), plus one *re-delivery* that repeats some
responses (half identical, half edited later) and adds a few new ones. The answers
are Swedish texts built from the codebook's components (see
:mod:`hornsten.demo.phrases`) with the noise of real citizen input, a little
personal data, and a few malformed rows. Ground truth goes next to the exports:

* ``labels.csv`` – for every non-empty generated answer, the components it was
  built from (to measure the tagger);
* ``manifest.json`` – per file: format, layout, rows, every malformed row with its
  reason, re-delivered ids and answers with personal data.

Everything streams (a million responses take a few minutes and little memory) and
is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import json
import math
import random
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from hornsten.config import ExportLayout, ProcessConfig, Question, normalise_value
from hornsten.demo import phrases as bank

FORMATS = ("csv", "csv-bom", "excel-csv", "xlsx", "limesurvey")

PROGRESS_EVERY = 10_000
MALFORMED_RATE = 0.002
REDELIVERY_RATE = 0.03
NEW_IN_REDELIVERY = 0.1  # new responses in the re-delivery, relative to the repeated ones
PII_RATE = 0.003
LOOKALIKE_RATE = 0.006
RESPONDENT_RATE = 0.40
CHOICE_SKIP_RATE = 0.015

# Free-text noise, per answer.
NO_DIACRITICS_RATE = 0.08
TYPO_RATE = 0.05
LOWERCASE_RATE = 0.15
CAPS_RATE = 0.01

# Answers left empty, by question style.
EMPTY_RATE = {"pos": 0.07, "neg": 0.09, "fut": 0.14}
# How many components an answer addresses (0, 1, 2, 3), by style.
COMPONENT_COUNTS = {
    "pos": (0.13, 0.45, 0.29, 0.13),
    "neg": (0.12, 0.44, 0.29, 0.15),
    "fut": (0.16, 0.41, 0.28, 0.15),
}

# Share of clauses taken from hand-written sentences (the rest from templates).
SENTENCE_SHARE = 0.55
# "Not much of <problem> where I live" only makes sense as praise for these.
PRAISE_BY_ABSENCE = {"otrygghet", "brottslighet", "renhallning", "bil_parkering", "miljo_atervinning"}

# Component emphasis by age class (multiplies the style weights).
AGE_EMPHASIS: dict[str, dict[str, float]] = {
    "child": {
        "unga": 4,
        "skola": 3,
        "idrott_fritid": 2.5,
        "gronomraden": 1.5,
        "aldreomsorg": 0.05,
        "kommunal_ekonomi": 0.1,
        "bostader": 0.3,
        "jobb": 0.3,
        "naringsliv": 0.2,
        "forskola": 0.3,
    },
    "young": {
        "unga": 3,
        "skola": 2,
        "hogre_utbildning": 2.5,
        "jobb": 1.7,
        "bostader": 1.8,
        "kollektivtrafik": 1.3,
        "evenemang": 1.4,
        "idrott_fritid": 1.4,
        "klimat_energi": 1.4,
        "aldreomsorg": 0.2,
        "bil_parkering": 0.5,
        "forskola": 0.5,
    },
    "adult": {
        "forskola": 2.5,
        "skola": 1.6,
        "bostader": 1.3,
        "cykel_gang": 1.2,
        "unga": 1.3,
        "jobb": 1.2,
        "aldreomsorg": 0.5,
    },
    "mid": {"skola": 1.1, "bil_parkering": 1.2, "kommunal_ekonomi": 1.2, "forskola": 0.5},
    "old": {
        "aldreomsorg": 3.5,
        "vard_halsa": 2,
        "otrygghet": 1.5,
        "brottslighet": 1.3,
        "renhallning": 1.4,
        "bil_parkering": 1.4,
        "tillganglighet": 1.8,
        "kulturarv": 1.4,
        "kommunal_ekonomi": 1.3,
        "unga": 0.6,
        "forskola": 0.2,
        "hogre_utbildning": 0.5,
        "evenemang": 0.7,
        "skola": 0.7,
    },
}

_FORMAT_SPECS = {
    # format: (extension, encoding, delimiter, line terminator)
    "csv": (".csv", "utf-8", ",", "\n"),
    "csv-bom": (".csv", "utf-8-sig", ";", "\r\n"),
    "excel-csv": (".csv", "cp1252", ";", "\r\n"),
    "xlsx": (".xlsx", None, None, None),
    "limesurvey": (".csv", "utf-8", ",", "\n"),
}
REDELIVERY_FORMAT = "csv"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NO_DIACRITICS = str.maketrans("åäöÅÄÖéü", "aaoAAOeu")
_ASCII_MAIL = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
_KEYBOARD_NEIGHBOURS = {
    "a": "sq",
    "s": "ad",
    "d": "sf",
    "e": "wr",
    "r": "et",
    "t": "ry",
    "i": "uo",
    "o": "ip",
    "n": "bm",
    "m": "n",
    "l": "kö",
    "k": "jl",
    "g": "fh",
    "v": "cb",
    "b": "vn",
    "u": "yi",
    "p": "oå",
    "ä": "öå",
    "ö": "lä",
    "å": "pä",
    "h": "gj",
    "j": "hk",
    "f": "dg",
    "c": "xv",
}


@dataclass
class SampleFile:
    path: Path
    format: str
    layout: str
    rows: int  # data rows written, malformed ones included
    malformed: int
    redelivered: int  # rows repeating an already delivered response id (re-delivery file)
    personal_data: int  # free-text answers containing personal data


@dataclass
class SampleResult:
    files: list[SampleFile]
    manifest_path: Path
    labels_path: Path
    warnings: list[str] = field(default_factory=list)


# ============================================================================ helpers
def _municipality_name(config: ProcessConfig) -> str:
    name = re.sub(r"\s+(kommun|stad|kommun och stad)$", "", config.municipality.strip(), flags=re.I)
    if name.endswith("s") and len(name) > 3:
        stem = name[:-1]
        texts = " ".join([config.title, *(q.text for q in config.survey.questions)])
        if stem in texts:
            return stem
    return name


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _close(text: str) -> str:
    return text if not text or text[-1] in '.!?:)"' else text + "."


def _question_styles(questions: list[Question]) -> list[str]:
    """pos (good today), neg (improve) or fut (wishes) per text question."""
    order = ("pos", "neg", "fut")
    styles: list[str] = []
    for position, question in enumerate(questions):
        text = question.text.casefold()
        if re.search(r"år 20\d\d|framtid|ska vara|vill du att|önska|dröm|skulle få|vision", text):
            style = "fut"
        elif re.search(r"bättre|förbättr|saknar|problem|ändra|viktigast|behöv|utveckla", text):
            style = "neg"
        elif re.search(r"bästa|bra med|uppskatt|stolt|tycker om|gillar|idag", text):
            style = "pos"
        else:
            style = order[position % 3]
        styles.append(style)
    return styles


def _find_question(config: ProcessConfig, code: str, words: tuple[str, ...]) -> int | None:
    """Index among the choice questions: by code first, then by words in the text."""
    choices = config.survey.choice_questions
    for index, question in enumerate(choices):
        if question.code == code:
            return index
    for index, question in enumerate(choices):
        text = question.text.casefold()
        if any(word in text for word in words):
            return index
    return None


def _age_range(option) -> tuple[int, int] | None:
    code, label = option.code, option.label.casefold()
    numbers = [int(n) for n in re.findall(r"\d+", code)] or [int(n) for n in re.findall(r"\d+", label)]
    if len(numbers) >= 2:
        return numbers[0], numbers[1]
    if len(numbers) == 1:
        (value,) = numbers
        if "+" in code or "+" in label or "äldre" in label or "över" in label:
            return value, 95
        if "under" in label:
            return 0, value - 1
        if "yngre" in label or code.startswith("-"):
            return 0, value
    return None


def _population(age: int) -> float:
    if age < 65:
        return 1.0
    if age < 75:
        return 0.95
    if age < 85:
        return 0.7
    return 0.3


def _propensity(age: int) -> float:
    """How likely someone of this age answers a municipal web survey (relative)."""
    for limit, value in (
        (13, 0.01),
        (16, 0.12),
        (20, 0.35),
        (25, 0.5),
        (35, 0.8),
        (45, 1.0),
        (55, 1.2),
        (65, 1.45),
        (75, 1.9),
        (80, 1.6),
        (85, 1.0),
    ):
        if age < limit:
            return value
    return 0.5


def _age_class(mean_age: float) -> str:
    if mean_age < 16:
        return "child"
    if mean_age < 25:
        return "young"
    if mean_age < 45:
        return "adult"
    if mean_age < 65:
        return "mid"
    return "old"


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = float(sum(weights))
    if total <= 0:
        weights, total = [1.0] * len(weights), float(len(weights))
    cum = list(itertools.accumulate(w / total for w in weights))
    cum[-1] = 1.0
    return cum


def _luhn_check(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


# ============================================================================ generator
class _Response:
    __slots__ = ("rid", "choices", "texts", "comps", "pii", "respondent")

    def __init__(self, rid, choices, texts, comps, pii, respondent):
        self.rid = rid
        self.choices = choices  # option index per choice question, -1 = unanswered
        self.texts = texts  # per text question
        self.comps = comps  # tuple of component codes per text question
        self.pii = pii  # bool per text question
        self.respondent = respondent  # "" or an e-mail-like or token-like identifier


class _Generator:
    """Responses (choices, Swedish answers, respondent) from precomputed tables."""

    def __init__(self, config: ProcessConfig, rng: random.Random):
        self.config = config
        self.rng = rng
        self.random = rng.random
        self.tz = ZoneInfo(config.timezone)
        self.window = config.survey_window
        self.local = config.municipality.strip().casefold() == "norrköpings kommun"
        self.city = _municipality_name(config)
        self.max_length = config.survey.text_max_length
        self.text_questions = config.survey.text_questions
        self.choice_questions = config.survey.choice_questions
        self.styles = _question_styles(self.text_questions)
        self._setup_choices()
        self._setup_places()
        self._setup_components()
        self._setup_arrivals()
        self._recent_respondents: list[str] = []

    # ------------------------------------------------------------------ choices
    def _setup_choices(self) -> None:
        config = self.config
        self.age_q = _find_question(config, "age_group", ("ålder", "gammal"))
        self.gender_q = _find_question(config, "gender", ("kön",))
        self.district_q = _find_question(config, "district", ("bor du", "stadsdel", "område", "ort"))
        self.relation_q = _find_question(config, "relation", ("relation",))
        self.choice_cum: list[list[float]] = []
        self.outside: set[int] = set()
        self.relation_alt_cum: list[float] | None = None
        self.age_classes: list[str] = []
        for index, question in enumerate(self.choice_questions):
            options = question.options
            if index == self.age_q:
                weights, classes = self._age_weights(options)
                self.age_classes = classes
            elif index == self.gender_q:
                weights = self._gender_weights(options)
            elif index == self.district_q:
                weights = self._district_weights(options)
            else:
                weights = [3.0] + [0.5 / i for i in range(1, len(options))]
            self.choice_cum.append(_cumulative(weights))
            if index == self.relation_q and len(options) > 1:
                self.relation_alt_cum = _cumulative([0.0] + weights[1:])

    def _age_weights(self, options) -> tuple[list[float], list[str]]:
        ranges = [_age_range(o) for o in options]
        if all(r is not None for r in ranges):
            weights, classes = [], []
            for lo, hi in ranges:
                mass = [_population(a) * _propensity(a) for a in range(lo, hi + 1)]
                weights.append(sum(mass))
                mean = sum(a * m for a, m in zip(range(lo, hi + 1), mass, strict=False)) / max(sum(mass), 1e-9)
                classes.append(_age_class(mean))
            return weights, classes
        # Unparseable: options are ordered young -> old.
        count = len(options)
        weights = [0.4 + i for i in range(count)]
        weights[-1] *= 0.5
        classes = [_age_class(15 + 60 * i / max(count - 1, 1)) for i in range(count)]
        return weights, classes

    @staticmethod
    def _gender_weights(options) -> list[float]:
        weights = []
        for option in options:
            words = {normalise_value(s) for s in (option.code, option.label, *option.aliases)}
            if words & {"kvinna", "female", "k", "kvinnor", "flicka", "tjej"}:
                weights.append(0.56)
            elif words & {"man", "male", "m", "män", "pojke", "kille"}:
                weights.append(0.40)
            elif any("uppge" in w or "vill" in w for w in words):
                weights.append(0.025)
            else:
                weights.append(0.015)
        return weights

    def _district_weights(self, options) -> list[float]:
        weights = []
        for index, option in enumerate(options):
            text = normalise_value(f"{option.code} {option.label}")
            if re.search(r"inte i|utanför|annan kommun|utanfor", text):
                self.outside.add(index)
                weights.append(None)
                continue
            size = 1.0 / (1.0 + 0.15 * index)
            size *= 0.6 + 0.8 * (zlib.crc32(option.code.encode()) / 0xFFFFFFFF)
            if index == 0:
                size *= 2.5  # the first listed district is usually the centre
            weights.append(size)
        inside = sum(w for w in weights if w is not None)
        # About 3 % live elsewhere (commuters, summer residents, students).
        share = 0.03 / max(len(self.outside), 1)
        return [inside * share / 0.97 if w is None else w for w in weights]

    # ------------------------------------------------------------------ places
    def _setup_places(self) -> None:
        places: list[str] = []
        if self.district_q is not None:
            for index, option in enumerate(self.choice_questions[self.district_q].options):
                if index in self.outside or "övrig" in option.label.casefold():
                    continue
                places.append(option.label)
        self.places = places or [self.city]
        self.villages = self.places[1:] or self.places

    # ------------------------------------------------------------------ components
    def _setup_components(self) -> None:
        city = self.city
        self.components = list(bank.COMPONENTS)
        self.pools: dict[str, list[tuple[list[str], list[str]]]] = {}
        for style in ("pos", "neg", "fut"):
            pools = []
            for code in self.components:
                entry = bank.COMPONENTS[code]
                sentences = [s for s in entry[style] if not (self.local and "{by}" in s)]
                if self.local:
                    sentences += entry["nk_" + style] * 2
                templated = []
                for kind, slot in (("gi", "{i}"), ("gd", "{d}"), ("bi", "{bi}"), ("bd", "{bd}")):
                    if style == "pos" and kind in ("bi", "bd") and code not in PRAISE_BY_ABSENCE:
                        continue
                    terms = entry[kind] + (entry["gp"] if style == "pos" and kind == "gd" else [])
                    for template in bank.TEMPLATES[style][kind]:
                        for term in terms:
                            templated.append(template.replace(slot, term))
                sentences = [s.replace("{stad}", city) for s in sentences]
                pools.append((sentences, templated))
            self.pools[style] = pools
        self.comp_cum: dict[tuple[str, str], list[float]] = {}
        for style_index, style in enumerate(("pos", "neg", "fut")):
            for age_class, emphasis in AGE_EMPHASIS.items():
                weights = [
                    bank.COMPONENTS[code]["w"][style_index] * emphasis.get(code, 1.0) for code in self.components
                ]
                self.comp_cum[(style, age_class)] = _cumulative(weights)
        self.count_cum = {style: _cumulative(p) for style, p in COMPONENT_COUNTS.items()}
        self.none = {s: [t.replace("{stad}", city) for t in texts] for s, texts in bank.NONE.items()}
        self.openers = bank.OPENERS
        self.closers = bank.CLOSERS

    # ------------------------------------------------------------------ arrivals
    def _setup_arrivals(self) -> None:
        """Hourly buckets over the window: launch spike, decay, reminders, weekdays, hours."""
        start, end = self.window
        utc = dt.UTC
        start_utc, end_utc = start.astimezone(utc), end.astimezone(utc)
        hours = int((end_utc - start_utc).total_seconds() // 3600)
        days = max((end.date() - start.date()).days, 1)
        reminders = [days // 3, (2 * days) // 3]
        weekday_factor = (1.1, 1.05, 1.0, 0.95, 0.8, 0.6, 0.85)
        weekday_hours = (
            0.3,
            0.15,
            0.08,
            0.06,
            0.08,
            0.3,
            1.0,
            2.2,
            2.6,
            2.3,
            2.0,
            2.2,
            2.8,
            2.4,
            2.0,
            2.0,
            2.2,
            2.4,
            2.8,
            3.6,
            4.0,
            3.6,
            2.4,
            1.0,
        )
        weekend_hours = (
            0.6,
            0.35,
            0.2,
            0.1,
            0.06,
            0.08,
            0.3,
            0.8,
            1.6,
            2.4,
            2.8,
            2.9,
            2.8,
            2.6,
            2.5,
            2.4,
            2.4,
            2.5,
            2.8,
            3.3,
            3.6,
            3.2,
            2.2,
            1.1,
        )
        rng = self.rng
        day_jitter = [math.exp(rng.gauss(0.0, 0.12)) for _ in range(days + 2)]
        self.bucket_local: list[dt.datetime] = []
        weights: list[float] = []
        for hour in range(hours):
            local = (start_utc + dt.timedelta(hours=hour)).astimezone(self.tz)
            day = (local.date() - start.date()).days
            level = 1.0 + 4.5 * math.exp(-day / 2.5)
            for reminder in reminders:
                if day >= reminder:
                    level += 2.2 * math.exp(-(day - reminder) / 1.6)
            level += 1.2 * math.exp(-(days - 1 - day) / 1.2)  # "last chance"
            weekday = local.weekday()
            profile = weekend_hours if weekday >= 5 else weekday_hours
            weight = level * weekday_factor[weekday] * profile[local.hour] * day_jitter[day]
            weight *= math.exp(rng.gauss(0.0, 0.1))
            self.bucket_local.append(local.replace(tzinfo=None))
            weights.append(weight)
        self.bucket_cum = _cumulative(weights)

    def arrival_counts(self, n: int) -> list[tuple[int, int]]:
        """(bucket, responses) for n responses: systematic sampling, sums to n exactly."""
        offset = self.random()
        counts = []
        previous = math.floor(offset)
        for index, cum in enumerate(self.bucket_cum):
            current = math.floor(n * cum + offset)
            if current > previous:
                counts.append((index, current - previous))
            previous = current
        return counts

    def late_timestamp(self) -> dt.datetime:
        """A submission time in the last quarter of the window (for new re-delivered rows)."""
        cum = self.bucket_cum
        first = bisect.bisect_left(cum, 0.75)
        low = cum[first - 1] if first else 0.0
        index = min(bisect.bisect_left(cum, low + (1.0 - low) * self.random()), len(cum) - 1)
        return self.bucket_local[index] + dt.timedelta(seconds=int(self.random() * 3600))

    def later(self, local: dt.datetime) -> dt.datetime | None:
        """An edit's submission time: later than ``local``, still inside the window."""
        utc = dt.UTC
        aware = local.replace(tzinfo=self.tz)
        end_utc = self.window[1].astimezone(utc)
        room = (end_utc - aware.astimezone(utc)).total_seconds() - 1
        if room < 120:
            return None
        delay = min(60 + self.random() * 7 * 86400 * self.random(), room)
        moved = aware.astimezone(utc) + dt.timedelta(seconds=int(max(delay, 60)))
        return moved.astimezone(self.tz).replace(tzinfo=None)

    # ------------------------------------------------------------------ responses
    def response(self, rid: int) -> _Response:
        rnd = self.random
        choices = []
        for cum in self.choice_cum:
            if rnd() < CHOICE_SKIP_RATE:
                choices.append(-1)
            else:
                choices.append(bisect.bisect_left(cum, rnd()))
        if (
            self.relation_alt_cum is not None
            and self.district_q is not None
            and choices[self.district_q] in self.outside
            and choices[self.relation_q] == 0
        ):
            choices[self.relation_q] = bisect.bisect_left(self.relation_alt_cum, rnd())
        age_class = "mid"
        if self.age_q is not None and choices[self.age_q] >= 0:
            age_class = self.age_classes[choices[self.age_q]]
        texts, comps, pii = [], [], []
        for style in self.styles:
            text, used, personal = self.answer(style, age_class)
            texts.append(text)
            comps.append(used)
            pii.append(personal)
        return _Response(rid, choices, texts, comps, pii, self.respondent())

    def respondent(self) -> str:
        rnd = self.random
        if rnd() >= RESPONDENT_RATE:
            return ""
        recent = self._recent_respondents
        if recent and rnd() < 0.03:  # the same person answering twice
            return recent[int(rnd() * len(recent))]
        value = self.email() if rnd() < 0.5 else self.token(12)
        recent.append(value)
        if len(recent) > 500:
            del recent[:250]
        return value

    def token(self, length: int = 15) -> str:
        return "".join(self.rng.choices(_ALNUM, k=length))

    def email(self) -> str:
        rng = self.rng
        first = rng.choice(bank.FIRST_NAMES).translate(_ASCII_MAIL)
        last = rng.choice(bank.LAST_NAMES).translate(_ASCII_MAIL)
        pattern = rng.random()
        if pattern < 0.4:
            local = f"{first}.{last}"
        elif pattern < 0.7:
            local = f"{first}{last}{rng.randint(50, 99)}"
        elif pattern < 0.85:
            local = f"{first[0]}.{last}"
        else:
            local = f"{first}_{rng.randint(1, 999)}"
        return f"{local}@{rng.choice(bank.MAIL_DOMAINS)}"

    # ------------------------------------------------------------------ answers
    def answer(self, style: str, age_class: str) -> tuple[str, tuple[str, ...], bool]:
        rnd = self.random
        if rnd() < EMPTY_RATE[style]:
            return "", (), False
        count = bisect.bisect_left(self.count_cum[style], rnd())
        if count == 0:
            comps: tuple[str, ...] = ()
            none = self.none[style]
            text = none[int(rnd() * len(none))]
        else:
            comps = self.pick_components(style, age_class, count)
            text = self.compose(style, comps)
        return self.finish(text, comps)

    def rewrite(self, style: str, comps: tuple[str, ...]) -> tuple[str, bool]:
        """The same components in new words (an edited submission)."""
        if comps:
            text = self.compose(style, comps)
        else:
            none = self.none[style]
            text = none[int(self.random() * len(none))]
        text, _, personal = self.finish(text, comps)
        return text, personal

    def pick_components(self, style: str, age_class: str, count: int) -> tuple[str, ...]:
        cum = self.comp_cum[(style, age_class)]
        components = self.components
        rnd = self.random
        chosen: list[str] = []
        while len(chosen) < count:
            code = components[bisect.bisect_left(cum, rnd())]
            if code not in chosen:
                chosen.append(code)
        return tuple(chosen)

    def clause(self, style: str, code: str) -> str:
        rnd = self.random
        sentences, templated = self.pools[style][self.components.index(code)]
        if templated and (not sentences or rnd() >= SENTENCE_SHARE):
            text = templated[int(rnd() * len(templated))]
        else:
            text = sentences[int(rnd() * len(sentences))]
        if "{" in text:
            text = text.replace("{ort}", self.places[int(rnd() * len(self.places))])
            text = text.replace("{by}", self.villages[int(rnd() * len(self.villages))])
        return text

    def compose(self, style: str, comps: tuple[str, ...]) -> str:
        rnd = self.random
        clauses = [self.clause(style, code) for code in comps]
        if len(clauses) > 1:
            clauses[:-1] = [c.rstrip("!") for c in clauses[:-1]]
        end = "." if rnd() < 0.7 else ("!" if rnd() < 0.3 else "")
        if len(clauses) == 1:
            body = _capitalise(clauses[0])
            if end and body[-1] not in ".!?":
                body += end
        else:
            r = rnd()
            if r < 0.40:
                if rnd() < 0.15:
                    clauses[1] = self.rng.choice(("dessutom ", "och ", "också ", "framför allt ")) + clauses[1]
                body = " ".join(_close(_capitalise(c)) for c in clauses[:-1]) + " " + _capitalise(clauses[-1])
                body = body + end if end and body[-1] not in ".!?" else body
            elif r < 0.65:
                body = _capitalise(", ".join(clauses[:-1]) + " och " + clauses[-1])
                body = body + end if end and body[-1] not in ".!?" else body
            elif r < 0.75:
                body = _capitalise(", ".join(clauses))
            elif r < 0.83:
                bullet = "- " if rnd() < 0.8 else "* "
                body = "\n".join(bullet + _capitalise(c) for c in clauses)
            elif r < 0.88:
                if rnd() < 0.5:
                    body = "\n".join(f"{i}. {_capitalise(c)}" for i, c in enumerate(clauses, 1))
                else:
                    body = " ".join(f"{i}) {c}" for i, c in enumerate(clauses, 1))
            elif r < 0.94:
                body = _capitalise("; ".join(clauses))
            else:
                body = "\n".join(_close(_capitalise(c)) for c in clauses)
        r = rnd()
        if r < 0.12:
            openers = self.openers[style]
            opener = openers[int(rnd() * len(openers))]
            separator = "\n" if body.startswith(("-", "*", "1.")) or rnd() < 0.15 else " "
            body = opener + separator + (body if opener[-1] in ".!:" else body[:1].lower() + body[1:])
        elif r < 0.19:
            closer = self.closers[int(rnd() * len(self.closers))]
            body = _close(body) + (" " if rnd() < 0.8 else "\n") + closer
        return body

    def finish(self, text: str, comps: tuple[str, ...]) -> tuple[str, tuple[str, ...], bool]:
        """Citizen noise, then (rarely) personal data or a look-alike number."""
        rnd = self.random
        if rnd() < NO_DIACRITICS_RATE:
            text = text.translate(_NO_DIACRITICS)
        if rnd() < TYPO_RATE:
            text = self.typo(text)
        r = rnd()
        if r < LOWERCASE_RATE:
            text = text.lower().rstrip(".!")
            if rnd() < 0.5:
                text = text.replace(". ", " ").replace(",", "")
        elif r < LOWERCASE_RATE + CAPS_RATE:
            text = text.upper()
        r = rnd()
        if r < 0.02:
            text = text.rstrip(".!") + ("!!!" if rnd() < 0.6 else "...")
        elif r < 0.025:
            text += " 😊" if rnd() < 0.7 else " 👍"
        elif r < 0.035:
            text = "  " + text if rnd() < 0.5 else text + "  "
        limit = self.max_length - 120
        if len(text) > limit:
            text = text[:limit].rstrip()
        personal = False
        r = rnd()
        if r < PII_RATE:
            text = self.with_personal_data(text)
            personal = True
        elif r < PII_RATE + LOOKALIKE_RATE:
            text = self.with_lookalike(text)
        return text, tuple(sorted(comps)), personal

    def typo(self, text: str) -> str:
        rng = self.rng
        for _ in range(1 if rng.random() < 0.7 else 2):
            if len(text) < 4:
                return text
            for _attempt in range(6):
                i = rng.randrange(len(text) - 1)
                if text[i].isalpha() and text[i + 1].isalpha():
                    break
            else:
                return text
            op = rng.random()
            if op < 0.35:
                text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
            elif op < 0.65:
                text = text[:i] + text[i + 1 :]
            elif op < 0.8:
                text = text[:i] + text[i] + text[i:]
            else:
                neighbours = _KEYBOARD_NEIGHBOURS.get(text[i].lower())
                if neighbours:
                    text = text[:i] + rng.choice(neighbours) + text[i + 1 :]
        return text

    # ------------------------------------------------------------------ personal data
    def personnummer(self) -> str:
        rng = self.rng
        year = rng.randint(1936, 2008)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        serial = f"{rng.randint(0, 999):03d}"
        nine = f"{year % 100:02d}{month:02d}{day:02d}{serial}"
        check = _luhn_check(nine)
        short, tail = nine[:6], f"{serial}{check}"
        style = rng.random()
        if style < 0.45:
            return f"{short}-{tail}"
        if style < 0.7:
            return f"{year}{month:02d}{day:02d}{tail}"
        if style < 0.9:
            return f"{year}{month:02d}{day:02d}-{tail}"
        return f"{short}{tail}"

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            # Mobile. Half from PTS's range reserved for fiction (070-174 06 05 … 99).
            if rng.random() < 0.5:
                prefix, number = "70", f"17406{rng.randint(5, 99):02d}"
            else:
                prefix, number = rng.choice(("70", "72", "73", "76", "79")), f"{rng.randint(0, 9999999):07d}"
            a, b, c = number[:3], number[3:5], number[5:]
            style = rng.random()
            if style < 0.35:
                return f"0{prefix}-{a} {b} {c}"
            if style < 0.55:
                return f"0{prefix}{number}"
            if style < 0.7:
                return f"0{prefix} {a} {b} {c}"
            if style < 0.85:
                return f"+46 {prefix} {a} {b} {c}"
            if style < 0.93:
                return f"+46{prefix}-{number}"
            return f"0{prefix}-{number}"
        area = "11" if self.local or rng.random() < 0.3 else rng.choice(("8", "13", "31", "40", "910", "90", "18"))
        digits = 8 if area == "8" else (5 if len(area) == 3 else 6)
        number = f"{rng.randint(10 ** (digits - 1), 10**digits - 1)}"
        if digits == 6:
            grouped = f"{number[:2]} {number[2:4]} {number[4:]}"
        elif digits == 8:
            grouped = f"{number[:3]} {number[3:6]} {number[6:]}"
        else:
            grouped = f"{number[:3]} {number[3:]}"
        return f"0{area}-{grouped}" if rng.random() < 0.7 else f"0{area}-{number}"

    def with_personal_data(self, text: str) -> str:
        rng = self.rng
        kind = rng.choices(("phone", "email", "pnr"), weights=(0.4, 0.35, 0.25))[0]
        frame = rng.choice(bank.PII_FRAMES[kind])
        value = {"phone": self.phone, "email": self.email, "pnr": self.personnummer}[kind]()
        snippet = frame.replace("{p}", value).replace("{e}", value).replace("{n}", value)
        if rng.random() < 0.7 or not text.strip():
            return (_close(text.rstrip()) + " " if text.strip() else "") + _close(_capitalise(snippet))
        return _close(_capitalise(snippet)) + " " + text

    def with_lookalike(self, text: str) -> str:
        rng = self.rng
        template = rng.choice(bank.LOOKALIKES)
        year = rng.randint(1950, 2023)
        values = {
            "{pc}": (
                f"60{rng.randint(0, 9)} {rng.randint(10, 99)}"
                if self.local
                else f"{rng.randint(100, 989)} {rng.randint(10, 99)}"
            ),
            "{date}": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "{year}": str(year),
            "{born}": str(rng.randint(1935, 2006)),
            "{amount}": f"{rng.randint(2, 95) * 1000:,}".replace(",", " ") + " kr",
            "{org}": self.organisation_number(),
            "{small}": str(rng.randint(2, 7)),
            "{dayshort}": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
            "{time}": f"{rng.randint(10, 23)}.{rng.randint(0, 59):02d}",
        }
        for key, value in values.items():
            if key in template:
                template = template.replace(key, value)
        return _close(text.rstrip()) + " " + template

    def organisation_number(self) -> str:
        """Luhn-valid like a personnummer, but the 'month' is 20 or more."""
        rng = self.rng
        nine = f"{rng.choice((80, 81, 82, 55, 71))}{rng.randint(20, 99)}{rng.randint(0, 99999):05d}"
        return f"{nine[:6]}-{nine[6:]}{_luhn_check(nine)}"


# ============================================================================ rendering
class _Renderer:
    """One export layout: headings, slots and how values are spelled in it."""

    def __init__(self, config: ProcessConfig, layout: ExportLayout, gen: _Generator, machine: bool):
        self.layout = layout
        self.gen = gen
        self.machine = machine  # LimeSurvey: answer codes, no messy spellings
        self.headings = [names[0] for names in layout.columns.values()]
        self.fields = list(layout.columns)
        self.ts_format = layout.timestamp_formats[0]
        text_index = {q.code: i for i, q in enumerate(gen.text_questions)}
        choice_index = {q.code: i for i, q in enumerate(gen.choice_questions)}
        self.slots: list[tuple[str, int]] = []
        self.text_columns: list[tuple[int, int]] = []  # (column, text question)
        self.id_column = self.ts_column = -1
        self.district_column = self.age_column = -1
        self.spellings: dict[int, list[list[str]]] = {}
        for column, name in enumerate(self.fields):
            if name == "response_id":
                self.slots.append(("id", 0))
                self.id_column = column
            elif name == "submitted_at":
                self.slots.append(("ts", 0))
                self.ts_column = column
            elif name == "respondent_id":
                self.slots.append(("respondent", 0))
            elif name in text_index:
                self.slots.append(("text", text_index[name]))
                self.text_columns.append((column, text_index[name]))
            else:
                ci = choice_index[name]
                self.slots.append(("choice", ci))
                self.spellings[ci] = self._spellings(gen.choice_questions[ci], layout)
                if ci == gen.district_q:
                    self.district_column = column
                if ci == gen.age_q:
                    self.age_column = column

    def _spellings(self, question: Question, layout: ExportLayout) -> list[list[str]]:
        """Per option, a list to pick uniformly from (weights by repetition)."""
        codes = layout.answer_codes.get(question.code, {})
        inverse: dict[str, str] = {}
        for key, option_code in codes.items():
            inverse.setdefault(option_code, key)
        lookup = question.value_lookup()
        result = []
        for option in question.options:
            if self.machine:
                result.append([inverse.get(option.code, option.label)])
                continue
            label = option.label
            spellings = [label] * 84 + [option.code] * 4
            if option.aliases:
                for i in range(5):
                    spellings.append(option.aliases[i % len(option.aliases)])
            else:
                spellings += [label] * 5
            spellings += [label.upper()] * 2 + [label.lower()] * 2 + [f" {label} "]
            spellings += [label.replace("\u2013", "-")] * 2
            for spelling in spellings:  # every messy spelling must still be valid
                assert lookup.get(normalise_value(spelling)) == option.code, (question.code, spelling)
            result.append(spellings)
        return result

    def render(self, rid: int, ts: dt.datetime, resp: _Response) -> list:
        rnd = self.gen.random
        row = []
        for kind, index in self.slots:
            if kind == "text":
                row.append(resp.texts[index])
            elif kind == "choice":
                option = resp.choices[index]
                if option < 0:
                    row.append("")
                else:
                    spellings = self.spellings[index][option]
                    row.append(spellings[int(rnd() * len(spellings))] if len(spellings) > 1 else spellings[0])
            elif kind == "id":
                row.append(str(rid))
            elif kind == "ts":
                row.append(ts)
            else:
                value = resp.respondent
                if value and self.machine:
                    value = self.gen.token(15)
                row.append(value)
        return row

    def corrupt(self, row: list, kind: str, is_csv: bool) -> str:
        """Make ``row`` malformed in the given way; return the offending value."""
        gen = self.gen
        rng = gen.rng
        start = gen.window[0]
        if kind == "bad_date":
            value = rng.choice((f"31/02/{start.year} 25:61", "igår", "igår kväll", f"{start.year}-02-30 12:00"))
            row[self.ts_column] = value
        elif kind == "outside_window":
            before = start.replace(tzinfo=None) - dt.timedelta(days=rng.randint(14, 42), seconds=rng.randint(0, 86399))
            row[self.ts_column] = before
            value = before.strftime(self.ts_format)
        elif kind == "missing_response_id":
            row[self.id_column] = ""
            value = ""
        elif kind == "unknown_district":
            value = "Atlantis"
            row[self.district_column] = value
        elif kind == "unknown_age_group":
            value = (
                rng.choice(("A9", "A0")) if self.machine else rng.choice(("100–120 år", "999", "12-18 år", "gammal"))
            )
            row[self.age_column] = value
        elif kind == "extra_field":
            value = rng.choice(("", "x", "Skickat från mobil"))
            row.append(value)
        elif kind == "missing_field":
            value = str(row.pop())
        else:  # pragma: no cover - programming error
            raise ValueError(kind)
        return value

    def malformed_kinds(self, is_csv: bool) -> list[str]:
        kinds = ["bad_date", "outside_window", "missing_response_id"]
        if self.district_column >= 0:
            kinds.append("unknown_district")
        if self.age_column >= 0:
            kinds.append("unknown_age_group")
        if is_csv:
            kinds += ["extra_field", "missing_field"]
        return kinds


# ============================================================================ sinks
class _CsvSink:
    def __init__(self, path: Path, encoding: str, delimiter: str, newline: str, renderer: _Renderer):
        # Swedish Excel replaces what Windows-1252 cannot hold (emoji) with '?'.
        errors = "replace" if encoding == "cp1252" else "strict"
        self.handle = path.open("w", encoding=encoding, errors=errors, newline="")
        # LimeSurvey quotes every field of its CSV export; the others quote where needed.
        quoting = csv.QUOTE_ALL if renderer.machine else csv.QUOTE_MINIMAL
        self.writer = csv.writer(self.handle, delimiter=delimiter, lineterminator=newline, quoting=quoting)
        self.writer.writerow(renderer.headings)
        self.ts_column = renderer.ts_column
        self.ts_format = renderer.ts_format

    def write(self, row: list) -> None:
        value = row[self.ts_column] if self.ts_column < len(row) else None
        if isinstance(value, dt.datetime):
            row = list(row)
            row[self.ts_column] = value.strftime(self.ts_format)
        self.writer.writerow(row)

    def close(self) -> None:
        self.handle.close()


class _XlsxSink:
    def __init__(self, path: Path, renderer: _Renderer, sheet_title: str):
        from openpyxl import Workbook

        self.path = path
        self.workbook = Workbook(write_only=True)
        fixed = dt.datetime(2000, 1, 1)
        self.workbook.properties.created = fixed
        self.workbook.properties.modified = fixed
        self.workbook.properties.creator = "hornsten sample"
        self.sheet = self.workbook.create_sheet(sheet_title[:31])
        self.sheet.append(renderer.headings)
        self.width = len(renderer.headings)
        self.rows = 1

    def write(self, row: list) -> None:
        # Like Excel, empty cells are simply not stored.
        self.sheet.append([None if v == "" else v for v in row])
        self.rows += 1

    def close(self) -> None:
        from openpyxl.utils import get_column_letter

        temporary = self.path.with_name(self.path.name + ".tmp")
        self.workbook.save(temporary)
        dimension = f"A1:{get_column_letter(self.width)}{self.rows}"
        _normalise_zip(temporary, self.path, {"xl/worksheets/sheet1.xml": dimension})
        temporary.unlink()


def _normalise_zip(source: Path, target: Path, dimensions: dict[str, str]) -> None:
    """Copy a zip with fixed timestamps so that the same content gives the same bytes.

    openpyxl's write-only mode leaves out the sheet's ``<dimension>``, which Excel
    always writes; without it readers cannot pad rows whose last cells are empty.
    """
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into "modified": pin it like "created".
                core = src.read(info)
                core = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", core
                )
                dst.writestr(fixed, core)
                continue
            with src.open(info) as reader, dst.open(fixed, "w") as writer:
                if info.filename in dimensions:
                    head = reader.read(1 << 16)
                    marker = b"<sheetViews>" if b"<sheetViews>" in head else b"<sheetData"
                    element = f'<dimension ref="{dimensions[info.filename]}" />'.encode()
                    if b"<dimension " not in head:
                        head = head.replace(marker, element + marker, 1)
                    writer.write(head)
                shutil.copyfileobj(reader, writer, 1 << 20)


# ============================================================================ driver
def _file_name(config: ProcessConfig, fmt: str, suffix: str) -> str:
    return f"{config.process}_{fmt}{suffix}"


def _choose_positions(rng: random.Random, rows: int, count: int, exclude: set[int] | None = None) -> list[int]:
    exclude = exclude or set()
    available = rows - len(exclude)
    count = max(0, min(count, available))
    if count == 0:
        return []
    chosen: list[int] = []
    seen = set(exclude)
    # rng.sample over a range is memory-light; retry the few that hit the exclusions.
    while len(chosen) < count:
        for position in rng.sample(range(rows), min(rows, count - len(chosen) + len(exclude))):
            if position not in seen:
                seen.add(position)
                chosen.append(position)
                if len(chosen) == count:
                    break
    return sorted(chosen)


class _KindCycle:
    """Malformed-row reasons in a seeded rotation across all files, so that every kind occurs."""

    ALL = (
        "bad_date",
        "outside_window",
        "missing_response_id",
        "unknown_district",
        "unknown_age_group",
        "extra_field",
        "missing_field",
    )

    def __init__(self, rng: random.Random):
        self.order = rng.sample(self.ALL, len(self.ALL))
        self.position = 0

    def next(self, applicable: list[str]) -> str:
        for step in range(len(self.order)):
            kind = self.order[(self.position + step) % len(self.order)]
            if kind in applicable:
                self.position += step + 1
                return kind
        raise ValueError("no applicable kind of malformed row")  # pragma: no cover


def _personal_in_row(renderer: _Renderer, row: list, resp: _Response) -> int:
    """Answers with personal data that made it into the written row."""
    if len(row) >= len(renderer.fields):
        return sum(resp.pii)
    return sum(resp.pii[ti] for column, ti in renderer.text_columns if column < len(row))


def _malformed_count(rows: int) -> int:
    return max(1 if rows >= 50 else 0, round(rows * MALFORMED_RATE))


def generate_sample(
    config: ProcessConfig,
    responses: int,
    seed: int,
    formats: Sequence[str],
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
) -> SampleResult:
    """Write sample exports, a re-delivery, ``labels.csv`` and ``manifest.json`` to ``out_dir``."""
    if responses < 0:
        raise ValueError("responses must be zero or more")
    requested: list[str] = []
    for fmt in formats:
        for name in FORMATS if fmt == "all" else (fmt,):
            if name not in FORMATS:
                raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)} or all")
            if name not in requested:
                requested.append(name)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    rng = random.Random(seed)
    gen = _Generator(config, rng)
    kinds = _KindCycle(rng)
    layouts = {layout.name: layout for layout in config.survey.exports}
    first_layout = config.survey.exports[0]
    warnings: list[str] = []
    plan: list[tuple[str, ExportLayout]] = []
    for fmt in requested:
        if fmt == "limesurvey":
            if "limesurvey" not in layouts:
                warnings.append(
                    f"format 'limesurvey' skipped: process {config.process!r} has no export layout named 'limesurvey'"
                )
                continue
            plan.append((fmt, layouts["limesurvey"]))
        else:
            plan.append((fmt, first_layout))

    renderers: dict[str, _Renderer] = {}

    def renderer_for(layout: ExportLayout) -> _Renderer:
        if layout.name not in renderers:
            renderers[layout.name] = _Renderer(config, layout, gen, machine=layout.name == "limesurvey")
        return renderers[layout.name]

    first_renderer = renderer_for(first_layout)
    text_codes = [q.code for q in gen.text_questions]
    labels_path = out_dir / "labels.csv"
    manifest_path = out_dir / "manifest.json"
    files: list[SampleFile] = []
    manifest_files: list[dict[str, object]] = []
    repeats: list[tuple[int, dt.datetime, list, _Response]] = []
    # Repeat candidates come from exports in the re-delivery's layout when there are any.
    repeat_from_first = any(layout.name == first_layout.name for _, layout in plan)

    shares = (
        [responses // len(plan) + (1 if i < responses % len(plan) else 0) for i in range(len(plan))] if plan else []
    )
    done = 0
    reported = -1
    next_rid = 1

    with labels_path.open("w", encoding="utf-8", newline="") as labels_handle:
        labels = csv.writer(labels_handle, lineterminator="\n")
        labels.writerow(["response_id", "question", "components"])

        def write_labels(rid: int, resp: _Response) -> None:
            for code, text, comps in zip(text_codes, resp.texts, resp.comps, strict=False):
                if text:
                    labels.writerow([rid, code, ";".join(comps)])

        for (fmt, layout), rows in zip(plan, shares, strict=False):
            renderer = renderer_for(layout)
            suffix, encoding, delimiter, newline = _FORMAT_SPECS[fmt]
            path = out_dir / _file_name(config, fmt, suffix)
            is_csv = fmt != "xlsx"
            sink = (
                _XlsxSink(path, renderer, "Svar")
                if not is_csv
                else _CsvSink(path, encoding, delimiter, newline, renderer)
            )
            malformed_at = _choose_positions(rng, rows, _malformed_count(rows))
            malformed_kind = {pos: kinds.next(renderer.malformed_kinds(is_csv)) for pos in malformed_at}
            may_repeat = repeat_from_first == (layout.name == first_layout.name)
            repeat_at = set(
                _choose_positions(rng, rows, round(rows * REDELIVERY_RATE), set(malformed_at)) if may_repeat else []
            )
            malformed: list[dict[str, object]] = []
            personal = 0
            first_rid = next_rid
            position = 0
            for bucket, count in gen.arrival_counts(rows):
                base = gen.bucket_local[bucket]
                for second in sorted(int(gen.random() * 3600) for _ in range(count)):
                    rid = next_rid
                    next_rid += 1
                    ts = base + dt.timedelta(seconds=second)
                    resp = gen.response(rid)
                    row = renderer.render(rid, ts, resp)
                    kind = malformed_kind.get(position)
                    if kind is not None:
                        value = renderer.corrupt(row, kind, is_csv)
                        malformed.append(
                            {
                                "row_number": position + 2,
                                "response_id": None if kind == "missing_response_id" else str(rid),
                                "reason": kind,
                                "value": value,
                            }
                        )
                    elif position in repeat_at:
                        stored = list(row) if renderer is first_renderer else first_renderer.render(rid, ts, resp)
                        repeats.append((rid, ts, stored, resp))
                    sink.write(row)
                    personal += _personal_in_row(renderer, row, resp)
                    if kind != "missing_response_id":
                        write_labels(rid, resp)
                    position += 1
                    done += 1
                    if progress is not None and done % PROGRESS_EVERY == 0:
                        progress(done, responses)
                        reported = done
            sink.close()
            files.append(SampleFile(path, fmt, layout.name, rows, len(malformed), 0, personal))
            manifest_files.append(
                {
                    "name": path.name,
                    "format": fmt,
                    "layout": layout.name,
                    "encoding": encoding or "xlsx",
                    "delimiter": delimiter,
                    "rows": rows,
                    "response_ids": [first_rid, next_rid - 1] if rows else [],
                    "malformed": malformed,
                    "redelivered": 0,
                    "personal_data": personal,
                }
            )

        if plan:
            redelivery = _write_redelivery(
                config, gen, first_renderer, repeats, next_rid, out_dir, write_labels, manifest_files, kinds
            )
            files.append(redelivery)

    if progress is not None and reported != responses:
        progress(responses, responses)

    manifest = {
        "process": config.process,
        "survey_id": config.survey.survey_id,
        "seed": seed,
        "responses": responses,
        "formats": [fmt for fmt, _ in plan],
        "labels": labels_path.name,
        "warnings": warnings,
        "files": manifest_files,
    }
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return SampleResult(files, manifest_path, labels_path, warnings)


def _write_redelivery(
    config: ProcessConfig,
    gen: _Generator,
    renderer: _Renderer,
    repeats: list[tuple[int, dt.datetime, list, _Response]],
    next_rid: int,
    out_dir: Path,
    write_labels: Callable[[int, _Response], None],
    manifest_files: list[dict[str, object]],
    kinds: _KindCycle,
) -> SampleFile:
    """Repeat ~3 % of the delivered responses (half identical, half edited later) plus a few new."""
    rng = gen.rng
    rng.shuffle(repeats)
    rows: list[tuple[dt.datetime, int, list, _Response, str]] = []
    identical = edited = 0
    for number, (rid, ts, stored, resp) in enumerate(repeats):
        later = gen.later(ts) if number % 2 == 1 and any(resp.texts) else None
        if later is None:
            rows.append((ts, rid, list(stored), resp, "identical"))
            identical += 1
            continue
        texts, pii = list(resp.texts), list(resp.pii)
        for i, (style, text, comps) in enumerate(zip(gen.styles, resp.texts, resp.comps, strict=False)):
            if text:
                texts[i], pii[i] = gen.rewrite(style, comps)
        changed = _Response(rid, resp.choices, texts, resp.comps, pii, resp.respondent)
        row = list(stored)
        row[renderer.ts_column] = later
        for column, text_index in renderer.text_columns:
            row[column] = texts[text_index]
        rows.append((later, rid, row, changed, "edited"))
        edited += 1
    new = max(2, round(len(repeats) * NEW_IN_REDELIVERY)) if repeats else 2
    for _ in range(new):
        rid = next_rid
        next_rid += 1
        ts = gen.late_timestamp()
        resp = gen.response(rid)
        rows.append((ts, rid, renderer.render(rid, ts, resp), resp, "new"))
    rows.sort(key=lambda item: (item[0], item[1]))

    suffix, encoding, delimiter, newline = _FORMAT_SPECS[REDELIVERY_FORMAT]
    path = out_dir / f"{config.process}_redelivery{suffix}"
    new_positions = [i for i, item in enumerate(rows) if item[4] == "new"]
    count = min(_malformed_count(len(rows)), len(new_positions))
    applicable = renderer.malformed_kinds(True)
    malformed_kind = {pos: kinds.next(applicable) for pos in sorted(rng.sample(new_positions, count))}
    sink = _CsvSink(path, encoding, delimiter, newline, renderer)
    malformed: list[dict[str, object]] = []
    personal = 0
    for position, (ts, rid, row, resp, origin) in enumerate(rows):
        kind = malformed_kind.get(position)
        if kind is not None:
            value = renderer.corrupt(row, kind, True)
            malformed.append(
                {
                    "row_number": position + 2,
                    "response_id": None if kind == "missing_response_id" else str(rid),
                    "reason": kind,
                    "value": value,
                }
            )
        sink.write(row)
        personal += _personal_in_row(renderer, row, resp)
        if origin == "new" and kind != "missing_response_id":
            write_labels(rid, resp)
    sink.close()
    manifest_files.append(
        {
            "name": path.name,
            "format": REDELIVERY_FORMAT,
            "layout": renderer.layout.name,
            "encoding": encoding,
            "delimiter": delimiter,
            "rows": len(rows),
            "response_ids": [],
            "malformed": malformed,
            "redelivered": identical + edited,
            "identical": identical,
            "edited": edited,
            "new": new,
            "personal_data": personal,
        }
    )
    return SampleFile(
        path, REDELIVERY_FORMAT, renderer.layout.name, len(rows), len(malformed), identical + edited, personal
    )


__all__ = ["FORMATS", "SampleFile", "SampleResult", "generate_sample"]

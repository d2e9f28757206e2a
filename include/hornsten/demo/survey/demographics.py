"""Who answers: the closed answers (age, gender, district, relation) of a generated respondent.

Municipal web surveys are answered more by women and by people between 45 and 80
than the population would suggest; the first listed district (usually the centre)
is the largest, and about 3 % live elsewhere.
"""

from __future__ import annotations

import bisect
import random
import re
import zlib

from hornsten.config import Option, ProcessConfig, normalise_value
from hornsten.demo.places import DISTRICT_WORDS, find_choice_question, lives_outside
from hornsten.demo.survey.sampling import cumulative

CHOICE_SKIP_RATE = 0.015
OUTSIDE_SHARE = 0.03


def _age_range(option: Option) -> tuple[int, int] | None:
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


def age_class(mean_age: float) -> str:
    """child, young, adult, mid or old: the classes the answers' component emphasis knows."""
    if mean_age < 16:
        return "child"
    if mean_age < 25:
        return "young"
    if mean_age < 45:
        return "adult"
    if mean_age < 65:
        return "mid"
    return "old"


def _age_weights(options: list[Option]) -> tuple[list[float], list[str]]:
    ranges = [_age_range(o) for o in options]
    if all(r is not None for r in ranges):
        weights, classes = [], []
        for lo, hi in ranges:
            mass = [_population(a) * _propensity(a) for a in range(lo, hi + 1)]
            weights.append(sum(mass))
            mean = sum(a * m for a, m in zip(range(lo, hi + 1), mass, strict=False)) / max(sum(mass), 1e-9)
            classes.append(age_class(mean))
        return weights, classes
    # Unparseable: options are ordered young -> old.
    count = len(options)
    weights = [0.4 + i for i in range(count)]
    weights[-1] *= 0.5
    classes = [age_class(15 + 60 * i / max(count - 1, 1)) for i in range(count)]
    return weights, classes


def _gender_weights(options: list[Option]) -> list[float]:
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


def _district_weights(options: list[Option], outside: set[int]) -> list[float]:
    weights: list[float | None] = []
    for index, option in enumerate(options):
        if index in outside:
            weights.append(None)
            continue
        size = 1.0 / (1.0 + 0.15 * index)
        size *= 0.6 + 0.8 * (zlib.crc32(option.code.encode()) / 0xFFFFFFFF)
        if index == 0:
            size *= 2.5  # the first listed district is usually the centre
        weights.append(size)
    inside = sum(w for w in weights if w is not None)
    share = OUTSIDE_SHARE / max(len(outside), 1)
    return [inside * share / (1 - OUTSIDE_SHARE) if w is None else w for w in weights]


class Demographics:
    """Draws the closed answers of one respondent (option index per choice question, -1 = skipped)."""

    def __init__(self, config: ProcessConfig):
        self.questions = config.survey.choice_questions
        self.age_q = find_choice_question(config, "age_group", ("ålder", "gammal"))
        self.gender_q = find_choice_question(config, "gender", ("kön",))
        self.district_q = find_choice_question(config, "district", DISTRICT_WORDS)
        self.relation_q = find_choice_question(config, "relation", ("relation",))
        self.choice_cum: list[list[float]] = []
        self.outside: set[int] = set()
        self.relation_alt_cum: list[float] | None = None
        self.age_classes: list[str] = []
        for index, question in enumerate(self.questions):
            options = question.options
            if index == self.age_q:
                weights, self.age_classes = _age_weights(options)
            elif index == self.gender_q:
                weights = _gender_weights(options)
            elif index == self.district_q:
                self.outside = {i for i, option in enumerate(options) if lives_outside(option)}
                weights = _district_weights(options, self.outside)
            else:
                weights = [3.0] + [0.5 / i for i in range(1, len(options))]
            self.choice_cum.append(cumulative(weights))
            if index == self.relation_q and len(options) > 1:
                # Who lives elsewhere has another relation to the municipality than "I live here".
                self.relation_alt_cum = cumulative([0.0] + weights[1:])

    def draw(self, rng: random.Random) -> tuple[list[int], str]:
        """The option indexes and the respondent's age class ("mid" when the age is not given)."""
        random_ = rng.random
        choices = []
        for cum in self.choice_cum:
            if random_() < CHOICE_SKIP_RATE:
                choices.append(-1)
            else:
                choices.append(bisect.bisect_left(cum, random_()))
        if (
            self.relation_alt_cum is not None
            and self.district_q is not None
            and choices[self.district_q] in self.outside
            and choices[self.relation_q] == 0
        ):
            choices[self.relation_q] = bisect.bisect_left(self.relation_alt_cum, random_())
        klass = "mid"
        if self.age_q is not None and choices[self.age_q] >= 0:
            klass = self.age_classes[choices[self.age_q]]
        return choices, klass

"""The audience-response poll of a sample meeting: the configured questions, plausible options and votes."""

from __future__ import annotations

import random
import re

from hornsten.config import ProcessConfig, normalise_value

SATISFACTION = ["Mycket bra", "Ganska bra", "Ganska dåligt", "Mycket dåligt"]
YOUNG_WORDS = ("ung", "barn_", "student", "campus", "elev")
OLD_WORDS = ("äldre", "aldre", "pension")
PARENT_WORDS = ("småbarn", "smabarn", "förskol", "forskola", "lekland")


def poll_questions(config: ProcessConfig) -> list[tuple[str, list[str]]]:
    """(question, configured options) of every poll_share measure, questions merged."""
    questions: dict[str, list[str]] = {}
    for purpose in config.goals.purposes:
        for measure in purpose.measures:
            if measure.metric != "poll_share":
                continue
            question = str(measure.params["question"])
            options = measure.params["options"]
            options = [options] if isinstance(options, str) else list(options)
            known = questions.setdefault(question, [])
            known += [o for o in options if o not in known]
    return list(questions.items())


def _age_bands(configured: list[str]) -> list[str] | None:
    """Age bands that include the configured ones, e.g. 'Under 25 år' -> Under 25, 25–44, 45–64, 65+."""
    cuts: set[int] = set()
    for label in configured:
        numbers = [int(n) for n in re.findall(r"\d+", label)]
        low = label.casefold()
        if len(numbers) == 2:
            cuts |= {numbers[0], numbers[1] + 1}
        elif len(numbers) == 1 and ("under" in low or "yngre" in low):
            cuts.add(numbers[0] + (1 if "yngre" in low else 0))
        elif len(numbers) == 1 and ("över" in low or "äldre" in low or "+" in low):
            cuts.add(numbers[0] + (1 if "över" in low else 0))
        else:
            return None
    if not cuts:
        return None
    for standard in (25, 45, 65):  # fill in the usual bands, at least ten years wide
        if all(abs(standard - cut) >= 10 for cut in cuts):
            cuts.add(standard)
    ordered = sorted(c for c in cuts if c > 0)
    bands = [f"Under {ordered[0]} år"]
    bands += [f"{low}–{high - 1} år" for low, high in zip(ordered, ordered[1:], strict=False)]
    bands.append(f"{ordered[-1]} år eller äldre")
    spelled = {normalise_value(c): c for c in configured}
    bands = [spelled.get(normalise_value(b), b) for b in bands]
    if not set(spelled) <= {normalise_value(b) for b in bands}:
        return None
    return bands


def _merge(configured: list[str], extras: list[str]) -> list[str]:
    known = {normalise_value(o) for o in extras}
    return [o for o in configured if normalise_value(o) not in known] + extras


def poll_options(question: str, configured: list[str], group_key: str = "") -> list[tuple[str, float]]:
    """Every option of a poll question with a weight: the configured ones plus plausible others."""
    text = question.casefold()
    normalised = {normalise_value(o) for o in configured}
    if "gammal" in text or "ålder" in text:
        bands = _age_bands(configured)
        if bands:
            weights = [1.0] * len(bands)
            weights[-1] = 0.6
            if any(w in group_key for w in YOUNG_WORDS):
                weights[0] = 6.0
            elif any(w in group_key for w in OLD_WORDS):
                weights[-1], weights[-2] = 6.0, 2.0
            elif any(w in group_key for w in PARENT_WORDS):
                weights[min(1, len(weights) - 1)] = 5.0
            return list(zip(bands, weights, strict=False))
        options = _merge(configured, ["Övriga åldrar"])
    elif "tyckte" in text or normalised & {normalise_value(o) for o in SATISFACTION}:
        options = _merge(configured, SATISFACTION)
        weights = {"mycket bra": 5.0, "ganska bra": 4.0, "ganska dåligt": 1.0, "mycket dåligt": 0.3}
        return [(o, weights.get(normalise_value(o), 1.0)) for o in options]
    elif "kvinna" in text or "kön" in text:
        options = _merge(configured, ["Kvinna", "Man", "Annat / vill inte uppge"])
        weights = {"kvinna": 5.0, "man": 4.0}
        return [(o, weights.get(normalise_value(o), 0.3)) for o in options]
    elif normalised & {"ja", "nej", "delvis"}:
        options = _merge(configured, ["Ja", "Delvis", "Nej"] if "delvis" in normalised else ["Ja", "Nej", "Vet inte"])
        weights = {"ja": 3.0, "delvis": 2.0, "nej": 1.5, "vet inte": 0.5}
        return [(o, weights.get(normalise_value(o), 1.0)) for o in options]
    else:
        options = _merge(configured, ["Annat"])
    return [(o, 1.0) for o in options]


def poll_rows(rng: random.Random, config: ProcessConfig, participants: int, group_key: str) -> list[list[object]]:
    """Rows (Fråga, Alternativ, Antal röster): every participant votes, or almost."""
    rows: list[list[object]] = []
    for question, configured in poll_questions(config):
        options = poll_options(question, configured, group_key)
        total = max(participants - rng.randint(0, max(1, participants // 6)), 0)
        weights = [w * rng.uniform(0.7, 1.3) for _, w in options]
        picks = rng.choices(range(len(options)), weights, k=total)
        rows += [[question, option, picks.count(index)] for index, (option, _) in enumerate(options)]
    return rows

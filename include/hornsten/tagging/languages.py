"""The language of a free-text answer, cheaply.

Most answers are Swedish, and saying so needs no statistics: an answer with two Swedish
function words (data/swedish_function_words.txt), or one and an å, is Swedish
(method ``function_words``). A Latin-script answer under three words is too short for any
detector and is taken as Swedish with low confidence (``short``); one without letters is
``und``. Only the rest goes to lingua (lingua-language-detector, maintained, offline, good
on short text), restricted to the process's candidate languages
(``survey.detection.languages``) — restricting it makes it several times faster and keeps
it from answering "Danish" to Swedish without å/ä/ö.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

WORD = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
SHORT_WORDS = 3


@dataclass(frozen=True)
class Detected:
    language: str  # ISO 639-1, or 'und'
    confidence: float
    method: str  # function_words, short, lingua, no_letters


@cache
def swedish_function_words() -> frozenset[str]:
    text = resources.files("hornsten.tagging").joinpath("data/swedish_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def prefilter(text: str) -> Detected | None:
    """The language when it is plain without a detector, else None."""
    words = WORD.findall(text.lower())
    if not words:
        return Detected("und", 1.0, "no_letters")
    latin = sum(1 for word in words if LATIN.match(word))
    if latin * 2 < len(words):
        return None  # another script: the detector tells Arabic from Persian
    function_words = swedish_function_words()
    hits = sum(1 for word in words if word in function_words)
    if hits >= 2 or (hits == 1 and "å" in text.lower()):
        return Detected("sv", 0.9, "function_words")
    if len(words) < SHORT_WORDS:
        return Detected("sv", 0.5 if hits or re.search("[åäö]", text.lower()) else 0.3, "short")
    return None


class LanguageDetector:
    """The pre-filter, then lingua over the candidate languages for what it leaves."""

    def __init__(self, languages: Sequence[str]):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        isos = [IsoCode639_1.from_str(code) for code in languages]
        self._detector = LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()

    def detect(self, texts: Iterable[str]) -> list[Detected]:
        texts = list(texts)
        results: list[Detected | None] = [prefilter(text) for text in texts]
        pending = [i for i, result in enumerate(results) if result is None]
        if pending:
            confidences = self._detector.compute_language_confidence_values_in_parallel([texts[i] for i in pending])
            for i, values in zip(pending, confidences, strict=True):
                results[i] = _top(values)
        return [result for result in results if result is not None]


def _top(values) -> Detected:
    if not values or values[0].value <= 0:
        return Detected("und", 0.0, "lingua")
    best = values[0]
    return Detected(best.language.iso_code_639_1.name.lower(), round(float(best.value), 3), "lingua")

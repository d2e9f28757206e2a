"""The language of a free-text answer, cheaply.

Most answers are Swedish, and saying so needs no statistics (method ``swedish_words``):
an answer with an å (no other candidate language writes it), with a Swedish function
word no other candidate uses (data/swedish_function_words.txt), or with ä/ö and none of
the letters and vowel pairs of Finnish, German or Turkish, is Swedish. A
Latin-script answer under three words is too short for any detector and is taken as
Swedish with low confidence (``short``); one without letters is ``und``. Only the rest
(one in twenty of the generated answers, measured) goes to lingua (lingua-language-detector:
maintained, offline, good on short text), restricted to the process's candidate
languages (``survey.detection.languages``) — which makes it several times faster and
keeps it from answering "Danish" to Swedish written without å/ä/ö.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

WORD = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
SWEDISH_UMLAUT = re.compile(r"[äö]")
# ä and ö are Finnish, German and Turkish letters too: with one of these letters, vowel
# pairs or a word ending in ä (Finnish "pyöräteitä") beside them the text goes to the detector.
NOT_SWEDISH = re.compile(r"[üßşğıçõ]|sch|aa|ää|ee|ii|oo|uu|yy|öö|yö|äy|öy|uo|ie|ei|ai|ä\b")
SHORT_WORDS = 3
# lingua's confidence values over the candidates add up to 1. A short Swedish answer
# typed carelessly ("En bra stad", "satsa pa nattis") gets 0.2–0.7 for Spanish or
# Finnish but keeps a fair share for Swedish; a real English or Arabic answer gets most
# of it and leaves Swedish next to nothing. Another language wins only then.
OTHER_LANGUAGE_MIN = 0.5
OVER_SWEDISH = 8


@dataclass(frozen=True)
class Detected:
    language: str  # ISO 639-1, or 'und'
    confidence: float
    method: str  # swedish_words, short, lingua, no_letters


@cache
def swedish_function_words() -> frozenset[str]:
    text = resources.files("hornsten.tagging").joinpath("data/swedish_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def prefilter(text: str) -> Detected | None:
    """The language when it is plain without a detector, else None."""
    lowered = text.lower()
    words = WORD.findall(lowered)
    if not words:
        return Detected("und", 1.0, "no_letters")
    latin = sum(1 for word in words if LATIN.match(word))
    if latin * 2 < len(words):
        return None  # another script: the detector tells Arabic from Persian
    if "å" in lowered:
        return Detected("sv", 0.9, "swedish_words")
    function_words = swedish_function_words()
    hits = sum(1 for word in words if word in function_words)
    if hits:
        return Detected("sv", 0.9 if hits > 1 else 0.8, "swedish_words")
    umlaut = SWEDISH_UMLAUT.search(lowered) is not None
    if umlaut and not NOT_SWEDISH.search(lowered):
        return Detected("sv", 0.7, "swedish_words")
    if len(words) < SHORT_WORDS:
        return Detected("sv", 0.5 if umlaut else 0.3, "short")
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
    by_code = {value.language.iso_code_639_1.name.lower(): float(value.value) for value in values}
    best = max(by_code, key=by_code.__getitem__, default="und")
    if best == "und" or by_code[best] <= 0:
        return Detected("und", 0.0, "lingua")
    if best != "sv" and (by_code[best] < OTHER_LANGUAGE_MIN or by_code.get("sv", 0.0) * OVER_SWEDISH > by_code[best]):
        best = "sv"
    return Detected(best, round(by_code.get(best, 0.0), 3), "lingua")

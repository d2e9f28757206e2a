"""LIX (läsbarhetsindex), the Swedish readability index: words per sentence plus the
percentage of words longer than six letters. Under 30 is very easy, 30–40 easy
(children's books, plain-language news), 40–50 ordinary newspaper prose, above 50
official documents. The published pages aim at under 40 (Björnsson 1968)."""

from __future__ import annotations

import re

LONG_WORD = 6  # letters; a word with more counts as long
# A word: letters (with digits and hyphens inside); numbers alone are not words to LIX.
_WORD = re.compile(r"[^\W\d_](?:[\w-]*\w)?")
# A sentence ends at . ! ? : or a line break (headings, list items and table cells are
# sentences of their own), but not in "t.ex." or a decimal number.
_SENTENCE_END = re.compile(r"(?<!\bt\.ex)(?<!\bbl\.a)(?<!\bca)[.!?:](?=\s|$)|\n+")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    parts = [p for p in _SENTENCE_END.split(text) if words(p)]
    return max(len(parts), 1 if words(text) else 0)


def lix(text: str) -> float:
    """The LIX of a text; 0 for a text without words."""
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(1 for w in found if len(w.replace("-", "")) > LONG_WORD)
    return len(found) / sentences(text) + 100 * long_words / len(found)


def describe(score: float) -> str:
    """The usual Swedish reading of a LIX score."""
    if score < 30:
        return "mycket lättläst"
    if score < 40:
        return "lättläst"
    if score < 50:
        return "medelsvår"
    if score < 60:
        return "svår"
    return "mycket svår"

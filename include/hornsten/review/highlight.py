"""Matched words marked in an answer, safely: the text is HTML-escaped first (answers
are citizens' text and may contain markup), then whole words are wrapped in <mark>."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markupsafe import Markup

# A word as the tagging splits them: letters and digits (å, ä, ö and the rest of Unicode).
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The distinct words of ``text`` in lower case, in order of first appearance."""
    seen: dict[str, None] = {}
    for match in _WORD.finditer(text):
        seen.setdefault(match.group().lower(), None)
    return list(seen)


def highlight(text: str, matched: Iterable[str]) -> Markup:
    """``text`` as HTML with every word (or phrase) of ``matched`` in a <mark>, case-insensitive.

    Everything else is escaped; a matched word never matches inside a longer word."""
    phrases = sorted({m.strip().lower() for m in matched if m and m.strip()}, key=len, reverse=True)
    if not phrases:
        return Markup(html.escape(text))
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in phrases)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE | re.UNICODE)
    out: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        out.append(html.escape(text[last : found.start()]))
        out.append(f"<mark>{html.escape(found.group())}</mark>")
        last = found.end()
    out.append(html.escape(text[last:]))
    return Markup("".join(out))

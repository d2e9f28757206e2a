"""What residents rank in the prioritisation round: the codebook's components or themes,
each with the short answer code a survey tool needs.

LimeSurvey's answer codes are at most five letters and digits, so the round numbers
the items A1, A2, … in codebook order (the codebook's codes are fixed, and new ones
are added at the end); a cell may hold that code, the item's own code or its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from hornsten.config import PriorityRound, normalise_value
from hornsten.tagging.codebook import codebook_components, codebook_themes


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    theme: str  # the item's own code when themes are ranked
    description: str
    answer_code: str  # A1, A2, … (LimeSurvey)


def round_items(round_: PriorityRound) -> list[Item]:
    if round_.items == "themes":
        return [Item(t.code, t.label, t.code, "", f"A{n}") for n, t in enumerate(codebook_themes(), start=1)]
    return [Item(c.code, c.label, c.theme, c.definition, f"A{n}") for n, c in enumerate(codebook_components(), start=1)]


def item_lookup(items: list[Item]) -> dict[str, str]:
    """Normalised code, name and answer code -> item code."""
    lookup: dict[str, str] = {}
    for item in items:
        for spelling in (item.answer_code, item.label, item.code):
            lookup[normalise_value(spelling)] = item.code
    return lookup

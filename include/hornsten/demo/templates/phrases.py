"""Sentences for statements and remiss comments: the phrase bank with the process's places filled in."""

from __future__ import annotations

import csv
import random
from functools import cache

from hornsten.config import ProcessConfig
from hornsten.demo import phrasebank
from hornsten.demo.places import district_labels, municipality_name
from hornsten.demo.text import sentence


@cache
def component_themes() -> dict[str, str]:
    """component -> theme, from the codebook seed (components of the phrase bank only)."""
    from hornsten.warehouse.dbt import dbt_project_dir

    bank = phrasebank.components()
    path = dbt_project_dir() / "seeds" / "codebook" / "codebook_components.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["component"]: row["theme"] for row in csv.DictReader(handle) if row["component"] in bank}


def theme_components(theme: str) -> list[str]:
    themes = component_themes()
    return [c for c in themes if themes[c] == theme]


def first_component(theme: str) -> str:
    return next(iter(theme_components(theme)), "lokal_mat")


class TemplatePhrases:
    """Swedish sentences per component and style, with the process's place names filled in."""

    def __init__(self, config: ProcessConfig, rng: random.Random):
        self.rng = rng
        self.city = municipality_name(config)
        self.places = district_labels(config)
        self.villages = self.places[1:] or self.places
        self.bank = phrasebank.components()
        self.local = phrasebank.process_phrases(config.process)

    def sentences(self, component: str, style: str) -> list[str]:
        sentences = self.local.sentences(self.bank[component], style)
        # A statement or a quoted view is a sentence, not a one-word survey answer ("Teatern").
        return [s for s in sentences if len(s.split()) >= 3] or sentences

    def fill(self, text: str) -> str:
        rng = self.rng
        text = text.replace("{stad}", self.city)
        if "{ort}" in text:
            text = text.replace("{ort}", rng.choice(self.places))
        if phrasebank.VILLAGE in text:
            text = text.replace(phrasebank.VILLAGE, rng.choice(self.villages))
        return text

    def sentence(self, component: str, style: str) -> str:
        """A hand-written sentence, capitalised and punctuated."""
        return sentence(self.fill(self.rng.choice(self.sentences(component, style))))

    def clause(self, component: str, style: str) -> str:
        """The same sentence as a quotable clause (no final stop)."""
        return self.sentence(component, style).rstrip(".")

    def term(self, component: str, kinds: tuple[str, ...]) -> str:
        """A term of the first of ``kinds`` the component has (else a wanted thing)."""
        entry = self.bank[component]
        for kind in kinds:
            if entry.terms(kind):
                return self.fill(self.rng.choice(entry.terms(kind)))
        return self.fill(self.rng.choice(entry.wanted))

"""The tagger a user would otherwise write: Python regular expressions over the
codebook's own terms, one pattern per component, case-insensitive, no exclusions,
no precision rules. A yardstick for speed and F1, not a product."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from hornsten.tagging import evaluation
from hornsten.warehouse.dbt import dbt_project_dir


def _pattern(term: str, match: str) -> str:
    escaped = re.escape(term.strip().lower())
    if match == "phrase":
        return rf"\b{escaped}\b"
    if match == "infix":
        return escaped
    return rf"\b{escaped}"  # stem and prefix: the word begins with the term


@dataclass
class RegexTagger:
    patterns: dict[str, re.Pattern[str]]

    @classmethod
    def from_codebook(cls, terms_csv: Path | None = None) -> RegexTagger:
        terms_csv = terms_csv or dbt_project_dir() / "seeds" / "codebook" / "codebook_terms.csv"
        by_component: dict[str, list[str]] = {}
        with terms_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                by_component.setdefault(row["component"], []).append(_pattern(row["term"], row["match"]))
        return cls({c: re.compile("|".join(p), re.IGNORECASE) for c, p in by_component.items()})

    def tag(self, text: str) -> frozenset[str]:
        return frozenset(c for c, pattern in self.patterns.items() if pattern.search(text))


def dev_set_scores(tagger: RegexTagger, path: Path | None = None) -> dict[str, float]:
    """Micro precision, recall and F1 of the tagger on the labelled dev set."""
    answers = evaluation.read_labelled(path or evaluation.DEFAULT_ANSWERS)
    gold = {a.id: a.components for a in answers}
    predicted = {a.id: tagger.tag(a.text) for a in answers}
    scores = evaluation.score(gold, predicted, sorted(tagger.patterns))
    return {k: scores[k] for k in ("answers", "micro_precision", "micro_recall", "micro_f1")}

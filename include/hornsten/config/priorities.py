"""The residents' prioritisation round (between the survey and the committee): what is
ranked, how many places, when it is open, what it asks besides, and how its exports look."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel
from hornsten.config.survey import RESPONSE_FIELDS

RANK_PLACEHOLDER = "{n}"


class PriorityLayout(StrictModel):
    """One tool's export of the ranking question: the response fields' headings, and the
    rank columns as a heading with {n} for the place (1 = most important)."""

    name: str = Field(pattern=CODE_PATTERN)
    description: str = ""
    timestamp_formats: list[str] = []
    submission_time: Literal["required", "optional"] = "required"
    columns: dict[str, list[str]]
    rank_columns: list[str] = Field(min_length=1)
    # answer codes of closed background questions, as in a survey layout
    answer_codes: dict[str, dict[str, str]] = {}

    @model_validator(mode="after")
    def _placeholders(self) -> PriorityLayout:
        bad = [h for h in self.rank_columns if RANK_PLACEHOLDER not in h]
        if bad:
            raise ValueError(
                f"priority layout {self.name!r}: rank_columns need {RANK_PLACEHOLDER} for the place: {bad}"
            )
        return self

    @property
    def needs_submission_time(self) -> bool:
        return self.submission_time == "required"


class PriorityRound(StrictModel):
    round_id: str = Field(pattern=CODE_PATTERN)
    title: str
    # What residents rank: the codebook's components (as Norrköping's 26 keywords in
    # 2015) or its themes.
    items: Literal["components", "themes"] = "components"
    # Places each resident fills (top N); a response with fewer than min_ranks is
    # quarantined, as is one with a gap (place 3 filled, place 2 empty).
    ranks: int = Field(default=5, ge=1, le=20)
    min_ranks: int = Field(default=1, ge=1)
    start: dt.date
    end: dt.date
    # The survey's closed background questions the round asks too (codes): its
    # answers are then weighted to the population like the survey's.
    questions: list[str] = []
    exports: list[PriorityLayout] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> PriorityRound:
        if self.end < self.start:
            raise ValueError(f"priorities: the round ends ({self.end}) before it starts ({self.start})")
        if self.min_ranks > self.ranks:
            raise ValueError(f"priorities: min_ranks ({self.min_ranks}) is more than ranks ({self.ranks})")
        known = {*RESPONSE_FIELDS, *self.questions}
        for layout in self.exports:
            unknown = set(layout.columns) - known
            if unknown:
                raise ValueError(
                    f"priority layout {layout.name!r} maps unknown fields {sorted(unknown)}; "
                    f"known fields are {sorted(known)} (background questions must be listed in priorities.questions)"
                )
            required = ["response_id", *(["submitted_at"] if layout.needs_submission_time else [])]
            missing = [f for f in required if f not in layout.columns]
            if missing:
                raise ValueError(f"priority layout {layout.name!r} must map {missing}")
        return self

    def window(self, timezone: str) -> tuple[dt.datetime, dt.datetime]:
        """First and last instant (inclusive start, exclusive end) of the round, tz-aware."""
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(timezone)
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        return start, dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


class CornerstoneWeights(StrictModel):
    """How much each input counts in the cornerstone score (they add up to 1)."""

    salience: float = Field(ge=0, le=1)  # how often residents mention the theme (the survey)
    priority: float = Field(default=0, ge=0, le=1)  # how residents ranked it (the round)
    committee: float = Field(ge=0, le=1)  # the steering committee's valuation

    @model_validator(mode="after")
    def _sum(self) -> CornerstoneWeights:
        total = self.salience + self.priority + self.committee
        if abs(total - 1) > 1e-6:
            raise ValueError(f"cornerstones.weights add up to {total:g}; salience + priority + committee must be 1")
        return self

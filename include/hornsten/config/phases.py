"""The phases of a process (survey, dialogue, remiss, …): their dates and milestones."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel


class Milestone(StrictModel):
    name: str
    date: dt.date


class Phase(StrictModel):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    start: dt.date
    end: dt.date
    description: str = ""
    # The same in plain language for residents (the published site; LIX under 40);
    # empty: the site shows `description`.
    plain_description: str = ""
    milestones: list[Milestone] = []

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end < self.start:
            raise ValueError(f"phase {self.code!r} ends ({self.end}) before it starts ({self.start})")
        return self

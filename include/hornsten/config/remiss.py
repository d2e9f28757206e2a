"""The remiss (consultation) phase: the bodies consulted, the rounds and the sections of the draft."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel


class RemissBody(StrictModel):
    code: str = Field(pattern=CODE_PATTERN)
    kind: Literal["parti", "nämnd", "styrelse", "kontor", "bolag", "övrig"]
    name: str
    contact: str


class RemissRound(StrictModel):
    """One consultation round: the draft is sent on `sent`, answers are due by `deadline`."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = ""
    sent: dt.date
    deadline: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> RemissRound:
        if self.deadline < self.sent:
            raise ValueError(f"remiss round {self.code!r}: deadline ({self.deadline}) before sent ({self.sent})")
        return self


class RemissSection(StrictModel):
    """A part of the draft, other than the cornerstones, that bodies take a position on."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str


class Remiss(StrictModel):
    bodies: list[RemissBody] = []
    rounds: list[RemissRound] = []
    sections: list[RemissSection] = []
    # A body without a response is due a reminder this many days before the deadline.
    reminder_days: int = Field(default=14, ge=0)

    @model_validator(mode="after")
    def _unique(self) -> Remiss:
        for what, codes in (
            ("bodies", [b.code for b in self.bodies]),
            ("rounds", [r.code for r in self.rounds]),
            ("sections", [s.code for s in self.sections]),
        ):
            if len(codes) != len(set(codes)):
                raise ValueError(f"remiss {what} codes must be unique")
        return self

    def round(self, code: str | None = None) -> RemissRound:
        """The named round, or the latest one."""
        if not self.rounds:
            raise KeyError("the process configuration has no remiss rounds")
        if code is None:
            return max(self.rounds, key=lambda r: r.sent)
        for candidate in self.rounds:
            if candidate.code == code:
                return candidate
        raise KeyError(f"no remiss round {code!r} (known: {', '.join(r.code for r in self.rounds)})")

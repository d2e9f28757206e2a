"""The goal matrix (målmatris): the purposes of the dialogue and the measures of each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel

# What the goal matrix can compute from the data; `manual` takes the value from the
# configuration (or is "not measurable" without one).
METRICS = {
    "survey_respondents": "antal",
    "survey_young_share": "andel",
    "dialogue_meetings": "antal",
    "dialogue_participants": "antal",
    "dialogue_target_groups_reached_share": "andel",
    "dialogue_statements": "antal",
    "poll_share": "andel",
    "remiss_response_share": "andel",
    "remiss_on_time_share": "andel",
    "manual": "",
}


class Measure(StrictModel):
    """One measure (mått) of the goal matrix: a metric, a comparison and a target.

    Shares (andel) are percentages 0–100. `params` qualify a metric: `age_groups`
    for survey_young_share, `question` and `options` for poll_share (the share of
    poll votes on those options)."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str
    metric: Literal[tuple(METRICS)]  # type: ignore[valid-type]
    comparison: Literal["at_least", "at_most"] = "at_least"
    target: float | None = None
    value: float | None = None
    params: dict[str, str | list[str]] = {}
    note: str = ""

    @model_validator(mode="after")
    def _params(self) -> Measure:
        needed = {"poll_share": ("question", "options"), "survey_young_share": ("age_groups",)}.get(self.metric, ())
        missing = [p for p in needed if p not in self.params]
        if missing:
            raise ValueError(f"measure {self.code!r} ({self.metric}) needs params {missing}")
        if self.value is not None and self.metric != "manual":
            raise ValueError(f"measure {self.code!r}: a value is only given for metric 'manual'")
        return self

    @property
    def unit(self) -> str:
        return METRICS[self.metric]


class Purpose(StrictModel):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    measures: list[Measure] = []


class Goals(StrictModel):
    """The goal matrix (målmatris): the purposes of the dialogue and how each is measured."""

    purposes: list[Purpose] = []

    @model_validator(mode="after")
    def _unique(self) -> Goals:
        codes = [m.code for p in self.purposes for m in p.measures]
        if len(codes) != len(set(codes)):
            raise ValueError("measure codes must be unique across purposes")
        return self

"""One dialogue process as a whole: its phases and each phase's plan, and how the cornerstones come out.

A process (``norrkoping_vision_2035``, ``skelleftea_2030``, …) is configuration, not
code: its phases, survey questions, export layouts, districts, dialogue forums and
remiss bodies all live in ``processes/<name>.yml`` (read by ``hornsten.config.loader``).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel
from hornsten.config.dialogue import Dialogue
from hornsten.config.dialogue_plan import DialoguePlan
from hornsten.config.goals import Goals
from hornsten.config.phases import Phase
from hornsten.config.priorities import CornerstoneWeights, PriorityRound
from hornsten.config.remiss import Remiss
from hornsten.config.reports import Alerts, Reports
from hornsten.config.retention import Retention
from hornsten.config.site import Site
from hornsten.config.survey import Survey

# The closed questions representativeness and weights are measured on.
DEMOGRAPHICS = ("age_group", "gender", "district")


class CornerstoneRule(StrictModel):
    """How the cornerstones come out: the score is the weighted mean of the inputs there
    are — citizens' salience (how often they mention a theme), citizens' priority (how
    they ranked it in the prioritisation round) and the committee's valuation — each
    scaled so the top theme is 1; the best `count` themes are the cornerstones.

    `weights` names all three; without it, `citizen_weight` is the salience's and the
    committee has the rest (a process without a round)."""

    citizen_weight: float | None = Field(default=None, ge=0, le=1)
    weights: CornerstoneWeights | None = None
    count: int = Field(default=5, ge=1)
    committee_measure: Literal["points", "borda"] = "borda"

    @model_validator(mode="after")
    def _one_way(self) -> CornerstoneRule:
        if self.weights is not None and self.citizen_weight is not None:
            raise ValueError("cornerstones: give either citizen_weight or weights, not both")
        return self

    @property
    def input_weights(self) -> CornerstoneWeights:
        if self.weights is not None:
            return self.weights
        w = 0.5 if self.citizen_weight is None else self.citizen_weight
        return CornerstoneWeights(salience=w, priority=0, committee=1 - w)


class ProcessConfig(StrictModel):
    process: str = Field(pattern=CODE_PATTERN)
    title: str
    municipality: str
    timezone: str = "Europe/Stockholm"
    language: str = "sv"
    steering_committee: str = ""
    phases: list[Phase]
    survey: Survey
    dialogue: Dialogue = Dialogue()
    # The residents' prioritisation round between the survey and the committee (optional).
    priorities: PriorityRound | None = None
    # What the participants were promised (purpose, decision, influence, feedback); the
    # published site shows it beside what came of the answers.
    dialogue_plan: DialoguePlan | None = None
    remiss: Remiss = Remiss()
    cornerstones: CornerstoneRule = CornerstoneRule()
    goals: Goals = Goals()
    reports: Reports = Reports()
    alerts: Alerts = Alerts()
    site: Site = Site()
    # None: no retention configured, the restricted data is kept (the maintenance DAG says so).
    retention: Retention | None = None

    @field_validator("phases")
    @classmethod
    def _phases_unique(cls, phases: list[Phase]) -> list[Phase]:
        codes = [p.code for p in phases]
        if len(codes) != len(set(codes)):
            raise ValueError("phase codes must be unique")
        if "survey" not in codes:
            raise ValueError("a process needs a phase with code 'survey' (the survey window)")
        return phases

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _reports_name_phases(self) -> ProcessConfig:
        codes = {p.code for p in self.phases}
        for index, schedule in enumerate(self.reports.schedules):
            if schedule.phase not in codes:
                raise ValueError(
                    f"reports.schedules.{index}: phase {schedule.phase!r} is not among the phases {sorted(codes)}"
                )
        return self

    @model_validator(mode="after")
    def _round_fits(self) -> ProcessConfig:
        weights = self.cornerstones.input_weights
        if self.priorities is None:
            if weights.priority > 0:
                raise ValueError(
                    "cornerstones.weights.priority is above 0, but the process has no prioritisation round "
                    "(priorities:)"
                )
            return self
        choices = {q.code: q for q in self.survey.choice_questions}
        unknown = [code for code in self.priorities.questions if code not in choices]
        if unknown:
            raise ValueError(
                f"priorities.questions: {unknown} are not closed questions of the survey ({sorted(choices)})"
            )
        for layout in self.priorities.exports:
            for field, codes in layout.answer_codes.items():
                if field not in choices:
                    raise ValueError(f"priority layout {layout.name!r}: answer_codes for {field!r}, not a question")
                bad = sorted(set(codes.values()) - {o.code for o in choices[field].options})
                if bad:
                    raise ValueError(
                        f"priority layout {layout.name!r}: answer_codes for {field!r} point to unknown options {bad}"
                    )
        survey = self.phase("survey")
        if self.priorities.start <= survey.start:
            raise ValueError(
                f"priorities.start: {self.priorities.start} is not after the survey opens ({survey.start}); "
                "the round ranks what the survey found"
            )
        return self

    @model_validator(mode="after")
    def _plan_fits_phases(self) -> ProcessConfig:
        if self.dialogue_plan is None:
            return self
        codes = [p.code for p in self.phases]
        for index, promise in enumerate(self.dialogue_plan.feedback):
            if promise.after_phase not in codes:
                raise ValueError(
                    f"dialogue_plan.feedback.{index}.after_phase: {promise.after_phase!r} is not among the "
                    f"phases {codes}"
                )
        survey = self.phase("survey")
        if self.dialogue_plan.decision.date > survey.start:
            raise ValueError(
                f"dialogue_plan.decision.date: {self.dialogue_plan.decision.date} is after the survey opens "
                f"({survey.start}); the decision to hold the dialogue comes first"
            )
        return self

    def phase(self, code: str) -> Phase:
        for phase in self.phases:
            if phase.code == code:
                return phase
        raise KeyError(f"process {self.process!r} has no phase {code!r}")

    @property
    def ends_on(self) -> dt.date:
        """The day the process ends: the end of its last phase (the council's decision, as a rule)."""
        return max(phase.end for phase in self.phases)

    @property
    def survey_window(self) -> tuple[dt.datetime, dt.datetime]:
        """First and last instant (inclusive start, exclusive end) of the survey, tz-aware."""
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(self.timezone)
        phase = self.phase("survey")
        start = dt.datetime.combine(phase.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(phase.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    def dbt_env(self) -> dict[str, str]:
        """The process settings dbt reads (dbt_project.yml vars come from these)."""
        return {
            "HORNSTEN_PROCESS": self.process,
            "HORNSTEN_TIMEZONE": self.timezone,
            "HORNSTEN_CORNERSTONE_SALIENCE_WEIGHT": str(self.cornerstones.input_weights.salience),
            "HORNSTEN_CORNERSTONE_PRIORITY_WEIGHT": str(self.cornerstones.input_weights.priority),
            "HORNSTEN_CORNERSTONE_COMMITTEE_WEIGHT": str(self.cornerstones.input_weights.committee),
            "HORNSTEN_PRIORITY_ROUND_ID": self.priorities.round_id if self.priorities else "",
            "HORNSTEN_PRIORITY_ITEMS": self.priorities.items if self.priorities else "",
            "HORNSTEN_PRIORITY_RANKS": str(self.priorities.ranks if self.priorities else 0),
            "HORNSTEN_CORNERSTONE_COUNT": str(self.cornerstones.count),
            "HORNSTEN_COMMITTEE_MEASURE": self.cornerstones.committee_measure,
            "HORNSTEN_SURVEY_ID": self.survey.survey_id,
            "HORNSTEN_CAMPAIGN_MIN_WORDS": str(self.survey.detection.campaign_min_words),
            "HORNSTEN_CAMPAIGN_MIN_RESPONDENTS": str(self.survey.detection.campaign_min_respondents),
            # Which demographics the survey asks (and their options): representativeness
            # and weights only for those (dbt_project/macros/demographics.sql).
            "HORNSTEN_DEMOGRAPHIC_OPTIONS": json.dumps(
                {q.code: [o.code for o in q.options] for q in self.survey.choice_questions if q.code in DEMOGRAPHICS}
            ),
        }

    @cached_property
    def choice_lookups(self) -> dict[str, dict[str, str]]:
        return {q.code: q.value_lookup() for q in self.survey.choice_questions}

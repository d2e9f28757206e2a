"""Process configuration: one YAML file per dialogue process.

A process (``norrkoping_vision_2035``, ``skelleftea_2030``, …) is configuration, not
code: its phases, survey questions, export layouts, districts, dialogue forums and
remiss bodies all live in ``processes/<name>.yml``. Errors name the file, the key
and the problem, because the people editing these files are process leaders, not
Python programmers.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from hornsten.paths import REPO_ROOT

# Fields every survey row has, whatever the tool that exported it.
RESPONSE_FIELDS = ("response_id", "submitted_at", "respondent_id")
REQUIRED_FIELDS = ("response_id", "submitted_at")
CODE_PATTERN = r"^[a-z0-9_][a-z0-9_+\-]*$"


class ConfigError(ValueError):
    """A process configuration that cannot be used, with a message for humans."""


class _Model(BaseModel):
    # Unknown keys are typos more often than extensions: reject them.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    label: str
    aliases: list[str] = []


class Question(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    kind: Literal["text", "choice"]
    text: str
    options: list[Option] = []

    @model_validator(mode="after")
    def _choice_has_options(self) -> Question:
        if self.kind == "choice" and not self.options:
            raise ValueError(f"choice question {self.code!r} needs a list of options")
        if self.kind == "text" and self.options:
            raise ValueError(f"text question {self.code!r} cannot have options")
        codes = [o.code for o in self.options]
        if len(codes) != len(set(codes)):
            raise ValueError(f"question {self.code!r} has duplicate option codes")
        return self

    def value_lookup(self) -> dict[str, str]:
        """Normalised code, label and alias -> option code."""
        lookup: dict[str, str] = {}
        for option in self.options:
            for spelling in (option.code, option.label, *option.aliases):
                lookup[normalise_value(spelling)] = option.code
        return lookup


class ExportLayout(_Model):
    name: str = Field(pattern=CODE_PATTERN)
    description: str = ""
    timestamp_formats: list[str] = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
    columns: dict[str, list[str]]
    answer_codes: dict[str, dict[str, str]] = {}


class Survey(_Model):
    survey_id: str = Field(pattern=CODE_PATTERN)
    text_max_length: int = Field(default=4000, gt=0)
    questions: list[Question]
    exports: list[ExportLayout]

    @model_validator(mode="after")
    def _check_layouts(self) -> Survey:
        known = set(RESPONSE_FIELDS) | {q.code for q in self.questions}
        reserved = {q.code for q in self.questions} & set(RESPONSE_FIELDS)
        if reserved:
            raise ValueError(f"question codes {sorted(reserved)} clash with built-in fields")
        codes = [q.code for q in self.questions]
        if len(codes) != len(set(codes)):
            raise ValueError("question codes must be unique")
        if not self.exports:
            raise ValueError("at least one export layout is needed")
        for layout in self.exports:
            unknown = set(layout.columns) - known
            if unknown:
                raise ValueError(
                    f"export layout {layout.name!r} maps unknown fields {sorted(unknown)}; "
                    f"known fields are {sorted(known)}"
                )
            missing = [f for f in REQUIRED_FIELDS if f not in layout.columns]
            if missing:
                raise ValueError(f"export layout {layout.name!r} must map {missing}")
            by_code = {q.code: q for q in self.questions}
            for field, codes_map in layout.answer_codes.items():
                question = by_code.get(field)
                if question is None or question.kind != "choice":
                    raise ValueError(
                        f"export layout {layout.name!r}: answer_codes for {field!r}, which is not a choice question"
                    )
                valid = {o.code for o in question.options}
                bad = sorted(set(codes_map.values()) - valid)
                if bad:
                    raise ValueError(
                        f"export layout {layout.name!r}: answer_codes for {field!r} point to unknown options {bad}"
                    )
        return self

    @property
    def text_questions(self) -> list[Question]:
        return [q for q in self.questions if q.kind == "text"]

    @property
    def choice_questions(self) -> list[Question]:
        return [q for q in self.questions if q.kind == "choice"]

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)


class Milestone(_Model):
    name: str
    date: dt.date


class Phase(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    start: dt.date
    end: dt.date
    description: str = ""
    milestones: list[Milestone] = []

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end < self.start:
            raise ValueError(f"phase {self.code!r} ends ({self.end}) before it starts ({self.start})")
        return self


class Forum(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    target_group: str
    via_office: bool = False
    # How many meetings the process plan has with this forum or office.
    planned_meetings: int = Field(default=1, ge=0)


class TargetGroup(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str


class Dialogue(_Model):
    forums: list[Forum] = []
    target_groups: list[TargetGroup] = []

    @model_validator(mode="after")
    def _forums_reach_known_groups(self) -> Dialogue:
        groups = {g.code for g in self.target_groups}
        for forum in self.forums:
            if forum.target_group not in groups:
                raise ValueError(
                    f"forum {forum.code!r} names target group {forum.target_group!r}, "
                    f"which is not among target_groups {sorted(groups)}"
                )
        return self


class RemissBody(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    kind: Literal["parti", "nämnd", "styrelse", "kontor", "bolag", "övrig"]
    name: str
    contact: str


class RemissRound(_Model):
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


class RemissSection(_Model):
    """A part of the draft, other than the cornerstones, that bodies take a position on."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str


class Remiss(_Model):
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


class Measure(_Model):
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


class Purpose(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    measures: list[Measure] = []


class Goals(_Model):
    """The goal matrix (målmatris): the purposes of the dialogue and how each is measured."""

    purposes: list[Purpose] = []

    @model_validator(mode="after")
    def _unique(self) -> Goals:
        codes = [m.code for p in self.purposes for m in p.measures]
        if len(codes) != len(set(codes)):
            raise ValueError("measure codes must be unique across purposes")
        return self


class CornerstoneRule(_Model):
    """How the cornerstones come out: score = citizen_weight × citizens' weighted
    salience + (1 − citizen_weight) × the committee's valuation, both scaled so the
    top theme is 1; the best `count` themes are the cornerstones."""

    citizen_weight: float = Field(default=0.5, ge=0, le=1)
    count: int = Field(default=5, ge=1)
    committee_measure: Literal["points", "borda"] = "borda"


REPORT_NAMES = ("survey-progress", "components", "cornerstones", "dialogue", "remiss", "public")
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+$"


class ReportSchedule(_Model):
    """When a report goes to whom: on the cron days inside its phase's window (and,
    with `at_phase_end`, on the phase's last day too)."""

    report: Literal[REPORT_NAMES]  # type: ignore[valid-type]
    phase: str
    cron: str = "0 7 * * *"
    at_phase_end: bool = False
    recipients: list[str] = Field(min_length=1)

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        from croniter import croniter

        if not croniter.is_valid(value):
            raise ValueError(f"{value!r} is not a cron expression (minute hour day month weekday)")
        return value

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if not re.match(EMAIL_PATTERN, v)]
        if bad:
            raise ValueError(f"not e-mail addresses: {bad}")
        return values


class Reports(_Model):
    sender: str = Field(default="hornsten@localhost", pattern=EMAIL_PATTERN)
    schedules: list[ReportSchedule] = []


class Alerts(_Model):
    """Who hears of a failed DAG run."""

    recipients: list[str] = []


class ProcessConfig(_Model):
    process: str = Field(pattern=CODE_PATTERN)
    title: str
    municipality: str
    timezone: str = "Europe/Stockholm"
    language: str = "sv"
    steering_committee: str = ""
    phases: list[Phase]
    survey: Survey
    dialogue: Dialogue = Dialogue()
    remiss: Remiss = Remiss()
    cornerstones: CornerstoneRule = CornerstoneRule()
    goals: Goals = Goals()
    reports: Reports = Reports()
    alerts: Alerts = Alerts()

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

    def phase(self, code: str) -> Phase:
        for phase in self.phases:
            if phase.code == code:
                return phase
        raise KeyError(f"process {self.process!r} has no phase {code!r}")

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
            "HORNSTEN_CORNERSTONE_CITIZEN_WEIGHT": str(self.cornerstones.citizen_weight),
            "HORNSTEN_CORNERSTONE_COUNT": str(self.cornerstones.count),
            "HORNSTEN_COMMITTEE_MEASURE": self.cornerstones.committee_measure,
            "HORNSTEN_SURVEY_ID": self.survey.survey_id,
        }

    @cached_property
    def choice_lookups(self) -> dict[str, dict[str, str]]:
        return {q.code: q.value_lookup() for q in self.survey.choice_questions}


def normalise_value(value: str) -> str:
    """Case-, space- and dash-insensitive form used to match closed answers."""
    value = unicodedata.normalize("NFC", value).strip().casefold()
    value = re.sub(r"[\u2010-\u2015\u2212]", "-", value)
    return re.sub(r"\s+", " ", value)


def process_dir() -> Path:
    """Where process YAML files live: $HORNSTEN_PROCESS_DIR or the repository's processes/."""
    env = os.environ.get("HORNSTEN_PROCESS_DIR")
    if env:
        return Path(env)
    return REPO_ROOT / "processes"


def default_process_name() -> str:
    return os.environ.get("HORNSTEN_PROCESS", "norrkoping_vision_2035")


def available_processes(directory: Path | None = None) -> list[str]:
    directory = directory or process_dir()
    return sorted(p.stem for p in directory.glob("*.yml"))


def resolve_process_path(name_or_path: str | os.PathLike[str] | None = None) -> Path:
    candidate = Path(name_or_path) if name_or_path else None
    if candidate is not None and (candidate.suffix in {".yml", ".yaml"} or candidate.exists()):
        path = candidate
    else:
        name = str(name_or_path or default_process_name())
        path = process_dir() / f"{name}.yml"
    if not path.exists():
        known = ", ".join(available_processes(path.parent)) or "none"
        raise ConfigError(f"{path}: no such process configuration (available: {known})")
    return path


def load_process(name_or_path: str | os.PathLike[str] | None = None) -> ProcessConfig:
    """Load and validate a process configuration by name or path."""
    path = resolve_process_path(name_or_path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top level")
    try:
        config = ProcessConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None
    if config.process != path.stem:
        raise ConfigError(f"{path}: key 'process': {config.process!r} must match the file name {path.stem!r}")
    return config


def _describe(path: Path, exc: ValidationError) -> str:
    lines = [f"{path}: {exc.error_count()} problem(s) in the process configuration"]
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        elif error["type"] == "missing":
            message = "required key is missing"
        lines.append(f"  - key '{key}': {message}")
    return "\n".join(lines)

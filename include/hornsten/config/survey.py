"""The survey of a process: its questions, the answer options and the layouts of the tools' exports."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import Field, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel
from hornsten.config.detection import Detection

# Fields every survey row has, whatever the tool that exported it.
RESPONSE_FIELDS = ("response_id", "submitted_at", "respondent_id")
# Every loaded row has these (submitted_at from the export, or the delivery time).
REQUIRED_FIELDS = ("response_id", "submitted_at")


def normalise_value(value: str) -> str:
    """Case-, space- and dash-insensitive form used to match closed answers."""
    value = unicodedata.normalize("NFC", value).strip().casefold()
    value = re.sub(r"[\u2010-\u2015\u2212]", "-", value)
    return re.sub(r"\s+", " ", value)


class Option(StrictModel):
    code: str = Field(pattern=CODE_PATTERN)
    label: str
    aliases: list[str] = []


class Question(StrictModel):
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


class ExportLayout(StrictModel):
    name: str = Field(pattern=CODE_PATTERN)
    description: str = ""
    # ISO 8601 (with or without offset) and Unix seconds or milliseconds are always
    # understood; list here only the tool's local forms, e.g. "%d/%m/%Y %H:%M".
    timestamp_formats: list[str] = []
    # "optional": files of this layout may lack the submission time (column or cell);
    # their rows get the delivery time and say so (submitted_at_source = 'delivery').
    submission_time: Literal["required", "optional"] = "required"
    columns: dict[str, list[str]]
    answer_codes: dict[str, dict[str, str]] = {}

    @property
    def needs_submission_time(self) -> bool:
        return self.submission_time == "required"


class Survey(StrictModel):
    survey_id: str = Field(pattern=CODE_PATTERN)
    text_max_length: int = Field(default=4000, gt=0)
    questions: list[Question]
    exports: list[ExportLayout]
    # Languages and campaigns (hornsten.config.detection: what each key means, defaults).
    detection: Detection = Detection()

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
            required = ["response_id", *(["submitted_at"] if layout.needs_submission_time else [])]
            missing = [f for f in required if f not in layout.columns]
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

"""Turning one row of a survey export into a typed response, or a reason to quarantine it.

Pure functions of the process configuration and the row: no database, no Airflow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hornsten.config import ExportLayout, ProcessConfig, normalise_value
from hornsten.survey.sources import Cell, SourceError, UnreadableRow
from hornsten.survey.timestamps import from_epoch, parse_timestamp


@dataclass(frozen=True)
class ParsedResponse:
    row_number: int
    response_id: str
    submitted_at: dt.datetime
    respondent_id: str | None
    closed: dict[str, str]  # question code -> option code (unanswered questions left out)
    answers: dict[str, str]  # question code -> free text as written (unanswered left out)
    submitted_at_source: str = "export"  # or "delivery": the export had no submission time


@dataclass(frozen=True)
class RejectedRow:
    row_number: int
    reason: str
    values: list[Cell]
    raw: str | None = None  # the text as read, when the row could not be split into values


def _norm_heading(text: str) -> str:
    return normalise_value(text.lstrip("\ufeff"))


def heading_positions(header: list[str]) -> dict[str, int]:
    """Normalised heading -> its first column (headings compare case-, space- and dash-insensitively)."""
    return {_norm_heading(h): i for i, h in reversed(list(enumerate(header))) if h}


def find_heading(positions: dict[str, int], headings: list[str]) -> int | None:
    """The column of the first of `headings` the file has."""
    for heading in headings:
        index = positions.get(_norm_heading(heading))
        if index is not None:
            return index
    return None


def choose_layout(config: ProcessConfig, header: list[str], source: str) -> tuple[ExportLayout, dict[str, int]]:
    """The export layout whose headings a file carries, and each field's column index."""
    positions = heading_positions(header)
    best: tuple[int, ExportLayout, dict[str, int]] | None = None
    for layout in config.survey.exports:
        mapping: dict[str, int] = {}
        for field, headings in layout.columns.items():
            index = find_heading(positions, headings)
            if index is not None:
                mapping[field] = index
        has_time = "submitted_at" in mapping or not layout.needs_submission_time
        if "response_id" in mapping and has_time and (best is None or len(mapping) > best[0]):
            best = (len(mapping), layout, mapping)
    if best is None:
        expected = "; ".join(
            f"layout {layout.name!r} needs {layout.columns['response_id'][0]!r}"
            + (f" and {layout.columns['submitted_at'][0]!r}" if layout.needs_submission_time else "")
            for layout in config.survey.exports
        )
        shown = ", ".join(repr(h) for h in header[:8]) + (" …" if len(header) > 8 else "")
        raise SourceError(
            f"{source}: its headings match no export layout of process {config.process!r} "
            f"({expected}). Headings found: {shown}. Add the headings to the process "
            "configuration's survey.exports if this is a new export format."
        )
    return best[1], best[2]


class RowParser:
    """Validates and types the rows of one file, once its layout is known."""

    def __init__(
        self,
        config: ProcessConfig,
        layout: ExportLayout,
        mapping: dict[str, int],
        header: list[str],
        delivered_at: dt.datetime | None = None,
    ):
        """`delivered_at` stands in for the submission time where a layout lets the export lack one."""
        self.config = config
        self.delivered_at = delivered_at
        self.layout = layout
        self.mapping = mapping
        self.header = header
        self.width = len(header)
        self.tz = ZoneInfo(config.timezone)
        self.window = config.survey_window
        self.max_length = config.survey.text_max_length
        self.text_fields = [q.code for q in config.survey.text_questions if q.code in mapping]
        self.choice_fields = [q.code for q in config.survey.choice_questions if q.code in mapping]
        self.lookups = config.choice_lookups
        self._choice_cache: dict[tuple[str, str], str | None] = {}
        self.answer_codes = {
            field: {normalise_value(k): v for k, v in codes.items()} for field, codes in layout.answer_codes.items()
        }

    def heading(self, field: str) -> str:
        return self.header[self.mapping[field]]

    def parse(self, row_number: int, values: list[Cell] | UnreadableRow) -> ParsedResponse | RejectedRow:
        if isinstance(values, UnreadableRow):
            return RejectedRow(row_number, values.reason, [values.content], raw=values.content)
        broken = broken_text(values)
        if broken is not None:
            index, reason = broken
            column = self.header[index] if index < self.width else f"#{index + 1}"
            return RejectedRow(row_number, reason.format(column=column), values)
        if len(values) != self.width:
            return RejectedRow(
                row_number,
                f"wrong column count: expected {self.width} fields as in the heading, found {len(values)}",
                values,
            )
        response_id = cell_text(values[self.mapping["response_id"]])
        if not response_id:
            return RejectedRow(row_number, f"missing response id (column {self.heading('response_id')!r})", values)
        submitted_at, source = self._submission_time(values)
        if isinstance(submitted_at, str):
            return RejectedRow(row_number, submitted_at, values)
        start, end = self.window
        if not start <= submitted_at < end:
            last_day = (end - dt.timedelta(days=1)).date()
            what = "submitted_at" if source == "export" else "the delivery time (the export has no submission time)"
            return RejectedRow(
                row_number,
                f"{what} {submitted_at:%Y-%m-%d %H:%M} is outside the survey window {start.date()} – {last_day}",
                values,
            )
        closed: dict[str, str] = {}
        for field in self.choice_fields:
            raw = cell_text(values[self.mapping[field]])
            if not raw:
                continue
            code = self._choice(field, raw)
            if code is None:
                return RejectedRow(
                    row_number,
                    f"unknown {field} {raw!r} (column {self.heading(field)!r}); "
                    "add it as an option or alias in the process configuration if it is valid",
                    values,
                )
            closed[field] = code
        answers: dict[str, str] = {}
        for field in self.text_fields:
            text = cell_text(values[self.mapping[field]])
            if not text:
                continue
            if len(text) > self.max_length:
                return RejectedRow(
                    row_number,
                    f"answer to {field!r} is {len(text)} characters; the limit is {self.max_length} "
                    "(survey.text_max_length)",
                    values,
                )
            answers[field] = text
        respondent_id = None
        if "respondent_id" in self.mapping:
            respondent_id = cell_text(values[self.mapping["respondent_id"]]) or None
        return ParsedResponse(row_number, response_id, submitted_at, respondent_id, closed, answers, source)

    def _choice(self, field: str, raw: str) -> str | None:
        # Closed answers repeat endlessly; remember each spelling once.
        cache_key = (field, raw)
        if cache_key in self._choice_cache:
            return self._choice_cache[cache_key]
        key = normalise_value(raw)
        code = self.answer_codes.get(field, {}).get(key)
        if code is None:
            code = self.lookups[field].get(key)
        if len(self._choice_cache) < 100_000:
            self._choice_cache[cache_key] = code
        return code

    def _submission_time(self, values: list[Cell]) -> tuple[dt.datetime | str, str]:
        """The row's submission time and where it came from ('export' or 'delivery'), or why it has none."""
        value = values[self.mapping["submitted_at"]] if "submitted_at" in self.mapping else None
        if cell_text(value) == "" and not self.layout.needs_submission_time:
            if self.delivered_at is None:
                return "missing submission time, and no delivery time to stand in for it", "delivery"
            return self.delivered_at, "delivery"
        return self._timestamp(value), "export"

    def _timestamp(self, value: Cell) -> dt.datetime | str:
        return cell_timestamp(value, self.heading("submitted_at"), self.layout.timestamp_formats, self.tz)


def cell_timestamp(value: Cell, heading: str, formats: list[str], tz: ZoneInfo) -> dt.datetime | str:
    """The submission time in a cell (in `tz` unless it says otherwise), or why there is none."""
    parsed: dt.datetime | None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time.min)
    elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 10**8:
        parsed = from_epoch(value)  # Unix time stored as a number cell
    else:
        parsed = None
    text = cell_text(value)
    if parsed is None and not text:
        return f"missing submission time (column {heading!r})"
    if parsed is None:
        parsed = parse_timestamp(text, formats)
    if parsed is None:
        return (
            f"bad date {text[:100]!r} in column {heading!r} "
            "(expected ISO 8601 such as 2024-03-18 14:22 or 2024-03-18T14:22:00+01:00, Unix seconds or milliseconds"
            + "".join(f", or {dt.datetime(2024, 3, 18, 14, 22).strftime(f)}" for f in formats)
            + ")"
        )
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def broken_text(values: list[Cell]) -> tuple[int, str] | None:
    """The first cell holding a NUL or an undecodable byte, and what to say about it."""
    for index, value in enumerate(values):
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            return (
                index,
                "NUL byte in column {column!r} (a broken export or binary data; stored with U+FFFD in its place)",
            )
        if "\ufffd" in value:
            return index, (
                "undecodable byte in column {column!r} (the file is not entirely in the encoding it was read in; "
                "shown as U+FFFD) — check the export's character set"
            )
    return None


def cell_text(value: Cell) -> str:
    """A cell as trimmed text ('' when empty; Excel's float ids as integers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores ids as floats
    return str(value).strip()

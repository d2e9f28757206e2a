"""One row of a prioritisation-round export into a typed ranking, or a reason to quarantine it.

Pure functions of the configuration and the row (no database): the rules are those of
a ranking question — every place names a known item, no item twice, the places filled
from 1 without a gap, at least `min_ranks` of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hornsten.config import PriorityLayout, ProcessConfig, normalise_value
from hornsten.config.priorities import RANK_PLACEHOLDER
from hornsten.priorities.items import Item, item_lookup
from hornsten.survey.rows import RejectedRow, broken_text, cell_text, cell_timestamp, find_heading, heading_positions
from hornsten.survey.sources import Cell, SourceError, UnreadableRow


@dataclass(frozen=True)
class ParsedRanking:
    row_number: int
    response_id: str
    submitted_at: dt.datetime
    submitted_at_source: str  # "export", or "delivery" when the export has no time
    respondent_id: str | None
    closed: dict[str, str]  # background question -> option code
    ranks: list[str]  # item codes, place 1 first


@dataclass(frozen=True)
class LayoutMatch:
    layout: PriorityLayout
    fields: dict[str, int]  # response field or question -> column
    rank_columns: list[int]  # column of place 1, 2, … (as many as the file has, up to the round's ranks)


def choose_layout(config: ProcessConfig, header: list[str], source: str) -> LayoutMatch:
    """The round's export layout whose headings the file carries best."""
    round_ = config.priorities
    assert round_ is not None
    positions = heading_positions(header)
    best: tuple[int, LayoutMatch] | None = None
    for layout in round_.exports:
        fields = {f: i for f, h in layout.columns.items() if (i := find_heading(positions, h)) is not None}
        ranks: list[int] = []
        for n in range(1, round_.ranks + 1):
            index = find_heading(positions, [h.replace(RANK_PLACEHOLDER, str(n)) for h in layout.rank_columns])
            if index is None:
                break
            ranks.append(index)
        has_time = "submitted_at" in fields or not layout.needs_submission_time
        score = len(fields) + len(ranks)
        if "response_id" in fields and has_time and ranks and (best is None or score > best[0]):
            best = (score, LayoutMatch(layout, fields, ranks))
    if best is None:
        expected = "; ".join(
            f"layout {layout.name!r} needs {layout.columns['response_id'][0]!r}, "
            f"{layout.rank_columns[0].replace(RANK_PLACEHOLDER, '1')!r} …"
            for layout in round_.exports
        )
        shown = ", ".join(repr(h) for h in header[:8]) + (" …" if len(header) > 8 else "")
        raise SourceError(
            f"{source}: its headings match no export layout of the prioritisation round {round_.round_id!r} "
            f"({expected}). Headings found: {shown}."
        )
    match = best[1]
    if len(match.rank_columns) < round_.min_ranks:
        raise SourceError(
            f"{source}: it has {len(match.rank_columns)} rank column(s), but every resident must rank at least "
            f"{round_.min_ranks} (priorities.min_ranks)"
        )
    return match


class RankingParser:
    """Validates and types the rows of one file, once its layout is known."""

    def __init__(
        self,
        config: ProcessConfig,
        match: LayoutMatch,
        header: list[str],
        items: list[Item],
        delivered_at: dt.datetime | None = None,
    ):
        assert config.priorities is not None
        self.round = config.priorities
        self.match = match
        self.header = header
        self.width = len(header)
        self.tz = ZoneInfo(config.timezone)
        self.window = self.round.window(config.timezone)
        self.delivered_at = delivered_at
        self.items = item_lookup(items)
        self.choices = {code: config.choice_lookups[code] for code in self.round.questions if code in match.fields}
        self.answer_codes = {
            f: {normalise_value(k): v for k, v in codes.items()} for f, codes in match.layout.answer_codes.items()
        }

    def _heading(self, column: int) -> str:
        return self.header[column]

    def parse(self, row_number: int, values: list[Cell] | UnreadableRow) -> ParsedRanking | RejectedRow:
        if isinstance(values, UnreadableRow):
            return RejectedRow(row_number, values.reason, [values.content], raw=values.content)
        broken = broken_text(values)
        if broken is not None:
            index, reason = broken
            return RejectedRow(row_number, reason.format(column=self.header[min(index, self.width - 1)]), values)
        if len(values) != self.width:
            return RejectedRow(
                row_number,
                f"wrong column count: expected {self.width} fields as in the heading, found {len(values)}",
                values,
            )
        fields = self.match.fields
        response_id = cell_text(values[fields["response_id"]])
        if not response_id:
            return RejectedRow(
                row_number, f"missing response id (column {self._heading(fields['response_id'])!r})", values
            )
        submitted_at, source = self._submission_time(values)
        if isinstance(submitted_at, str):
            return RejectedRow(row_number, submitted_at, values)
        start, end = self.window
        if not start <= submitted_at < end:
            return RejectedRow(
                row_number,
                f"submitted_at {submitted_at:%Y-%m-%d %H:%M} is outside the prioritisation round "
                f"{self.round.start} – {self.round.end}",
                values,
            )
        ranks = self._ranks(values)
        if isinstance(ranks, str):
            return RejectedRow(row_number, ranks, values)
        closed: dict[str, str] = {}
        for code in self.choices:
            raw = cell_text(values[fields[code]])
            if not raw:
                continue
            key = normalise_value(raw)
            option = self.answer_codes.get(code, {}).get(key) or self.choices[code].get(key)
            if option is None:
                return RejectedRow(
                    row_number, f"unknown {code} {raw!r} (column {self._heading(fields[code])!r})", values
                )
            closed[code] = option
        respondent = (cell_text(values[fields["respondent_id"]]) or None) if "respondent_id" in fields else None
        return ParsedRanking(row_number, response_id, submitted_at, source, respondent, closed, ranks)

    def _ranks(self, values: list[Cell]) -> list[str] | str:
        """The item codes place by place, or why the ranking cannot be counted."""
        cells = [cell_text(values[column]) for column in self.match.rank_columns]
        filled = [n for n, cell in enumerate(cells, start=1) if cell]
        if filled and filled[-1] != len(filled):
            gap = next(n for n in range(1, filled[-1]) if not cells[n - 1])
            return f"missing rank: place {gap} is empty but place {filled[-1]} is filled"
        if len(filled) < self.round.min_ranks:
            return (
                f"missing rank: {len(filled)} place(s) filled, at least {self.round.min_ranks} needed "
                "(priorities.min_ranks)"
            )
        ranks: list[str] = []
        for n in filled:
            item = self.items.get(normalise_value(cells[n - 1]))
            if item is None:
                column = self._heading(self.match.rank_columns[n - 1])
                return f"bad rank: unknown item {cells[n - 1][:80]!r} in place {n} (column {column!r})"
            if item in ranks:
                return f"duplicate rank: {item!r} is in place {ranks.index(item) + 1} and in place {n}"
            ranks.append(item)
        return ranks

    def _submission_time(self, values: list[Cell]) -> tuple[dt.datetime | str, str]:
        fields = self.match.fields
        value = values[fields["submitted_at"]] if "submitted_at" in fields else None
        if cell_text(value) == "" and not self.match.layout.needs_submission_time:
            if self.delivered_at is None:
                return "missing submission time, and no delivery time to stand in for it", "delivery"
            return self.delivered_at, "delivery"
        heading = self._heading(fields["submitted_at"]) if "submitted_at" in fields else "submitted_at"
        return cell_timestamp(value, heading, self.match.layout.timestamp_formats, self.tz), "export"

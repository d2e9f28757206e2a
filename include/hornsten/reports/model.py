"""A report as data: sections of key figures, charts and tables. Builders fill it
from the marts; hornsten.reports.render turns it into HTML, PDF, XLSX and e-mail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class KeyFigure:
    label: str
    value: str
    note: str = ""


@dataclass
class Chart:
    key: str  # file-safe name; the e-mail's Content-ID
    title: str
    png: bytes
    svg: str
    alt: str  # what the chart shows, for screen readers and text-only mail


@dataclass
class Table:
    sheet: str  # XLSX sheet name (at most 31 characters)
    title: str
    columns: list[str]
    rows: list[tuple]
    note: str = ""
    show_rows: int = 15  # rows shown in HTML and PDF; the XLSX has them all


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


@dataclass
class Report:
    name: str
    title: str
    subtitle: str
    process: str
    municipality: str
    period: str
    sections: list[Section]
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    public: bool = False  # the participants' page: plain language, no internal detail
    summary: str = ""  # one line for the e-mail subject and preview

    @property
    def charts(self) -> list[Chart]:
        return [c for s in self.sections for c in s.charts]

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

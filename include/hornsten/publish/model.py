"""The website as data: pages of sections (the reports' Section: paragraphs, key
figures, charts, tables, bullets) plus what only the site has — quotes from the
answers, the dialogue plan's promises and the navigation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hornsten.reports.model import Section


@dataclass
class Quote:
    text: str  # a pseudonymised answer, as the trace mart holds it
    about: str  # the component it was tagged with


@dataclass
class Block:
    """A section of a page, with quotes where the page lets residents speak."""

    section: Section
    quotes: list[Quote] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href) to other pages of the site
    # The participation ladder, lowest step first: (step, is this process's step).
    ladder: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Promise:
    """One feedback promise of the dialogue plan, and whether it was kept."""

    after: str  # the phase's name
    due: dt.date
    channels: list[str]
    state: str  # "kommer", "gjort" (this site covers the phase) or "försenat"


@dataclass
class Page:
    slug: str  # the file name without .html
    title: str
    nav_title: str
    lead: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return f"{self.slug}.html"


@dataclass
class Site:
    process: str
    title: str  # the process's title
    municipality: str
    colour: str
    logo_file: str | None  # the copied logo's file name in the site folder
    logo_alt: str
    day: dt.date  # the day the site speaks for
    pages: list[Page]
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())

    @property
    def navigation(self) -> list[Page]:
        return self.pages

"""Publishing the site: called alike by ``hornsten publish`` and the reports DAG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.config import ProcessConfig, process_dir
from hornsten.publish import readability, render, site


@dataclass
class PublishResult:
    out: Path
    pages: list[Path] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    lix: dict[str, float] = field(default_factory=dict)  # page file -> LIX of its body text
    skipped: str = ""  # why nothing was published (publish_if_due)

    @property
    def index(self) -> Path:
        return self.out / "index.html"

    def as_json(self) -> dict:
        return {
            "out": str(self.out),
            "pages": [p.name for p in self.pages],
            "covered_phases": self.covered,
            "lix": self.lix,
            "skipped": self.skipped,
        }


def logo_path(config: ProcessConfig, echo: Callable[[str], None] = print) -> Path | None:
    """The logo file, or None: a logo that is not there must not keep the feedback from
    being published (the header then shows the municipality's name), but it is said."""
    if not config.site.logo:
        return None
    path = (process_dir() / config.site.logo).resolve()
    if not path.is_file():
        echo(f"WARNING site.logo: {path} does not exist (a path relative to {process_dir()}); published without it")
        return None
    return path


def publish(
    conn, config: ProcessConfig, out: Path, day: dt.date | None = None, echo: Callable[[str], None] = print
) -> PublishResult:
    """Build the site from the marts as of `day` (default today in the process's time zone) into `out`."""
    from zoneinfo import ZoneInfo

    day = day or dt.datetime.now(ZoneInfo(config.timezone)).date()
    logo = logo_path(config, echo)
    built = site.build(conn, config, day, logo.name if logo else None)
    covered = sorted(site.covered_phases(config, day), key=[p.code for p in config.phases].index)
    files = render.write(built, out, logo, covered)
    pages = [f for f in files if f.suffix == ".html"]
    result = PublishResult(out, pages, covered, {p.name: round(page_lix(p), 1) for p in pages})
    phases = ", ".join(covered) or "no phase yet"
    echo(f"Published {len(pages)} page(s) of {config.title} to {out} (covering: {phases})")
    return result


def publish_if_due(conn, config: ProcessConfig, out: Path, day: dt.date, echo: Callable[[str], None] = print):
    """After each phase: publish when a phase has ended since the last publication (or
    there is none yet); otherwise nothing, and the reason."""
    previous = render.read_manifest(out)
    covered = sorted(site.covered_phases(config, day))
    if previous is not None and sorted(previous.get("covered_phases", [])) == covered:
        return PublishResult(out, skipped=f"no phase has ended since the site was published {previous['published_at']}")
    return publish(conn, config, out, day, echo)


def body_text(html: str) -> str:
    """The text a reader reads on a page: paragraphs, list items, quotes and headings,
    one per line (navigation, tables and the footer left out)."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.lines: list[str] = []
            self.depth = {"main": 0, "table": 0, "figcaption": 0}
            self.current: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag in self.depth:
                self.depth[tag] += 1
            if tag in {"p", "li", "h1", "h2", "h3", "blockquote"} and self.depth["main"] and not self.depth["table"]:
                self.current = []

        def handle_endtag(self, tag):
            if tag in self.depth:
                self.depth[tag] -= 1
            if tag in {"p", "li", "h1", "h2", "h3"} and self.current is not None:
                text = " ".join("".join(self.current).split())
                if text:
                    self.lines.append(text)
                self.current = None

        def handle_data(self, data):
            if self.current is not None and not self.depth["figcaption"]:
                self.current.append(data)

    reader = Reader()
    reader.feed(html)
    return "\n".join(reader.lines)


def page_lix(path: Path) -> float:
    return readability.lix(body_text(path.read_text(encoding="utf-8")))

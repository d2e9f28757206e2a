"""The site as files: one HTML page per Page (Jinja2), the stylesheet and the logo
under assets/, and site.json — what was published, when, covering which phases —
which the next publication reads to remove pages that are gone (only its own)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from hornsten.publish.model import Site
from hornsten.reports.wording import swedish_date

TEMPLATES = Path(__file__).parent / "templates"
MANIFEST = "site.json"


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["lower_first"] = lambda text: text[0].lower() + text[1:] if text[1:2].islower() else text
    env.filters["without_title"] = lambda alt, title: alt.removeprefix(f"{title}: ")
    env.filters["cell"] = lambda value: swedish_date(value) if isinstance(value, dt.date) else value
    return env


def inline_svg(chart):
    """The chart's SVG inline (hornsten.reports.charts.inline_svg: named by its title, its
    ids unique on the page), marked safe for the template."""
    from markupsafe import Markup

    from hornsten.reports import charts

    return Markup(charts.inline_svg(chart))  # noqa: S704 (matplotlib's output; the title is escaped)


def write(site: Site, out: Path, logo: Path | None, covered: list[str]) -> list[Path]:
    """Every page and asset into `out`; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    written = [assets / "site.css"]
    shutil.copyfile(TEMPLATES / "site.css", written[0])
    if logo is not None and site.logo_file:
        shutil.copyfile(logo, assets / site.logo_file)
        written.append(assets / site.logo_file)
    template = _environment().get_template("page.html.j2")
    published = swedish_date(site.generated_at.date())
    pages = []
    for page in site.pages:
        path = out / page.file_name
        path.write_text(template.render(site=site, page=page, svg=inline_svg, published=published), encoding="utf-8")
        pages.append(path)
    _remove_stale(out, {p.name for p in pages})
    manifest = out / MANIFEST
    manifest.write_text(
        json.dumps(
            {
                "process": site.process,
                "published_at": site.generated_at.isoformat(timespec="seconds"),
                "day": site.day.isoformat(),
                "covered_phases": covered,
                "pages": [p.name for p in pages],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return pages + written + [manifest]


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _remove_stale(out: Path, current: set[str]) -> None:
    """Pages the last publication wrote that this one does not (a cornerstone renamed)."""
    previous = read_manifest(out) or {}
    for name in previous.get("pages", []):
        if name not in current and Path(name).name == name and name.endswith(".html"):
            (out / name).unlink(missing_ok=True)

"""Every report meets the accessibility law for the public sector (lagen om tillgänglighet
till digital offentlig service; WCAG 2.1 AA as EN 301 549 cites it): the HTML as
render_files writes it and as the e-mail carries it, checked by axe-core in headless
Chromium, and the PDF a tagged PDF/UA-1 document.

axe finds what a machine can; the structure tests pin what the reports promise besides:
the language, a title, headings in order, tables with headers and a caption, a visible
focus, each chart an image with a name and its figures in text beside it, chart colours
with 3:1 against the page.
"""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest

from hornsten import reports
from hornsten.reports import render
from tests.accessibility import WCAG21_AA, axe_violations, contrast_ratio, format_violations
from tests.integration.phases_warehouse import AS_OF
from tests.warehouse import connect

pytestmark = pytest.mark.integration

NAMES = list(reports.MODULES)
# Beside WCAG's own rules, axe's best practices: heading-order, one <main>, an <h1>,
# all content inside landmarks.
TAGS = (*WCAG21_AA, "best-practice")
COLOUR = re.compile(r"(?:fill|stroke)\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b")


@pytest.fixture(scope="module")
def rendered(phases_built, tmp_path_factory):
    out = tmp_path_factory.mktemp("accessible")
    with connect(phases_built["dsn"], autocommit=True) as conn:
        made = {name: reports.build(name, conn, phases_built["config"], AS_OF) for name in NAMES}
    return {name: render.render_files(report, out) for name, report in made.items()}


@pytest.mark.parametrize("name", NAMES)
def test_html_report_has_no_axe_violations(rendered, chromium, name):
    violations = axe_violations(chromium, rendered[name].html, TAGS)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("name", NAMES)
def test_email_html_has_no_axe_violations(rendered, chromium, tmp_path, name):
    page = tmp_path / f"{name}-e-post.html"
    page.write_text(render.html(rendered[name].report, images="cid"), encoding="utf-8")
    violations = axe_violations(chromium, page, TAGS)
    assert not violations, format_violations(violations)
    charts = rendered[name].report.charts
    alts = chromium.execute_script("return [...document.querySelectorAll('figure.chart img')].map(i => i.alt)")
    assert alts == [chart.title for chart in charts]


@pytest.mark.parametrize("name", NAMES)
def test_html_report_structure(rendered, chromium, name):
    report = rendered[name].report
    chromium.get(rendered[name].html.resolve().as_uri())
    page = chromium.execute_script(
        """const all = selector => [...document.querySelectorAll(selector)];
        return {
          lang: document.documentElement.lang,
          title: document.title,
          headings: all("h1, h2, h3, h4, h5, h6").map(h => Number(h.tagName[1])),
          tables: all("table").map(t => ({
            caption: t.caption ? t.caption.textContent.trim() : "",
            scopes: all("th").filter(th => t.contains(th)).map(th => th.getAttribute("scope")),
          })),
          focus: [...document.styleSheets].flatMap(s => [...s.cssRules]).some(
            r => r.selectorText === ":focus-visible" && !["", "none"].includes(r.style.outlineStyle)),
          charts: all("figure.chart").map(f => {
            const svg = f.querySelector("svg"), title = svg && svg.querySelector(":scope > title");
            return {
              role: svg && svg.getAttribute("role"),
              name: svg && svg.getAttribute("aria-label"),
              title: title ? title.textContent : null,
              caption: f.querySelector("figcaption").textContent,
            };
          }),
          ids: all("[id]").map(e => e.id),
        };"""
    )
    assert page["lang"] == "sv" and page["title"].startswith(report.title)
    levels = page["headings"]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels
    assert len(page["tables"]) == len(report.tables)
    for table in page["tables"]:
        assert table["caption"] and table["scopes"] and set(table["scopes"]) == {"col"}, table
    assert page["focus"], "no visible :focus-visible outline"
    assert page["charts"] == [
        {"role": "img", "name": chart.title, "title": chart.title, "caption": chart.alt} for chart in report.charts
    ]
    assert len(page["ids"]) == len(set(page["ids"])), "an id used twice (the charts' SVG ids)"


@pytest.mark.parametrize("name", NAMES)
def test_chart_colours_stand_out_from_the_page(rendered, name):
    """WCAG 1.4.11: the bars and lines of a chart need 3:1 against the white page (and,
    parted by white lines, against each other's edges)."""
    for chart in rendered[name].report.charts:
        colours = {c.lower() for c in COLOUR.findall(chart.svg)} - {"#ffffff", "#fff"}
        assert colours, chart.key
        weak = {c: round(contrast_ratio(c), 2) for c in colours if contrast_ratio(c) < 3}
        assert not weak, f"{chart.key}: {weak}"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_report_is_tagged_pdf_ua(rendered, name):
    result = rendered[name]
    with pikepdf.open(result.pdf) as pdf:
        catalog = pdf.Root
        assert "/StructTreeRoot" in catalog
        assert catalog.MarkInfo.Marked is True
        assert str(catalog.Lang).startswith("sv")
        assert catalog.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title).startswith(result.report.title)
        metadata = pdf.open_metadata()
        assert metadata["pdfuaid:part"] == "1"
        assert metadata["dc:title"].startswith(result.report.title)
    info = subprocess.run(["pdfinfo", str(result.pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M) and int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 1

"""The published website, from a warehouse with every phase, as residents get it:
every page passes axe-core (WCAG 2.1 A and AA) in headless Chromium, reads plainly
(LIX under 40), carries no personal data and no cut under five, works without
JavaScript, and shows the dialogue plan beside what came of the answers.

What matters: the figures on the cornerstone pages are the marts' own (shares with
and without weighting), a published folder is kept tidy across publications, and the
reports DAG's step publishes after each phase, not every morning."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hornsten.publish import render, service
from hornsten.reports.safety import MIN_GROUP_SIZE, share_text
from tests.accessibility import axe_violations, format_violations
from tests.integration.phases_warehouse import AS_OF
from tests.warehouse import connect

pytestmark = pytest.mark.integration

DAY = dt.date.fromisoformat(AS_OF)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PLACEHOLDERS = ("[e-post]", "[telefon]", "[personnummer]", "[adress]", "[namn]")
HORNSTEN = str(Path(sys.executable).parent / "hornsten")


@pytest.fixture(scope="module")
def conn(phases_built):
    with connect(phases_built["dsn"], autocommit=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def published(phases_built, conn, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return service.publish(conn, phases_built["config"], out, DAY, echo=lambda _line: None)


def _pages(published) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in published.pages}


def _cornerstones(conn) -> list[tuple]:
    return conn.execute(
        "select theme_label, citizen_share, citizen_weighted_share from marts.cornerstones "
        "where is_cornerstone order by cornerstone_rank"
    ).fetchall()


def test_the_site_has_a_start_page_a_page_per_cornerstone_and_the_process_pages(published, conn):
    names = set(_pages(published))
    cornerstones = _cornerstones(conn)
    assert {"index.html", "processen.html", "malmatris.html", "tillganglighet.html"} <= names
    assert len([n for n in names if n.startswith("hornsten-")]) == len(cornerstones) == 5
    index = _pages(published)["index.html"]
    # every cornerstone is linked from the start page, and every link of the site resolves
    for label, *_ in cornerstones:
        assert label in index
    for name, html in _pages(published).items():
        for href in re.findall(r'href="([^"#]+)"', html):
            assert (published.out / href).exists(), f"{name} links to {href}, which is not there"
    assert (published.out / "assets" / "site.css").exists()


def test_every_page_passes_axe_core_wcag_21_aa(published, chromium):
    for page in published.pages:
        violations = axe_violations(chromium, page)
        assert not violations, f"{page.name}: {format_violations(violations)}"


def test_every_page_is_plain_language_lix_under_40(published):
    assert set(published.lix) == {p.name for p in published.pages}
    for name, score in published.lix.items():
        assert 0 < score < 40, f"{name}: LIX {score}"


def test_pages_are_swedish_have_ordered_headings_tables_with_headers_and_no_javascript(published):
    for name, html in _pages(published).items():
        assert '<html lang="sv">' in html, name
        assert "<script" not in html, name
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), f"{name}: headings {levels}"
        for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
            assert "<caption" in table and '<th scope="col">' in table, name
        for figure in re.findall(r'<figure class="chart".*?</figure>', html, flags=re.S):
            assert 'role="img"' in figure and "<figcaption" in figure, name
    css = (published.out / "assets" / "site.css").read_text()
    assert "@media print" in css and ":focus-visible" in css


def test_no_personal_data_and_no_count_under_five(published):
    for name, html in _pages(published).items():
        text = re.sub(r"<[^>]+>", " ", html)
        addresses = set(EMAIL.findall(text)) - {""}
        # the accessibility statement's contact address is the municipality's own
        if name != "tillganglighet.html":
            assert not EMAIL.search(text), f"{name}: {addresses}"
        assert not any(p in text for p in PLACEHOLDERS), name
        for cell in re.findall(r"<td>(\d[\d\u2009]*)</td>", html):
            assert int(cell.replace("\u2009", "")) >= MIN_GROUP_SIZE, f"{name}: a count of {cell}"


def test_cornerstone_pages_show_the_marts_shares_with_and_without_weighting(published, conn):
    pages = _pages(published)
    for label, share, weighted in _cornerstones(conn):
        html = next(h for n, h in pages.items() if n.startswith("hornsten-") and f"<h1>{label}</h1>" in h)
        assert share_text(share) in html and share_text(weighted) in html
        assert "Så skrev några av er" in html  # example answers, pseudonymised


def test_quotes_are_the_trace_marts_pseudonymised_answers(published, conn):
    examples = {" ".join(r[0].split()) for r in conn.execute("select example_answer from marts.cornerstone_trace")}
    quoted = {
        " ".join(q.split())
        for html in _pages(published).values()
        for q in re.findall(r"<blockquote><p>(.*?)</p></blockquote>", html, flags=re.S)
    }
    from markupsafe import escape

    assert quoted and quoted <= {str(escape(e)) for e in examples}


def test_start_page_shows_the_dialogue_plan_beside_what_came_of_it(published, phases_built):
    plan = phases_built["config"].dialogue_plan
    index = _pages(published)["index.html"]
    assert plan.decision.case_number in index and plan.decision.body in index
    assert 'aria-current="step"' in index and "Konsultation" in index
    assert "Det här lovade vi – och det här blev det" in index
    # by 10 March 2025 the survey and the dialogue have ended: both promises are kept by this site
    assert index.count("Gjort – du läser det här") == 2
    assert "blev 5 hörnstenar" in index


def test_republishing_removes_only_its_own_stale_pages(phases_built, conn, tmp_path):
    out = tmp_path / "site"
    service.publish(conn, phases_built["config"], out, DAY, echo=lambda _line: None)
    manifest = render.read_manifest(out)
    (out / "hornsten-9-gammal.html").write_text("old")
    (out / "webbredaktionens-egen.html").write_text("keep")
    manifest["pages"].append("hornsten-9-gammal.html")
    (out / render.MANIFEST).write_text(json.dumps(manifest))
    service.publish(conn, phases_built["config"], out, DAY, echo=lambda _line: None)
    assert not (out / "hornsten-9-gammal.html").exists()
    assert (out / "webbredaktionens-egen.html").read_text() == "keep"


def test_the_dags_step_publishes_after_each_phase_and_not_every_morning(phases_built, conn, tmp_path):
    config = phases_built["config"]
    out = tmp_path / "site"
    first = service.publish_if_due(conn, config, out, DAY, echo=lambda _line: None)
    assert first.pages and not first.skipped
    again = service.publish_if_due(conn, config, out, DAY + dt.timedelta(days=1), echo=lambda _line: None)
    assert again.skipped and not again.pages
    # on 10 March 2025 the remiss has ended; the next phase to end is the council's decision
    after_decision = config.phase("decision").end + dt.timedelta(days=1)
    later = service.publish_if_due(conn, config, out, after_decision, echo=lambda _line: None)
    assert later.pages and later.covered[-1] == "decision"


def test_publish_command_writes_the_site_and_says_where(phases_built, tmp_path):
    out = tmp_path / "webb"
    result = subprocess.run(
        [HORNSTEN, "publish", "--out", str(out), "--date", AS_OF],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").exists() and f"Open {(out / 'index.html').resolve().as_uri()}" in result.stdout
    assert "LIX" in result.stdout

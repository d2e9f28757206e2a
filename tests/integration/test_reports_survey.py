"""The survey-phase reports — "Enkäten just nu", "Komponenter och teman" and "Förslag till
hörnstenar" — built from a warehouse with every phase built (phases_built), rendered to
HTML, PDF and XLSX, and checked for what their readers rely on: the groups to reach
first, suppressed small groups, charts with alt texts, every table in the workbook,
and SQL that reads the marts only."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from zoneinfo import ZoneInfo

import pytest
from markupsafe import escape
from openpyxl import load_workbook

from hornsten import reports
from hornsten.reports import ReportUnavailable, render
from hornsten.reports.marts import rows
from hornsten.reports.safety import MIN_GROUP_SIZE, share_text
from tests.warehouse import connect

PERIOD = "2024-04-15"  # a day inside the survey window (18 March – 5 May 2024)

SHEETS = {
    "survey-progress": [
        "Om rapporten",
        "Svar per dag",
        "Grupper att nå",
        "Stadsdel",
        "Åldersgrupp",
        "Kön",
        "Ålder och stadsdel",
        "Komponenter hittills",
        "Språk",
    ],
    "components": [
        "Om rapporten",
        "Teman",
        "Komponenter",
        "Fråga 1 – idag",
        "Fråga 2 – battre",
        "Fråga 3 – framtid",
        "Komponenter per ålder",
        "Komponenter per kön",
        "Teman per grupp",
    ],
    "cornerstones": ["Om rapporten", "Teman i rangordning", "Beredningens värdering", "Spårbarhet"],
}


class RecordingConnection:
    """A psycopg connection that remembers every SQL statement the builders send."""

    def __init__(self, conn):
        self._conn = conn
        self.statements: list[str] = []

    def execute(self, sql, params=None):
        self.statements.append(str(sql))
        return self._conn.execute(sql, params)

    def transaction(self):
        return self._conn.transaction()


def query(conn, sql: str, params=None) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [c.name for c in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def built(phases_built, tmp_path_factory):  # noqa: F811
    config = phases_built["config"]
    out = tmp_path_factory.mktemp("reports")
    with connect(phases_built["dsn"], autocommit=True) as conn:
        recording = RecordingConnection(conn)
        made = {
            "survey-progress": reports.build("survey-progress", recording, config, PERIOD),
            "components": reports.build("components", recording, config, PERIOD),
            "cornerstones": reports.build("cornerstones", recording, config),  # period: today
        }
        marts = {
            "to_reach": query(conn, "select * from marts.underrepresented_groups order by outreach_priority"),
            "representation": query(conn, "select * from marts.representativeness"),
            "respondents": query(conn, "select count(*) as n from marts.respondents")[0]["n"],
            "components": query(
                conn,
                """select * from marts.component_shares
                                         where cut = 'alla'
                                         order by question_code, weighted_share desc, component_label""",
            ),
            "themes": query(
                conn,
                """select * from marts.theme_shares where cut = 'alla' and question_code = 'alla'
                                     order by weighted_share desc""",
            ),
            "theme_cells": query(
                conn,
                """select group_value, bool_and(is_suppressed) as suppressed
                                          from marts.theme_shares
                                          where cut = 'age_group×district' and question_code = 'alla'
                                          group by group_value""",
            ),
            "cornerstones": query(conn, "select * from marts.cornerstones order by cornerstone_rank, theme_label"),
            "agreement": query(conn, "select * from marts.committee_agreement")[0],
            "trace": query(conn, "select * from marts.cornerstone_trace"),
        }
    rendered = {name: render.render_files(report, out) for name, report in made.items()}
    return {
        "config": config,
        "reports": made,
        "rendered": rendered,
        "marts": marts,
        "statements": recording.statements,
        "dsn": phases_built["dsn"],
    }


def labels(config, dimension: str, value: str) -> list[str]:
    """The survey's labels for a group ('16-24×navestad' → ['16–24 år', 'Navestad'])."""
    dims, values = (
        (("age_group", "district"), value.split("×")) if dimension == "age_group×district" else ((dimension,), (value,))
    )
    found = []
    for dim, code in zip(dims, values, strict=False):
        options = {o.code: o.label for o in config.survey.question(dim).options}
        found.append(options[code])
    return found


def section(report, title: str):
    matches = [s for s in report.sections if s.title == title]
    assert matches, f"no section {title!r} in {[s.title for s in report.sections]}"
    return matches[0]


def table(report, sheet: str):
    matches = [t for t in report.tables if t.sheet == sheet]
    assert matches, f"no table {sheet!r}"
    return matches[0]


def column(tbl, name: str) -> int:
    return tbl.columns.index(name)


# --- Enkäten just nu ---------------------------------------------------------------------


def test_survey_progress_names_the_groups_to_reach_first(built):
    config, report, to_reach = built["config"], built["reports"]["survey-progress"], built["marts"]["to_reach"]
    assert report.title == "Enkäten just nu" and report.period == PERIOD
    assert len(to_reach) >= 3
    assert report.summary.startswith("Nå dessa grupper först:")
    for group in to_reach[:3]:
        for label in labels(config, group["dimension"], group["group_value"]):
            assert label in report.summary, (label, report.summary)
    # the bullets name the groups in the mart's order, most missing first
    reach = section(report, "Nå dessa grupper först")
    assert len(reach.bullets) >= 3
    for bullet, group in zip(reach.bullets, to_reach, strict=False):
        for label in labels(config, group["dimension"], group["group_value"]):
            assert label in bullet, (label, bullet)
    priorities = [row[column(table(report, "Grupper att nå"), "Nr")] for row in table(report, "Grupper att nå").rows]
    assert priorities == [g["outreach_priority"] for g in to_reach]
    # the e-mail's plain text carries the list as well
    assert "Nå dessa grupper först" in render.plain_text(report)


def test_survey_progress_totals_days_and_top_components(built):
    report, marts = built["reports"]["survey-progress"], built["marts"]
    status = section(report, "Läget just nu")
    figures = {k.label: k.value for k in status.key_figures}
    assert figures["svar totalt"].replace("\u2009", "") == str(marts["respondents"])
    assert figures["dagar kvar"] == "20"  # 15 April → 5 May
    days = table(report, "Svar per dag")
    assert max(row[2] for row in days.rows) == marts["respondents"]
    assert sum(row[1] for row in days.rows) == marts["respondents"]
    keys = {c.key for c in report.charts}
    assert {
        "svar_per_dag",
        "representation_district",
        "representation_age_group",
        "representation_gender",
        "komponenter_hittills",
    } <= keys
    overall = [c for c in marts["components"] if c["question_code"] == "alla"]
    top = max(overall, key=lambda c: c["weighted_share"])
    chart = next(c for c in report.charts if c.key == "komponenter_hittills")
    assert chart.alt.startswith(f"{chart.title}: {top['component_label']} ")
    assert len(table(report, "Komponenter hittills").rows) == len(overall)


def test_survey_progress_never_shows_a_figure_for_a_suppressed_group(built):
    config, report, marts = built["config"], built["reports"]["survey-progress"], built["marts"]
    small = [g for g in marts["representation"] if g["respondents"] < MIN_GROUP_SIZE]
    assert small, "the generated data should have groups of fewer than five respondents"
    sheets = {
        "district": "Stadsdel",
        "age_group": "Åldersgrupp",
        "gender": "Kön",
        "age_group×district": "Ålder och stadsdel",
    }
    for group in small:
        tbl = table(report, sheets[group["dimension"]])
        name = " i ".join(labels(config, group["dimension"], group["group_value"]))
        row = next(r for r in tbl.rows if r[0] == name)
        for heading in ("Svarande", "Svar per 1 000 invånare", "Andel av de svarande", "Kvot"):
            assert row[column(tbl, heading)] == "–", (name, heading, row)
        for chart in report.charts:
            assert f"{name} svarande" not in chart.alt
    small_to_reach = [g for g in marts["to_reach"] if g["respondents"] < MIN_GROUP_SIZE]
    assert small_to_reach
    tbl = table(report, "Grupper att nå")
    bullets = section(report, "Nå dessa grupper först").bullets
    for group in small_to_reach:
        row = next(r for r in tbl.rows if r[column(tbl, "Nr")] == group["outreach_priority"])
        for heading in ("Svarande", "Andel av de svarande", "Saknade svar"):
            assert row[column(tbl, heading)] == "–", (group["group_key"], heading, row)
        if group["outreach_priority"] <= len(bullets):
            bullet = bullets[group["outreach_priority"] - 1]
            assert f"färre än {MIN_GROUP_SIZE} svar" in bullet
            assert f"{group['respondents']} svar," not in bullet


def test_survey_progress_counts_answers_in_other_languages(built):
    report = built["reports"]["survey-progress"]
    languages = section(report, "Svar på andra språk")
    text = " ".join(languages.paragraphs)
    # the sample plants six Arabic answers (one about something no Arabic term covers) and six English
    assert "arabiska (6)" in text and "engelska" in text
    assert "”språk utan termer”" in text
    rows = {r[0]: r for r in table(report, "Språk").rows}
    assert rows["arabiska"][1] == 6 and rows["arabiska"][4] >= 1 and rows["svenska"][1] > 5000


def test_reports_showing_shares_say_a_campaign_was_found(built):
    progress, components = built["reports"]["survey-progress"], built["reports"]["components"]
    note = section(components, "Organiserade kampanjer").paragraphs[0]
    assert note.startswith("2 organiserade kampanjer hittades: 50 svar med samma text från 50 personer")
    assert "6 svar med samma eller nästan samma text (2 varianter) från 6 personer" in note
    assert "räknas både per svarande och med varje kampanj som en enda svarande" in note
    assert any("50 svar med samma text" in p for p in section(progress, "Vanligaste komponenterna hittills").paragraphs)
    assert section(built["reports"]["cornerstones"], "Organiserade kampanjer").paragraphs
    adjusted = table(components, "Komponenter")
    overall = {c["component_label"]: c for c in built["marts"]["components"] if c["question_code"] == "alla"}
    for row in adjusted.rows:
        mart = overall[row[column(adjusted, "Komponent")]]
        assert row[column(adjusted, "Andel, kampanj en gång")] == share_text(float(mart["campaign_adjusted_share"]))
    bus = overall["Kollektivtrafik"]
    assert float(bus["campaign_adjusted_share"]) < float(bus["share"])


# --- Komponenter och teman ------------------------------------------------------------


def test_components_report_shares_by_question_weighted_and_unweighted(built):
    config, report, marts = built["config"], built["reports"]["components"], built["marts"]
    top_theme = marts["themes"][0]
    top_component = next(c for c in marts["components"] if c["question_code"] == "alla")
    assert top_theme["theme_label"] in report.summary and top_component["component_label"] in report.summary
    assert share_text(float(top_theme["weighted_share"])) in report.summary
    # A chart per question the exports asked (the standard layout has no column for forknippar).
    asked = {c["question_code"] for c in marts["components"]}
    questions = [q.code for q in config.survey.text_questions if q.code in asked]
    assert "forknippar" not in questions and len(questions) == 3
    keys = {c.key for c in report.charts}
    assert {"teman", "komponenter_alla", *(f"komponenter_{q}" for q in questions)} <= keys
    assert "komponenter_forknippar" not in keys
    for code in questions:  # each question's chart starts with its top component, weighted
        top = next(c for c in marts["components"] if c["question_code"] == code)
        chart = next(c for c in report.charts if c.key == f"komponenter_{code}")
        assert chart.alt.startswith(f"{chart.title}: {top['component_label']} ")
    components = table(report, "Komponenter")
    assert {"Andel", "Andel, viktad"} <= set(components.columns)
    overall = {c["component_label"]: c for c in marts["components"] if c["question_code"] == "alla"}
    assert {r[column(components, "Komponent")] for r in components.rows} == set(overall)
    for row in components.rows:
        mart = overall[row[column(components, "Komponent")]]
        assert row[column(components, "Andel")] == share_text(float(mart["share"]))
        assert row[column(components, "Andel, viktad")] == share_text(float(mart["weighted_share"]))
    themes = table(report, "Teman")
    assert [r[column(themes, "Tema")] for r in themes.rows][0] == top_theme["theme_label"]
    assert len(themes.rows) == len(marts["themes"])


def test_components_report_hides_suppressed_groups(built):
    config, report, marts = built["config"], built["reports"]["components"], built["marts"]
    hidden = [c["group_value"] for c in marts["theme_cells"] if c["suppressed"]]
    assert hidden
    tbl = table(report, "Teman per grupp")
    by_group = {(r[0], r[1]): r for r in tbl.rows}
    for value in hidden:
        row = by_group[("Ålder och stadsdel", " i ".join(labels(config, "age_group×district", value)))]
        assert all(cell == "–" for cell in row[2:]), row


# --- Förslag till hörnstenar ------------------------------------------------------------


def test_cornerstones_report_ranks_and_traces(built):
    report, marts = built["reports"]["cornerstones"], built["marts"]
    config = built["config"]
    assert report.period == dt.datetime.now(ZoneInfo(config.timezone)).date().isoformat()
    chosen = [c for c in marts["cornerstones"] if c["is_cornerstone"]]
    assert len(chosen) == config.cornerstones.count
    for c in chosen:
        assert f"\u201d{c['theme_label']}\u201d" in report.summary
    assert "Kendalls W" in report.summary
    ranking = table(report, "Teman i rangordning")
    assert [r[1] for r in ranking.rows] == [c["theme_label"] for c in marts["cornerstones"]]
    assert [r[2] for r in ranking.rows] == ["Ja" if c["is_cornerstone"] else "Nej" for c in marts["cornerstones"]]
    agreement = section(report, "Hur överens är beredningen?")
    w = f"{float(marts['agreement']['kendall_w_members']):.2f}".replace(".", ",")
    assert w in [k.value for k in agreement.key_figures]
    for c in chosen:  # one section per cornerstone, with its components and example answers
        part = section(report, f"Hörnsten {c['cornerstone_rank']}: {c['theme_label']}")
        trace = [t for t in marts["trace"] if t["theme"] == c["theme"]]
        assert trace
        text = " ".join(part.bullets)
        for t in trace:
            assert t["component_label"] in text
        assert any(" ".join(t["example_answer"].split()) in text for t in trace)
    assert len(table(report, "Spårbarhet").rows) == len(marts["trace"])


def test_cornerstones_summary_before_the_committee_has_valued():
    from hornsten.reports import cornerstones

    themes = [
        {"theme_label": "Trygghet", "is_cornerstone": True, "score": 1},
        {"theme_label": "Skola", "is_cornerstone": False, "score": 0.5},
    ]
    summary = cornerstones._summary(themes, themes[:1], {}, False, cornerstones.Committee("Kommunstyrelsen"))
    assert "\u201dTrygghet\u201d" in summary and "kommunstyrelsens värdering saknas" in summary


# --- all three: files, charts, workbook, marts only --------------------------------------


def pdf_pages(data: bytes) -> int:
    """Pages in a PDF, also when WeasyPrint packs the page objects into compressed object streams."""
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            pages += len(re.findall(rb"/Type\s*/Page\b", zlib.decompress(match.group(1))))
        except zlib.error:
            continue
    return pages


@pytest.mark.parametrize("name", list(SHEETS))
def test_rendered_files(built, name):
    report, rendered = built["reports"][name], built["rendered"][name]
    html = rendered.html.read_text(encoding="utf-8")
    assert report.summary and str(escape(report.summary)) in html
    assert report.charts
    for chart in report.charts:
        assert chart.alt.startswith(chart.title)
        # the image is named by its title, its figures in the visible caption
        assert f'aria-label="{escape(chart.title)}"' in html
        assert f"<figcaption>{escape(chart.alt)}</figcaption>" in html
    book = load_workbook(rendered.xlsx)
    assert book.sheetnames == SHEETS[name]
    assert all(len(sheet) <= 31 for sheet in book.sheetnames)
    for tbl in report.tables:  # every row of every table is in the workbook
        sheet = book[tbl.sheet]
        assert sheet.max_row == 1 + len(tbl.rows) + (2 if tbl.note else 0), tbl.sheet
    data = rendered.pdf.read_bytes()
    assert data.startswith(b"%PDF") and pdf_pages(data) >= 2


def test_builders_read_the_marts_only(built):
    statements = built["statements"]
    assert statements
    for sql in statements:
        schemas = set(re.findall(r"\b(?:from|join)\s+(\w+)\.", sql, re.I))
        # the builders write marts.<mart>; the scoped connection names the process's own marts
        assert schemas == {"marts_norrkoping_vision_2035"}, sql
    with connect(built["dsn"], autocommit=True) as conn:
        with pytest.raises(ValueError, match="marts schema only"):
            rows(conn, "select * from raw.x")
        with pytest.raises(ValueError):
            rows(conn, "select * from marts.respondents join restricted.respondents using (response_key)")
        with pytest.raises(ReportUnavailable, match="run "):
            rows(conn, "select * from marts.no_such_mart")

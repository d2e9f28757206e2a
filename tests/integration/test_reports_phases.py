"""The phase 3–4 reports and the public page, built from a warehouse with every phase
(survey, valuation, dialogue meetings, remiss responses) and rendered to HTML, PDF and XLSX.

What matters: the dialogue compilation names the target group nobody has met and
states the goal matrix as marts.goal_summary does; the remiss report lists exactly
the bodies that have not answered, with their addresses, and counts the statuses
as marts.remiss_status does; the public page carries no personal data, no contact
addresses and no statement texts, and still works before the later phases have data.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest
from markupsafe import escape

from hornsten import reports
from hornsten.reports import render
from tests.integration.phases_warehouse import AS_OF
from tests.warehouse import connect

pytestmark = pytest.mark.integration

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PLACEHOLDERS = ("[e-post]", "[telefon]", "[personnummer]", "[adress]", "[namn]")


@pytest.fixture(scope="module")
def conn(phases_built):  # noqa: F811
    with connect(phases_built["dsn"], autocommit=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def rendered(phases_built, conn, tmp_path_factory):  # noqa: F811
    config = phases_built["config"]
    out = tmp_path_factory.mktemp("reports")
    return {
        name: render.render_files(reports.build(name, conn, config, AS_OF), out)
        for name in ("dialogue", "remiss", "public")
    }


def _query(conn, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def _table(report, sheet: str):
    return next(t for t in report.tables if t.sheet == sheet)


def test_dialogue_report_names_the_target_groups_not_reached(rendered, conn):
    result = rendered["dialogue"]
    html = result.html.read_text(encoding="utf-8")
    not_reached = {
        name
        for (name,) in _query(
            conn, "select target_group_name from marts.dialogue_coverage where coverage_status = 'ej nådd'"
        )
    }
    reached = {
        name
        for (name,) in _query(
            conn, "select target_group_name from marts.dialogue_coverage where coverage_status <> 'ej nådd'"
        )
    }
    assert not_reached, "the generated dialogue leaves one target group without a meeting"
    coverage = result.report.sections[0]
    assert "Ej nådda målgrupper:" in coverage.paragraphs
    listed = {b.split(" (")[0] for b in coverage.bullets if not b.startswith("Delvis nådd")}
    assert listed == not_reached
    assert not listed & reached
    for name in not_reached:
        assert name in result.report.summary
        assert escape(name) in html
    statuses = {row[0]: row[1] for row in _table(result.report, "Målgrupper").rows}
    assert {g for g, s in statuses.items() if s == "ej nådd"} == not_reached


def test_dialogue_report_states_the_goal_matrix_as_the_mart_does(rendered, conn):
    result = rendered["dialogue"]
    html = result.html.read_text(encoding="utf-8")
    summary, detail, measures = _query(conn, "select summary, summary_detail, measures from marts.goal_summary")[0]
    assert re.fullmatch(r"\d+ av \d+ mått uppfyllda", summary)
    goals = next(s for s in result.report.sections if s.title == "Målmatrisen")
    assert any(f"{summary} ({detail})" in p for p in goals.paragraphs)
    assert summary in result.report.summary and summary in html
    assert len(_table(result.report, "Målmatris").rows) == measures
    # the compilation: one row per cornerstone plus the proposals outside them
    (compilation_rows,) = _query(conn, "select count(*) from marts.dialogue_compilation")[0]
    assert len(_table(result.report, "Sammanställning").rows) == compilation_rows


def test_remiss_report_lists_exactly_the_missing_bodies_with_addresses(rendered, conn):
    result = rendered["remiss"]
    html = result.html.read_text(encoding="utf-8")
    missing = dict(_query(conn, "select body_name, contact_address from marts.remiss_status where status = 'missing'"))
    assert missing, "the generated remiss leaves bodies without a response"
    table = _table(result.report, "Saknade svar och påminnelser")
    assert {row[0]: row[2] for row in table.rows} == missing
    for name, address in missing.items():
        assert escape(name) in html and address in html
        assert name in result.report.summary
    due = {name for (name,) in _query(conn, "select body_name from marts.remiss_reminders")}
    assert {row[0] for row in table.rows if row[5] != "inte än"} == due
    # bodies that answered are not among those to remind
    answered = {name for (name,) in _query(conn, "select body_name from marts.remiss_status where status <> 'missing'")}
    assert not answered & {row[0] for row in table.rows}


def test_remiss_status_counts_match_the_mart(rendered, conn):
    result = rendered["remiss"]
    counts = Counter(dict(_query(conn, "select status_label, count(*) from marts.remiss_status group by 1")))
    total = sum(counts.values())
    figures = {k.label: k.value for k in result.report.sections[0].key_figures}
    assert figures == {
        "inkommet i tid": f"{counts['inkommet']} av {total}",
        "inkommet sent": f"{counts['inkommet sent']} av {total}",
        "avstår": f"{counts['avstår']} av {total}",
        "saknas": f"{counts['saknas']} av {total}",
    }
    assert Counter(row[2] for row in _table(result.report, "Status per instans").rows) == counts
    (compilation_rows,) = _query(conn, "select count(*) from marts.remiss_compilation")[0]
    assert len(_table(result.report, "Remissammanställning").rows) == compilation_rows


def test_public_page_has_no_personal_data_addresses_or_statement_texts(rendered, conn, phases_built):  # noqa: F811
    result = rendered["public"]
    assert result.report.public
    html = result.html.read_text(encoding="utf-8")
    text = render.plain_text(result.report)
    for page in (html, text):
        assert not EMAIL.search(page), EMAIL.search(page)
        for placeholder in PLACEHOLDERS:
            assert placeholder not in page
    for body in phases_built["config"].remiss.bodies:
        assert body.contact not in html
    statements = [t for (t,) in _query(conn, "select example_statement from marts.dialogue_components")]
    statements += [
        t for (t,) in _query(conn, "select comment_text from marts.remiss_compilation where comment_text is not null")
    ]
    for statement in statements:
        if len(statement) > 15:
            assert str(escape(statement)) not in html and statement not in text
    # no body-level remiss detail: no body's name appears
    for body in phases_built["config"].remiss.bodies:
        assert body.name not in html
    # what people raised most: the overall top component, unsuppressed
    (top,) = _query(
        conn,
        "select component_label from marts.component_shares where cut = 'alla' "
        "and question_code = 'alla' and not is_suppressed order by share desc limit 1",
    )[0]
    assert escape(top) in html
    (respondents,) = _query(conn, "select count(*) from marts.respondents")[0]
    assert f"{respondents:,}".replace(",", "\u2009") in html
    for phase in phases_built["config"].phases:
        assert escape(phase.name) in html


def test_public_page_before_the_later_phases(phases_built):  # noqa: F811
    """During the survey: no valuation, no dialogue, no remiss yet — the later marts missing or empty."""
    config = phases_built["config"]
    with connect(phases_built["dsn"]) as connection:
        try:
            connection.execute("drop table marts.remiss_status, marts.remiss_position_matrix cascade")
            connection.execute("delete from marts.dialogue_compilation")
            connection.execute("delete from marts.dialogue_components")
            connection.execute("update marts.dialogue_coverage set meetings_held = 0, participants = 0, statements = 0")
            connection.execute("update marts.cornerstones set basis = 'citizens only (no committee valuation yet)'")
            report = reports.build("public", connection, config, "2024-04-15")
        finally:
            connection.rollback()
    titles = [s.title for s in report.sections]
    assert "Visionens hörnstenar" not in titles and "Vad tyckte ni om hörnstenarna?" not in titles
    figures = {k.label for s in report.sections for k in s.key_figures}
    assert figures == {"svar på enkäten"}
    page = render.plain_text(report)
    assert "Dialog med målgrupper: börjar 2 september 2024." in page
    assert "Skriftlig remiss: börjar 9 december 2024." in page
    assert "Just nu pågår digital enkät" in page and "Digital enkät, 18 mars – 5 maj 2024: pågår" in page
    assert "pågår" in report.summary


def test_xlsx_sheets_pdf_and_chart_alt_texts(rendered):
    from openpyxl import load_workbook

    expected = {
        "dialogue": {
            "Målgrupper",
            "Forum och kontor",
            "Mottagande per målgrupp",
            "Sammanställning",
            "Sammanställning exempel",
            "Komponenter i dialogen",
            "Mentometerfrågor",
            "Målmatris",
        },
        "remiss": {
            "Status per instans",
            "Saknade svar och påminnelser",
            "Ståndpunkter",
            "Ståndpunktsmatris",
            "Kommentarer per komponent",
            "Remissammanställning",
        },
        "public": {"Ämnesområden", "Vanligaste ämnen", "Tidplan"},
    }
    for name, result in rendered.items():
        book = load_workbook(result.xlsx, read_only=True)
        assert book.sheetnames == ["Om rapporten"] + [t.sheet for t in result.report.tables]
        assert set(book.sheetnames[1:]) == expected[name]
        assert all(len(sheet) <= 31 for sheet in book.sheetnames)
        for table in result.report.tables:  # every row, whatever the HTML shows
            assert book[table.sheet].max_row >= len(table.rows) + 1
        book.close()

        pdf = result.pdf.read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(result.pdf)], capture_output=True, text=True, check=True).stdout
            assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 1

        html = result.html.read_text(encoding="utf-8")
        assert result.report.charts, f"{name} has charts"
        for chart in result.report.charts:
            # the image is named by its title, its figures in the visible caption
            assert f'aria-label="{escape(chart.title)}"' in html
            assert f"<figcaption>{escape(chart.alt)}</figcaption>" in html


def _pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


SCRIPT = "<script>alert(1)</script>"
SQL = "'); drop table raw.survey_answers; --"
FORMULA = '=HYPERLINK("http://evil.example","klicka")'


def test_html_sql_and_formulas_in_answers_come_out_escaped_verbatim_and_inert(phases_built, tmp_path):  # noqa: F811
    """Answers planted in the mart the reports quote (rolled back afterwards): the HTML escapes
    them, the PDF and XLSX show them as written, a formula stays text, and the public page,
    which quotes no answers, shows none of them."""
    from openpyxl import load_workbook

    config = phases_built["config"]
    with connect(phases_built["dsn"]) as tx:  # one transaction, rolled back: the shared marts stay as built
        tx.execute(
            "update marts.cornerstone_trace set example_answer = case example_number when 1 then %s else %s end",
            (f"{SCRIPT} {SQL}", FORMULA),
        )
        files = {
            name: render.render_files(reports.build(name, tx, config, AS_OF), tmp_path / name)
            for name in ("cornerstones", "public")
        }
        tx.rollback()
    html = files["cornerstones"].html.read_text(encoding="utf-8")
    assert SCRIPT not in html and str(escape(SCRIPT)) in html and str(escape(SQL)) in html
    assert SCRIPT in _pdf_text(files["cornerstones"].pdf)
    cells = [c for row in load_workbook(files["cornerstones"].xlsx).worksheets for r in row.iter_rows() for c in r]
    planted = {c.value for c in cells if isinstance(c.value, str) and ("alert(1)" in c.value or "HYPERLINK" in c.value)}
    assert f"{SCRIPT} {SQL}" in planted and f"'{FORMULA}" in planted
    assert all(c.data_type != "f" for c in cells)
    public = files["public"].html.read_text(encoding="utf-8") + _pdf_text(files["public"].pdf)
    assert "alert(1)" not in public and "drop table" not in public and "HYPERLINK" not in public
    with connect(phases_built["dsn"]) as conn:
        assert conn.execute("select to_regclass('raw.survey_answers') is not null").fetchone()[0]

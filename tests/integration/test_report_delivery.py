"""Reports rendered from the real marts and sent to a real SMTP server (aiosmtpd):
the MIME parts, the PDF pages (pdftoppm), the XLSX sheets, a headless-Chromium
screenshot, once-per-period delivery and the failure alert through Airflow's SMTP hook."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from hornsten.airflow.alerts import failure_message
from hornsten.config import REPORT_NAMES
from hornsten.reports import build, render
from hornsten.reports.delivery import deliver, smtp_sender
from tests.warehouse import connect

pytestmark = pytest.mark.integration


def _mails(folder):
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in sorted(folder.glob("*.eml"))]


def _pdf_pages(pdf, out):
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page*.png"))


@pytest.fixture
def conn(phases_built):
    with connect(phases_built["dsn"], autocommit=True) as connection:
        connection.execute("truncate raw.report_deliveries")
        yield connection


def test_a_due_report_arrives_once_with_inline_charts_pdf_and_xlsx(
    phases_built, conn, smtp_server, tmp_path, monkeypatch
):
    monkeypatch.setenv("HORNSTEN_ACTOR", "airflow:hornsten_reports/manual__1")
    port, folder = smtp_server
    config = phases_built["config"]
    schedule = next(s for s in config.reports.schedules if s.report == "remiss")
    day = config.phase("remiss").end
    send = smtp_sender("127.0.0.1", port)

    first = deliver(conn, config, schedule, day, send, tmp_path)
    again = deliver(conn, config, schedule, day, send, tmp_path)  # a retried task, or a second run that day

    assert first.status == "sent" and again.status == "already_sent"
    who = conn.execute("select actor, db_user, claimed_at <= sent_at from raw.report_deliveries").fetchall()
    assert who == [("airflow:hornsten_reports/manual__1", "hornsten", True)]
    mails = _mails(folder)
    assert len(mails) == 1
    mail = mails[0]
    assert mail["To"] == ", ".join(schedule.recipients)
    assert mail["X-Hornsten-Envelope-To"] == ", ".join(schedule.recipients)
    types = [part.get_content_type() for part in mail.walk()]
    assert types[:4] == ["multipart/mixed", "multipart/alternative", "text/plain", "multipart/related"]
    assert "text/html" in types and "image/png" in types
    html = mail.get_body(preferencelist=("html",)).get_content()
    cids = [part["Content-ID"].strip("<>") for part in mail.walk() if part.get_content_type() == "image/png"]
    assert cids and all(f"cid:{cid}" in html for cid in cids)
    attachments = {part.get_filename(): part for part in mail.iter_attachments() if part.get_filename()}
    assert set(attachments) == {"remiss.pdf", "remiss.xlsx"}

    pdf = tmp_path / "mailed.pdf"
    pdf.write_bytes(attachments["remiss.pdf"].get_content())
    pages = _pdf_pages(pdf, tmp_path)
    assert len(pages) >= 2 and all(p.stat().st_size > 1000 for p in pages)
    workbook = tmp_path / "mailed.xlsx"
    workbook.write_bytes(attachments["remiss.xlsx"].get_content())
    sheets = load_workbook(workbook, read_only=True).sheetnames
    assert sheets[0] == "Om rapporten" and len(sheets) >= 3

    row = conn.execute("""select status, recipients, archive_path, sent_at is not null
                          from raw.report_deliveries where report = 'remiss'""").fetchone()
    assert row[0] == "sent" and row[1] == list(schedule.recipients) and row[3]
    archived = {p.name for p in (tmp_path / "reports" / config.process / "remiss" / day.isoformat()).iterdir()}
    assert {"remiss.html", "remiss.pdf", "remiss.xlsx", "remiss.eml"} <= archived


def test_a_report_is_not_sent_outside_its_phase(phases_built, conn, smtp_server, tmp_path):
    port, folder = smtp_server
    config = phases_built["config"]
    schedule = next(s for s in config.reports.schedules if s.report == "survey-progress")
    result = deliver(conn, config, schedule, dt.date(2024, 6, 1), smtp_sender("127.0.0.1", port), tmp_path)
    assert result.status == "not_due" and "outside the phase 'survey'" in result.reason
    assert not list(folder.glob("*.eml"))


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_every_report_renders_to_html_pdf_and_xlsx(phases_built, conn, tmp_path, name):
    report = build(name, conn, phases_built["config"], "2025-03-10")
    rendered = render.render_files(report, tmp_path)
    assert report.summary and report.sections
    assert _pdf_pages(rendered.pdf, tmp_path)
    html = rendered.html.read_text(encoding="utf-8")
    assert report.title in html and all(chart.alt.split(":")[0] in html for chart in report.charts)
    assert load_workbook(rendered.xlsx, read_only=True).sheetnames[0] == "Om rapporten"


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="no Chromium")
@pytest.mark.parametrize("name", ["survey-progress", "public"])
def test_headless_chromium_screenshots_the_html(phases_built, conn, tmp_path, name):
    from hornsten.cli.reports import screenshot

    rendered = render.render_files(build(name, conn, phases_built["config"], "2025-03-10"), tmp_path)
    png = screenshot(rendered.html, tmp_path / f"{name}.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page with text and charts, not blank


def test_failure_alert_goes_through_airflows_smtp_hook(smtp_server, monkeypatch):
    port, folder = smtp_server
    monkeypatch.setenv(
        "AIRFLOW_CONN_SMTP_DEFAULT",
        json.dumps(
            {
                "conn_type": "smtp",
                "host": "127.0.0.1",
                "port": port,
                "extra": {"disable_tls": True, "disable_ssl": True, "retry_limit": 0},
            }
        ),
    )
    from hornsten.airflow.tasks import smtp_send

    smtp_send(
        failure_message(
            process="norrkoping_vision_2035",
            dag_id="hornsten_remiss",
            task_id="check_quality",
            run_id="manual__1",
            try_number=2,
            error="QualityGateFailed: 1 critical failure",
            log_url="http://127.0.0.1:8080/log",
            sender="hornsten@localhost",
            recipients=["data@example.se"],
        )
    )
    (mail,) = _mails(folder)
    body = mail.get_content()
    assert mail["Subject"] == "[Hörnsten] hornsten_remiss: check_quality misslyckades"
    assert "QualityGateFailed: 1 critical failure" in body and "http://127.0.0.1:8080/log" in body

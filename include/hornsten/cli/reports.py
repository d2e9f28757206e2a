"""``hornsten report NAME --out DIR`` (render without sending) and ``hornsten reports send``
(what the reports DAG does, for one day)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, process, settings, warehouse
from hornsten.config import REPORT_NAMES
from hornsten.warehouse import roles


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(html: Path, png: Path, width: int = 1000, height: int = 2400) -> Path:
    """A full-page PNG of an HTML file with headless Chromium."""
    browser = chromium()
    if browser is None:
        raise click.ClickException("no Chromium found for --screenshot (make setup installs it via apt-get)")
    subprocess.run(
        [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            html.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return png


@click.command("report")
@click.argument("name", type=click.Choice(REPORT_NAMES))
@PROCESS_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for NAME.html, NAME.pdf and NAME.xlsx.",
)
@click.option("--period", default=None, help="Label for the period covered (default: today).")
@click.option("--screenshot", "with_screenshot", is_flag=True, help="Also NAME.png of the HTML (headless Chromium).")
def report(name: str, process_name: str | None, out_dir: Path, period: str | None, with_screenshot: bool) -> None:
    """Render one report from the current marts as HTML, PDF and XLSX, without sending it.

    NAME: survey-progress, components, cornerstones, dialogue, remiss or public."""
    from hornsten import reports
    from hornsten.reports import render

    config = process(process_name)
    with warehouse(role=roles.REPORTER) as conn:
        try:
            built = reports.build(name, conn, config, period)
        except reports.ReportUnavailable as exc:
            raise click.ClickException(f"{name}: {exc}") from None
    rendered = render.render_files(built, out_dir)
    for path in rendered.files:
        click.echo(str(path))
    if with_screenshot:
        click.echo(str(screenshot(rendered.html, rendered.html.with_suffix(".png"))))
    if built.summary:
        click.echo(built.summary, err=True)


@click.group("reports")
def reports_group() -> None:
    """Scheduled reports (what the hornsten_reports DAG sends)."""


@reports_group.command("send")
@PROCESS_OPTION
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to send for (default: today); only reports due that day go out.",
)
@click.option("--report", "only", type=click.Choice(REPORT_NAMES), default=None, help="Only this report.")
@click.option("--smtp", default=None, help="host:port (default: the local SMTP catcher of `hornsten up`).")
def reports_send(process_name: str | None, day: dt.datetime | None, only: str | None, smtp: str | None) -> None:
    """Send the reports due on a day, once per period, and archive them."""
    from hornsten.reports import service
    from hornsten.reports.delivery import smtp_sender

    config = process(process_name)
    local = settings()
    host, _, port = (smtp or f"127.0.0.1:{local.smtp_port}").partition(":")
    when = day.date() if day else dt.date.today()
    with warehouse(role=roles.REPORTER) as conn:
        outcomes = service.send_due_reports(
            conn, config, when, smtp_sender(host, int(port or 25)), local.home, only=only, echo=click.echo
        )
    if any(o.error for o in outcomes):
        sys.exit(1)


COMMANDS = [report, reports_group]

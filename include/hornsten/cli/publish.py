"""``hornsten publish --out DIR``: the process's public website, "Det här har vi hört"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, process, warehouse
from hornsten.warehouse import roles


@click.command("publish")
@PROCESS_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for the site (index.html, one page per cornerstone, assets/); copy it to the web server.",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day the site speaks for (default: today): which phases are done, which promises are due.",
)
@click.option("--screenshot", "with_screenshot", is_flag=True, help="Also index.png of the start page (Chromium).")
def publish(process_name: str | None, out_dir: Path, day: dt.datetime | None, with_screenshot: bool) -> None:
    """Write the public website of the process from the current marts.

    Plain Swedish, no personal data, every cut under five left out; works without
    JavaScript. Publish it by copying the folder to the municipality's web server."""
    from hornsten.publish import service
    from hornsten.reports import ReportUnavailable

    config = process(process_name)
    with warehouse(role=roles.REPORTER) as conn:
        try:
            result = service.publish(conn, config, out_dir, day.date() if day else None, echo=click.echo)
        except ReportUnavailable as exc:
            raise click.ClickException(f"publish: {exc}") from None
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from None
    for page in result.pages:
        click.echo(f"  {page}  (LIX {result.lix[page.name]:.0f})")
    if with_screenshot:
        from hornsten.cli.reports import screenshot

        click.echo(str(screenshot(result.index, result.index.with_suffix(".png"), width=1100, height=2200)))
    click.echo(f"Open {result.index.resolve().as_uri()}")


COMMANDS = [publish]

"""``hornsten review serve | add-user | export-codebook``: the review page and its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, echo, process, settings, warehouse, warehouse_dsn
from hornsten.warehouse import roles
from hornsten.warehouse.dbt import dbt_project_dir


@click.group("review")
def review_group() -> None:
    """The review page (granskning): reviewers check tags and improve the codebook."""


@review_group.command("serve")
@PROCESS_OPTION
@click.option("--port", type=int, default=None, help="Port (default $HORNSTEN_REVIEW_PORT or 8090).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(process_name: str | None, port: int | None, host: str) -> None:
    """Serve the review page in the foreground (hornsten up starts it in the background)."""
    from hornsten.review.app import ReviewConfig
    from hornsten.review.server import labels
    from hornsten.review.server import serve as run

    config = process(process_name)
    secret = os.environ.get("HORNSTEN_REVIEW_SECRET") or settings().secrets()["review_session_secret"]
    review = ReviewConfig(
        dsn=warehouse_dsn(role=roles.REVIEWER), process=config.process, session_secret=secret, labels=labels(config)
    )
    run(review, host, port or settings().review_port)


@review_group.command("add-user")
@click.argument("login")
@click.option("--name", "display_name", default="", help="The name shown on the page (default: the login).")
@click.option("--can-approve", is_flag=True, help="May approve or reject codebook proposals.")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin instead of generating one.")
def add_user(login: str, display_name: str, can_approve: bool, password_stdin: bool) -> None:
    """Add a reviewer; prints the generated password once (it is stored only as a hash)."""
    from hornsten.review import auth, service

    password = sys.stdin.readline().rstrip("\n") if password_stdin else auth.new_password()
    with warehouse(role=roles.REVIEWER) as conn:
        try:
            who = service.add_reviewer(conn, login, display_name or login, password, can_approve=can_approve)
        except service.ReviewError as exc:
            raise click.ClickException(str(exc)) from None
    echo(f"Reviewer {who.login} added{' (may approve proposals)' if who.can_approve else ''}.")
    if not password_stdin:
        click.echo(password)


@review_group.command("export-codebook")
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="The codebook seeds folder (default dbt_project/seeds/codebook).",
)
def export_codebook(seeds_dir: Path | None) -> None:
    """Append the approved terms and exclusions to the codebook seed CSVs (to commit them)."""
    from hornsten.review import service

    folder = seeds_dir or dbt_project_dir() / "seeds" / "codebook"
    with warehouse(role=roles.REVIEWER) as conn:
        result = service.export_codebook(conn, folder)
    click.echo(f"{result.terms} term(s) added to {result.terms_file}")
    click.echo(f"{result.exclusions} exclusion(s) added to {result.exclusions_file}")


COMMANDS = [review_group]

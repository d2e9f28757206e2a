"""``hornsten remiss …``: phase 4, the written consultation (templates, loading, status, reminders)."""

from __future__ import annotations

from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, process
from hornsten.cli.forms import load_templates, show_mart, template_cornerstones


@click.group()
def remiss() -> None:
    """Phase 4: the written consultation (templates, loading, status, reminders)."""


@remiss.command("template")
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder for the templates (one per body)."
)
@click.option("--body", "bodies", multiple=True, help="Only these bodies (codes); repeat for several. Default: all.")
@click.option("--round", "round_code", default=None, help="The remiss round (default: the latest).")
@PROCESS_OPTION
def remiss_template(out_dir: Path, bodies: tuple[str, ...], round_code: str | None, process_name: str | None) -> None:
    """Write one prefilled response template per remiss body."""
    from hornsten.remiss import template as remiss_mod

    config = process(process_name)
    if not config.remiss.bodies or not config.remiss.rounds:
        raise click.ClickException(f"process {config.process!r} configures no remiss bodies or rounds (key remiss)")
    cornerstones = template_cornerstones(config.process)
    try:
        round_ = config.remiss.round(round_code)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--round") from None
    known = {b.code for b in config.remiss.bodies}
    unknown = [b for b in bodies if b not in known]
    if unknown:
        raise click.BadParameter(f"unknown body {unknown[0]!r}; known: {', '.join(sorted(known))}", param_hint="--body")
    for code in bodies or [b.code for b in config.remiss.bodies]:
        path = remiss_mod.write_template(
            out_dir / f"remissvar_{round_.code}_{code}.xlsx", config, cornerstones, code, round_.code
        )
        click.echo(str(path))


@remiss.command("sample")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@PROCESS_OPTION
def remiss_sample(out_dir: Path, seed: int, process_name: str | None) -> None:
    """Write filled-in sample responses (some late, one declined, some bodies missing)."""
    from hornsten.demo import templates as template_samples

    config = process(process_name)
    paths = template_samples.generate_remiss_templates(
        config, template_cornerstones(config.process, quiet=True), out_dir, seed=seed
    )
    for path in paths:
        click.echo(str(path))
    click.echo(f"{len(paths)} response(s) of {len(config.remiss.bodies)} bodies in {out_dir}", err=True)


@remiss.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def remissload_templates(files: tuple[Path, ...], process_name: str | None, as_json: bool) -> None:
    """Validate and load filled response templates, exactly as the remiss DAG does."""
    load_templates(files, process_name, "remiss", as_json)


@remiss.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per body and round.")
@PROCESS_OPTION
def remiss_status(as_json: bool, process_name: str | None) -> None:
    """Every remiss body: received, late, missing or declined (marts.remiss_status)."""
    from hornsten.remiss import service

    show_mart(
        service.status,
        process_name,
        as_json,
        "Remiss bodies (marts.remiss_status):",
        ["body", "kind", "round", "status", "received", "deadline", "contact"],
    )


@remiss.command("reminders")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per reminder.")
@PROCESS_OPTION
def remiss_reminders(as_json: bool, process_name: str | None) -> None:
    """Bodies without a response that are due a reminder (marts.remiss_reminders)."""
    from hornsten.remiss import service

    show_mart(
        lambda conn: [{k: v for k, v in r.items() if k != "body"} for r in service.reminders(conn)],
        process_name,
        as_json,
        "Reminders due (marts.remiss_reminders):",
        ["body", "contact", "round", "deadline", "days left", "kind"],
    )


COMMANDS = [remiss]

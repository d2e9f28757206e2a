"""``hornsten dialogue …``: phase 3, meetings with the target groups (templates, loading, coverage)."""

from __future__ import annotations

from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, process
from hornsten.cli.forms import load_templates, show_mart, template_cornerstones


@click.group()
def dialogue() -> None:
    """Phase 3: dialogue meetings with target groups (templates, loading, coverage)."""


@dialogue.command("template")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    required=True,
    help="XLSX file to write (a folder with --all).",
)
@click.option("--forum", default=None, help="Prefill the forum or office (its code in the process configuration).")
@click.option(
    "--all", "all_forums", is_flag=True, help="One prefilled template per forum and office into the --out folder."
)
@PROCESS_OPTION
def dialogue_template(out_path: Path, forum: str | None, all_forums: bool, process_name: str | None) -> None:
    """Write the meeting template a facilitator fills in after each meeting."""
    from hornsten.dialogue import template as dialogue_mod

    config = process(process_name)
    if not config.dialogue.forums:
        raise click.ClickException(f"process {config.process!r} configures no dialogue forums (key dialogue.forums)")
    cornerstones = template_cornerstones(config.process)
    try:
        if all_forums:
            for f in config.dialogue.forums:
                path = dialogue_mod.write_template(out_path / f"dialog_{f.code}.xlsx", config, cornerstones, f.code)
                click.echo(f"Template written: {path}")
        else:
            path = dialogue_mod.write_template(out_path, config, cornerstones, forum)
            click.echo(f"Template written: {path} (sheets Möte, Synpunkter, Omröstning; help on Instruktioner)")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--forum") from None


@dialogue.command("sample")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@click.option("--with-bad", is_flag=True, help="Also write a broken template and one with bad rows.")
@PROCESS_OPTION
def dialogue_sample(out_dir: Path, seed: int, with_bad: bool, process_name: str | None) -> None:
    """Write filled-in sample meeting templates (one target group left unreached)."""
    from hornsten.demo import templates as template_samples

    config = process(process_name)
    cornerstones = template_cornerstones(config.process, quiet=True)
    paths = template_samples.generate_dialogue_templates(config, cornerstones, out_dir, seed=seed)
    if with_bad:
        paths.append(template_samples.bad_dialogue_template(config, cornerstones, out_dir / "trasig_mall.xlsx"))
        paths.append(template_samples.flawed_dialogue_template(config, cornerstones, out_dir / "mote_med_fel.xlsx"))
    for path in paths:
        click.echo(str(path))
    click.echo(f"{len(paths)} template(s) in {out_dir}", err=True)


@dialogue.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def dialogueload_templates(files: tuple[Path, ...], process_name: str | None, as_json: bool) -> None:
    """Validate and load filled meeting templates, exactly as the dialogue DAG does.

    Exits 1 if a template was rejected as a whole."""
    load_templates(files, process_name, "dialogue", as_json)


@dialogue.command("coverage")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per target group.")
@PROCESS_OPTION
def dialogue_coverage(as_json: bool, process_name: str | None) -> None:
    """Which target groups have been heard, and which not yet (marts.dialogue_coverage)."""
    from hornsten.dialogue import service

    show_mart(
        service.coverage,
        process_name,
        as_json,
        "Target groups (marts.dialogue_coverage):",
        ["target group", "status", "held", "planned", "participants", "statements", "last meeting"],
    )


COMMANDS = [dialogue]

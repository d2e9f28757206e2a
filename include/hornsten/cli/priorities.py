"""``hornsten priorities …``: the residents' prioritisation round between the survey and
the committee — the questionnaire, sample answers, loading the exports, the top list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, process, warehouse
from hornsten.warehouse import roles


def _round(process_name: str | None):
    config = process(process_name)
    if config.priorities is None:
        raise click.ClickException(
            f"process {config.process!r} has no prioritisation round: add a `priorities:` block to its YAML "
            "(see processes/norrkoping_vision_2035.yml)"
        )
    return config


@click.group()
def priorities() -> None:
    """The residents' prioritisation round: they rank what the survey found."""


@priorities.command("template")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder to write to.")
@PROCESS_OPTION
def priorities_template(out_dir: Path, process_name: str | None) -> None:
    """Write the ranking questionnaire from the current codebook: an XLSX answer sheet, the same
    headings as CSV, and LimeSurvey's answer options and response-export headings."""
    from hornsten.priorities.template import write_template

    config = _round(process_name)
    written = write_template(config, out_dir)
    round_ = config.priorities
    click.echo(
        f"{round_.title}: {len(written.items)} {round_.items} to rank, {round_.ranks} places "
        f"(at least {round_.min_ranks}), open {round_.start} – {round_.end}"
    )
    for path in written.files:
        click.echo(f"  {path}")


@priorities.command("sample")
@click.option("--responses", type=click.IntRange(min=1), default=1000, show_default=True)
@click.option("--seed", type=int, default=2015, show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@PROCESS_OPTION
def priorities_sample(responses: int, seed: int, out_dir: Path, process_name: str | None) -> None:
    """Write sample round exports (plain CSV and LimeSurvey, with faulty rows and a re-delivery)."""
    from hornsten.demo.priorities import generate_priorities

    result = generate_priorities(_round(process_name), responses, seed, out_dir)
    for path in result.files:
        click.echo(f"  {path}")
    faults = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in result.faults.items())
    click.echo(f"{responses:,} responses; faulty rows: {faults}; manifest {result.manifest}")


@priorities.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
def priorities_load(files: tuple[Path, ...], process_name: str | None) -> None:
    """Validate and load round exports; rows that cannot be counted are quarantined with the reason."""
    from hornsten.priorities import service

    config = _round(process_name)
    with warehouse(role=roles.LOADER) as conn:
        results = service.load_exports(conn, config, files, echo=click.echo)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@priorities.command("top")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--themes", is_flag=True, help="Themes instead of components.")
@PROCESS_OPTION
def priorities_top(limit: int, themes: bool, process_name: str | None) -> None:
    """The residents' top list from the marts (after `hornsten build`)."""
    from hornsten.priorities import service

    config = _round(process_name)
    with warehouse(config.process, role=roles.REPORTER) as conn:
        top = service.top_items(conn, limit, "theme" if themes else "component")
    if not top:
        raise click.ClickException("no priorities yet: load the round's exports and run `hornsten build`")
    click.echo(service.format_top(top))


COMMANDS = [priorities]

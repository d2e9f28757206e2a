"""The prioritisation round's use cases, called alike by ``hornsten priorities …`` and the
components DAG (the round's inbox, $HORNSTEN_INBOX/<process>/priorities/)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hornsten.config import ProcessConfig
from hornsten.priorities import ingest
from hornsten.survey.ingest import LoadResult, describe, inbox_files, pseudonym_key
from hornsten.survey.service import summary

Echo = Callable[[str], None]


def load_exports(
    conn, config: ProcessConfig, files: Iterable[Path], archive: Path | None = None, echo: Echo = print
) -> list[LoadResult]:
    """Load round exports (and archive them when `archive` is given), saying how each went."""
    results = ingest.ingest_files(conn, list(files), config, pseudonym_key(), archive=archive)
    for result in results:
        echo(describe(result))
    return results


def ingest_inbox(conn, config: ProcessConfig, inbox: Path, archive: Path, echo: Echo = print) -> dict[str, Any]:
    """Every export waiting in the round's inbox, loaded and archived; the summary the DAG passes on.

    A process without a round has nothing to load (and says so)."""
    if config.priorities is None:
        echo(f"process {config.process!r} has no prioritisation round: nothing to load")
        return summary([])
    files = inbox_files(inbox)
    echo(f"{len(files)} prioritisation export(s) in {inbox}")
    return summary(load_exports(conn, config, files, archive=archive, echo=echo))


def failed_files(summary: dict[str, Any]) -> list[str]:
    return [f"{Path(r['file']).name}: {r['error']}" for r in summary["results"] if r["status"] == "failed"]


def top_items(conn, limit: int = 10, kind: str = "component") -> list[dict[str, Any]]:
    """The residents' top components or themes (all respondents), best first;
    empty before the round's marts are built."""
    from hornsten.reports.marts import optional_rows

    table = {"component": "marts.priority_component_scores", "theme": "marts.priority_theme_scores"}[kind]
    return optional_rows(
        conn,
        f"""select priority_rank, {kind} as item, {kind}_label as label, base_respondents, mean_borda,
                   weighted_mean_borda, share_top3, weighted_share_top3
            from {table}
            where cut = 'alla' and not is_suppressed
            order by priority_rank, {kind}
            limit %s""",
        (limit,),
    )


def format_top(top: list[dict]) -> str:
    """The top list as a small table: mean Borda points and the share with it in their top three."""
    lines = [f"{'#':>3}  {'':40} {'Borda':>6} {'topp 3':>7}"]
    for row in top:
        borda = row["weighted_mean_borda"] if row["weighted_mean_borda"] is not None else row["mean_borda"]
        top3 = row["weighted_share_top3"] if row["weighted_share_top3"] is not None else row["share_top3"]
        lines.append(f"{row['priority_rank']:>3}  {row['label'][:40]:40} {float(borda):6.2f} {float(top3):7.0%}")
    ranked = top[0]["base_respondents"]
    lines.append(f"({ranked:,} residents ranked; weighted to the population where they said who they are)")
    return "\n".join(lines)

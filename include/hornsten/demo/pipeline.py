"""``hornsten demo``: the whole process on generated data — the four phases run by their
DAGs on the local stack, and what each audience would look at afterwards."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable

from hornsten.config import ProcessConfig
from hornsten.devstack import stack
from hornsten.paths import inbox_dir
from hornsten.warehouse.schemas import qualify, scoped

Echo = Callable[[str], None]


def run(settings: stack.Settings, config: ProcessConfig, responses: int, seed: int, echo: Echo, show: Echo) -> int:
    """Run phases 1–4 and the reports; returns 0 when every DAG succeeded. `echo` is progress, `show` results."""
    from hornsten.committee import valuation
    from hornsten.demo import walkthrough
    from hornsten.demo.survey import generate_sample
    from hornsten.tagging.codebook import codebook_themes

    echo(f"\n[1/7] Generating {responses:,} sample responses for {config.process} …")
    samples = sample_dir(settings, config)
    shutil.rmtree(samples, ignore_errors=True)
    result = generate_sample(config, responses, seed, ["all"], samples)
    survey_inbox = inbox_dir(config.process, "survey", root=settings.inbox)
    survey_inbox.mkdir(parents=True, exist_ok=True)
    for f in result.files:
        shutil.copy2(f.path, survey_inbox / f.path.name)
        echo(f"  inbox <- {f.path.name} ({f.format}, {f.rows:,} rows)")
    # The same export delivered twice must not add a single row.
    first = result.files[0].path
    shutil.copy2(first, survey_inbox / f"resent_{first.name}")
    echo(f"  inbox <- resent_{first.name} (the same file again)")

    echo("\n[2/7] Running the survey ingest DAG (airflow dags test hornsten_survey_ingest) …")
    code = dags_test(settings, "hornsten_survey_ingest", echo)
    echo("\n[3/7] What landed in the warehouse:")
    print_warehouse_summary(settings, config, show)

    ranked = stage_priorities(settings, config, max(500, responses // 2), seed, echo)
    parties = valuation.sample_parties(config)
    sheet = valuation.sample_valuations(
        inbox_dir(config.process, "valuation", root=settings.inbox) / "styrgruppen.csv",
        codebook_themes(),
        parties,
        seed,
    )
    echo(
        f"\n[4/7] {'The residents’ prioritisation round, the ' if ranked else 'The '}steering committee's "
        f"valuation ({sheet.name}, {len(parties) * 2} members) and the components DAG "
        "(airflow dags test hornsten_components) …"
    )
    code = dags_test(settings, "hornsten_components", echo) or code
    if code == 0:
        if ranked:
            print_priorities(settings, config, show)
        print_cornerstones(settings, config, show)

    if code == 0 and config.dialogue.forums:
        echo(
            "\n[5/7] Dialogue: filled meeting templates (one broken, one with bad rows, one corrected "
            "re-delivery), the dialogue DAG and the goal matrix (airflow dags test hornsten_dialogue, hornsten_goals) …"
        )
        walkthrough.stage_dialogue(settings, config, samples / "dialogue", seed, echo)
        code = dags_test(settings, "hornsten_dialogue", echo) or dags_test(settings, "hornsten_goals", echo)
        if code == 0:
            walkthrough.print_dialogue(settings, config, show)
    if code == 0 and config.remiss.bodies and config.remiss.rounds:
        echo(
            "\n[6/7] Remiss: responses from the bodies (some late, one declined, some missing) and the "
            "remiss DAG and the goal matrix (airflow dags test hornsten_remiss, hornsten_goals) …"
        )
        walkthrough.stage_remiss(settings, config, samples / "remiss", seed, echo)
        code = dags_test(settings, "hornsten_remiss", echo) or dags_test(settings, "hornsten_goals", echo)
        if code == 0:
            walkthrough.print_remiss(settings, config, show)
    if code == 0 and config.reports.schedules:
        days = walkthrough.report_days(config)
        echo(
            f"\n[7/7] Scheduled reports: the reports DAG on the last day of each phase "
            f"({', '.join(d.isoformat() for d in days)}), sent to the local SMTP catcher …"
        )
        for day in days:
            code = dags_test(settings, "hornsten_reports", echo, day.isoformat()) or code
        walkthrough.print_mail(settings, show)
        walkthrough.print_site(settings, config, show)
    return code


def stage_priorities(settings: stack.Settings, config: ProcessConfig, residents: int, seed: int, echo: Echo) -> bool:
    """Between phases 1 and 2: the round's sample exports (plain CSV, LimeSurvey, a re-delivery)
    into its inbox; False for a process without a round."""
    if config.priorities is None:
        return False
    from hornsten.demo.priorities import generate_priorities

    result = generate_priorities(config, residents, seed, sample_dir(settings, config) / "priorities")
    inbox = inbox_dir(config.process, "priorities", root=settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    echo(f"\n  Prioritisation round: {residents:,} residents rank the components (as 2,233 did in 2015)")
    for path in result.files:
        shutil.copy2(path, inbox / path.name)
        echo(f"  inbox <- {path.name}")
    return True


def print_priorities(settings: stack.Settings, config: ProcessConfig, show: Echo) -> None:
    import psycopg

    from hornsten.priorities import service

    with scoped(psycopg.connect(settings.analyst_dsn), config.process) as conn:
        top = service.top_items(conn, 10)
    mart = qualify("marts.priority_component_scores", config.process)
    if not top:
        show(f"\n  The residents' top ten: {mart} is empty (no ranking loaded; see the components DAG's log)")
        return
    show(f"\n  The residents' top ten ({mart}):")
    for line in service.format_top(top).splitlines():
        show(f"    {line}")


def sample_dir(settings: stack.Settings, config: ProcessConfig):
    return settings.home / "samples" / config.process


def dags_test(settings: stack.Settings, dag_id: str, echo: Echo, logical_date: str | None = None) -> int:
    """One manual run of a DAG (`airflow dags test`), its log kept beside the others."""
    log = settings.log_dir / f"demo-{dag_id}{'-' + logical_date if logical_date else ''}.log"
    started = time.monotonic()
    with log.open("w") as handle:
        code = subprocess.call(
            ["airflow", "dags", "test", dag_id, *([logical_date] if logical_date else [])],
            env=stack.full_env(settings),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    when = f" for {logical_date}" if logical_date else ""
    outcome = "succeeded" if code == 0 else "FAILED"
    echo(f"  {dag_id}{when}: {outcome} in {time.monotonic() - started:.0f} s (log: {log})")
    return code


def print_cornerstones(settings: stack.Settings, config: ProcessConfig, show: Echo) -> None:
    import psycopg

    # As an analyst would: the analyst role reads the marts (and nothing of raw or restricted).
    with scoped(psycopg.connect(settings.analyst_dsn), config.process) as conn:
        show(f"\n  Cornerstones from three inputs ({qualify('marts.cornerstones', config.process)}):")
        for rank, label, score, citizens, priority, committee, moved in conn.execute(
            """select cornerstone_rank, theme_label, score, citizen_salience, citizen_priority,
                      committee_valuation, moved_by_priority
               from marts.cornerstones where is_cornerstone order by cornerstone_rank"""
        ):
            ranked = "–" if priority is None else f"{priority:.2f}"
            lifted = "" if not moved else f"; the round moved it {moved:+d}"
            show(
                f"    {rank}. {label:<42} score {score:.3f} (salience {citizens:.2f}, priority {ranked}, "
                f"committee {committee or 0:.2f}{lifted})"
            )
        print_analyst_example(conn, show)
        print_campaigns_and_languages(conn, show)


def print_campaigns_and_languages(conn, show: Echo) -> None:
    """What the detection found: organised campaigns (counted once in the adjusted shares)
    and the answers written in another language than Swedish."""
    campaigns = conn.execute(
        "select respondents, answers, variants, example_text from marts.campaigns order by answers desc"
    ).fetchall()
    show(f"\n  Campaigns found (marts.campaigns; counted once in campaign_adjusted_share): {len(campaigns)}")
    for respondents, answers, variants, example in campaigns:
        example = " ".join((example or "").split())  # one line, whatever the answer's line breaks
        show(f"    {answers:>4} answers from {respondents} respondents, {variants} variant(s): {example[:70]}…")
    languages = conn.execute(
        """select language, sum(answers), sum(untagged_answers) from marts.language_summary
           where is_other_language group by language order by 2 desc"""
    ).fetchall()
    listed = ", ".join(f"{language} {answers} ({untagged} untagged)" for language, answers, untagged in languages)
    show(f"  Answers in other languages (marts.language_summary): {listed or 'none'}")


def print_analyst_example(conn, show: Echo) -> None:
    """The analyst's question of the README, for whichever age group × district this process
    has most respondents in (or overall, for a survey that asked no demographics)."""
    found = conn.execute(
        """select group_value, age_group, district, base_respondents from marts.component_shares
           where cut = 'age_group×district' and question_code = 'alla' and not is_suppressed
           order by base_respondents desc, group_value limit 1"""
    ).fetchone()
    cut, group, heading = "alla", "alla", "All respondents mention most (marts.component_shares)"
    if found:
        cut, group = "age_group×district", found[0]
        heading = f"Age group {found[1]} in {found[2]} ({found[3]} respondents) mention most, weighted"
    show(f"\n  {heading}:")
    for label, share in conn.execute(
        """select component_label, coalesce(weighted_share, share) from marts.component_shares
           where cut = %s and group_value = %s and question_code = 'alla' and not is_suppressed
           order by 2 desc nulls last limit 5""",
        (cut, group),
    ):
        show(f"    {label:<45} {share:.1%}")
    # Printed for psql, where the process's own schema has to be named.
    query = qualify(
        "select component_label, weighted_share from marts.component_shares "
        f"where cut = '{cut}' and group_value = '{group}' and question_code = 'alla'",
        conn.process,
    )
    show(f"  ({query})")


def print_warehouse_summary(settings: stack.Settings, config: ProcessConfig, show: Echo) -> None:
    import psycopg

    with psycopg.connect(settings.warehouse_dsn) as conn:
        for row in conn.execute(
            """select file_name, status, rows_read, loaded, duplicates, quarantined
               from raw.load_log where process = %s order by load_id desc limit 12""",
            (config.process,),
        ).fetchall()[::-1]:
            show(
                f"  {row[0]:<48} {row[1]:<24} read {row[2] or 0:>7,}  loaded {row[3] or 0:>7,}  "
                f"duplicates {row[4] or 0:>6,}  quarantined {row[5] or 0:>4,}"
            )
        responses, answers = conn.execute(
            """select (select count(*) from raw.survey_responses where survey_id = %(survey)s),
                      (select count(*) from raw.survey_answers where survey_id = %(survey)s)""",
            {"survey": config.survey.survey_id},
        ).fetchone()
        show(f"  raw.survey_responses: {responses:,} responses; raw.survey_answers: {answers:,} answers")
        for reason, count in conn.execute(
            """select reason, count(*) from restricted.quarantine
               join raw.load_log using (load_id) where load_log.process = %s group by 1 order by 2 desc limit 8""",
            (config.process,),
        ).fetchall():
            show(f"  quarantined {count:>4}× {reason[:110]}")

"""Leaving the process's DAGs live in the local stack (or paused, with HORNSTEN_DAGS_PAUSED=true).

A paused DAG runs neither on its schedule nor on a new file in the inbox. Two things
keep the hornsten DAGs live:

* DAGs the DAG processor sees for the first time are created live:
  ``airflow_env`` sets ``AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION`` from
  ``Settings.dags_paused`` (Airflow's own default is to pause them).
* DAGs that are already in the metadata database keep the flag they were given,
  e.g. paused by a stack from before this setting. ``hornsten up`` unpauses those
  with one UPDATE of the metadata database, before the scheduler starts.

Why the metadata database, not the REST API or ``airflow dags unpause``: the rows
are there before ``up`` starts anything (the database outlives ``down``), so the
update is immediate — ``up`` waits neither for the API server nor for the DAG
processor, starts no Airflow CLI (seconds of imports) and leaves nothing running in
the background. It is the update ``airflow dags unpause`` makes (``dag.is_paused``).

So ``up`` also unpauses a hornsten DAG that was paused by hand in the UI; to keep
DAGs paused, set HORNSTEN_DAGS_PAUSED=true: new DAGs are then created paused and
the flags already set are left as they are.

Live DAGs run as soon as the scheduler sees a reason: the latest cron time, or an
asset event, including one from ``airflow dags test``. Whatever drives the DAGs
itself with ``airflow dags test`` should hold them paused meanwhile
(``set_dags_paused(settings, True)``, then ``leave_dags_live``), or the scheduler
runs the same DAGs on the same inbox and warehouse at the same time.
"""

from __future__ import annotations

from hornsten.devstack.settings import Echo, Settings

# Every DAG of the project is named hornsten_<what it does> (dags/*.py).
DAG_ID_PATTERN = r"hornsten\_%"


def set_dags_paused(settings: Settings, paused: bool) -> list[str]:
    """Set the pause flag of every hornsten DAG in the metadata database; the ids whose flag changed."""
    import psycopg

    try:
        with psycopg.connect(settings.dsn("airflow"), autocommit=True) as conn:
            rows = conn.execute(
                "update dag set is_paused = %s where is_paused <> %s and dag_id like %s returning dag_id",
                (paused, paused, DAG_ID_PATTERN),
            ).fetchall()
    except psycopg.errors.UndefinedTable:
        # `airflow db migrate` has not run yet: no DAG has a flag to change.
        return []
    return sorted(dag_id for (dag_id,) in rows)


def leave_dags_live(settings: Settings, echo: Echo) -> list[str]:
    """Unpause the hornsten DAGs that are paused in the metadata database, unless they should stay paused."""
    if settings.dags_paused:
        return []
    unpaused = set_dags_paused(settings, False)
    if unpaused:
        echo(f"Unpaused {', '.join(unpaused)} (set HORNSTEN_DAGS_PAUSED=true to keep DAGs paused).")
    return unpaused

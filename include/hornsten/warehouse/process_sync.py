"""Mirror a process configuration into the warehouse (``raw.process_*``).

dbt compares the plan with what happened — target groups against meetings held,
remiss bodies against responses, the goal matrix against the data — so the plan
must be in the database too. A sync replaces one process's rows in one
transaction: a body removed from the YAML disappears from the marts on the next run.
"""

from __future__ import annotations

import json

from hornsten.config import ProcessConfig

TABLES = (
    "raw.process_phases",
    "raw.process_target_groups",
    "raw.process_forums",
    "raw.process_remiss_bodies",
    "raw.process_remiss_rounds",
    "raw.process_remiss_sections",
    "raw.process_goal_measures",
)


def config_rows(config: ProcessConfig) -> dict[str, list[tuple]]:
    """The rows each table gets for this process, in configuration order."""
    p = config.process
    return {
        "raw.process_phases": [(p, ph.code, ph.name, ph.start, ph.end, i) for i, ph in enumerate(config.phases, 1)],
        "raw.process_target_groups": [(p, g.code, g.name, i) for i, g in enumerate(config.dialogue.target_groups, 1)],
        "raw.process_forums": [
            (p, f.code, f.name, f.target_group, f.via_office, f.planned_meetings, i)
            for i, f in enumerate(config.dialogue.forums, 1)
        ],
        "raw.process_remiss_bodies": [
            (p, b.code, b.kind, b.name, b.contact, i) for i, b in enumerate(config.remiss.bodies, 1)
        ],
        "raw.process_remiss_rounds": [
            (p, r.code, r.name or r.code, r.sent, r.deadline, config.remiss.reminder_days) for r in config.remiss.rounds
        ],
        "raw.process_remiss_sections": [(p, s.code, s.name, i) for i, s in enumerate(config.remiss.sections, 1)],
        "raw.process_goal_measures": [
            (
                p,
                purpose.code,
                purpose.name,
                pi,
                m.code,
                m.name,
                mi,
                m.metric,
                json.dumps(m.params, ensure_ascii=False),
                m.comparison,
                m.target,
                m.unit,
                m.value,
                m.note,
            )
            for pi, purpose in enumerate(config.goals.purposes, 1)
            for mi, m in enumerate(purpose.measures, 1)
        ],
    }


def sync_process(conn, config: ProcessConfig) -> dict[str, int]:
    """Replace this process's configuration rows; returns the row count per table."""
    from hornsten.warehouse.schema import ensure_schema

    ensure_schema(conn)
    counts: dict[str, int] = {}
    with conn.transaction():
        for table, rows in config_rows(config).items():
            conn.execute(f"delete from {table} where process = %s", (config.process,))
            if rows:
                placeholders = ", ".join(["%s"] * len(rows[0]))
                with conn.cursor() as cur:
                    cur.executemany(f"insert into {table} values ({placeholders})", rows)
            counts[table] = len(rows)
    return counts

"""
### Dialog med målgrupper (phase 3 — dialogue)

The draft cornerstones are tested with the target groups through existing forums
(councils, campus group, rural forum) and the municipality's offices. After each
meeting the facilitator fills in the template from `hornsten dialogue template`
and drops it in the process's dialogue inbox, `$HORNSTEN_INBOX/<process>/dialogue/`.

Runs when the cornerstones are rebuilt (Airflow asset
`hornsten://<process>/marts/cornerstones`) and every morning inside the dialogue
phase of the process configuration; Trigger DAG runs it at once.

1. **sync_process_config** — target groups, forums and the goal matrix from the
   process configuration into `raw.process_*`, so the marts compare plan and reality.
2. **ingest_templates** — validates every meeting template: a broken meeting form
   rejects the file (archived under `failed/` with the reason); a bad statement or
   poll row goes to `restricted.quarantine` with sheet, row and reason while the
   rest of the meeting loads. A re-delivered meeting (same forum, date and place)
   replaces the earlier one. Statement texts are pseudonymised. A template of another
   process is rejected with the path of that process's inbox.
3. **check_quality** — Great Expectations suite `expectations/dialogue_batch.yml`.
4. **dbt_dialogue** — statements tagged with the same codebook as the survey, and
   the marts: `dialogue_coverage` (which target groups are not yet reached),
   `dialogue_reception` (each cornerstone per target group), `dialogue_components`
   (what the dialogue raised that the survey rarely did), `dialogue_poll_summary`,
   `dialogue_compilation` (the November compilation for the steering committee)
   and the goal matrix `goal_measures` / `goal_summary`.
5. **publish_raw_dialogue** — marks `hornsten://<process>/raw/dialogue` once the gate
   has passed and the dialogue staging models are built, and only if a template was
   loaded (otherwise skipped: no asset event).
   **publish_dialogue** — marks the asset `hornsten://<process>/marts/dialogue`,
   which starts the remiss DAG.
6. **report_rejected_files** — fails the run if a template was rejected as a whole.
"""

from __future__ import annotations

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.dag_factory import template_phase_dag
from hornsten.config import default_process_name, load_process

CONFIG = load_process(default_process_name())

dialogue = template_phase_dag(
    config=CONFIG,
    dataset="dialogue",
    dag_id="hornsten_dialogue",
    description=(
        f"Dialog med målgrupper: mötesrapporter, mottagande och novembersammanställning ({CONFIG.municipality})"
    ),
    doc_md=__doc__,
    after="marts/cornerstones",
    cron="0 7 * * *",
    dbt_selectors=["dialogue"],
    publishes="marts/dialogue",
    finish=orchestration.publish_dialogue,
)

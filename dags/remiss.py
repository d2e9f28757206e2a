"""
### Skriftlig remiss (phase 4 — remiss)

The draft goes to every party, committee (nämnd), board, office and municipal
company of the process configuration. `hornsten remiss template --out DIR` writes
one prefilled response template per body; filled templates go to
the process's remiss inbox, `$HORNSTEN_INBOX/<process>/remiss/`.

Runs when the dialogue marts are rebuilt (Airflow asset
`hornsten://<process>/marts/dialogue`, i.e. the draft after the dialogue) and every
morning inside the remiss phase; Trigger DAG runs it at once.

1. **sync_process_config** — bodies, rounds (sent date, deadline, reminder days),
   sections and the goal matrix into `raw.process_*`.
2. **ingest_templates** — one response per body and round; a new file from a body
   replaces its earlier response; bad rows are quarantined with the reason, an
   unusable form rejects the file; comments are pseudonymised.
3. **check_quality** — Great Expectations suite `expectations/remiss_batch.yml`.
4. **dbt_remiss** — comments tagged with the codebook, and the marts
   `remiss_status` (received, late, missing, declined), `remiss_reminders`
   (bodies to remind before the deadline), `remiss_position_matrix`,
   `remiss_comments_by_component`, `remiss_compilation` (remissammanställningen
   for the council decision) and the goal matrix.
5. **publish_raw_remiss** — marks `hornsten://<process>/raw/remiss` once the gate has
   passed and the remiss staging models are built, and only if a response was loaded.
   **reminders_due** — prints the bodies to remind, with their addresses
   (marts.remiss_reminders), and marks the asset `hornsten://<process>/marts/remiss`.
6. **report_rejected_files** — fails the run if a template was rejected as a whole.
"""

from __future__ import annotations

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.dag_factory import template_phase_dag
from hornsten.config import default_process_name, load_process

CONFIG = load_process(default_process_name())

remiss = template_phase_dag(
    config=CONFIG,
    dataset="remiss",
    dag_id="hornsten_remiss",
    description=f"Skriftlig remiss: remissvar, påminnelser och remissammanställning ({CONFIG.municipality})",
    doc_md=__doc__,
    after="marts/dialogue",
    cron="30 7 * * *",
    dbt_selectors=["remiss"],
    publishes="marts/remiss",
    finish=orchestration.reminders_due,
)

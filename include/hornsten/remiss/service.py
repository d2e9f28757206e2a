"""Phase 4 use cases on the remiss marts, called alike by ``hornsten remiss …`` and the remiss DAG."""

from __future__ import annotations

from typing import Any

from hornsten.warehouse.marts import query

NEEDS = "the remiss DAG"


def status(conn) -> list[dict[str, Any]]:
    """Every body and round: received, late, missing or declined (marts.remiss_status); the silent first."""
    return query(
        conn,
        """select body_name, body_kind, round, status_label, received_on, deadline, contact_address
           from marts.remiss_status order by status = 'missing' desc, status = 'late' desc, body_name""",
        needs=NEEDS,
    )


def reminders(conn) -> list[dict[str, Any]]:
    """Bodies without a response that are due a reminder (marts.remiss_reminders)."""
    return query(
        conn,
        """select body, body_name, contact_address, round, deadline, days_to_deadline, reminder_kind
           from marts.remiss_reminders order by deadline, body_name""",
        needs=NEEDS,
    )

"""Phase 3 use cases on the dialogue marts, called alike by ``hornsten dialogue …`` and the dialogue DAG."""

from __future__ import annotations

from typing import Any

from hornsten.warehouse.marts import query

NEEDS = "the dialogue DAG"


def coverage(conn) -> list[dict[str, Any]]:
    """Every target group: heard or not yet, with meetings held against planned (marts.dialogue_coverage)."""
    return query(
        conn,
        """select target_group_name, coverage_status, meetings_held, planned_meetings, participants, statements,
                  last_meeting_on
           from marts.dialogue_coverage order by is_reached, target_group_name""",
        needs=NEEDS,
    )


def compilation_summary(conn) -> dict[str, Any]:
    """What the steering committee will see in the November compilation."""
    (row,) = query(
        conn,
        """select (select count(*) filter (where is_reached) from marts.dialogue_coverage) as target_groups_reached,
                  (select count(*) from marts.dialogue_coverage) as target_groups,
                  (select coalesce(sum(statements), 0) from marts.dialogue_compilation)::int as statements""",
        needs=NEEDS,
    )
    return row

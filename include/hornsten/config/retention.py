"""How long a process keeps personal data after it has ended (``retention:`` in the process YAML)."""

from __future__ import annotations

from pydantic import Field

from hornsten.config.base import StrictModel


class Retention(StrictModel):
    """`restricted_days_after_end` days after the process's last phase ends (the council's
    decision, as a rule), the ``restricted`` originals, respondents, quarantined rows and
    archived files of the process are deleted by the maintenance DAG. The pseudonymised
    ``raw`` data and the marts stay: they hold no direct identifiers."""

    restricted_days_after_end: int = Field(ge=0)

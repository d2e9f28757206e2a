"""Every table a migration creates in raw, restricted or review is either emptied
between test and benchmark runs or kept on purpose: a new table cannot be forgotten."""

from __future__ import annotations

import re

from hornsten import paths
from hornsten.devstack import landing

CREATED = re.compile(r"create (?:unlogged )?table (?:if not exists )?((?:raw|restricted|review)\.[a-z_]+)")


def _created_tables() -> set[str]:
    migrations = paths.REPO_ROOT / "include" / "hornsten" / "warehouse" / "migrations"
    return {m for sql in migrations.glob("*.sql") for m in CREATED.findall(sql.read_text().lower())}


def test_every_landed_table_is_emptied_or_kept_on_purpose():
    tables = _created_tables()
    assert "raw.survey_answers" in tables and len(tables) > 20
    emptied = set(landing.SURVEY) | set(landing.PHASES) | set(landing.CASCADED)
    kept = {t for t in tables if t.startswith(landing.KEPT_PREFIXES)}
    assert tables - emptied - kept == set()
    assert emptied <= tables  # no table listed that no migration creates
    assert not emptied & kept


def test_the_statement_empties_the_survey_by_default():
    assert landing.truncate_statement() == f"truncate {', '.join(landing.SURVEY)} cascade"
    both = landing.truncate_statement(landing.SURVEY, landing.PHASES)
    assert both.endswith("restricted.remiss_comments_original cascade") and "raw.load_log" in both

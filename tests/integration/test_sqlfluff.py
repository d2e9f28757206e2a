"""The dbt project's SQL passes sqlfluff (.sqlfluff at the repository root: the
jaffle-shop house style, dbt templater). sqlfluff's dbt templater opens a connection
to the warehouse before it renders a model, hence an integration test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hornsten.devstack import stack

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
LINTED = ["dbt_project/models", "dbt_project/macros", "dbt_project/tests"]


def test_the_dbt_sql_is_lint_clean(stack_settings, warehouse_dsn):
    pytest.importorskip("sqlfluff_templater_dbt", reason="sqlfluff-templater-dbt is not installed (pyproject.toml)")
    sqlfluff = Path(sys.executable).parent / "sqlfluff"
    result = subprocess.run(
        [str(sqlfluff), "lint", *LINTED], cwd=REPO, env=stack.full_env(stack_settings), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]

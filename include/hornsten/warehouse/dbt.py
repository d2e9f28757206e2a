"""The dbt project: where it is, which dbt runs it, and its manifest.

The Cosmos configuration built from it lives in hornsten.airflow.cosmos. Cosmos
reads the project from ``dbt_project/target/manifest.json`` (written by
``dbt parse`` at ``hornsten up``) because parsing a manifest takes a fraction of a
second where ``dbt ls`` takes ~10 s on every DAG parse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from hornsten.paths import REPO_ROOT

# The models that turn free text into words and codebook matches. Phases 3 and 4 add
# texts (statements, comments) to int_texts and rebuild just this chain; the survey's
# own tags downstream of it stay valid because matching is per word.
TAGGING_CHAIN = [
    "int_texts",
    "int_answer_words",
    "int_vocabulary",
    "int_vocabulary_terms",
    "int_answer_term_matches",
    "int_text_components",
]
PHASE_STAGING = ["path:models/staging/process", "path:models/staging/dialogue", "path:models/staging/remiss"]


def dbt_project_dir() -> Path:
    return Path(os.environ.get("DBT_PROJECT_DIR", REPO_ROOT / "dbt_project"))


def manifest_path() -> Path:
    return dbt_project_dir() / "target" / "manifest.json"


def dbt_executable() -> str:
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else (shutil.which("dbt") or "dbt")


def parse_project(env: dict[str, str] | None = None) -> Path:
    """Write the manifest Cosmos renders from (`dbt parse`)."""
    subprocess.run(
        [dbt_executable(), "parse", "--quiet"],
        cwd=dbt_project_dir(),
        env={**os.environ, **(env or {}), "DBT_PROFILES_DIR": str(dbt_project_dir())},
        check=True,
    )
    return manifest_path()

"""The local stack's passwords and keys: generated on first use, kept in one file, never committed."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

SECRET_KEYS = (
    "pg_postgres_password",
    "pg_hornsten_password",
    "pg_airflow_password",
    # The warehouse's job roles (hornsten.warehouse.roles).
    "pg_hornsten_loader_password",
    "pg_hornsten_transformer_password",
    "pg_hornsten_analyst_password",
    "pg_hornsten_reporter_password",
    "airflow_admin_password",
    "airflow_jwt_secret",
    "airflow_api_secret_key",
    "pseudonym_key",
)


def load_or_create(path: Path) -> dict[str, str]:
    """The secrets in ``path``; keys that are missing (a new file, a newer version) are added."""
    data: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text())
    missing = [key for key in SECRET_KEYS if key not in data]
    if missing:
        for key in missing:
            # JWT secrets must be 64+ bytes for Airflow's API server.
            data[key] = secrets.token_urlsafe(64 if "secret" in key or "key" in key else 24)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        # Created readable by the owner only, so the secrets are never world-readable, not even briefly.
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(json.dumps(data, indent=2))
        tmp.replace(path)
    return data

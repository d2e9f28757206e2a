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
    "pg_hornsten_reviewer_password",
    "airflow_admin_password",
    "airflow_jwt_secret",
    "airflow_api_secret_key",
    "pseudonym_key",
    # The review page: its session cookie's signing key and the default reviewer's login.
    "review_session_secret",
    "review_granskare_password",
    # The Celery broker (redis-server) of `hornsten up --executor celery`.
    "redis_password",
)


def load_or_create(path: Path) -> dict[str, str]:
    """The secrets in ``path``; keys that are missing (a new file, a newer version) are added."""
    data: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text())
    missing = [key for key in SECRET_KEYS if key not in data]
    if missing:
        data.update({key: new_secret(key) for key in missing})
        update(path, {}, data)
    return data


def new_secret(name: str) -> str:
    # JWT secrets must be 64+ bytes for Airflow's API server.
    return secrets.token_urlsafe(64 if "secret" in name or "key" in name else 24)


def update(path: Path, changes: dict[str, str | None], data: dict[str, str] | None = None) -> None:
    """Set (or, for None, remove) secrets in ``path`` at once: the file is replaced whole."""
    data = dict(data if data is not None else json.loads(path.read_text()) if path.exists() else {})
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    # Created readable by the owner only, so the secrets are never world-readable, not even briefly.
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        handle.write(json.dumps(data, indent=2))
    tmp.replace(path)

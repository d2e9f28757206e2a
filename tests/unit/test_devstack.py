"""The local stack's settings, secrets and Airflow environment, without starting anything."""

from __future__ import annotations

import stat

import pytest

from hornsten.devstack import stack
from hornsten.devstack.credentials import SECRET_KEYS


@pytest.fixture
def settings(tmp_path, monkeypatch):
    for key in ("HORNSTEN_PG_PORT", "HORNSTEN_AIRFLOW_PORT", "HORNSTEN_SMTP_PORT"):
        monkeypatch.delenv(key, raising=False)
    return stack.Settings.from_env(tmp_path / "home")


def test_bad_port_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_PG_PORT", "fivefourthreethree")
    with pytest.raises(stack.StackError, match="HORNSTEN_PG_PORT"):
        stack.Settings.from_env(tmp_path)


def test_secrets_are_generated_once_and_private(settings):
    first = settings.secrets()
    assert set(first) == set(SECRET_KEYS)
    assert stat.S_IMODE(settings.secrets_file.stat().st_mode) == 0o600
    assert settings.secrets() == first
    assert len(first["airflow_jwt_secret"]) >= 64


def test_airflow_env_points_at_this_stack(settings):
    env = stack.airflow_env(settings)
    assert env["AIRFLOW_HOME"] == str(settings.airflow_home)
    assert env["AIRFLOW__CORE__DAGS_FOLDER"] == str(settings.repo / "dags")
    assert env["AIRFLOW__API__PORT"] == "8080"
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://airflow:")
    assert env["AIRFLOW_CONN_HORNSTEN_WAREHOUSE"] == settings.warehouse_dsn
    assert env["HORNSTEN_PSEUDONYM_KEY"] == settings.secrets()["pseudonym_key"]


def test_stack_names_every_part_it_composes():
    missing = [name for name in stack.__all__ if not hasattr(stack, name)]
    assert missing == []

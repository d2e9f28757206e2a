"""The local stack's settings, secrets and Airflow environment, without starting anything."""

from __future__ import annotations

import stat

import pytest

from hornsten.devstack import credentials, stack
from hornsten.devstack.credentials import SECRET_KEYS
from hornsten.warehouse import roles


@pytest.fixture
def settings(tmp_path, monkeypatch):
    for key in (
        "HORNSTEN_PG_PORT",
        "HORNSTEN_AIRFLOW_PORT",
        "HORNSTEN_SMTP_PORT",
        "HORNSTEN_REVIEW_PORT",
        "HORNSTEN_DAGS_PAUSED",
    ):
        monkeypatch.delenv(key, raising=False)
    return stack.Settings.from_env(tmp_path / "home")


def test_dags_are_live_by_default(settings):
    assert settings.dags_paused is False
    assert stack.airflow_env(settings)["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"] == "False"


@pytest.mark.parametrize(
    ("raw", "paused"), [("true", True), ("1", True), ("Yes", True), ("false", False), ("0", False)]
)
def test_hornsten_dags_paused_sets_paused_at_creation(tmp_path, monkeypatch, raw, paused):
    monkeypatch.setenv("HORNSTEN_DAGS_PAUSED", raw)
    settings = stack.Settings.from_env(tmp_path)
    assert settings.dags_paused is paused
    assert stack.airflow_env(settings)["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"] == str(paused)


def test_bad_settings_name_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_DAGS_PAUSED", "perhaps")
    with pytest.raises(stack.StackError, match="HORNSTEN_DAGS_PAUSED='perhaps'"):
        stack.Settings.from_env(tmp_path)
    monkeypatch.delenv("HORNSTEN_DAGS_PAUSED")
    monkeypatch.setenv("HORNSTEN_PG_PORT", "fivefourthreethree")
    with pytest.raises(stack.StackError, match="HORNSTEN_PG_PORT"):
        stack.Settings.from_env(tmp_path)


def test_paused_setting_leaves_the_metadata_database_alone(settings):
    paused = stack.Settings(home=settings.home, pg_port=1, dags_paused=True)
    # Port 1 has no database: touching it would raise.
    assert stack.leave_dags_live(paused, print) == []


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


def test_every_job_role_has_its_own_generated_password(settings):
    secret = settings.secrets()
    passwords = [secret[f"pg_{role}_password"] for role in ("hornsten", *roles.JOB_ROLES)]
    assert len(set(passwords)) == len(passwords)


def test_airflow_has_a_connection_per_role_and_dbt_runs_as_the_transformer(settings):
    env = stack.airflow_env(settings)
    for role in roles.JOB_ROLES:
        assert env[f"AIRFLOW_CONN_{role.upper()}"] == settings.dsn(role)
        assert env[f"AIRFLOW_CONN_{role.upper()}"].startswith(f"postgresql://{role}:")
        assert env[f"AIRFLOW_CONN_{role.upper()}"].endswith(f":{settings.pg_port}/hornsten")
    assert env["HORNSTEN_PG_USER"] == roles.TRANSFORMER
    assert env["HORNSTEN_PG_PASSWORD"] == settings.secrets()["pg_hornsten_transformer_password"]


def test_status_names_the_owner_and_the_analyst_connection(settings):
    settings.secrets()
    info = stack.status(settings)
    assert info["dsn"] == settings.warehouse_dsn
    assert info["analyst_dsn"] == settings.analyst_dsn
    assert info["analyst_dsn"].startswith("postgresql://hornsten_analyst:")


def test_secret_updates_keep_the_file_private_and_the_other_secrets(settings):
    first = settings.secrets()
    credentials.update(settings.secrets_file, {"pseudonym_key_next": "n", "pseudonym_key": "k"})
    credentials.update(settings.secrets_file, {"pseudonym_key_next": None})
    after = settings.secrets()
    assert after == {**first, "pseudonym_key": "k"}
    assert stat.S_IMODE(settings.secrets_file.stat().st_mode) == 0o600


def test_status_names_the_review_page_and_its_login(settings, monkeypatch):
    monkeypatch.setenv("HORNSTEN_REVIEW_PORT", "8123")
    moved = stack.Settings.from_env(settings.home)
    info = stack.status(moved)
    assert info["review_url"] == "http://127.0.0.1:8123"
    assert info["review"] == {"running": False, "login": "granskare", "password_file": str(moved.secrets_file)}
    secret = moved.secrets()
    assert (
        secret["review_granskare_password"] and secret["review_session_secret"] != secret["review_granskare_password"]
    )

"""`hornsten up --executor celery --workers N` without starting anything: the choice of
executor and its memory, the Celery environment, the broker's configuration, the
workers' commands and what `status` says."""

from __future__ import annotations

import importlib
import stat

import pytest
from click.testing import CliRunner

from hornsten.cli import stack as stack_cli
from hornsten.devstack import celery_env, celery_workers, redis_broker, stack, worker_name
from hornsten.devstack.executor import CELERY, LOCAL, Executor, choose, forget, recall, remember


@pytest.fixture
def settings(tmp_path, monkeypatch):
    for key in ("HORNSTEN_PG_PORT", "HORNSTEN_AIRFLOW_PORT", "HORNSTEN_REDIS_PORT"):
        monkeypatch.delenv(key, raising=False)
    return stack.Settings.from_env(tmp_path / "home")


# ------------------------------------------------------------------ the choice


def test_the_default_is_the_local_executor():
    assert choose(Executor(), running=False) == Executor(LOCAL, 0)


def test_celery_runs_two_workers_unless_told():
    assert choose(Executor(), running=False, name=CELERY) == Executor(CELERY, 2)
    assert choose(Executor(), running=False, name=CELERY, workers=3) == Executor(CELERY, 3)


def test_up_without_flags_keeps_what_the_stack_runs():
    assert choose(Executor(CELERY, 3), running=True) == Executor(CELERY, 3)
    # The number of workers may change on a running stack; the executor may not.
    assert choose(Executor(CELERY, 3), running=True, workers=1) == Executor(CELERY, 1)
    with pytest.raises(stack.StackError, match="hornsten down && hornsten up --executor local"):
        choose(Executor(CELERY, 2), running=True, name=LOCAL)
    assert choose(Executor(CELERY, 2), running=False, name=LOCAL) == Executor(LOCAL, 0)


def test_workers_need_the_celery_executor():
    with pytest.raises(stack.StackError, match="--workers is for the Celery executor"):
        choose(Executor(), running=False, workers=2)
    with pytest.raises(stack.StackError, match="at least one worker"):
        choose(Executor(), running=False, name=CELERY, workers=0)


def test_the_choice_is_remembered_until_forgotten(settings):
    assert recall(settings) == Executor()
    remember(settings, Executor(CELERY, 2))
    assert recall(settings) == Executor(CELERY, 2)
    forget(settings)
    assert recall(settings) == Executor()
    settings.executor_file.write_text("not json")
    assert recall(settings) == Executor()


def test_up_refuses_an_executor_without_airflow_before_starting_anything(settings):
    with pytest.raises(stack.StackError, match="leave out --no-airflow"):
        stack.up(settings, print, airflow=False, executor=CELERY)
    assert not settings.pgdata.exists()


def test_cli_says_why_workers_alone_are_refused(settings, monkeypatch):
    monkeypatch.setenv("HORNSTEN_HOME", str(settings.home))
    result = CliRunner().invoke(stack_cli.up, ["--workers", "2"])
    assert result.exit_code != 0
    assert "--workers is for the Celery executor" in result.output
    assert not settings.pgdata.exists()


# ------------------------------------------------------------------ the environment


def test_local_executor_has_no_celery_settings(settings):
    env = stack.airflow_env(settings)
    assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
    assert not [key for key in env if key.startswith("AIRFLOW__CELERY")]


def test_celery_environment_points_at_this_stack(settings):
    remember(settings, Executor(CELERY, 2))
    env = stack.airflow_env(settings)  # follows the remembered executor
    password = settings.secrets()["redis_password"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__BROKER_URL"] == f"redis://:{password}@127.0.0.1:6380/0"
    metadata = settings.dsn("airflow").replace("postgresql://", "db+postgresql://")
    assert env["AIRFLOW__CELERY__RESULT_BACKEND"] == metadata
    # Two workers of two fill the four slots of a two-core machine.
    assert int(env["AIRFLOW__CELERY__WORKER_CONCURRENCY"]) * 2 == int(env["AIRFLOW__CORE__PARALLELISM"])
    for key, value in celery_env.shared_settings().items():
        assert env[key] == value


def test_broker_and_result_backend_shapes():
    assert celery_env.broker_url("redis", 6379) == "redis://redis:6379/0"
    assert celery_env.broker_url("127.0.0.1", 6380, "pw") == "redis://:pw@127.0.0.1:6380/0"
    compose = "postgresql+psycopg2://airflow:${AIRFLOW_DB_PASSWORD:?set it in .env}@postgres:5432/airflow"
    assert celery_env.result_backend(compose) == (
        "db+postgresql://airflow:${AIRFLOW_DB_PASSWORD:?set it in .env}@postgres:5432/airflow"
    )
    with pytest.raises(ValueError, match="not a database URL"):
        celery_env.result_backend("airflow.db")


@pytest.mark.parametrize("line", ['KEY="quoted"', "KEY=${OTHER}", "no equals sign"])
def test_shared_settings_are_plain_lines(tmp_path, line):
    path = tmp_path / "celery.env"
    path.write_text(f"# a comment\n\nGOOD=1\n{line}\n")
    with pytest.raises(ValueError, match=r"celery.env:4: not a plain KEY=value line"):
        celery_env.shared_settings(path)


# ------------------------------------------------------------------ Redis


def test_redis_listens_on_loopback_with_a_password_in_a_private_file(settings):
    path = redis_broker.write_config(settings)
    text = path.read_text()
    assert "bind 127.0.0.1\n" in text and "port 6380\n" in text
    assert f"requirepass {settings.secrets()['redis_password']}\n" in text
    assert f'dir "{settings.redis_dir}"' in text and settings.redis_dir.is_relative_to(settings.home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    redis_broker.write_config(settings)  # again, over the old one


def test_missing_redis_server_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(redis_broker.shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(stack.StackError, match="apt-get install redis-server"):
        redis_broker.find_redis_server()


# ------------------------------------------------------------------ the workers


def test_each_worker_has_its_own_name_and_reports_it_as_the_tasks_host(settings):
    remember(settings, Executor(CELERY, 2))
    first, second = celery_workers.worker_command(1), celery_workers.worker_command(2)
    assert first[:3] == ["airflow", "celery", "worker"] and "--skip-serve-logs" in first
    names = {cmd[cmd.index("--celery-hostname") + 1] for cmd in (first, second)}
    assert names == {celery_workers.node_name(1), celery_workers.node_name(2)}
    assert all(name.startswith(("worker1@", "worker2@")) for name in names)
    env = celery_workers.worker_env(settings, 2)
    assert env[worker_name.VARIABLE] == celery_workers.node_name(2)
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    # Airflow imports the callable by its dotted path.
    module, _, function = env["AIRFLOW__CORE__HOSTNAME_CALLABLE"].rpartition(".")
    assert getattr(importlib.import_module(module), function) is worker_name.hostname


def test_worker_hostname_falls_back_to_the_fqdn(monkeypatch):
    monkeypatch.setenv(worker_name.VARIABLE, "worker7@host")
    assert worker_name.hostname() == "worker7@host"
    monkeypatch.delenv(worker_name.VARIABLE)
    assert worker_name.hostname() == worker_name.socket.getfqdn()


def test_worker_pids_cover_the_wanted_and_the_leftover_workers(settings):
    settings.run_dir.mkdir(parents=True)
    (settings.run_dir / "celery-worker3.pid").write_text("999999999")  # no such process
    assert celery_workers.worker_pids(settings, 2) == {1: None, 2: None, 3: None}
    assert celery_workers.stop_workers(settings, print) == []
    assert not (settings.run_dir / "celery-worker3.pid").exists()


# ------------------------------------------------------------------ status


def test_status_names_the_executor_the_broker_and_the_workers(settings):
    info = stack.status(settings)
    assert info["airflow"]["executor"] == "LocalExecutor"
    assert info["airflow"]["workers"] == {}
    assert info["redis"]["running"] is False
    assert stack_cli.celery_lines(info) == []

    remember(settings, Executor(CELERY, 2))
    info = stack.status(settings)
    assert info["airflow"]["executor"] == "CeleryExecutor"
    assert info["redis"] == {
        "running": False,
        "pid": None,
        "host": "127.0.0.1",
        "port": 6380,
        "data_directory": str(settings.redis_dir),
    }
    assert list(info["airflow"]["workers"]) == [celery_workers.node_name(1), celery_workers.node_name(2)]
    lines = stack_cli.celery_lines(info)
    assert lines[0].startswith("Redis        stopped  127.0.0.1:6380")
    assert [line.split()[2] for line in lines[1:]] == list(info["airflow"]["workers"])
    assert all(line.split()[3 if line.startswith("Celery") else 1] == "stopped" for line in lines)

"""Static checks of the multi-machine deployment description.

docker-compose.yml, docker/Dockerfile, docker/postgres-init.sql and
.env.example cannot be run in CI (no Docker engine), so they are checked by
parsing: the services and their wiring, that no secret is committed, and that
every variable the compose file needs is documented in .env.example.

If the `docker compose` CLI is installed, `docker compose config -q` (which
only parses and interpolates, no engine needed) is run as well; otherwise that
test is skipped.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "docker" / "Dockerfile"
ENV_EXAMPLE = REPO / ".env.example"
POSTGRES_INIT = REPO / "docker" / "postgres-init.sql"

AIRFLOW_SERVICES = [
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
]
REQUIRED_SERVICES = ["postgres", "redis", "mailpit", *AIRFLOW_SERVICES]

# Host folder (relative to the repo) -> where every Airflow container sees it.
PROJECT_MOUNTS = {
    "dags": "/opt/airflow/dags",
    "dbt_project": "/opt/airflow/dbt_project",
    "include": "/opt/airflow/include",
    "expectations": "/opt/airflow/expectations",
    "processes": "/opt/airflow/processes",
}

# Environment every Airflow container must have, with the exact value where
# the value is fixed by the deployment design.
FIXED_AIRFLOW_ENV = {
    "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
    "AIRFLOW__CELERY__BROKER_URL": "redis://redis:6379/0",
    "AIRFLOW__CORE__LOAD_EXAMPLES": "false",
    # The same setting as the local stack (hornsten.devstack), live unless set.
    "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "${HORNSTEN_DAGS_PAUSED:-false}",
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": "http://airflow-apiserver:8080/execution/",
    "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
    "AIRFLOW__SMTP__SMTP_HOST": "mailpit",
    "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
    "HORNSTEN_HOME": "/opt/airflow/hornsten_home",
    "HORNSTEN_PROCESS_DIR": "/opt/airflow/processes",
    "DBT_PROJECT_DIR": "/opt/airflow/dbt_project",
    "DBT_PROFILES_DIR": "/opt/airflow/dbt_project",
    "HORNSTEN_EXPECTATIONS_DIR": "/opt/airflow/expectations",
    "HORNSTEN_PG_HOST": "postgres",
    "HORNSTEN_PG_PORT": "5432",
    # dbt runs as the transformer role (the owner only migrates).
    "HORNSTEN_PG_USER": "hornsten_transformer",
    "HORNSTEN_PG_DATABASE": "hornsten",
}
OTHER_REQUIRED_AIRFLOW_ENV = [
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CELERY__RESULT_BACKEND",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__API__SECRET_KEY",
    "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE",
    "AIRFLOW_CONN_HORNSTEN_WAREHOUSE",
    "AIRFLOW_CONN_SMTP_DEFAULT",
    "HORNSTEN_PROCESS",
    "HORNSTEN_PG_PASSWORD",
    "HORNSTEN_PSEUDONYM_KEY",
]

# ${VAR}, ${VAR:?msg}, ${VAR?msg} — a required reference without a default.
REQUIRED_REF = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*)?\}")
# Any compose interpolation; "$${...}" is an escaped literal for the shell.
VAR_REF = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
BARE_VAR_REF = re.compile(r"(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|_KEY$|TOKEN", re.IGNORECASE)
# user:password@ in a URI; the password is either one ${...} reference (whose
# error message may contain spaces) or anything up to the "@".
URI_CREDENTIALS = re.compile(r"://[^:/@\s]+:(?P<password>\$\{[^}]*\}|[^@\s]*)@")


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def compose() -> dict:
    with COMPOSE_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)  # SafeLoader resolves the `<<: *anchor` merges
    assert isinstance(data, dict), "docker-compose.yml is not a mapping"
    return data


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


def environment_of(service: dict) -> dict[str, str]:
    """The service's own environment: block."""
    env = service.get("environment") or {}
    if isinstance(env, list):  # the KEY=value list form
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def env_files_of(service: dict) -> list[Path]:
    """The service's env_file entries (a string, a list of strings or of {path: …}), from the repo."""
    entries = service.get("env_file") or []
    if isinstance(entries, str | dict):
        entries = [entries]
    return [REPO / (entry["path"] if isinstance(entry, dict) else entry) for entry in entries]


def dotenv(path: Path) -> dict[str, str]:
    """An env_file as Compose reads it (only the plain KEY=value lines it may hold here)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def env_of(service: dict) -> dict[str, str]:
    """What the container gets: its env_file(s), with environment: on top (Compose's precedence)."""
    env: dict[str, str] = {}
    for path in env_files_of(service):
        env.update(dotenv(path))
    return {**env, **environment_of(service)}


def volume_pairs(service: dict) -> list[tuple[str, str]]:
    """(source, target) of each volume, short or long syntax."""
    pairs = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source", ""), volume["target"]
        pairs.append((source, target))
    return pairs


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else str(command)


def healthcheck_text(service: dict) -> str:
    test = (service.get("healthcheck") or {}).get("test", "")
    return " ".join(test) if isinstance(test, list) else str(test)


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert "=" in line, f".env.example: not KEY=value: {line!r}"
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip()
    return values


def _strings(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif node is not None:
        yield str(node)


def compose_variables() -> set[str]:
    """Names interpolated anywhere in the parsed file (comments don't count)."""
    with COMPOSE_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    found: set[str] = set()
    for text in _strings(data):
        found |= set(VAR_REF.findall(text)) | set(BARE_VAR_REF.findall(text))
    return found


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined, comments dropped."""
    logical, current = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        logical.append(current)
        current = ""
    out = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        out.append((instruction.upper(), args.strip()))
    return out


# --------------------------------------------------------------------------- services


def test_required_services_exist(services: dict) -> None:
    missing = [name for name in REQUIRED_SERVICES if name not in services]
    assert not missing, f"missing services: {missing}"


def test_every_airflow_service_is_checked(services: dict) -> None:
    # A new airflow-* service must be added to AIRFLOW_SERVICES so it gets the checks.
    assert sorted(n for n in services if n.startswith("airflow-")) == sorted(AIRFLOW_SERVICES)


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_service_mounts_project_folders(services: dict, name: str) -> None:
    mounts = {target: source for source, target in volume_pairs(services[name])}
    for folder, target in PROJECT_MOUNTS.items():
        assert target in mounts, f"{name} does not mount {target}"
        assert mounts[target].rstrip("/") == f"./{folder}", (
            f"{name}: {target} comes from {mounts[target]!r}, expected ./{folder}"
        )
    # Named volumes shared by all Airflow containers.
    for target in ("/opt/airflow/hornsten_home", "/opt/airflow/logs"):
        assert target in mounts, f"{name} does not mount {target}"
        assert not mounts[target].startswith((".", "/")), f"{target} should be a named volume"


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_service_uses_celery_with_redis(services: dict, name: str) -> None:
    env = env_of(services[name])
    assert env.get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor"
    assert env.get("AIRFLOW__CELERY__BROKER_URL", "").startswith("redis://redis:6379/")


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_service_environment(services: dict, name: str) -> None:
    env = env_of(services[name])
    for key, expected in FIXED_AIRFLOW_ENV.items():
        assert env.get(key) == expected, f"{name}: {key}={env.get(key)!r}, expected {expected!r}"
    missing = [key for key in OTHER_REQUIRED_AIRFLOW_ENV if not env.get(key)]
    assert not missing, f"{name} lacks {missing}"
    assert env["HORNSTEN_PROCESS"] in ("norrkoping_vision_2035", "${HORNSTEN_PROCESS:-norrkoping_vision_2035}")
    assert env["AIRFLOW_CONN_HORNSTEN_WAREHOUSE"].startswith(("postgres://hornsten:", "postgresql://hornsten:"))
    assert env["AIRFLOW_CONN_HORNSTEN_WAREHOUSE"].endswith("@postgres:5432/hornsten")
    # One connection per role the tasks use (hornsten.airflow.tasks), and dbt's password is the transformer's.
    for role in ("loader", "transformer", "reporter"):
        uri = env[f"AIRFLOW_CONN_HORNSTEN_{role.upper()}"]
        assert uri.startswith(f"postgres://hornsten_{role}:${{HORNSTEN_{role.upper()}_PASSWORD:?"), uri
        assert uri.endswith("@postgres:5432/hornsten")
    assert env["HORNSTEN_PG_PASSWORD"].startswith("${HORNSTEN_TRANSFORMER_PASSWORD:?")
    assert env["AIRFLOW_CONN_SMTP_DEFAULT"].startswith("smtp://mailpit:1025")
    assert "@postgres:5432/airflow" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_service_uses_the_hornsten_image(services: dict, name: str) -> None:
    service = services[name]
    assert service.get("image") == "hornsten-airflow:latest"
    build = service.get("build") or {}
    assert build.get("context") == "."
    assert build.get("dockerfile") == "docker/Dockerfile"
    assert (REPO / build["context"] / build["dockerfile"]).is_file()


def test_process_named_by_default_exists() -> None:
    assert (REPO / "processes" / "norrkoping_vision_2035.yml").is_file()


def test_airflow_config_options_exist(services: dict) -> None:
    """Every AIRFLOW__SECTION__KEY of Airflow core itself names a real option.

    Sections owned by providers (celery, cosmos) are not in core's config.yml
    and are skipped; so is everything when Airflow is not installed.
    """
    spec = importlib.util.find_spec("airflow")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("apache-airflow is not installed")
    config_yml = Path(next(iter(spec.submodule_search_locations))) / "config_templates" / "config.yml"
    if not config_yml.is_file():
        pytest.skip("Airflow's config.yml not found")
    options = yaml.safe_load(config_yml.read_text(encoding="utf-8"))
    unknown = set()
    for name in AIRFLOW_SERVICES:
        for key in env_of(services[name]):
            if not key.startswith("AIRFLOW__"):
                continue
            section, option = key[len("AIRFLOW__") :].lower().split("__", 1)
            if section not in options:
                assert section in {"celery", "cosmos"}, f"unknown config section in {key}"
                continue
            if option not in options[section]["options"]:
                unknown.add(key)
    assert not unknown, f"not Airflow configuration options: {sorted(unknown)}"


# --------------------------------------------------------------------------- one source with the local stack


def _local_celery_env(tmp_path: Path) -> dict[str, str]:
    """What `hornsten up --executor celery` gives every Airflow process (nothing started)."""
    from hornsten.devstack import airflow_env, executor, settings

    local = settings.Settings(home=tmp_path / "home")
    return airflow_env.airflow_env(local, executor.Executor(executor.CELERY, 2))


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_airflow_services_read_the_shared_celery_settings(services: dict, name: str) -> None:
    from hornsten.devstack import celery_env

    assert env_files_of(services[name]) == [celery_env.SETTINGS_FILE]
    # environment: would silently win over the file: a shared key set twice is drift waiting to happen.
    repeated = sorted(celery_env.shared_settings().keys() & environment_of(services[name]).keys())
    assert not repeated, f"{name} sets {repeated} beside docker/airflow-celery.env"


def test_compose_and_local_stack_run_celery_with_the_same_settings(services: dict, tmp_path: Path) -> None:
    from hornsten.devstack import celery_env

    compose_env = env_of(services["airflow-scheduler"])
    local_env = _local_celery_env(tmp_path)
    shared = celery_env.shared_settings()
    assert shared["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    for key, value in shared.items():
        assert compose_env[key] == local_env[key] == value, key
    # The same Celery keys on both sides: a setting added to one stack only shows here.
    celery_keys = {k for k in compose_env if k.startswith("AIRFLOW__CELERY")}
    assert celery_keys == {k for k in local_env if k.startswith("AIRFLOW__CELERY")}
    # The addresses differ, their shape does not: the same functions build both.
    assert compose_env[celery_env.BROKER_URL] == celery_env.broker_url("redis", 6379)
    for env in (compose_env, local_env):
        assert env[celery_env.RESULT_BACKEND] == celery_env.result_backend(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])


def test_shared_celery_settings_are_celery_provider_options() -> None:
    from hornsten.devstack import celery_env

    provider = pytest.importorskip("airflow.providers.celery.get_provider_info")
    options = provider.get_provider_info()["config"]
    for key in celery_env.shared_settings():
        section, option = key[len("AIRFLOW__") :].lower().split("__", 1)
        if section == "celery":
            assert option in options["celery"]["options"], key


def test_worker_runs_celery_worker(services: dict) -> None:
    assert command_text(services["airflow-worker"]).split() == ["celery", "worker"]


def test_apiserver_command_and_port(services: dict) -> None:
    apiserver = services["airflow-apiserver"]
    assert command_text(apiserver) == "api-server"
    assert any(str(port).endswith("8080:8080") for port in apiserver.get("ports", []))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("postgres", "pg_isready"),
        ("redis", "redis-cli ping"),
        ("airflow-apiserver", "/api/v2/version"),
    ],
)
def test_healthchecks(services: dict, name: str, expected: str) -> None:
    assert expected in healthcheck_text(services[name])


def test_long_running_airflow_services_wait_for_init_and_backends(services: dict) -> None:
    for name in AIRFLOW_SERVICES:
        depends_on = services[name].get("depends_on") or {}
        assert isinstance(depends_on, dict), f"{name}: depends_on needs conditions"
        assert depends_on.get("postgres", {}).get("condition") == "service_healthy", name
        assert depends_on.get("redis", {}).get("condition") == "service_healthy", name
        if name != "airflow-init":
            assert depends_on.get("airflow-init", {}).get("condition") == "service_completed_successfully", name
    worker_deps = services["airflow-worker"]["depends_on"]
    assert worker_deps["airflow-apiserver"]["condition"] == "service_healthy"


def test_init_migrates_db_and_writes_admin_password(services: dict) -> None:
    init = services["airflow-init"]
    script = command_text(init)
    assert "airflow db migrate" in script
    # The warehouse's migrations (roles and grants) run as the owner before dbt parses.
    assert script.index("hornsten warehouse migrate") < script.index("dbt parse")
    assert env_of(init)["HORNSTEN_WAREHOUSE_DSN"].startswith("postgresql://hornsten:${HORNSTEN_PG_PASSWORD:?")
    assert "SIMPLE_AUTH_MANAGER_PASSWORDS_FILE" in script
    assert "AIRFLOW_ADMIN_PASSWORD" in env_of(init)


def test_mailpit_smtp_and_ui(services: dict) -> None:
    mailpit = services["mailpit"]
    assert str(mailpit["image"]).startswith("axllent/mailpit")
    assert 1025 in [int(p) for p in mailpit.get("expose", [])]
    assert any(str(port).endswith("8025:8025") for port in mailpit.get("ports", []))


def test_site_service_serves_the_published_folder_read_only(services: dict) -> None:
    site = services["site"]
    assert str(site["image"]).startswith("nginx:")
    pairs = dict(volume_pairs(site))
    published = env_of(services["airflow-worker"])["HORNSTEN_SITE_DIR"]
    assert any(target == published for _source, target in volume_pairs(services["airflow-worker"]))
    assert any(str(p).startswith("127.0.0.1:") for p in site["ports"])
    assert "./docker/nginx-site.conf" in pairs and all(str(v).endswith(":ro") for v in site["volumes"])
    conf = (REPO / "docker" / "nginx-site.conf").read_text()
    assert "root /usr/share/nginx/html/" in conf and "location = /site.json" in conf


def test_review_page_service(services: dict) -> None:
    review = services["review"]
    assert review["image"] == services["airflow-apiserver"]["image"]
    assert review["entrypoint"] == ["python", "-m", "hornsten.review.server"]
    assert any(str(port).startswith("127.0.0.1:") and str(port).endswith(":8090") for port in review["ports"])
    env = env_of(review)
    assert env["HORNSTEN_REVIEWER_DSN"].startswith("postgresql://hornsten_reviewer:")
    assert REQUIRED_REF.search(env["HORNSTEN_REVIEWER_DSN"]) and REQUIRED_REF.fullmatch(env["HORNSTEN_REVIEW_SECRET"])
    assert review["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"


def test_postgres_initialises_both_databases(services: dict) -> None:
    postgres = services["postgres"]
    assert postgres["image"] == "postgres:16"
    mounts = {target: source for source, target in volume_pairs(postgres)}
    init_mounts = {t: s for t, s in mounts.items() if t.startswith("/docker-entrypoint-initdb.d/")}
    assert list(init_mounts.values()) == ["./docker/postgres-init.sql"]
    sql = POSTGRES_INIT.read_text(encoding="utf-8")
    for statement in (
        "CREATE ROLE airflow",
        "CREATE DATABASE airflow",
        "CREATE ROLE hornsten",
        "CREATE DATABASE hornsten",
        "CREATE ROLE hornsten_loader LOGIN",
        "CREATE ROLE hornsten_transformer LOGIN",
        "CREATE ROLE hornsten_analyst LOGIN",
        "CREATE ROLE hornsten_reporter LOGIN",
        "CREATE ROLE hornsten_reviewer LOGIN",
        "GRANT hornsten_transformer TO hornsten",
    ):
        assert statement in sql, statement
    # The passwords the script reads with \getenv must be in the container's environment.
    env = env_of(postgres)
    for variable in re.findall(r"\\getenv\s+\w+\s+(\w+)", sql):
        assert REQUIRED_REF.fullmatch(env.get(variable, "")), f"postgres lacks {variable}"
    assert "PASSWORD '" not in sql, "a literal password in postgres-init.sql"


# --------------------------------------------------------------------------- secrets


def test_no_literal_secrets(services: dict) -> None:
    problems = []
    for name, service in services.items():
        for key, value in env_of(service).items():
            if SECRET_NAME.search(key) and not key.endswith("_FILE") and not REQUIRED_REF.fullmatch(value):
                problems.append(f"{name}: {key} is not a required ${{...}} reference")
            for match in URI_CREDENTIALS.finditer(value):
                if not REQUIRED_REF.fullmatch(match["password"]):
                    problems.append(f"{name}: {key} has a literal password in its URI")
    assert not problems, "\n".join(problems)


def test_every_compose_variable_is_in_env_example() -> None:
    documented = env_example()
    used = compose_variables()
    missing = sorted(used - documented.keys())
    assert not missing, f"used in docker-compose.yml but not in .env.example: {missing}"
    unused = sorted(documented.keys() - used)
    assert not unused, f"in .env.example but not used by docker-compose.yml: {unused}"


def test_env_example_holds_no_secret_values() -> None:
    for key, value in env_example().items():
        if SECRET_NAME.search(key):
            assert value == "", f".env.example: {key} must be left empty (fill it in .env)"


def test_env_file_is_git_ignored() -> None:
    # .env holds the real secrets of a deployment: it must never be committed.
    gitignore = REPO / ".gitignore"
    patterns = []
    if gitignore.is_file():
        for line in gitignore.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "!")):
                patterns.append(line.lstrip("/"))
    assert any(fnmatch.fnmatch(".env", pattern) for pattern in patterns), (
        ".gitignore does not ignore .env (add a line `.env`)"
    )


# --------------------------------------------------------------------------- Dockerfile


def test_dockerfile_from_pins_airflow_3_3_2() -> None:
    froms = [args for instruction, args in dockerfile_instructions() if instruction == "FROM"]
    assert froms, "no FROM in docker/Dockerfile"
    image = froms[-1].split()[0]
    assert re.fullmatch(r"apache/airflow:3\.3\.2(-python3\.1[12])?", image), image


def test_dockerfile_airflow_matches_pyproject_pin() -> None:
    froms = [args for instruction, args in dockerfile_instructions() if instruction == "FROM"]
    image_version = re.match(r"apache/airflow:(\d+\.\d+\.\d+)", froms[-1]).group(1)
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in pyproject["project"]["dependencies"] if re.match(r"apache-airflow\s*==", d)]
    assert pins == [f"apache-airflow=={image_version}"]


def test_dockerfile_installs_the_project_as_airflow_user() -> None:
    user = None
    installs = []
    for instruction, args in dockerfile_instructions():
        if instruction == "USER":
            user = args
        if instruction == "RUN" and re.search(r"\bpip install\b.*--no-cache-dir", args):
            installs.append((user, args))
    assert installs, "no `pip install --no-cache-dir` in docker/Dockerfile"
    for run_user, args in installs:
        assert run_user in ("airflow", "50000"), f"pip install runs as {run_user!r}"
        assert re.search(r"\s\.(\s|$)", args), "the project itself (`.`) is not installed"


def test_dockerfile_copy_sources_exist() -> None:
    for instruction, args in dockerfile_instructions():
        if instruction not in ("COPY", "ADD"):
            continue
        words = args.split()
        if any(word.startswith("--from") for word in words):
            continue  # copies from another stage or image, not from the repository
        parts = [word for word in words if not word.startswith("--")]
        for source in parts[:-1]:
            assert (REPO / source).exists(), f"{instruction} {source}: not in the repository"


# --------------------------------------------------------------------------- host folders


def test_mounted_host_paths_exist(services: dict) -> None:
    for name, service in services.items():
        for source, target in volume_pairs(service):
            if source.startswith((".", "/")):
                assert (REPO / source).exists(), f"{name} mounts {source} -> {target}: missing"


# --------------------------------------------------------------------------- docker compose CLI


def _docker_compose() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        # Only Compose v2+ (the Go one) understands this file; v1 prints "version 1.x".
        probe = subprocess.run(["docker-compose", "version"], capture_output=True, text=True, check=False)
        major = re.search(r"version v?(\d+)\.", probe.stdout)
        if probe.returncode == 0 and major and int(major.group(1)) >= 2:
            return ["docker-compose"]
    return None


def _write_env_file(path: Path, blank: str | None = None) -> None:
    lines = []
    for key, value in env_example().items():
        if key == blank:
            value = ""
        elif not value:
            value = f"dummy-{key.lower().replace('_', '-')}"
        lines.append(f"{key}={value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compose_config(cli: list[str], env_file: Path) -> subprocess.CompletedProcess:
    # Variables from the shell would win over the env file: drop them.
    environ = {k: v for k, v in os.environ.items() if k not in env_example()}
    return subprocess.run(
        [*cli, "--project-directory", str(REPO), "--env-file", str(env_file), "-f", str(COMPOSE_FILE), "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=environ,
    )


def test_docker_compose_config_accepts_file(tmp_path: Path) -> None:
    cli = _docker_compose()
    if cli is None:
        pytest.skip("the docker compose CLI is not installed")
    env_file = tmp_path / "compose.env"
    _write_env_file(env_file)
    result = _compose_config(cli, env_file)
    assert result.returncode == 0, result.stderr


def test_docker_compose_config_refuses_missing_secret(tmp_path: Path) -> None:
    cli = _docker_compose()
    if cli is None:
        pytest.skip("the docker compose CLI is not installed")
    env_file = tmp_path / "compose.env"
    _write_env_file(env_file, blank="AIRFLOW_JWT_SECRET")
    result = _compose_config(cli, env_file)
    assert result.returncode != 0
    assert "AIRFLOW_JWT_SECRET" in result.stderr

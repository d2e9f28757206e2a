"""Finding and loading a process's YAML file, with errors that name the file, the key and the problem.

The people editing these files are process leaders, not Python programmers: a
validation error is turned into one line per problem, ``key 'survey.questions.2.kind':
…``, under the file's path.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import ValidationError

from hornsten.config.process import ProcessConfig
from hornsten.paths import REPO_ROOT


class ConfigError(ValueError):
    """A process configuration that cannot be used, with a message for humans."""


def process_dir() -> Path:
    """Where process YAML files live: $HORNSTEN_PROCESS_DIR or the repository's processes/."""
    env = os.environ.get("HORNSTEN_PROCESS_DIR")
    if env:
        return Path(env)
    return REPO_ROOT / "processes"


def default_process_name() -> str:
    return os.environ.get("HORNSTEN_PROCESS", "norrkoping_vision_2035")


def available_processes(directory: Path | None = None) -> list[str]:
    directory = directory or process_dir()
    return sorted(p.stem for p in directory.glob("*.yml"))


def resolve_process_path(name_or_path: str | os.PathLike[str] | None = None) -> Path:
    candidate = Path(name_or_path) if name_or_path else None
    if candidate is not None and (candidate.suffix in {".yml", ".yaml"} or candidate.exists()):
        path = candidate
    else:
        name = str(name_or_path or default_process_name())
        path = process_dir() / f"{name}.yml"
    if not path.exists():
        known = ", ".join(available_processes(path.parent)) or "none"
        raise ConfigError(f"{path}: no such process configuration (available: {known})")
    return path


def load_process(name_or_path: str | os.PathLike[str] | None = None) -> ProcessConfig:
    """Load and validate a process configuration by name or path."""
    path = resolve_process_path(name_or_path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top level")
    try:
        config = ProcessConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_errors(path, exc)) from None
    if config.process != path.stem:
        raise ConfigError(f"{path}: key 'process': {config.process!r} must match the file name {path.stem!r}")
    return config


def describe_errors(path: Path, exc: ValidationError) -> str:
    """One line per problem, each naming its key, under the file's path."""
    lines = [f"{path}: {exc.error_count()} problem(s) in the process configuration"]
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        elif error["type"] == "missing":
            message = "required key is missing"
        lines.append(f"  - key '{key}': {message}")
    return "\n".join(lines)

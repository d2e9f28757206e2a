"""The process configuration: one YAML file per dialogue process (processes/<name>.yml)."""

from hornsten.config.process import *  # noqa: F403

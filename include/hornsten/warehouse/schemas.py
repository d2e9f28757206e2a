"""One warehouse, several processes: each process has its own staging, intermediate
and marts schemas (``marts_<process>``), so one process's build never mixes in or
overwrites another's. The raw and restricted landing zones and the codebook are
shared; every raw row carries its process (or its survey).

Code reads a mart as ``marts.<model>`` — the way an analyst thinks of it — through a
connection scoped to a process, which names the process's own schema."""

from __future__ import annotations

import re

LAYERS = ("staging", "intermediate", "marts")
_LAYER_REFERENCE = re.compile(r"\b(staging|intermediate|marts)\.(?=[a-z_\"])")


def schema(layer: str, process: str) -> str:
    """The schema of one layer of one process, as dbt's generate_schema_name writes it."""
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; one of {', '.join(LAYERS)}")
    return f"{layer}_{re.sub(r'[^a-z0-9_]', '_', process.lower())}"


def qualify(sql: str, process: str) -> str:
    """``marts.cornerstones`` → ``marts_<process>.cornerstones`` (staging and intermediate alike)."""
    return _LAYER_REFERENCE.sub(lambda m: schema(m.group(1), process) + ".", sql)


class ProcessConnection:
    """A psycopg connection whose ``execute`` reads the layers of one process.

    Everything else (transactions, cursors, commit, close) is the connection's own;
    statements on raw and restricted tables pass unchanged."""

    def __init__(self, conn, process: str):
        self._conn = conn
        self.process = process

    def execute(self, query, params=None, **kwargs):
        if isinstance(query, str):
            query = qualify(query, self.process)
        return self._conn.execute(query, params, **kwargs)

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._conn.__exit__(*exc)


def scoped(conn, process: str) -> ProcessConnection:
    """`conn` reading `process`'s schemas (an already scoped connection is re-scoped)."""
    if isinstance(conn, ProcessConnection):
        conn = conn._conn  # noqa: SLF001
    return ProcessConnection(conn, process)

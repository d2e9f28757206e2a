"""A connection to the test warehouse that reads one process's layers, as the platform does.

Tests write ``marts.cornerstones`` as an analyst would think of it; the connection
names the process's own schema (hornsten.warehouse.schemas)."""

from __future__ import annotations

import psycopg

from hornsten.warehouse.schemas import scoped

NORRKOPING = "norrkoping_vision_2035"


def connect(dsn: str, process: str = NORRKOPING, **kwargs):
    return scoped(psycopg.connect(dsn, **kwargs), process)

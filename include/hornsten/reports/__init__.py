"""Reports for officials and participants, in Swedish, built from the marts only.

``build(name, conn, config)`` returns a :class:`~hornsten.reports.model.Report`;
:mod:`hornsten.reports.render` writes it as HTML, PDF and XLSX or an e-mail;
:mod:`hornsten.reports.delivery` sends it on the process's schedule, once per period.
"""

from __future__ import annotations

import importlib

from hornsten.config import REPORT_NAMES

# report name -> module with `build(conn, config, period) -> Report`
MODULES = {
    "survey-progress": "hornsten.reports.survey_progress",
    "components": "hornsten.reports.components",
    "cornerstones": "hornsten.reports.cornerstones",
    "dialogue": "hornsten.reports.dialogue",
    "remiss": "hornsten.reports.remiss",
    "public": "hornsten.reports.public",
}
assert tuple(MODULES) == REPORT_NAMES


class ReportUnavailable(RuntimeError):
    """The marts a report needs are not built yet (say which DAG to run)."""


def build(name: str, conn, config, period: str | None = None):
    if name not in MODULES:
        raise KeyError(f"unknown report {name!r}; choose one of {', '.join(MODULES)}")
    from hornsten.warehouse.schemas import scoped

    module = importlib.import_module(MODULES[name])
    return module.build(scoped(conn, config.process), config, period)

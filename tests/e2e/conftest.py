"""End-to-end test settings."""

from __future__ import annotations


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "scheduler: drives the real Airflow scheduler of a `hornsten up` stack (slow; part of e2e)"
    )

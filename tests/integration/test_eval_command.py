"""`hornsten eval` as a user runs it: the figures with their bootstrap interval and the
error list on the dev set and the project's realistic proposals, and `--reviewed`
against review decisions in the warehouse."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import psycopg
import pytest

from hornsten.warehouse import roles
from tests.dev_set import require_dev_set
from tests.integration.test_cli import run

pytestmark = pytest.mark.integration
REALISTIC = Path(__file__).parents[1] / "fixtures" / "tagging" / "realistic_proposals.csv"


def test_dev_set_figures_interval_and_errors(stack_settings, tmp_path):
    require_dev_set()
    errors_csv = tmp_path / "errors.csv"
    report = json.loads(run("eval", "--json", "--errors-out", str(errors_csv)).stdout)
    assert {"micro_f1", "macro_f1", "micro_precision", "micro_recall", "per_component"} <= set(report)
    low, high = report["micro_f1_ci"]
    assert low < report["micro_f1"] < high and high - low < 0.15
    assert report["micro_f1"] >= 0.85, report["micro_f1"]
    errors = report["errors"]
    fp_total = sum(r["fp"] for r in report["per_component"])
    fn_total = sum(r["fn"] for r in report["per_component"])
    assert sum(e["kind"] == "fp" for rows in errors.values() for e in rows) == fp_total
    assert sum(e["kind"] == "fn" for rows in errors.values() for e in rows) == fn_total
    # every false positive is explained by the words that matched
    assert all(e["matched_words"] and e["text"] for rows in errors.values() for e in rows if e["kind"] == "fp")
    with errors_csv.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == fp_total + fn_total


def test_realistic_proposals_keep_their_precision(stack_settings):
    text = run("eval", "--answers", str(REALISTIC), "--errors").stdout
    assert "95% confidence interval" in text and " fp, " in text and "matched: " in text
    micro = next(line.split() for line in text.splitlines() if line.startswith("micro "))
    precision, f1 = float(micro[1]), float(micro[3])
    # Before the precision rules: precision 0.565, micro-F1 0.671 (0.627–0.709).
    assert precision >= 0.68 and f1 >= 0.72, micro


def test_reviewed_against_the_decisions_in_the_warehouse(stack_settings, warehouse_dsn):
    # review.tag_decisions is the review page's table (migration 0010_reviews)
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute("truncate review.tag_decisions")
    empty = run("eval", "--reviewed", check=False)
    assert empty.returncode == 1 and "no review decisions yet" in empty.stderr and "Traceback" not in empty.stderr
    decisions = [
        ("s:1:idag", "skola", "reject", "2026-01-01"),  # overruled by the later accept
        ("s:1:idag", "skola", "accept", "2026-01-02"),
        ("s:1:idag", "kollektivtrafik", "reject", "2026-01-02"),
        ("s:2:idag", "otrygghet", "add", "2026-01-03"),
        ("s:3:idag", "skola", "accept", "2026-01-03"),
    ]
    with psycopg.connect(stack_settings.dsn(roles.OWNER), autocommit=True) as conn:
        for answer_id, component, decision, at in decisions:
            conn.execute(
                "insert into review.tag_decisions (answer_id, component, decision, reviewer, decided_at) "
                "values (%s, %s, %s, 'granskare', %s)",
                (answer_id, component, decision, at),
            )
    report = json.loads(run("eval", "--reviewed", "--json").stdout)
    assert (report["decisions"], report["tp"], report["fp"], report["fn"]) == (4, 2, 1, 1)
    assert report["precision"] == pytest.approx(2 / 3, abs=1e-4) and report["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert len(report["f1_ci"]) == 2
    text = run("eval", "--reviewed").stdout
    assert "accepted 2, rejected 1, added 1" in text

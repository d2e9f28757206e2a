"""The machine against the reviewers: ``hornsten eval --reviewed``.

A reviewer's latest decision on an answer and component (review.tag_decisions) says
what the machine got right: ``accept`` confirms a machine tag (a true positive),
``reject`` refuses one (a false positive), ``add`` supplies a tag the machine missed
(a false negative). The figures come from the decisions alone, so reviewer tags that
a later build has folded into the bridge never count as the machine's.
"""

from __future__ import annotations

from dataclasses import dataclass

from hornsten.tagging.evaluation import bootstrap_f1_ci, counts_and_scores

OUTCOMES = {"accept": "tp", "reject": "fp", "add": "fn"}

# The latest decision per (answer_id, component) wins (the review tables' contract).
LATEST_DECISIONS = """
    select distinct on (answer_id, component) answer_id, component, decision
    from review.tag_decisions
    order by answer_id, component, decided_at desc, decision_id desc
"""


class NoReviews(LookupError):
    """There is nothing to measure yet; the message says why in one sentence."""


@dataclass(frozen=True)
class Decision:
    answer_id: str
    component: str
    decision: str


def reviewed_metrics(decisions: list[Decision]) -> dict:
    """Precision, recall and F1 of the machine against the latest decisions, overall
    (micro, with a bootstrap interval over the reviewed answers) and per component."""
    if not decisions:
        raise NoReviews("no review decisions yet: accept, reject or add tags on the review page first")
    per_component: dict[str, dict[str, int]] = {}
    per_answer: dict[str, list[int]] = {}
    for d in decisions:
        outcome = OUTCOMES[d.decision]
        counts = per_component.setdefault(d.component, {"tp": 0, "fp": 0, "fn": 0})
        counts[outcome] += 1
        per_answer.setdefault(d.answer_id, [0, 0, 0])[("tp", "fp", "fn").index(outcome)] += 1
    totals = (sum(c[k] for c in per_component.values()) for k in ("tp", "fp", "fn"))
    return {
        "decisions": len(decisions),
        "answers": len(per_answer),
        **counts_and_scores(*totals),
        "f1_ci": bootstrap_f1_ci([tuple(c) for c in per_answer.values()]),
        "per_component": [
            {"component": component, **counts_and_scores(c["tp"], c["fp"], c["fn"])}
            for component, c in sorted(per_component.items())
        ],
    }


def fetch_decisions(conn) -> list[Decision]:
    exists = conn.execute("select to_regclass('review.tag_decisions') is not null").fetchone()[0]
    if not exists:
        raise NoReviews("no review decisions yet: the warehouse has no review.tag_decisions (not migrated to 0010)")
    return [Decision(*row) for row in conn.execute(LATEST_DECISIONS).fetchall()]


def measure_reviewed(dsn: str) -> dict:
    """The reviewed figures of the warehouse at ``dsn``."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        return reviewed_metrics(fetch_decisions(conn))


def format_reviewed(report: dict) -> str:
    low, high = report["f1_ci"]
    lines = [
        f"The machine against {report['decisions']} review decisions on {report['answers']} answers",
        "",
        f"precision {report['precision']:.3f}  recall {report['recall']:.3f}  F1 {report['f1']:.3f} "
        f"(95% interval {low:.3f}–{high:.3f}; accepted {report['tp']}, rejected {report['fp']}, added {report['fn']})",
        "",
        f"{'component':<20} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'F1':>6}",
    ]
    for row in report["per_component"]:
        lines.append(
            f"{row['component']:<20} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
            f"{row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f}"
        )
    return "\n".join(lines)

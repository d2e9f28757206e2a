"""Measuring component tagging against hand-labelled answers.

``hornsten eval`` loads a labelled file (columns ``id, question, text, components``,
components separated by ``;``) into the warehouse, builds the tagging models on it
with dbt's ``eval`` target — the production SQL, in ``eval_*`` schemas — and compares.
The metric functions are pure and tested on their own: the scores, a bootstrap
confidence interval for micro-F1 (answers resampled with replacement, fixed seed) and
the per-component list of errors with the evidence behind each.
"""

from __future__ import annotations

import csv
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hornsten.paths import shared_dir

DEFAULT_ANSWERS = shared_dir() / "reference" / "dev_answers.csv"
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 12
REQUIRED_COLUMNS = ("id", "question", "text", "components")
EVAL_TABLE = "eval_input.answers"


class EvaluationError(ValueError):
    """The labelled file or the evaluation run cannot be used; the message says why."""


@dataclass(frozen=True)
class LabelledAnswer:
    id: str
    question: str
    text: str
    components: frozenset[str]


def read_labelled(path: Path) -> list[LabelledAnswer]:
    if not path.exists():
        hint = ""
        if path == DEFAULT_ANSWERS:
            # The dev set lives in the shared folder beside the repository, not in it.
            hint = " (the shared folder is not beside this clone: set HORNSTEN_SHARED_DIR, or pass a CSV)"
        raise EvaluationError(f"{path}: no such file{hint}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise EvaluationError(
                f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(REQUIRED_COLUMNS)}"
            )
        answers = []
        seen: set[str] = set()
        for line, row in enumerate(reader, start=2):
            answer_id = (row["id"] or "").strip()
            if not answer_id:
                raise EvaluationError(f"{path}, line {line}: empty id")
            if answer_id in seen:
                raise EvaluationError(f"{path}, line {line}: duplicate id {answer_id!r}")
            seen.add(answer_id)
            labels = frozenset(c.strip() for c in (row["components"] or "").split(";") if c.strip())
            answers.append(LabelledAnswer(answer_id, (row["question"] or "").strip(), row["text"] or "", labels))
    if not answers:
        raise EvaluationError(f"{path}: no labelled answers")
    return answers


def check_labels(answers: list[LabelledAnswer], codebook: set[str]) -> None:
    unknown = sorted({c for a in answers for c in a.components} - codebook)
    if unknown:
        raise EvaluationError(f"labels name components that are not in the codebook: {', '.join(unknown)}")


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def counts_and_scores(tp: int, fp: int, fn: int) -> dict:
    """The counts with their precision, recall and F1 (rounded), as the reports show them."""
    precision, recall, f1 = precision_recall_f1(tp, fp, fn)
    scores = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    return {"tp": tp, "fp": fp, "fn": fn, **scores}


def score(gold: dict[str, frozenset[str]], predicted: dict[str, frozenset[str]], components: list[str]) -> dict:
    """Micro and macro precision/recall/F1 and a per-component table.

    Macro averages are over components that occur in the gold labels or the
    predictions (a component neither labelled nor predicted has no defined F1).
    """
    rows = []
    total_tp = total_fp = total_fn = 0
    for component in components:
        tp = fp = fn = 0
        for answer_id, labels in gold.items():
            guess = predicted.get(answer_id, frozenset())
            if component in guess and component in labels:
                tp += 1
            elif component in guess:
                fp += 1
            elif component in labels:
                fn += 1
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        if tp + fp + fn == 0:
            continue
        rows.append({"component": component, "support": tp + fn, **counts_and_scores(tp, fp, fn)})
    micro_p, micro_r, micro_f1 = precision_recall_f1(total_tp, total_fp, total_fn)
    n = len(rows) or 1
    exact = sum(1 for answer_id, labels in gold.items() if predicted.get(answer_id, frozenset()) == labels)
    return {
        "answers": len(gold),
        "micro_precision": round(micro_p, 4),
        "micro_recall": round(micro_r, 4),
        "micro_f1": round(micro_f1, 4),
        "macro_precision": round(sum(r["precision"] for r in rows) / n, 4),
        "macro_recall": round(sum(r["recall"] for r in rows) / n, 4),
        "macro_f1": round(sum(r["f1"] for r in rows) / n, 4),
        "exact_match": round(exact / len(gold), 4) if gold else 0.0,
        "per_component": rows,
    }


def answer_counts(
    gold: dict[str, frozenset[str]], predicted: dict[str, frozenset[str]], components: list[str]
) -> list[tuple[int, int, int]]:
    """(tp, fp, fn) of each answer over the codebook's components: the unit the bootstrap resamples."""
    known = frozenset(components)
    counts = []
    for answer_id, labels in gold.items():
        guess = predicted.get(answer_id, frozenset()) & known
        labels = labels & known
        counts.append((len(guess & labels), len(guess - labels), len(labels - guess)))
    return counts


def bootstrap_f1_ci(
    counts: list[tuple[int, int, int]],
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> list[float]:
    """Percentile bootstrap interval [low, high] of micro-F1 = 2tp / (2tp + fp + fn).

    Answers are resampled with replacement (an answer's tags are not independent of
    each other, answers are); the same seed gives the same interval."""
    import numpy as np

    if not counts:
        return [0.0, 0.0]
    table = np.asarray(counts, dtype=np.int64)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(table), size=(resamples, len(table)))
    tp, fp, fn = (table[:, column][picks].sum(axis=1) for column in range(3))
    denominator = 2 * tp + fp + fn
    f1 = np.divide(2 * tp, denominator, out=np.zeros(resamples), where=denominator > 0)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail])
    return [round(float(low), 4), round(float(high), 4)]


@dataclass(frozen=True)
class Evidence:
    """Why the tagger considered a component for a text: the terms and the words that matched,
    and — for a candidate it did not tag — the rule that held it back."""

    matched_terms: tuple[str, ...] = ()
    matched_words: tuple[str, ...] = ()
    held_back: str | None = None


def error_list(
    gold: dict[str, frozenset[str]],
    predicted: dict[str, frozenset[str]],
    texts: dict[str, str],
    evidence: dict[tuple[str, str], Evidence],
) -> dict[str, list[dict]]:
    """Per component, its false positives and false negatives: the answer, its text and the
    evidence (for a false negative, whatever matched but was held back, if anything)."""
    errors: dict[str, list[dict]] = {}
    for answer_id, labels in gold.items():
        guess = predicted.get(answer_id, frozenset())
        for kind, missed in (("fp", guess - labels), ("fn", labels - guess)):
            for component in sorted(missed):
                found = evidence.get((answer_id, component), Evidence())
                errors.setdefault(component, []).append(
                    {
                        "kind": kind,
                        "answer_id": answer_id,
                        "text": texts.get(answer_id, ""),
                        "matched_terms": list(found.matched_terms),
                        "matched_words": list(found.matched_words),
                        "held_back": found.held_back,
                    }
                )
    return dict(sorted(errors.items()))


def error_rows(errors: dict[str, list[dict]]) -> list[dict]:
    """The error list flat, one row per error (for CSV)."""
    return [
        {
            "component": component,
            **{key: "; ".join(value) if isinstance(value, list) else value or "" for key, value in error.items()},
        }
        for component, rows in errors.items()
        for error in rows
    ]


# ------------------------------------------------------------------ running
def load_answers(conn, answers: list[LabelledAnswer]) -> None:
    """The labelled texts as a table shaped like raw.survey_answers."""
    with conn.transaction():
        conn.execute("create schema if not exists eval_input")
        conn.execute(
            f"""create table if not exists {EVAL_TABLE} (survey_id text not null, response_id text not null,
                question_code text not null, answer_text text not null)"""
        )
        conn.execute(f"truncate {EVAL_TABLE}")
        with conn.cursor().copy(f"copy {EVAL_TABLE} from stdin") as copy:
            for answer in answers:
                copy.write_row(("eval", answer.id, answer.question or "okand", answer.text))


def build_tagging_models(env: dict[str, str]) -> None:
    """dbt seed + run of the tagging models on the eval table (target eval)."""
    from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir, install_packages

    install_packages(env)
    vars_arg = '{"eval_answers_relation": "' + EVAL_TABLE + '"}'
    for command in (
        # full refresh: a codebook seed that gained a column is recreated, not appended to
        ["seed", "--select", "path:seeds/codebook", "--full-refresh"],
        ["run", "--select", "+int_answers_tagged", "--vars", vars_arg],
    ):
        result = subprocess.run(
            [dbt_executable(), *command, "--target", "eval", "--quiet"],
            cwd=dbt_project_dir(),
            env={**env, "DBT_PROFILES_DIR": str(dbt_project_dir())},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise EvaluationError(f"dbt {command[0]} failed:\n{(result.stdout + result.stderr)[-3000:]}")


def fetch_predictions(conn) -> dict[str, frozenset[str]]:
    rows = conn.execute("select response_id, components from eval_intermediate.int_answers_tagged").fetchall()
    return {response_id: frozenset(components) for response_id, components in rows}


def fetch_evidence(conn) -> dict[tuple[str, str], Evidence]:
    """Every candidate tag of the labelled answers with its terms and words, tagged or held back."""
    rows = conn.execute(
        """select answers.response_id, candidates.component, candidates.matched_terms,
                  candidates.matched_words, candidates.held_back_reason
           from eval_intermediate.int_text_component_candidates as candidates
           inner join eval_staging.stg_survey__answers as answers on answers.answer_id = candidates.text_id"""
    ).fetchall()
    return {
        (answer_id, component): Evidence(tuple(terms), tuple(words), held_back)
        for answer_id, component, terms, words, held_back in rows
    }


def fetch_codebook(conn) -> list[str]:
    return [r[0] for r in conn.execute("select component from eval_codebook.codebook_components order by component")]


def _interval_line(report: dict) -> list[str]:
    if "micro_f1_ci" not in report:
        return []
    low, high = report["micro_f1_ci"]
    return [f"micro-F1 95% confidence interval (bootstrap over answers): {low:.3f}–{high:.3f}"]


def format_errors(errors: dict[str, list[dict]]) -> str:
    """The error list as text: per component, each false positive and negative with its evidence."""
    lines = []
    for component, rows in errors.items():
        false_positives = sum(r["kind"] == "fp" for r in rows)
        lines += ["", f"{component}: {false_positives} fp, {len(rows) - false_positives} fn"]
        for row in rows:
            evidence = ", ".join(row["matched_words"]) or "no matching word"
            if row["held_back"]:
                evidence += f" (held back: {row['held_back']})"
            lines.append(f"  {row['kind']} {row['answer_id']}: {row['text']}")
            lines.append(f"     matched: {evidence}")
    return "\n".join(lines)


def format_report(report: dict) -> str:
    lines = [
        f"{report['answers']} labelled answers — {report['source']}",
        "",
        "          precision  recall     F1",
        f"micro     {report['micro_precision']:9.3f}  {report['micro_recall']:6.3f}  {report['micro_f1']:5.3f}",
        f"macro     {report['macro_precision']:9.3f}  {report['macro_recall']:6.3f}  {report['macro_f1']:5.3f}",
        *_interval_line(report),
        f"exact match of the whole label set: {report['exact_match']:.3f}",
        "",
        f"{'component':<20} {'support':>7} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'F1':>6}",
    ]
    for row in sorted(report["per_component"], key=lambda r: (r["f1"], r["component"])):
        lines.append(
            f"{row['component']:<20} {row['support']:>7} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} "
            f"{row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f}"
        )
    return "\n".join(lines)


def evaluate(dsn: str, answers: list, dbt_env: dict[str, str], echo=print) -> dict:
    """Tag labelled answers with the production SQL (dbt target eval) and score them against
    the labels: the figures, the bootstrap interval of micro-F1 and the list of errors."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        load_answers(conn, answers)
    echo(f"Tagging {len(answers)} answers with the production SQL (dbt target eval) …")
    build_tagging_models(dbt_env)
    with psycopg.connect(dsn, autocommit=True) as conn:
        predicted = fetch_predictions(conn)
        codebook = fetch_codebook(conn)
        evidence = fetch_evidence(conn)
    check_labels(answers, set(codebook))
    gold = {a.id: a.components for a in answers}
    report = score(gold, predicted, codebook)
    report["micro_f1_ci"] = bootstrap_f1_ci(answer_counts(gold, predicted, codebook))
    report["errors"] = error_list(gold, predicted, {a.id: a.text for a in answers}, evidence)
    return report

"""Data quality with Great Expectations 1.x on a loaded batch.

A batch is what one run loaded for a dataset: survey responses and answers, the
prioritisation round's responses and ranks, dialogue
meetings with their statements and poll results, or remiss responses with their
positions. Each dataset has its suites in ``expectations/<dataset>_batch.yml``
(readable by the people who own the process), bound to the process configuration
here: value sets (options, forums, target groups, bodies, rounds …), phase windows
and length limits come from the YAML process file, so one suite serves every
municipality. Results go to ``raw.quality_results`` and to GX data docs.

GX is imported inside the functions: it takes seconds to import, and DAG files
must parse fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hornsten.config import REQUIRED_FIELDS, ProcessConfig
from hornsten.paths import REPO_ROOT

# What a batch can hold; each has its suites in expectations/<dataset>_batch.yml.
DATASETS = ("survey", "priorities", "dialogue", "remiss")


def expectations_dir() -> Path:
    return Path(os.environ.get("HORNSTEN_EXPECTATIONS_DIR", REPO_ROOT / "expectations"))


@dataclass
class ExpectationOutcome:
    suite: str
    expectation: str
    column: str | None
    critical: bool
    success: bool
    unexpected: int | None
    details: dict[str, Any] = field(default_factory=dict)
    # What the expectation checks, in words (from the suite file), when it says so.
    description: str | None = None


@dataclass
class QualityReport:
    run_id: str
    outcomes: list[ExpectationOutcome]
    docs_path: str | None = None

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if o.critical and not o.success]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.critical and not o.success]

    def summary(self) -> str:
        failed = self.critical_failures
        lines = [
            f"{len(self.outcomes)} expectations, {len(failed)} critical failures, "
            f"{len(self.warnings)} warnings (run {self.run_id})"
        ]
        for outcome in failed + self.warnings:
            level = "CRITICAL" if outcome.critical else "warning"
            column = f" [{outcome.column}]" if outcome.column else ""
            about = f" ({outcome.description})" if outcome.description else ""
            lines.append(
                f"  {level}: {outcome.suite}: {outcome.expectation}{column}: {outcome.unexpected} unexpected{about}"
            )
        if self.docs_path:
            lines.append(f"  data docs: {self.docs_path}")
        return "\n".join(lines)


# ------------------------------------------------------------ batch queries
def _literal(value: Any) -> str:
    if value is None:
        return "null"
    return "'" + str(value).replace("'", "''") + "'"


def _values_table(rows: list[tuple[Any, ...]], columns: list[str], types: list[str]) -> str:
    """The configuration as an inline table (also when it has no rows) to join a batch against."""
    if not rows:
        nulls = ", ".join(f"null::{t} as {c}" for c, t in zip(columns, types, strict=False))
        return f"(select {nulls} where false)"
    values = ", ".join(
        "(" + ", ".join(f"{_literal(v)}::{t}" for v, t in zip(row, types, strict=False)) + ")" for row in rows
    )
    return f"(select * from (values {values}) as cfg ({', '.join(columns)}))"


def check_dataset(dataset: str) -> str:
    """The dataset name, or ValueError for one without suites (survey, priorities, dialogue, remiss)."""
    if dataset not in DATASETS:
        raise ValueError(f"quality: unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    return dataset


def batch_queries(config: ProcessConfig, load_ids: list[int], dataset: str = "survey") -> dict[str, str]:
    """SQL for the batches a dataset's suites can name: what this run's loads brought in."""
    ids = ",".join(str(int(i)) for i in load_ids) or "null"
    process = _literal(config.process)
    if check_dataset(dataset) == "dialogue":
        forums = _values_table(
            [(f.code, f.target_group) for f in config.dialogue.forums], ["forum", "target_group"], ["text", "text"]
        )
        meetings = f"m.process = {process} and m.load_id in ({ids})"
        return {
            "meetings": (
                "select m.process, m.meeting_id, m.forum, m.target_group, m.held_on, m.place, m.participants, "
                "m.facilitator, f.target_group as forum_target_group, "
                "(select count(*) from raw.dialogue_statements s "
                " where s.process = m.process and s.meeting_id = m.meeting_id) as statements, "
                "(select count(*) from raw.dialogue_poll_results p "
                " where p.process = m.process and p.meeting_id = m.meeting_id) as poll_rows "
                f"from raw.dialogue_meetings m left join {forums} f on f.forum = m.forum "
                f"where {meetings}"
            ),
            "statements": (
                "select s.process, s.meeting_id, s.statement_no, s.cornerstone, s.stance, s.statement_text "
                "from raw.dialogue_statements s join raw.dialogue_meetings m "
                "on m.process = s.process and m.meeting_id = s.meeting_id "
                f"where {meetings}"
            ),
            "poll_results": (
                "select p.process, p.meeting_id, p.question, p.option, p.votes, p.position, m.participants "
                "from raw.dialogue_poll_results p join raw.dialogue_meetings m "
                "on m.process = p.process and m.meeting_id = p.meeting_id "
                f"where {meetings}"
            ),
        }
    if dataset == "remiss":
        rounds = _values_table(
            [(r.code, r.sent.isoformat(), r.deadline.isoformat()) for r in config.remiss.rounds],
            ["round", "sent_on", "deadline"],
            ["text", "date", "date"],
        )
        responses = f"r.process = {process} and r.load_id in ({ids})"
        return {
            "responses": (
                "select r.process, r.round, r.body, r.received_on, r.declined, "
                "c.sent_on as round_sent_on, c.deadline as round_deadline, "
                "(select count(*) from raw.remiss_positions p "
                " where p.process = r.process and p.round = r.round and p.body = r.body) as positions "
                f"from raw.remiss_responses r left join {rounds} c on c.round = r.round "
                f"where {responses}"
            ),
            "positions": (
                "select p.process, p.round, p.body, p.item_kind, p.item, p.position, p.comment_text "
                "from raw.remiss_positions p join raw.remiss_responses r "
                "on r.process = p.process and r.round = p.round and r.body = p.body "
                f"where {responses}"
            ),
        }
    if dataset == "priorities":
        return _priority_batches(config, ids)
    choice_columns = "".join(f", r.closed_answers ->> '{q.code}' as {q.code}" for q in config.survey.choice_questions)
    survey = config.survey.survey_id.replace("'", "''")
    return {
        "responses": (
            "select r.survey_id, r.response_id, r.submitted_at, r.respondent_key"
            f"{choice_columns} from raw.survey_responses r "
            f"where r.survey_id = '{survey}' and r.load_id in ({ids})"
        ),
        "answers": (
            "select a.survey_id, a.response_id, a.question_code, a.answer_text "
            "from raw.survey_answers a join raw.survey_responses r using (survey_id, response_id) "
            f"where r.survey_id = '{survey}' and r.load_id in ({ids})"
        ),
    }


def _priority_batches(config: ProcessConfig, ids: str) -> dict[str, str]:
    round_id = _literal(config.priorities.round_id if config.priorities else "")
    questions = config.priorities.questions if config.priorities else []
    background = "".join(f", r.closed_answers ->> '{code}' as {code}" for code in questions)
    loaded = f"r.round_id = {round_id} and r.load_id in ({ids})"
    return {
        "responses": (
            "select r.round_id, r.response_id, r.submitted_at, r.respondent_key, "
            "(select count(*) from raw.priority_ranks k "
            " where k.round_id = r.round_id and k.response_id = r.response_id) as places, "
            "(select max(k.rank) from raw.priority_ranks k "
            " where k.round_id = r.round_id and k.response_id = r.response_id) as last_place"
            f"{background} from raw.priority_responses r where {loaded}"
        ),
        "ranks": (
            "select k.round_id, k.response_id, k.rank, k.item "
            "from raw.priority_ranks k join raw.priority_responses r using (round_id, response_id) "
            f"where {loaded}"
        ),
    }


# ----------------------------------------------------------- suite binding
def suites_file_for(dataset: str) -> str:
    """The suite file of a dataset: expectations/<dataset>_batch.yml."""
    return f"{check_dataset(dataset)}_batch.yml"


def load_suite_specs(name: str = "survey_batch.yml") -> list[dict[str, Any]]:
    """The suites of a suite file; a dataset name (survey, dialogue, remiss) names its file."""
    if name in DATASETS:
        name = suites_file_for(name)
    path = expectations_dir() / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))["suites"]


def _parameters(config: ProcessConfig) -> dict[str, Any]:
    """Everything a suite file can name with "$": the process configuration, flattened."""
    from hornsten.tagging.codebook import codebook_themes

    start, end = config.survey_window
    # GX compares against naive UTC timestamps coming back from SQLAlchemy.
    utc = dt.UTC
    # Phase windows as inclusive dates, for date columns (held_on, received_on).
    windows: dict[str, str] = {}
    for phase in config.phases:
        windows[f"window.{phase.code}.start"] = phase.start.isoformat()
        windows[f"window.{phase.code}.end"] = phase.end.isoformat()
    return {
        "required": list(REQUIRED_FIELDS),
        "response_columns": ["survey_id", *REQUIRED_FIELDS, *[q.code for q in config.survey.choice_questions]],
        "text_questions": [q.code for q in config.survey.text_questions],
        "text_max_length": config.survey.text_max_length,
        "window.start": start.astimezone(utc).isoformat(),
        "window.end": end.astimezone(utc).isoformat(),
        **{f"options.{q.code}": [o.code for o in q.options] for q in config.survey.choice_questions},
        **windows,
        "forums": [f.code for f in config.dialogue.forums],
        "target_groups": [g.code for g in config.dialogue.target_groups],
        "bodies": [b.code for b in config.remiss.bodies],
        "rounds": [r.code for r in config.remiss.rounds],
        "sections": [s.code for s in config.remiss.sections],
        "themes": [t.code for t in codebook_themes()],
        **_round_parameters(config),
    }


def _round_parameters(config: ProcessConfig) -> dict[str, Any]:
    """The prioritisation round's: what can be ranked, how many places, when it was open."""
    round_ = config.priorities
    if round_ is None:
        return {}
    from hornsten.priorities.items import round_items

    start, end = round_.window(config.timezone)
    return {
        "priority_items": [item.code for item in round_items(round_)],
        "priority_ranks": round_.ranks,
        "priority_min_ranks": round_.min_ranks,
        "priority_questions": list(round_.questions),
        "priority_window.start": start.astimezone(dt.UTC).isoformat(),
        "priority_window.end": end.astimezone(dt.UTC).isoformat(),
    }


def _resolve(value: Any, params: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        key = value[1:]
        if key not in params:
            raise KeyError(f"expectations: unknown parameter {value!r}; known: {sorted(params)}")
        return params[key]
    if isinstance(value, dict):
        return {k: _resolve(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, params) for v in value]
    return value


def bind_expectations(spec: dict[str, Any], config: ProcessConfig) -> list[tuple[str, dict[str, Any], bool]]:
    """(GX expectation type, kwargs, critical) for one suite spec, after config substitution."""
    params = _parameters(config)
    choice = [q.code for q in config.survey.choice_questions]
    bound: list[tuple[str, dict[str, Any], bool]] = []
    for item in spec["expectations"]:
        critical = bool(item.get("critical", True))
        # e.g. a process without a 'dialogue' phase has no dialogue window to check.
        if "if_parameter" in item and item["if_parameter"] not in params:
            continue
        kwargs = _resolve(item.get("kwargs", {}), params)
        if item.get("description"):
            kwargs["description"] = item["description"]
        if "if_column" in item and item["if_column"] not in choice + list(REQUIRED_FIELDS):
            continue
        if "for_each" in item:
            for column in _resolve(item["for_each"], params):
                bound.append((item["type"], {**kwargs, "column": column}, critical))
        elif item.get("for_each_choice"):
            # true: the survey's closed questions; a "$" list: those (e.g. the round's).
            columns = choice if item["for_each_choice"] is True else _resolve(item["for_each_choice"], params)
            for column in columns:
                bound.append(
                    (item["type"], {**kwargs, "column": column, "value_set": params[f"options.{column}"]}, critical)
                )
        else:
            bound.append((item["type"], kwargs, critical))
    return bound


def _gx_class(expectation_type: str):
    """The expectation registered with GX under that name: GX's own, or one of Hornsten's
    (hornsten.quality.one_pass, which registers itself when imported)."""
    from great_expectations.exceptions import ExpectationNotFoundError
    from great_expectations.expectations.registry import get_expectation_impl

    from hornsten.quality import one_pass  # noqa: F401

    try:
        return get_expectation_impl(expectation_type)
    except ExpectationNotFoundError:
        raise KeyError(f"expectations: GX has no expectation {expectation_type!r}") from None


# --------------------------------------------------------------- running
def run_checkpoint(
    config: ProcessConfig,
    dsn: str,
    load_ids: list[int],
    context_dir: Path,
    suites_file: str | None = None,
    dataset: str = "survey",
) -> QualityReport:
    """Validate this run's batch of `dataset` (survey, dialogue or remiss) with GX.

    The suites come from expectations/<dataset>_batch.yml unless `suites_file` names
    another file; the batches are what the loads `load_ids` brought in. Never raises
    for failed expectations (see the report)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TQDM_DISABLE", "1")  # progress bars would flood the task logs
    import great_expectations as gx
    from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult

    context_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(context_dir))
    sqlalchemy_url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg2://", dsn)
    source = context.data_sources.add_or_update_postgres(name="hornsten_warehouse", connection_string=sqlalchemy_url)
    queries = batch_queries(config, load_ids, dataset)
    suites_file = suites_file or suites_file_for(dataset)
    run_id = f"{config.process}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    validation_definitions = []
    critical_by_id: dict[str, bool] = {}
    for spec in load_suite_specs(suites_file):
        # Survey assets keep their names; the others are qualified (remiss has "responses" too).
        batch_name = spec["batch"] if dataset == "survey" else f"{dataset}_{spec['batch']}"
        asset_name = f"{config.process}_{batch_name}"
        with contextlib.suppress(LookupError, ValueError):
            source.delete_asset(asset_name)
        asset = source.add_query_asset(name=asset_name, query=queries[spec["batch"]])
        batch_definition = asset.add_batch_definition_whole_table(f"{asset_name}_batch")
        suite_name = f"{config.process}.{spec['name']}"
        suite = gx.ExpectationSuite(name=suite_name)
        for expectation_type, kwargs, critical in bind_expectations(spec, config):
            expectation = _gx_class(expectation_type)(
                **kwargs,
                severity="critical" if critical else "warning",
                meta={"critical": critical, "dataset": dataset},
            )
            suite.add_expectation(expectation)
        suite = context.suites.add_or_update(suite)
        for expectation in suite.expectations:
            critical_by_id[str(expectation.id)] = bool(expectation.meta.get("critical", True))
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{suite_name}.validation", data=batch_definition, suite=suite)
        )
        validation_definitions.append(definition)
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"{config.process}.{dataset}_batch",
            validation_definitions=validation_definitions,
            actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "SUMMARY"},
        )
    )
    result = checkpoint.run()
    outcomes: list[ExpectationOutcome] = []
    for validation in result.run_results.values():
        assert isinstance(validation, ExpectationSuiteValidationResult)
        for item in validation.results:
            cfg = item.expectation_config
            description = getattr(cfg, "description", None)
            details = {k: _jsonable(v) for k, v in (item.result or {}).items() if k != "partial_unexpected_counts"}
            if description:
                details["description"] = description
            outcomes.append(
                ExpectationOutcome(
                    suite=validation.suite_name,
                    expectation=cfg.type,
                    column=cfg.kwargs.get("column", cfg.kwargs.get("column_A")),
                    critical=bool((cfg.meta or {}).get("critical", True)),
                    success=bool(item.success),
                    unexpected=(item.result or {}).get("unexpected_count", (item.result or {}).get("observed_value")),
                    details=details,
                    description=description,
                )
            )
    docs = context.get_docs_sites_urls()
    docs_path = docs[0]["site_url"] if docs else None
    return QualityReport(run_id=run_id, outcomes=outcomes, docs_path=docs_path)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value][:20]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def store_report(conn, report: QualityReport) -> None:
    """Keep every expectation's outcome in raw.quality_results."""
    import json

    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            """insert into raw.quality_results
                   (run_id, suite, expectation, column_name, critical, success, unexpected, details)
                   values (%s, %s, %s, %s, %s, %s, %s, %s)""",
            [
                (
                    report.run_id,
                    o.suite,
                    o.expectation,
                    o.column,
                    o.critical,
                    o.success,
                    o.unexpected if isinstance(o.unexpected, int) else None,
                    json.dumps(o.details, ensure_ascii=False, default=str),
                )
                for o in report.outcomes
            ],
        )

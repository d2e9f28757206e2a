"""``expect_query_to_return_no_rows``: GX's UnexpectedRowsExpectation in one pass.

GX's own expectation runs its query twice, once for the count and once for the rows to
show. Where the query evaluates the personal-data check over every answer text, that
second pass was most of the checkpoint (at 100,000 responses, 34 of its 39 seconds went
to the two passes). This one asks the database once for the first rows together with
their total (a window count), so the count stays exact and the data docs still show the
rows.

Import it only where GX is imported (inside a task): importing registers the metric and
the expectation with GX.
"""

from __future__ import annotations

from typing import Any, ClassVar

from great_expectations.constants import MAX_RESULT_RECORDS
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from great_expectations.expectations.core.unexpected_rows_expectation import UnexpectedRowsExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.query_metric_provider import QueryMetricProvider

METRIC = "unexpected_rows_query.rows_and_count"
_TOTAL = "hornsten_unexpected_total"


class UnexpectedRowsAndCount(QueryMetricProvider):
    """The first rows the query returns and how many there are, in one statement."""

    metric_name = METRIC
    value_keys = ("unexpected_rows_query",)
    query_param_name: ClassVar[str] = "unexpected_rows_query"

    @metric_value(engine=SqlAlchemyExecutionEngine)
    def _sqlalchemy(
        cls,
        execution_engine: SqlAlchemyExecutionEngine,
        metric_domain_kwargs: dict,
        metric_value_kwargs: dict,
        metrics: dict[str, Any],
        runtime_configuration: dict,
    ) -> dict[str, Any]:
        from great_expectations.compatibility.sqlalchemy import sqlalchemy as sa

        batch_selectable, _, _ = execution_engine.get_compute_domain(
            metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE
        )
        query = cls._get_query_from_metric_value_kwargs(metric_value_kwargs)
        counted = (
            f"select unexpected.*, count(*) over () as {_TOTAL} from ({query}) as unexpected limit {MAX_RESULT_RECORDS}"
        )
        statement = cls._get_substituted_batch_subquery_from_query_and_batch_selectable(
            query=counted, batch_selectable=batch_selectable, execution_engine=execution_engine
        )
        records = [row._asdict() for row in execution_engine.execute_query(sa.text(statement)).fetchall()]
        total = int(records[0][_TOTAL]) if records else 0
        return {"rows": [{k: v for k, v in r.items() if k != _TOTAL} for r in records], "count": total}


class ExpectQueryToReturnNoRows(UnexpectedRowsExpectation):
    """Succeeds when the query over ``{batch}`` returns no rows; reports how many it
    returned and, with result format COMPLETE, the first of them (as GX's own does)."""

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        # GX's own result, from the one statement's rows and count.
        found = metrics[METRIC]
        return super()._validate(
            {"unexpected_rows_query.table": found["rows"], "unexpected_rows_query.row_count": found["count"]},
            runtime_configuration,
            execution_engine,
        )

"""The warehouse's database roles (created by migrations/0007_roles_and_grants.sql
and, for the reviewer, 0010_reviews.sql).

The owner runs migrations and administration; every job connects as the role with
only what it needs, so that, e.g., an analyst's login cannot read restricted data."""

from __future__ import annotations

OWNER = "hornsten"
LOADER = "hornsten_loader"  # writes raw and restricted
TRANSFORMER = "hornsten_transformer"  # dbt: reads raw, owns staging, intermediate and marts
ANALYST = "hornsten_analyst"  # reads staging and marts
REPORTER = "hornsten_reporter"  # reads the reporting marts, records deliveries
REVIEWER = "hornsten_reviewer"  # the review page: reads staging and marts, writes review (0010_reviews.sql)

# The roles that get a login and a generated password (the owner has its own).
JOB_ROLES = (LOADER, TRANSFORMER, ANALYST, REPORTER, REVIEWER)

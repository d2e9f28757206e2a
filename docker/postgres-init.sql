-- Hörnsten: first-start initialisation of the shared PostgreSQL server.
--
-- docker-compose.yml mounts this file into /docker-entrypoint-initdb.d/ of the
-- postgres:16 container. The image's entrypoint runs it exactly once, on the
-- first start with an empty data volume, as the superuser, with
--     psql -v ON_ERROR_STOP=1 --no-psqlrc -f <this file>
-- On every later start it is ignored (to re-run it, remove the data volume).
--
-- One server holds two databases with separate owners:
--   airflow   Airflow's metadata database (and the Celery result backend),
--             owned by role airflow;
--   hornsten  the Hörnsten warehouse that dbt builds and Great Expectations
--             checks, owned by role hornsten.
--
-- No password is written here: psql's \getenv (psql 15 and later) reads them
-- from the container's environment, which docker-compose.yml fills from .env.

\set ON_ERROR_STOP on

\getenv airflow_db_password AIRFLOW_DB_PASSWORD
\getenv hornsten_pg_password HORNSTEN_PG_PASSWORD
\getenv loader_password HORNSTEN_LOADER_PASSWORD
\getenv transformer_password HORNSTEN_TRANSFORMER_PASSWORD
\getenv analyst_password HORNSTEN_ANALYST_PASSWORD
\getenv reporter_password HORNSTEN_REPORTER_PASSWORD
\getenv reviewer_password HORNSTEN_REVIEWER_PASSWORD

\if :{?airflow_db_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'AIRFLOW_DB_PASSWORD is not set in the postgres container environment'; END $$;
\endif
\if :{?hornsten_pg_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'HORNSTEN_PG_PASSWORD is not set in the postgres container environment'; END $$;
\endif

-- Airflow metadata database.
CREATE ROLE airflow LOGIN PASSWORD :'airflow_db_password';
CREATE DATABASE airflow OWNER airflow ENCODING 'UTF8';

-- Hörnsten warehouse. As owner, hornsten may create the schemas dbt builds
-- into (on PostgreSQL 15+ the public schema belongs to the database owner).
CREATE ROLE hornsten LOGIN PASSWORD :'hornsten_pg_password';
CREATE DATABASE hornsten OWNER hornsten ENCODING 'UTF8';

-- The warehouse's job roles with their logins; their grants come from the warehouse's
-- migrations, which airflow-init applies as hornsten (`hornsten warehouse migrate`).
-- hornsten may create roles (a later migration may add one) and is a member of the
-- transformer, which owns what dbt builds.
\if :{?loader_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'HORNSTEN_LOADER_PASSWORD is not set in the postgres container environment'; END $$;
\endif
\if :{?transformer_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'HORNSTEN_TRANSFORMER_PASSWORD is not set in the postgres container environment'; END $$;
\endif
\if :{?analyst_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'HORNSTEN_ANALYST_PASSWORD is not set in the postgres container environment'; END $$;
\endif
\if :{?reporter_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'HORNSTEN_REPORTER_PASSWORD is not set in the postgres container environment'; END $$;
\endif
\if :{?reviewer_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'HORNSTEN_REVIEWER_PASSWORD is not set in the postgres container environment'; END $$;
\endif
ALTER ROLE hornsten CREATEROLE;
CREATE ROLE hornsten_loader LOGIN PASSWORD :'loader_password';
CREATE ROLE hornsten_transformer LOGIN PASSWORD :'transformer_password';
CREATE ROLE hornsten_analyst LOGIN PASSWORD :'analyst_password';
CREATE ROLE hornsten_reporter LOGIN PASSWORD :'reporter_password';
CREATE ROLE hornsten_reviewer LOGIN PASSWORD :'reviewer_password';
GRANT hornsten_transformer TO hornsten;

-- Keep the two apart: each role can connect to its own database only
-- (owners keep CONNECT; this removes the default grant to everybody).
REVOKE CONNECT, TEMPORARY ON DATABASE airflow FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE hornsten FROM PUBLIC;

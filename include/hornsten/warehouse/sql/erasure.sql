-- Audit: who did what and when (issue 11, items 4, 5 and 9). Idempotent.
--   actor    the application identity (hornsten.audit.actor(): $HORNSTEN_ACTOR, the
--            Airflow run, or the OS user); the default covers writers that set the
--            session variable hornsten.actor instead, and SQL typed by hand (the login)
--   db_user  the database login that wrote the row
--   …_at     when
-- audit.events holds erasures, retention runs and reviews; only counts and keyed
-- hashes, never the content or the value that was erased.
create schema if not exists audit;
revoke all on schema audit from public;

create table if not exists audit.events (
    event_id    bigserial   primary key,
    kind        text        not null check (kind in ('erasure', 'retention', 'review')),
    process     text        not null,
    subject     text,
    counts      jsonb       not null default '{}'::jsonb,
    details     jsonb       not null default '{}'::jsonb,
    actor       text        not null,
    db_user     text        not null default session_user,
    occurred_at timestamptz not null default now()
);
create index if not exists events_kind_process on audit.events (kind, process, occurred_at);
comment on table audit.events is
    'Erasures (GDPR art. 17), retention runs and reviews: who (actor, db_user), when, and counts; never content.';
comment on column audit.events.subject is
    'What the event was about without personal data: the keyed hash of an erased identifier, a model name.';

-- Who and when on the existing writers' tables.
alter table raw.load_log add column if not exists actor text not null
    default coalesce(nullif(current_setting('hornsten.actor', true), ''), session_user);
alter table raw.load_log add column if not exists db_user text not null default session_user;
comment on column raw.load_log.actor is 'Who loaded the file (hornsten.audit.actor()); started_at says when.';

alter table raw.committee_valuations add column if not exists actor text not null
    default coalesce(nullif(current_setting('hornsten.actor', true), ''), session_user);
alter table raw.committee_valuations add column if not exists db_user text not null default session_user;
comment on column raw.committee_valuations.actor is 'Who loaded the sheet (hornsten.audit.actor()); loaded_at says when.';

alter table raw.report_deliveries add column if not exists actor text not null
    default coalesce(nullif(current_setting('hornsten.actor', true), ''), session_user);
alter table raw.report_deliveries add column if not exists db_user text not null default session_user;
comment on column raw.report_deliveries.actor is 'Who sent the report (hornsten.audit.actor()); claimed_at and sent_at say when.';

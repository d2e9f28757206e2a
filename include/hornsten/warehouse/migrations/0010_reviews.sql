-- depends: 0009_interrupted_loads_and_delivery_times
-- Reviews of the tagging (issue 12): reviewers' decisions on tags and their proposals
-- for the codebook, written by the review web page (hornsten.review) as its own role.
--
--   hornsten_reviewer     the review page: reads staging and marts like the analyst (and
--                         the survey bridge, granted by dbt), reads and writes `review`,
--                         records each decision in audit.events (kind 'review')
--   hornsten_transformer  reads `review`: the next dbt build applies the decisions
--   hornsten_analyst      reads the decisions and proposals, never the password hashes
--
-- The role is created without login; `hornsten up` (or docker/postgres-init.sql) gives
-- it LOGIN and a generated password, like the other job roles.

do $roles$
begin
    if not exists (select from pg_roles where rolname = 'hornsten_reviewer') then
        create role hornsten_reviewer nologin;
    end if;
    execute format('grant connect on database %I to hornsten_reviewer', current_database());
end
$roles$;

create schema if not exists review;
revoke all on schema review from public;

create table if not exists review.reviewers (
    login         text        primary key,
    display_name  text        not null,
    password_hash text        not null,
    can_approve   boolean     not null default false,
    created_at    timestamptz not null default now()
);
comment on table review.reviewers is
    'People who may log in to the review page; password_hash is scrypt with a salt (hornsten.review.auth).';

create table if not exists review.tag_decisions (
    decision_id bigserial   primary key,
    answer_id   text        not null,
    component   text        not null,
    decision    text        not null check (decision in ('accept', 'reject', 'add')),
    reviewer    text        not null,
    decided_at  timestamptz not null default now(),
    note        text
);
create index if not exists tag_decisions_answer_component on review.tag_decisions (answer_id, component, decision_id);
comment on table review.tag_decisions is
    'A reviewer''s decision on one tag (answer_id as in stg_survey__answers); the latest per answer and component wins in the next build.';

create table if not exists review.codebook_proposals (
    proposal_id      bigserial   primary key,
    component        text        not null,
    kind             text        not null check (kind in ('term', 'exclusion')),
    value            text        not null,
    match            text,
    proposed_by      text        not null,
    proposed_at      timestamptz not null default now(),
    status           text        not null default 'proposed' check (status in ('proposed', 'approved', 'rejected')),
    decided_by       text,
    decided_at       timestamptz,
    source_answer_id text,
    note             text,
    check (kind = 'exclusion' or match in ('stem', 'prefix', 'infix', 'phrase')),
    check ((status = 'proposed') = (decided_by is null))
);
comment on table review.codebook_proposals is
    'Proposed codebook terms and exclusions; approved ones join the codebook seeds in the next build (export-codebook writes them into the CSVs).';

grant usage on schema review to hornsten_reviewer, hornsten_transformer, hornsten_analyst;
grant select, insert, update on review.reviewers to hornsten_reviewer;
grant select, insert on review.tag_decisions to hornsten_reviewer;
grant select, insert, update on review.codebook_proposals to hornsten_reviewer;
grant usage, select on all sequences in schema review to hornsten_reviewer;
grant select on review.tag_decisions, review.codebook_proposals to hornsten_transformer, hornsten_analyst;

-- Each decision is an audit event too (hornsten.audit.record_event returns its id).
grant usage on schema audit to hornsten_reviewer;
grant insert, select (event_id) on audit.events to hornsten_reviewer;
grant usage on sequence audit.events_event_id_seq to hornsten_reviewer;

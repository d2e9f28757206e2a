-- The landing zone of the warehouse (migration 0001; written idempotently, so it also
-- adopts a warehouse created before the migrations).
--   raw         pseudonymised survey data: what dbt and analysts read
--   restricted  originals (free text as written, respondent identifiers) and the
--               quarantine, which holds rejected rows as delivered
create schema if not exists raw;
create schema if not exists restricted;
revoke all on schema restricted from public;

create table if not exists raw.load_log (
    load_id        bigserial primary key,
    process        text        not null,
    survey_id      text        not null,
    file_name      text        not null,
    file_checksum  text        not null,
    file_bytes     bigint,
    file_kind      text,
    encoding       text,
    delimiter      text,
    layout         text,
    rows_read      integer,
    loaded         integer,
    duplicates     integer,
    quarantined    integer,
    dataset        text        not null default 'survey',
    status         text        not null default 'running'
        check (status in ('running', 'loaded', 'loaded_with_quarantine', 'failed')),
    error          text,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz,
    archived_to    text
);
create index if not exists load_log_checksum on raw.load_log (file_checksum);
alter table raw.load_log add column if not exists dataset text not null default 'survey';
comment on column raw.load_log.dataset is 'What the file holds: survey, dialogue or remiss.';
comment on table raw.load_log is 'One row per attempt to load an export file: checksum, counts, status, time.';

create table if not exists raw.survey_responses (
    survey_id       text        not null,
    response_id     text        not null,
    submitted_at    timestamptz not null,
    respondent_key  text,
    closed_answers  jsonb       not null default '{}'::jsonb,
    load_id         bigint      not null references raw.load_log (load_id),
    source_row      integer     not null,
    first_loaded_at timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (survey_id, response_id)
);
comment on table raw.survey_responses is
    'One row per survey and response id; a later submission of the same response replaces an earlier one.';
comment on column raw.survey_responses.respondent_key is 'Keyed hash (HMAC-SHA256) of the respondent identifier; the original is in restricted.';

create table if not exists raw.survey_answers (
    survey_id     text not null,
    response_id   text not null,
    question_code text not null,
    answer_text   text not null,
    primary key (survey_id, response_id, question_code),
    foreign key (survey_id, response_id) references raw.survey_responses (survey_id, response_id) on delete cascade
);
comment on table raw.survey_answers is
    'Free-text answers with personal identity numbers, e-mail addresses and phone numbers replaced by placeholders.';

create table if not exists restricted.survey_answers_original (
    survey_id     text not null,
    response_id   text not null,
    question_code text not null,
    answer_text   text not null,
    primary key (survey_id, response_id, question_code)
);

create table if not exists restricted.respondents (
    respondent_key text primary key,
    respondent_id  text not null
);

create table if not exists restricted.quarantine (
    quarantine_id  bigserial primary key,
    load_id        bigint      not null references raw.load_log (load_id),
    file_name      text        not null,
    file_checksum  text        not null,
    row_number     integer     not null,
    reason         text        not null,
    content        text        not null,
    quarantined_at timestamptz not null default now()
);
-- A template has several sheets, so a quarantined row is named by sheet and row
-- (the added column and the index also upgrade warehouses from before the templates).
alter table restricted.quarantine add column if not exists sheet text not null default '';
alter table restricted.quarantine drop constraint if exists quarantine_file_checksum_row_number_key;
create unique index if not exists quarantine_file_sheet_row on restricted.quarantine (file_checksum, sheet, row_number);
comment on table restricted.quarantine is
    'Rows that could not be loaded, as delivered, with the reason. Delivering the same file again adds nothing.';

-- A summary without row content, safe for everyone who may read raw.
create or replace view raw.quarantine_summary as
select q.file_name, q.file_checksum, q.reason, count(*) as rows_quarantined, max(q.quarantined_at) as last_seen,
       q.sheet
from restricted.quarantine q
group by q.file_name, q.file_checksum, q.reason, q.sheet;

create table if not exists raw.quality_results (
    result_id      bigserial primary key,
    run_id         text        not null,
    suite          text        not null,
    expectation    text        not null,
    column_name    text,
    critical       boolean     not null,
    success        boolean     not null,
    unexpected     bigint,
    details        jsonb,
    checked_at     timestamptz not null default now()
);
comment on table raw.quality_results is 'Great Expectations results, one row per expectation per checkpoint run.';

-- Phase 2: the steering committee's valuation of the themes, one row per member and theme.
create table if not exists raw.committee_valuations (
    process     text        not null,
    member      text        not null,
    party       text        not null,
    theme       text        not null,
    points      numeric     check (points >= 0),
    rank        integer     check (rank >= 1),
    source_file text        not null,
    loaded_at   timestamptz not null default now(),
    primary key (process, member, theme),
    check (points is not null or rank is not null)
);
comment on table raw.committee_valuations is
    'The steering committee''s valuation: points (100 per member) or a rank per theme; a new file from a member replaces the old.';

-- depends: 0011_languages_and_campaigns
-- Issue 15: the residents' prioritisation round. One row per response (its latest
-- submission wins, as in the survey) and one per place a resident filled. The loader
-- (hornsten.priorities.ingest) validates every row first: an unknown item, an item in
-- two places, a gap or too few places go to restricted.quarantine with the reason.
-- raw.load_log names the round in survey_id and has dataset = 'priorities'.

create table if not exists raw.priority_responses (
    round_id            text        not null,
    response_id         text        not null,
    submitted_at        timestamptz not null,
    submitted_at_source text        not null default 'export'
        check (submitted_at_source in ('export', 'delivery')),
    respondent_key      text,
    closed_answers      jsonb       not null default '{}'::jsonb,
    load_id             bigint      not null references raw.load_log (load_id),
    source_row          integer     not null,
    first_loaded_at     timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (round_id, response_id)
);
comment on table raw.priority_responses is
    'One row per prioritisation round and response id: the background answers (option codes) and the pseudonymised respondent; a later submission replaces an earlier one.';
comment on column raw.priority_responses.respondent_key is
    'Keyed hash (HMAC-SHA256, the survey''s key) of the respondent identifier; the original is in restricted.respondents.';

create table if not exists raw.priority_ranks (
    round_id    text     not null,
    response_id text     not null,
    rank        smallint not null check (rank >= 1),
    item        text     not null,
    primary key (round_id, response_id, rank),
    unique (round_id, response_id, item),
    foreign key (round_id, response_id) references raw.priority_responses (round_id, response_id) on delete cascade
);
comment on table raw.priority_ranks is
    'What a resident put in each place (1 = most important): a component or theme code of the codebook.';

-- depends: 0003_process_config
-- Phases 3 and 4: what facilitators and remiss bodies send back, from the templates
-- `hornsten dialogue template` and `hornsten remiss template` write. Loaded by
-- hornsten.dialogue and hornsten.remiss; free text is pseudonymised in raw and kept
-- as written in restricted. A template delivered again replaces its meeting or its
-- body's response as a whole, so a corrected file never duplicates anything.

create table if not exists raw.dialogue_meetings (
    process       text        not null,
    meeting_id    text        not null,
    forum         text        not null,
    target_group  text        not null,
    held_on       date        not null,
    place         text        not null,
    participants  integer     not null check (participants >= 0),
    facilitator   text        not null,
    load_id       bigint      not null references raw.load_log (load_id),
    source_file   text        not null,
    loaded_at     timestamptz not null default now(),
    primary key (process, meeting_id)
);
comment on table raw.dialogue_meetings is
    'One row per dialogue meeting (forum or office, target group, date, place, participants); a re-delivered meeting replaces the earlier one.';
comment on column raw.dialogue_meetings.meeting_id is 'Forum, date and place, normalised: the same meeting reported twice has the same id.';

create table if not exists raw.dialogue_statements (
    process        text    not null,
    meeting_id     text    not null,
    statement_no   integer not null,
    cornerstone    text,
    stance         text    not null check (stance in ('stod', 'andring', 'nytt_forslag')),
    statement_text text    not null,
    primary key (process, meeting_id, statement_no),
    foreign key (process, meeting_id) references raw.dialogue_meetings (process, meeting_id) on delete cascade
);
comment on table raw.dialogue_statements is
    'What was said at a meeting: the cornerstone (theme code; empty for a proposal outside them), the stance and the text with personal data replaced.';

create table if not exists restricted.dialogue_statements_original (
    process        text    not null,
    meeting_id     text    not null,
    statement_no   integer not null,
    statement_text text    not null,
    primary key (process, meeting_id, statement_no)
);

create table if not exists raw.dialogue_poll_results (
    process     text    not null,
    meeting_id  text    not null,
    question    text    not null,
    option      text    not null,
    votes       integer not null check (votes >= 0),
    position    integer not null,
    primary key (process, meeting_id, question, option),
    foreign key (process, meeting_id) references raw.dialogue_meetings (process, meeting_id) on delete cascade
);
comment on table raw.dialogue_poll_results is 'Audience-response (mentometer) results: votes per question and option at each meeting.';

create table if not exists raw.remiss_responses (
    process      text        not null,
    round        text        not null,
    body         text        not null,
    received_on  date        not null,
    declined     boolean     not null default false,
    load_id      bigint      not null references raw.load_log (load_id),
    source_file  text        not null,
    loaded_at    timestamptz not null default now(),
    primary key (process, round, body)
);
comment on table raw.remiss_responses is
    'One row per remiss body and round that has answered (or declined to); a new file from the body replaces its earlier response.';

create table if not exists raw.remiss_positions (
    process      text not null,
    round        text not null,
    body         text not null,
    item_kind    text not null check (item_kind in ('cornerstone', 'section')),
    item         text not null,
    position     text not null check (position in ('instammer', 'instammer_med_andringar', 'instammer_inte', 'ingen_asikt')),
    comment_text text not null default '',
    primary key (process, round, body, item_kind, item),
    foreign key (process, round, body) references raw.remiss_responses (process, round, body) on delete cascade
);
comment on table raw.remiss_positions is
    'A body''s position on each cornerstone (theme code) or section of the draft, with its comment (personal data replaced).';

create table if not exists restricted.remiss_comments_original (
    process      text not null,
    round        text not null,
    body         text not null,
    item_kind    text not null,
    item         text not null,
    comment_text text not null,
    primary key (process, round, body, item_kind, item)
);

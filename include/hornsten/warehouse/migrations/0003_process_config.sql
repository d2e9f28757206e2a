-- depends: 0002_personal_data_functions
-- The process configuration (processes/<name>.yml) mirrored into the warehouse, so
-- that dbt and analysts can join the plan (target groups, forums, remiss bodies and
-- rounds, the goal matrix) against what happened. Written by hornsten.warehouse.process_sync;
-- one process's rows are replaced as a whole on every sync.

create table if not exists raw.process_phases (
    process     text    not null,
    phase       text    not null,
    name        text    not null,
    starts_on   date    not null,
    ends_on     date    not null,
    position    integer not null,
    primary key (process, phase)
);
comment on table raw.process_phases is 'The phases of each process and their windows (from the process configuration).';

create table if not exists raw.process_target_groups (
    process      text    not null,
    target_group text    not null,
    name         text    not null,
    position     integer not null,
    primary key (process, target_group)
);
comment on table raw.process_target_groups is 'The dialogue target groups planned for each process.';

create table if not exists raw.process_forums (
    process          text    not null,
    forum            text    not null,
    name             text    not null,
    target_group     text    not null,
    via_office       boolean not null,
    planned_meetings integer not null,
    position         integer not null,
    primary key (process, forum)
);
comment on table raw.process_forums is 'Forums and offices through which each target group is reached, with the planned number of meetings.';

create table if not exists raw.process_remiss_bodies (
    process  text    not null,
    body     text    not null,
    kind     text    not null,
    name     text    not null,
    contact  text    not null,
    position integer not null,
    primary key (process, body)
);
comment on table raw.process_remiss_bodies is 'Every party, committee, board, office and company the draft is sent to, with its contact address.';

create table if not exists raw.process_remiss_rounds (
    process       text    not null,
    round         text    not null,
    name          text    not null,
    sent_on       date    not null,
    deadline      date    not null,
    reminder_days integer not null,
    primary key (process, round)
);
comment on table raw.process_remiss_rounds is 'Remiss rounds: when the draft went out, the deadline and how many days before it reminders are due.';

create table if not exists raw.process_remiss_sections (
    process  text    not null,
    section  text    not null,
    name     text    not null,
    position integer not null,
    primary key (process, section)
);
comment on table raw.process_remiss_sections is 'Parts of the draft, besides the cornerstones, that remiss bodies take a position on.';

create table if not exists raw.process_goal_measures (
    process          text    not null,
    purpose          text    not null,
    purpose_name     text    not null,
    purpose_position integer not null,
    measure          text    not null,
    measure_name     text    not null,
    measure_position integer not null,
    metric           text    not null,
    params           jsonb   not null default '{}'::jsonb,
    comparison       text    not null check (comparison in ('at_least', 'at_most')),
    target           numeric,
    unit             text    not null,
    manual_value     numeric,
    note             text    not null default '',
    primary key (process, measure)
);
comment on table raw.process_goal_measures is 'The goal matrix (målmatris): purposes and measures with their metric and target; shares in percent.';

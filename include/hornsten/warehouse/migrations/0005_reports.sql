-- depends: 0004_dialogue_remiss
-- Every report sent (or being sent), once per process, report and period: the
-- delivery task claims the row before it renders, so a retried task never sends a
-- period's report twice, and the archive path says where the copy that went out is.
create table if not exists raw.report_deliveries (
    delivery_id  bigserial   primary key,
    process      text        not null,
    report       text        not null,
    period       text        not null,
    status       text        not null check (status in ('sending', 'sent', 'failed')),
    recipients   text[]      not null default '{}',
    message_id   text,
    archive_path text,
    error        text,
    claimed_at   timestamptz not null default now(),
    sent_at      timestamptz,
    unique (process, report, period)
);
comment on table raw.report_deliveries is
    'Scheduled reports: one row per process, report and period, with recipients, time and the archived copy.';

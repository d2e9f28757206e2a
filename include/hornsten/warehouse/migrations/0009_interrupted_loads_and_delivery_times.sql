-- depends: 0008_personal_data_in_free_text
-- Ingest robustness (issue 11, items 6–8): what the load log needs to tell an interrupted
-- attempt from a running one, and where a response's submission time came from.

-- An attempt whose session died (server stopped, process killed) is marked 'interrupted'
-- by the next load; see hornsten.survey.load_log.
alter table raw.load_log drop constraint if exists load_log_status_check;
alter table raw.load_log add constraint load_log_status_check
    check (status in ('running', 'loaded', 'loaded_with_quarantine', 'failed', 'interrupted'));
alter table raw.load_log add column if not exists backend_pid integer;
comment on column raw.load_log.backend_pid is
    'pg_backend_pid() of the session that ran the attempt (it holds an advisory lock on the load_id while it runs).';

-- Exports without a submission time get the delivery time (the file''s modification time).
alter table raw.survey_responses add column if not exists submitted_at_source text not null default 'export';
alter table raw.survey_responses drop constraint if exists survey_responses_submitted_at_source_check;
alter table raw.survey_responses add constraint survey_responses_submitted_at_source_check
    check (submitted_at_source in ('export', 'delivery'));
comment on column raw.survey_responses.submitted_at_source is
    'export: the submission time is the export''s own; delivery: the export has none, so it is the file''s delivery time.';

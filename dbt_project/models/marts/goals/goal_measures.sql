-- The goal matrix (målmatris) followed up: one row per configured measure with its
-- value computed from the data loaded so far (as_of_date records the day of the
-- build, var('as_of_date')) and whether the target is met.
-- Shares (unit andel) are percentages 0–100, rounded to one decimal, and the status
-- compares the rounded value: the figure the report shows is the figure judged.
-- A measure whose value cannot be computed yet (no poll votes on its question, no
-- remiss round, a manual measure not filled in) or that has no target is
-- 'not_measurable', never 'not_met': the process has not failed what it has not
-- measured. Counts (unit antal) are measured from the start: no meetings yet is
-- 0 meetings, not an unknown.
-- The dialogue and remiss figures are read from staging, not from the dialogue and
-- remiss marts, so the goal matrix depends only on what was reported and can be
-- rebuilt after any phase, before the remiss marts exist. Survey responses are those of the
-- process's survey (HORNSTEN_SURVEY_ID, set from the process configuration) when
-- known: the warehouse may hold more than one process's survey.

{%- set survey_id = env_var('HORNSTEN_SURVEY_ID', '') %}

with

measures as (

    select * from {{ ref('stg_process__goal_measures') }}

),

responses as (

    select
        response_key,
        age_group
    from {{ ref('stg_survey__responses') }}
    {%- if survey_id %}
    where survey_id = '{{ survey_id | replace("'", "''") }}'
    {%- endif %}

),

meetings as (

    select * from {{ ref('stg_dialogue__meetings') }}

),

statements as (

    select * from {{ ref('stg_dialogue__statements') }}

),

poll_results as (

    select * from {{ ref('stg_dialogue__poll_results') }}

),

target_groups as (

    select * from {{ ref('stg_process__target_groups') }}

),

remiss_rounds as (

    select * from {{ ref('stg_process__remiss_rounds') }}

),

remiss_bodies as (

    select * from {{ ref('stg_process__remiss_bodies') }}

),

remiss_responses as (

    select * from {{ ref('stg_remiss__responses') }}

),

-- The list a measure's params hold (age_groups, options), and its values: a list or
-- a single string in the YAML, compared case- and space-insensitively.
param_lists as (

    select
        measure,
        case metric when 'poll_share' then params -> 'options' else params -> 'age_groups' end as listed
    from measures
    where metric in ('poll_share', 'survey_young_share')

),

param_values as (

    select distinct
        param_lists.measure,
        lower(trim(elements.value)) as value
    from param_lists
    cross join lateral jsonb_array_elements_text(
        case jsonb_typeof(param_lists.listed)
            when 'array' then param_lists.listed
            when 'string' then jsonb_build_array(param_lists.listed)
            else '[]'::jsonb
        end
    ) as elements (value)

),

survey as (

    select count(distinct response_key) as respondents from responses

),

young as (

    select
        measures.measure,
        count(distinct responses.response_key) filter (where param_values.value is not null) as numerator,
        count(distinct responses.response_key) as denominator
    from measures
    cross join responses
    left join param_values
        on
            measures.measure = param_values.measure
            and param_values.value = lower(trim(responses.age_group))
    where
        measures.metric = 'survey_young_share'
        and responses.age_group is not null
    group by measures.measure

),

dialogue as (

    select
        (select count(*) as meetings from meetings) as meetings,
        (select coalesce(sum(meetings.participants), 0) as participants from meetings) as participants,
        (select count(*) as statements from statements) as statements,
        (
            select count(*) as target_groups_reached from target_groups
            where target_groups.target_group in (select meetings.target_group from meetings)
        ) as target_groups_reached,
        (select count(*) as target_groups from target_groups) as target_groups

),

poll as (

    select
        measures.measure,
        sum(poll_results.votes) filter (where param_values.value is not null) as numerator,
        sum(poll_results.votes) as denominator
    from measures
    inner join poll_results
        on lower(trim(poll_results.question)) = lower(trim(measures.params ->> 'question'))
    left join param_values
        on
            measures.measure = param_values.measure
            and param_values.value = lower(trim(poll_results.option))
    where measures.metric = 'poll_share'
    group by measures.measure

),

-- The latest round: the one sent last.
latest_round as (

    select
        round,
        deadline
    from remiss_rounds
    order by sent_on desc, round desc
    limit 1

),

-- Every configured body in the latest round, as in remiss_status: a body has
-- responded when it answered at all (declining too), on time when it answered
-- with an opinion by the deadline.
remiss as (

    select
        count(remiss_responses.response_id) as responded,
        count(remiss_responses.response_id) filter (
            where not remiss_responses.declined and remiss_responses.received_on <= latest_round.deadline
        ) as on_time,
        count(*) as bodies
    from latest_round
    cross join remiss_bodies
    left join remiss_responses
        on remiss_responses.response_id = latest_round.round || ':' || remiss_bodies.body

),

computed as (

    select
        measures.*,
        case measures.metric
            when 'survey_respondents' then survey.respondents
            when 'survey_young_share' then young.numerator
            when 'dialogue_meetings' then dialogue.meetings
            when 'dialogue_participants' then dialogue.participants
            when 'dialogue_target_groups_reached_share' then dialogue.target_groups_reached
            when 'dialogue_statements' then dialogue.statements
            when 'poll_share' then poll.numerator
            when 'remiss_response_share' then remiss.responded
            when 'remiss_on_time_share' then remiss.on_time
        end::numeric as numerator,
        case measures.metric
            when 'survey_young_share' then young.denominator
            when 'dialogue_target_groups_reached_share' then dialogue.target_groups
            when 'poll_share' then poll.denominator
            when 'remiss_response_share' then remiss.bodies
            when 'remiss_on_time_share' then remiss.bodies
        end::numeric as denominator
    from measures
    cross join survey
    cross join dialogue
    cross join remiss
    left join young using (measure)
    left join poll using (measure)

),

valued as (

    select
        *,
        case
            when metric = 'manual' then manual_value::numeric
            when unit = 'andel' then round(100 * numerator / nullif(denominator, 0), 1)
            else numerator
        end as value
    from computed

),

final as (

    select
        purpose,
        purpose_name,
        purpose_order,
        measure,
        measure_name,
        measure_order,
        metric,
        params,
        unit,
        comparison,
        target::numeric as target,
        value,
        numerator,
        denominator,
        case
            when value is null or target is null then 'not_measurable'
            when comparison = 'at_least' and value >= target::numeric then 'met'
            when comparison = 'at_most' and value <= target::numeric then 'met'
            else 'not_met'
        end as status,
        case
            when value is null or target is null then 'ej mätbart'
            when comparison = 'at_least' and value >= target::numeric then 'uppfyllt'
            when comparison = 'at_most' and value <= target::numeric then 'uppfyllt'
            else 'ej uppfyllt'
        end as status_label,
        -- why a measure cannot be judged yet, in Swedish for the report
        case
            when target is null then 'Målvärde saknas.'
            when value is not null then null
            when metric = 'manual' then 'Värdet fylls i för hand i processkonfigurationen.'
            when metric = 'poll_share' then 'Inga röster ännu på frågan "' || (params ->> 'question') || '".'
            when metric = 'survey_young_share' then 'Inga enkätsvar med åldersgrupp ännu.'
            when metric = 'dialogue_target_groups_reached_share' then 'Inga målgrupper i planen.'
            when metric in ('remiss_response_share', 'remiss_on_time_share')
                then 'Ingen remissomgång eller inga remissinstanser i planen.'
            else 'Inga uppgifter ännu.'
        end as status_reason,
        nullif(note, '') as note,
        {{ as_of_date() }} as as_of_date
    from valued

)

select * from final

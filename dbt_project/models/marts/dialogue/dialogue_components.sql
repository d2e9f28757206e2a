-- The components raised in the dialogue, set against the survey: how many
-- statements and target groups raised each, and how large a share of survey
-- respondents mentioned it. A component the dialogue raises but the survey hardly
-- knows (share below var('rare_in_survey_below'), or never mentioned) is exactly
-- what the dialogue with groups that seldom answer surveys is for.

{%- set rare_below = var('rare_in_survey_below', 0.02) | float %}

with

statement_components as (

    select * from {{ ref('int_dialogue_statement_components') }}

),

statements as (

    select
        statement_id,
        statement_text,
        had_personal_data
    from {{ ref('stg_dialogue__statements') }}

),

components as (

    select
        component,
        component_label,
        theme
    from {{ ref('stg_codebook__components') }}

),

themes as (

    select
        theme,
        theme_label
    from {{ ref('stg_codebook__themes') }}

),

target_groups as (

    select
        target_group,
        target_group_name,
        target_group_order
    from {{ ref('stg_process__target_groups') }}

),

cornerstones as (

    select
        theme,
        cornerstone_rank
    from {{ ref('cornerstones') }}
    where is_cornerstone

),

-- Overall share of respondents (all respondents, all questions).
survey as (

    select
        component,
        share as survey_share,
        respondents_mentioning as survey_respondents_mentioning
    from {{ ref('component_shares') }}
    where cut = 'alla' and question_code = 'alla'

),

raised as (

    select
        statement_components.component,
        count(distinct statement_components.statement_id) as dialogue_statements,
        count(distinct statement_components.target_group) as dialogue_target_groups,
        count(distinct statement_components.meeting_id) as dialogue_meetings,
        count(distinct statement_components.statement_id)
        filter (where statement_components.stance = 'stod') as support,
        count(distinct statement_components.statement_id)
        filter (where statement_components.stance = 'andring') as change,
        count(distinct statement_components.statement_id)
        filter (where statement_components.stance = 'nytt_forslag') as new_proposal,
        array_agg(distinct coalesce(target_groups.target_group_name, statement_components.target_group))
            as target_group_names
    from statement_components
    left join target_groups using (target_group)
    group by statement_components.component

),

-- One example per component: prefer statements without replaced personal data, and
-- the one the tag rests on most firmly.
examples as (

    select distinct on (statement_components.component)
        statement_components.component,
        statements.statement_text as example_statement
    from statement_components
    inner join statements using (statement_id)
    order by
        statement_components.component asc,
        statements.had_personal_data asc,
        statement_components.only_typo_matches asc,
        statement_components.evidence_count desc,
        statement_components.statement_id asc

),

final as (

    select
        raised.component,
        components.component_label,
        components.theme,
        themes.theme_label,
        cornerstones.cornerstone_rank,
        cornerstones.theme is not null as is_cornerstone_theme,
        raised.dialogue_statements::integer as dialogue_statements,
        raised.dialogue_target_groups::integer as dialogue_target_groups,
        raised.dialogue_meetings::integer as dialogue_meetings,
        raised.target_group_names,
        raised.support::integer as support,
        raised.change::integer as change,
        raised.new_proposal::integer as new_proposal,
        survey.survey_share,
        survey.survey_respondents_mentioning,
        -- no survey share (no respondents, or a suppressed overall base) counts as never mentioned
        coalesce(survey.survey_share, 0) < {{ rare_below }} as is_rare_in_survey,
        examples.example_statement
    from raised
    inner join components using (component)
    left join themes on components.theme = themes.theme
    left join cornerstones on components.theme = cornerstones.theme
    left join survey using (component)
    left join examples using (component)

)

select * from final

{{ config(materialized='table', indexes=[{'columns': ['statement_id']}, {'columns': ['component']}]) }}

-- The bridge between dialogue statements and codebook components: one row per
-- statement and component it raises, with the terms and words that matched. The
-- statements are tagged by the same pipeline as the survey answers (int_texts), so
-- a component raised at a meeting can be compared with its share in the survey.

with

evidence as (

    select
        text_id as statement_id,
        component,
        matched_terms,
        matched_words,
        match_kinds,
        evidence_count,
        only_typo_matches
    from {{ ref('int_text_components') }}
    where text_source = 'dialogue'

),

statements as (

    select
        statement_id,
        meeting_id,
        statement_no,
        cornerstone,
        stance
    from {{ ref('stg_dialogue__statements') }}

),

meetings as (

    select
        meeting_id,
        forum,
        target_group,
        held_on
    from {{ ref('stg_dialogue__meetings') }}

),

components as (

    select
        component,
        theme,
        component_label
    from {{ ref('stg_codebook__components') }}

),

final as (

    select
        evidence.statement_id || ':' || evidence.component as statement_component_id,
        evidence.statement_id,
        statements.meeting_id,
        statements.statement_no,
        meetings.forum,
        meetings.target_group,
        meetings.held_on,
        statements.cornerstone,
        statements.stance,
        evidence.component,
        components.component_label,
        components.theme,
        -- the component may belong to another theme than the cornerstone discussed
        (components.theme is not distinct from statements.cornerstone) as is_cornerstone_theme,
        evidence.matched_terms,
        evidence.matched_words,
        evidence.match_kinds,
        evidence.evidence_count,
        evidence.only_typo_matches
    from evidence
    inner join statements using (statement_id)
    inner join meetings using (meeting_id)
    inner join components using (component)

)

select * from final

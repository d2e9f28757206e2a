{{ config(materialized='table', indexes=[{'columns': ['position_id']}, {'columns': ['component']}]) }}

-- The bridge between remiss comments and codebook components, like
-- int_answer_components for survey answers: one row per comment (a body's position
-- on one item) and component it addresses, with the terms and words that matched.
-- The comments are tagged by the same pipeline as the survey (int_texts), so a
-- component means the same in the remiss as in the survey.

with

evidence as (

    select
        text_id as position_id,
        component,
        matched_terms,
        matched_words,
        match_kinds,
        evidence_count,
        only_typo_matches
    from {{ ref('int_text_components') }}
    where text_source = 'remiss'

),

positions as (

    select
        position_id,
        response_id,
        round,
        body,
        item_kind,
        item,
        position
    from {{ ref('stg_remiss__positions') }}
    where comment_text is not null

),

components as (

    select
        component,
        theme
    from {{ ref('stg_codebook__components') }}

),

final as (

    select
        evidence.position_id || ':' || evidence.component as position_component_id,
        evidence.position_id,
        positions.response_id,
        positions.round,
        positions.body,
        positions.item_kind,
        positions.item,
        positions.position,
        evidence.component,
        components.theme,
        evidence.matched_terms,
        evidence.matched_words,
        evidence.evidence_count
    from evidence
    inner join positions using (position_id)
    inner join components using (component)

)

select * from final

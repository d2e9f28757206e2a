{{ config(materialized='table', indexes=[{'columns': ['text_id']}, {'columns': ['component']}]) }}

-- One row per text (of int_texts) and component it addresses, with the evidence:
-- the terms and words that matched. The survey, dialogue and remiss bridges below
-- all read this one grouping, so a tag is explained the same way in every phase.

with

matches as (

    select * from {{ ref('int_text_term_matches') }}

),

texts as (

    select
        text_id,
        text_source
    from {{ ref('int_texts') }}

),

grouped as (

    select
        text_id,
        component,
        array_agg(distinct term order by term) as matched_terms,
        array_agg(distinct matched_text order by matched_text) as matched_words,
        array_agg(distinct match_kind order by match_kind) as match_kinds,
        count(*) as evidence_count,
        bool_and(match_kind like 'typo:%') as only_typo_matches
    from matches
    group by text_id, component

),

final as (

    select
        grouped.text_id,
        texts.text_source,
        grouped.component,
        grouped.matched_terms,
        grouped.matched_words,
        grouped.match_kinds,
        grouped.evidence_count,
        grouped.only_typo_matches
    from grouped
    inner join texts using (text_id)

)

select * from final

{{ config(indexes=[{'columns': ['text_id']}, {'columns': ['component']}]) }}

-- One row per text (of int_texts) and component it addresses, with the evidence:
-- the terms and words that matched. The survey, dialogue and remiss bridges below
-- all read this one grouping, so a tag is explained the same way in every phase.
-- The candidates the precision rules held back stay in int_text_component_candidates.
--
-- Incremental by text, as the candidates are: a run copies the tags of the new and
-- changed texts and deletes those of texts that are gone (macros/incremental_tagging.sql).

{%- set scope = tagging_scope(ref('int_texts'), ref('int_tagging_fingerprint')) %}

with

candidates as (

    select * from {{ ref('int_text_component_candidates') }}
    {{ where_text_to_tag(scope) }}

),

final as (

    select
        text_id,
        text_source,
        component,
        matched_terms,
        matched_words,
        match_kinds,
        evidence_count,
        only_typo_matches
    from candidates
    where held_back_reason is null

)

select * from final

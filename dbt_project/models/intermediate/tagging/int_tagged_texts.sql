{{ config(materialized='table', indexes=[{'columns': ['text_id'], 'unique': True}]) }}

-- depends_on: {{ ref('int_text_components') }}

-- The tagging chain's bookmark: one row per text version (int_texts) the per-text
-- models have tagged, with the fingerprint of the codebook and SQL they tagged it
-- with. Built last in the chain (after int_text_components), so it moves only when
-- every per-text model has tagged the run's texts: after a failed run the next one
-- tags the same texts again. The per-text models read it to find what is new or
-- changed (macros/incremental_tagging.sql); build it only with the chain before it.

with

texts as (

    select
        text_id,
        text_hash
    from {{ ref('int_texts') }}

),

fingerprint as (

    select tagging_fingerprint from {{ ref('int_tagging_fingerprint') }}

),

final as (

    select
        texts.text_id,
        texts.text_hash,
        fingerprint.tagging_fingerprint
    from texts
    cross join fingerprint

)

select * from final

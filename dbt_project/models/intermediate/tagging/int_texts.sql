{{ config(materialized='table', indexes=[{'columns': ['text_id'], 'unique': True}]) }}

-- Every free text the codebook tags, from every phase: survey answers, dialogue
-- statements and remiss comments. One tagging pipeline serves all three, so a
-- component means the same in the survey as in the dialogue and the remiss.
-- For `hornsten eval` only the labelled answers are tagged. A table rebuilt on every
-- run (a copy): what the incremental per-text models compare with their bookmark.

with

survey_answers as (

    select
        answer_id as text_id,
        'survey' as text_source,
        answer_text as text_body
    from {{ ref('stg_survey__answers') }}

),

{% if not var('eval_answers_relation', '') %}
dialogue_statements as (

    select
        statement_id as text_id,
        'dialogue' as text_source,
        statement_text as text_body
    from {{ ref('stg_dialogue__statements') }}

),

remiss_comments as (

    select
        position_id as text_id,
        'remiss' as text_source,
        comment_text as text_body
    from {{ ref('stg_remiss__positions') }}
    where comment_text is not null

),
{% endif %}

all_texts as (

    select * from survey_answers
    {% if not var('eval_answers_relation', '') %}
    union all
    select * from dialogue_statements
    union all
    select * from remiss_comments
    {% endif %}

),

-- the version of a text: a re-delivered answer with another text is tagged again
final as (

    select
        *,
        md5(text_body) as text_hash
    from all_texts

)

select * from final

-- Component frequency and share of respondents — unweighted and weighted — overall
-- and by question, age group, gender, district and age group × district. The base
-- of a share is the respondents in the group who answered the question (any
-- free-text question for question_code 'alla'). Groups of fewer than
-- var('min_group_size') respondents are suppressed: their figures are null.

-- The import CTEs are read in place (not materialized) by each CTE of shares_by_group
-- that reads them: as table scans, the planner knows their sizes.

with

answers as not materialized (

    select
        response_key,
        question_code,
        counting_unit
    from {{ ref('answer_campaigns') }}

),

respondents as not materialized (

    select
        response_key,
        age_group,
        gender,
        district,
        weight
    from {{ ref('respondents') }}

),

mentions as not materialized (

    select
        response_key,
        question_code,
        component as item,
        age_group,
        gender,
        district,
        weight
    from {{ ref('response_components') }}

),

items as (

    select
        component as item,
        component_label as item_label
    from {{ ref('stg_codebook__components') }}

),

{{ shares_by_group('component') }}

select * from final

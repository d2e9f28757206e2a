-- Theme share of respondents: a respondent mentions a theme when they mention any
-- of its components. Same cuts and suppression as component_shares.

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
        theme as item,
        age_group,
        gender,
        district,
        weight
    from {{ ref('response_components') }}

),

items as (

    select
        theme as item,
        theme_label as item_label
    from {{ ref('stg_codebook__themes') }}

),

{{ shares_by_group('theme') }}

select * from final

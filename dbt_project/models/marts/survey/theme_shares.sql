-- Theme share of respondents: a respondent mentions a theme when they mention any
-- of its components. Same cuts and suppression as component_shares.

with

answers as (

    select
        response_key,
        question_code,
        counting_unit
    from {{ ref('answer_campaigns') }}

),

respondents as (

    select
        response_key,
        age_group,
        gender,
        district,
        weight
    from {{ ref('respondents') }}

),

mentions as (

    select distinct
        response_key,
        question_code,
        theme as item
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

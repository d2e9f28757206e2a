with

source as (

    select * from {{ ref('codebook_theme_sdgs') }}

),

goals as (

    select * from {{ ref('agenda2030_goals') }}

),

renamed as (

    select
        trim(source.theme) as theme,
        source.sdg,
        goals.label as sdg_label,
        trim(source.theme) || ':' || source.sdg as theme_sdg_key

    from source
    left join goals on source.sdg = goals.sdg

)

select * from renamed

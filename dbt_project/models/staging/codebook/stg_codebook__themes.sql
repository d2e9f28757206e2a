with

source as (

    select * from {{ ref('codebook_themes') }}

),

goal_areas as (

    select * from {{ ref('codebook_goal_areas') }}

),

renamed as (

    select
        ---------- ids
        trim(source.theme) as theme,
        trim(source.goal_area) as goal_area,

        ---------- text
        trim(source.label) as theme_label,
        trim(source.description) as theme_description,
        goal_areas.label as goal_area_label

    from source
    left join goal_areas on goal_areas.goal_area = trim(source.goal_area)

)

select * from renamed

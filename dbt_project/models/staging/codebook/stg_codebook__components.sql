with

source as (

    select * from {{ ref('codebook_components') }}

),

renamed as (

    select
        ---------- ids
        trim(component) as component,
        trim(theme) as theme,

        ---------- text
        trim(label) as component_label,
        trim(definition) as definition

    from source

)

select * from renamed

-- Distinct normalised answer texts that are near-identical to others (MinHash LSH
-- candidates confirmed by their Jaccard similarity), with their cluster's representative.

with

source as (

    select * from {{ source('survey', 'near_duplicate_texts') }}
    where survey_id = '{{ var("survey_id") }}'

),

renamed as (

    select
        text_hash,
        group_hash,
        similarity
    from source

)

select * from renamed

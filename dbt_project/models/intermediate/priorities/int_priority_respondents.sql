-- Every resident who ranked, with who they said they are and their raking weight: the
-- base of the priority marts' cuts. A resident outside the weighting base keeps a null
-- weight (counted in the unweighted scores only).

with

responses as (

    select * from {{ ref('stg_priorities__responses') }}

),

weights as (

    select * from {{ ref('int_priority_weights') }}

),

final as (

    select
        responses.response_key,
        responses.age_group,
        responses.gender,
        responses.district,
        weights.weight
    from responses
    left join weights using (response_key)

)

select * from final

-- The codebook's history from the review page: every proposed term and exclusion, who
-- proposed it and when, who approved or rejected it and when, and whether it is in the
-- seed CSVs yet (hornsten review export-codebook writes approved ones there).

with

proposals as (

    select * from {{ ref('stg_review__codebook_proposals') }}

),

components as (

    select
        component,
        component_label
    from {{ ref('stg_codebook__components') }}

),

seed_terms as (

    select distinct
        trim(component) as component,
        lower(regexp_replace(trim(term), '\s+', ' ', 'g')) as value
    from {{ ref('codebook_terms') }}

),

seed_exclusions as (

    select distinct
        trim(component) as component,
        lower(trim(word_prefix)) as value
    from {{ ref('codebook_exclusions') }}

),

final as (

    select
        proposals.proposal_id,
        proposals.component,
        components.component_label,
        proposals.kind,
        proposals.value,
        proposals.match_kind,
        proposals.status,
        proposals.proposed_by,
        proposals.proposed_at,
        proposals.decided_by,
        proposals.decided_at,
        proposals.source_answer_id,
        proposals.note,
        case
            when proposals.kind = 'term' then seed_terms.value is not null
            else seed_exclusions.value is not null
        end as is_in_seed
    from proposals
    left join components using (component)
    left join seed_terms
        on
            proposals.kind = 'term'
            and proposals.component = seed_terms.component
            and proposals.value = seed_terms.value
    left join seed_exclusions
        on
            proposals.kind = 'exclusion'
            and proposals.component = seed_exclusions.component
            and proposals.value = seed_exclusions.value

)

select * from final

-- The November compilation of the dialogue (sammanställning av dialogerna): one row
-- per cornerstone, plus one row gathering the proposals outside the cornerstones
-- (statements without a cornerstone, or about a theme that did not become one).
-- For each: which target groups were heard on it and which not, how it was
-- received, the components raised most and a few example statements.

with

cornerstones as (

    select
        cornerstone_rank,
        theme,
        theme_label
    from {{ ref('cornerstones') }}
    where is_cornerstone

),

target_groups as (

    select
        target_group,
        target_group_name,
        target_group_order
    from {{ ref('stg_process__target_groups') }}

),

statements as (

    select
        statements.statement_id,
        statements.cornerstone,
        statements.stance,
        statements.statement_text,
        statements.had_personal_data,
        meetings.target_group
    from {{ ref('stg_dialogue__statements') }} as statements
    inner join {{ ref('stg_dialogue__meetings') }} as meetings using (meeting_id)

),

statement_components as (

    select
        statement_id,
        component,
        component_label
    from {{ ref('int_dialogue_statement_components') }}

),

-- The rows of the compilation: the cornerstones in rank order, then the rest.
compilation_rows as (

    select
        theme as compilation_key,
        'hörnsten' as row_kind,
        cornerstone_rank,
        theme,
        theme_label,
        cornerstone_rank as compilation_order
    from cornerstones
    union all
    select
        'nytt_forslag' as compilation_key,
        'nytt förslag' as row_kind,
        null::bigint as cornerstone_rank,
        null::text as theme,
        'Förslag utanför hörnstenarna' as theme_label,
        (select count(*) as cornerstone_count from cornerstones) + 1 as compilation_order

),

-- Every statement lands in exactly one row.
assigned as (

    select
        coalesce(cornerstones.theme, 'nytt_forslag') as compilation_key,
        statements.*
    from statements
    left join cornerstones on statements.cornerstone = cornerstones.theme

),

reception as (

    select
        compilation_key,
        count(*) as statements,
        count(*) filter (where stance = 'stod') as support,
        count(*) filter (where stance = 'andring') as change,
        count(*) filter (where stance = 'nytt_forslag') as new_proposal
    from assigned
    group by compilation_key

),

groups_heard as (

    select distinct
        compilation_key,
        target_group
    from assigned

),

heard as (

    select
        compilation_rows.compilation_key,
        array_agg(target_groups.target_group_name order by target_groups.target_group_order)
        filter (where groups_heard.target_group is not null) as target_groups_heard,
        array_agg(target_groups.target_group_name order by target_groups.target_group_order)
        filter (where groups_heard.target_group is null) as target_groups_not_heard
    from compilation_rows
    cross join target_groups
    left join groups_heard
        on
            compilation_rows.compilation_key = groups_heard.compilation_key
            and target_groups.target_group = groups_heard.target_group
    group by compilation_rows.compilation_key

),

component_counts as (

    select
        assigned.compilation_key,
        statement_components.component_label,
        count(*) as mentions,
        row_number() over (
            partition by assigned.compilation_key
            order by count(*) desc, statement_components.component_label
        ) as component_rank
    from assigned
    inner join statement_components using (statement_id)
    group by assigned.compilation_key, statement_components.component_label

),

top_components as (

    select
        compilation_key,
        array_agg(component_label order by component_rank) as top_components
    from component_counts
    where component_rank <= 5
    group by compilation_key

),

-- Examples of different stances first (a change, a proposal, a support), texts
-- without replaced personal data before those with.
example_candidates as (

    select
        compilation_key,
        statement_text,
        row_number() over (
            partition by compilation_key, stance
            order by had_personal_data asc, length(statement_text) desc, statement_id
        ) as rank_in_stance,
        case stance when 'andring' then 1 when 'nytt_forslag' then 2 else 3 end as stance_order,
        statement_id
    from assigned

),

examples as (

    select
        compilation_key,
        (array_agg(statement_text order by rank_in_stance, stance_order, statement_id))[1:3] as example_statements
    from example_candidates
    group by compilation_key

),

final as (

    select
        compilation_rows.compilation_key,
        compilation_rows.compilation_order,
        compilation_rows.row_kind,
        compilation_rows.cornerstone_rank,
        compilation_rows.theme,
        compilation_rows.theme_label,
        coalesce(heard.target_groups_heard, '{}'::text[]) as target_groups_heard,
        coalesce(heard.target_groups_not_heard, '{}'::text[]) as target_groups_not_heard,
        coalesce(reception.statements, 0)::integer as statements,
        coalesce(reception.support, 0)::integer as support,
        coalesce(reception.change, 0)::integer as change,
        coalesce(reception.new_proposal, 0)::integer as new_proposal,
        round(reception.support::numeric / nullif(reception.statements, 0), 4) as support_share,
        coalesce(top_components.top_components, '{}'::text[]) as top_components,
        coalesce(examples.example_statements, '{}'::text[]) as example_statements
    from compilation_rows
    left join heard using (compilation_key)
    left join reception using (compilation_key)
    left join top_components using (compilation_key)
    left join examples using (compilation_key)

)

select * from final

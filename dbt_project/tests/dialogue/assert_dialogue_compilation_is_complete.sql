-- The November compilation has one row per cornerstone plus the proposal row, and
-- every configured target group is either heard or not heard on each row.
-- Returns the offending rows (a missing cornerstone shows with its theme as compilation_key).

with

cornerstones as (

    select theme from {{ ref('cornerstones') }}
    where is_cornerstone

),

compilation as (

    select * from {{ ref('dialogue_compilation') }}

),

target_group_count as (

    select count(*) as target_groups from {{ ref('stg_process__target_groups') }}

),

missing_rows as (

    select
        cornerstones.theme as compilation_key,
        'cornerstone missing' as problem
    from cornerstones
    left join compilation on cornerstones.theme = compilation.theme and compilation.row_kind = 'hörnsten'
    where compilation.theme is null
    union all
    select
        'nytt_forslag' as compilation_key,
        'proposal row missing or repeated' as problem
    where (
        select count(*) as proposal_rows from compilation
        where compilation.row_kind = 'nytt förslag'
    ) <> 1
    union all
    select
        compilation.compilation_key,
        'not a cornerstone' as problem
    from compilation
    where compilation.row_kind = 'hörnsten' and compilation.theme not in (select cornerstones.theme from cornerstones)

),

groups_split as (

    select
        compilation.compilation_key,
        'target groups heard + not heard <> configured groups' as problem
    from compilation
    cross join target_group_count
    where
        cardinality(compilation.target_groups_heard) + cardinality(compilation.target_groups_not_heard)
        <> target_group_count.target_groups

)

select * from missing_rows
union all
select * from groups_split

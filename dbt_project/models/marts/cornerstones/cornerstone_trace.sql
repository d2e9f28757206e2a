-- Every cornerstone followed down: cornerstone → theme → component → a handful of
-- example answers (pseudonymised). One row per example answer; components with their
-- weighted share of respondents, so the steering committee sees what the theme is
-- made of and in whose words.

with

cornerstones as (

    select
        cornerstone_rank,
        theme,
        theme_label,
        score,
        citizen_salience,
        citizen_priority,
        committee_valuation,
        moved_by_priority
    from {{ ref('cornerstones') }}
    where is_cornerstone

),

components as (

    select
        shares.component,
        shares.component_label,
        codebook.theme,
        shares.weighted_share,
        shares.share,
        shares.respondents_mentioning
    from {{ ref('component_shares') }} as shares
    inner join {{ ref('stg_codebook__components') }} as codebook using (component)
    where shares.cut = 'alla' and shares.question_code = 'alla'

),

examples as (

    select
        bridge.component,
        answers.answer_id,
        answers.question_code,
        answers.answer_text,
        row_number() over (
            partition by bridge.component
            -- answers about this component alone, of readable length, in a stable order
            order by answers.component_count, abs(length(answers.answer_text) - 90), md5(answers.answer_id)
        ) as example_number
    from {{ ref('int_answer_components') }} as bridge
    inner join {{ ref('int_answers_tagged') }} as answers using (answer_id)
    where
        length(answers.answer_text) between 20 and 300
        and not bridge.only_typo_matches

),

final as (

    select
        cornerstones.cornerstone_rank || ':' || components.component || ':' || examples.example_number as trace_id,
        cornerstones.cornerstone_rank,
        cornerstones.theme,
        cornerstones.theme_label,
        cornerstones.score,
        cornerstones.citizen_salience,
        cornerstones.citizen_priority,
        cornerstones.committee_valuation,
        cornerstones.moved_by_priority,
        components.component,
        components.component_label,
        components.weighted_share as component_weighted_share,
        components.respondents_mentioning as component_respondents,
        examples.example_number,
        examples.answer_id,
        examples.question_code,
        examples.answer_text as example_answer
    from cornerstones
    inner join components using (theme)
    inner join examples on components.component = examples.component and examples.example_number <= 3

)

select * from final

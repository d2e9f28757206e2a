{{ config(indexes=[{'columns': ['text_id']}, {'columns': ['component']}]) }}

-- One row per text and component some term matched, with the evidence and whether
-- it is enough for a tag. Precision rules — from how Swedish texts mention things
-- in passing, not from any one answer:
--
-- * a place in passing: a term matched on a place name (the gazetteer
--   codebook_places, or a word written with a capital) after a locative preposition
--   ("i Kolmården", "vid Hamnen", "till Linköping", "längs Motala ström") says where,
--   not what the text is about;
-- * a scene verb: a word within three after "åker", "jobbar", "bor", "pluggar" … or
--   such a verb itself ("jag åker buss till jobbet", "jobbar natt på sjukhuset")
--   sets the scene;
-- * a weak term (codebook_terms.strength): an everyday word with a second sense, a
--   landmark or a form's name ("medborgarförslag").
--
-- Such weak evidence tags only with corroboration: a second, different word of the
-- same component that is not itself a place in passing. Strong evidence tags alone.
-- A place that is itself a component's subject (a small locality for landsbygd,
-- codebook_places.topic_component) counts in passing once the text is about
-- something else too: "simhall i Kolmården" is about service in the locality.
--
-- Every rule reads one text at a time, so the table is incremental by text: a run
-- judges only the new and changed texts and deletes the candidates of texts that are
-- gone; a changed codebook or tagging SQL judges every text again (the rule:
-- macros/incremental_tagging.sql).

{%- set scope = tagging_scope(ref('int_texts'), ref('int_tagging_fingerprint')) %}

with

matches as (

    select * from {{ ref('int_text_term_matches') }}
    {{ where_text_to_tag(scope) }}

),

words as (

    select * from {{ ref('int_text_words') }}
    {{ where_text_to_tag(scope) }}

),

places as (

    select
        word_prefix_folded,
        topic_component
    from {{ ref('stg_codebook__places') }}

),

context_words as (

    select * from {{ ref('stg_codebook__context_words') }}

),

texts as (

    select
        text_id,
        text_source
    from {{ ref('int_texts') }}
    {{ where_text_to_tag(scope) }}

),

-- The place names among the distinct words: the prefix match (a nested loop over the
-- gazetteer) runs once per word, not once per occurrence — at 100,000 responses
-- 30,000 words instead of 1.9 million occurrences, 0.3 s instead of 73.
distinct_words as (

    select distinct word from words

),

place_words as (

    select distinct distinct_words.word
    from distinct_words
    inner join places on {{ fold('distinct_words.word') }} like places.word_prefix_folded || '%'

),

word_facts as (

    select
        words.text_id,
        words.word_position,
        context_words.kind as context_kind,
        context_words.kind is null
        and (
            (words.is_capitalised and not words.starts_sentence)
            or place_words.word is not null
        ) as is_place_word
    from words
    left join context_words using (word)
    left join place_words using (word)

),

-- Every word with what stands before it, by window functions over the text (positions
-- are consecutive): a word is in a locative's reach when the nearest word before it
-- that is neither a name nor a conjunction is a locative at most four words back
-- ("i Skärblacka och Krokek", "längs Motala ström"); it follows a scene verb when one
-- stands at most three words back, or it is one.
word_context as (

    select
        text_id,
        word_position,
        is_place_word,
        lag(is_place_word) over text_order as previous_is_place_word,
        max(word_position) filter (
            where not is_place_word and coalesce(context_kind, '') <> 'conjunction'
        ) over words_before as last_blocker_position,
        max(word_position) filter (where context_kind = 'locative') over words_before as last_locative_position,
        max(word_position) filter (where context_kind = 'scene_verb') over words_up_to as last_scene_verb_position
    from word_facts
    window
        text_order as (partition by text_id order by word_position),
        words_before as (
            partition by text_id order by word_position rows between unbounded preceding and 1 preceding
        ),
        words_up_to as (partition by text_id order by word_position rows between unbounded preceding and current row)

),

judged as (

    select
        matches.*,
        coalesce(
            word_context.last_locative_position = word_context.last_blocker_position
            and word_context.last_locative_position >= matches.word_position - 4
            -- the name itself, or the tail of a name ("Motala ström")
            and (
                word_context.is_place_word
                or (
                    word_context.previous_is_place_word
                    and matches.word_position - 1 > word_context.last_locative_position
                )
            ),
            false
        ) as is_place_in_passing,
        coalesce(word_context.last_scene_verb_position >= matches.word_position - 3, false) as is_scene_setting,
        exists(
            select places.topic_component from places
            where
                places.topic_component = matches.component
                and {{ fold('matches.matched_text') }} like places.word_prefix_folded || '%'
        ) as is_topical_place
    from matches
    left join word_context
        on
            matches.text_id = word_context.text_id
            and matches.word_position = word_context.word_position

),

graded as (

    select
        *,
        term_strength = 'weak' or is_place_in_passing or is_scene_setting as is_weak
    from judged

),

grouped as (

    select
        text_id,
        component,
        array_agg(distinct term order by term) as matched_terms,
        array_agg(distinct matched_text order by matched_text) as matched_words,
        array_agg(distinct match_kind order by match_kind) as match_kinds,
        count(*) as evidence_count,
        bool_and(match_kind like 'typo:%') as only_typo_matches,
        bool_or(not is_weak) as has_strong_evidence,
        count(distinct matched_text) as distinct_words,
        count(distinct matched_text) filter (where not is_place_in_passing) as distinct_words_not_places,
        bool_and(is_place_in_passing) as only_places_in_passing,
        bool_or(is_place_in_passing and is_topical_place) as has_topical_place,
        bool_or(is_scene_setting) as has_scene_setting
    from graded
    group by text_id, component

),

with_text as (

    select
        *,
        bool_or(has_strong_evidence) over (partition by text_id) as text_has_strong_evidence
    from grouped

),

final as (

    select
        grouped.text_id,
        texts.text_source,
        grouped.component,
        grouped.matched_terms,
        grouped.matched_words,
        grouped.match_kinds,
        grouped.evidence_count,
        grouped.only_typo_matches,
        case
            when grouped.has_strong_evidence then null
            -- (here this component has no strong evidence: any strong one is another's)
            when grouped.has_topical_place and grouped.text_has_strong_evidence then null
            when grouped.distinct_words >= 2 and grouped.distinct_words_not_places >= 1 then null
            when grouped.only_places_in_passing then 'place name in passing'
            when grouped.has_scene_setting then 'word in passing'
            else 'weak term without corroboration'
        end as held_back_reason
    from with_text as grouped
    inner join texts using (text_id)

)

select * from final

{{ config(materialized='table', indexes=[{'columns': ['text_id']}, {'columns': ['component']}]) }}

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

with

matches as (

    select * from {{ ref('int_text_term_matches') }}

),

words as (

    select * from {{ ref('int_text_words') }}

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

),

word_facts as (

    select
        words.text_id,
        words.word_position,
        context_words.kind as context_kind,
        context_words.kind is null
        and (
            (words.is_capitalised and not words.starts_sentence)
            or exists (
                select places.word_prefix_folded from places
                where {{ fold('words.word') }} like places.word_prefix_folded || '%'
            )
        ) as is_place_word
    from words
    left join context_words using (word)

),

-- A locative before a match, with nothing but names and conjunctions between:
-- "i Skärblacka och Krokek", "längs Motala ström".
locative_starts as (

    select
        matches.text_id,
        matches.word_position,
        locative.word_position as locative_position
    from matches
    inner join word_facts as locative
        on
            matches.text_id = locative.text_id
            and locative.context_kind = 'locative'
            and locative.word_position between matches.word_position - 4 and matches.word_position - 1
    where not exists (
        select between_words.word_position from word_facts as between_words
        where
            between_words.text_id = matches.text_id
            and between_words.word_position > locative.word_position
            and between_words.word_position < matches.word_position
            and not between_words.is_place_word
            and coalesce(between_words.context_kind, '') <> 'conjunction'
    )

),

judged as (

    select
        matches.*,
        exists(
            select locative_starts.word_position from locative_starts
            inner join word_facts as matched_word
                on locative_starts.text_id = matched_word.text_id
            left join word_facts as previous
                on
                    locative_starts.text_id = previous.text_id
                    and previous.word_position = locative_starts.word_position - 1
            where
                locative_starts.text_id = matches.text_id
                and locative_starts.word_position = matches.word_position
                and matched_word.word_position = matches.word_position
                -- the name itself, or the tail of a name ("Motala ström")
                and (
                    matched_word.is_place_word
                    or (previous.is_place_word and previous.word_position > locative_starts.locative_position)
                )
        ) as is_place_in_passing,
        exists(
            select verb.word_position from word_facts as verb
            where
                verb.text_id = matches.text_id
                and verb.context_kind = 'scene_verb'
                and verb.word_position between matches.word_position - 3 and matches.word_position
        ) as is_scene_setting,
        exists(
            select places.topic_component from places
            where
                places.topic_component = matches.component
                and {{ fold('matches.matched_text') }} like places.word_prefix_folded || '%'
        ) as is_topical_place
    from matches

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
            when
                grouped.has_topical_place
                and exists (
                    select other_topic.component from grouped as other_topic
                    where
                        other_topic.text_id = grouped.text_id
                        and other_topic.component <> grouped.component
                        and other_topic.has_strong_evidence
                )
                then null
            when grouped.distinct_words >= 2 and grouped.distinct_words_not_places >= 1 then null
            when grouped.only_places_in_passing then 'place name in passing'
            when grouped.has_scene_setting then 'word in passing'
            else 'weak term without corroboration'
        end as held_back_reason
    from grouped
    inner join texts using (text_id)

)

select * from final

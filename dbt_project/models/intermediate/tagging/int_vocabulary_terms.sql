{{ config(materialized='table', indexes=[{'columns': ['word']}]) }}

-- Which codebook terms each vocabulary word matches, and how: by Snowball stem, as
-- the start of a compound (prefix), inside a compound (infix), or — for long words
-- no term matches exactly — within one or two typing mistakes of a long term (typo).
--
-- Swedish letters: a word written with å/ä/ö is compared with å kept (ä/ö folded, as
-- they alternate in inflection: bostad–bostäder), so "rådhuset" never matches
-- "radhus"; a word without any may be a misspelling ("aldreboende") and is compared
-- with the fully folded terms. Words excluded for a component never count for it.

with

vocabulary as (

    select * from {{ ref('int_vocabulary') }}
    where not is_stopword and length(word) > 1

),

terms as (

    select * from {{ ref('stg_codebook__terms') }}
    where match_kind in ('stem', 'prefix', 'infix')

),

exclusions as (

    select * from {{ ref('stg_codebook__exclusions') }}

),

by_stem as (

    select
        vocabulary.word,
        terms.term_id,
        terms.component,
        terms.term,
        terms.match_kind
    from vocabulary
    inner join terms on terms.match_kind = 'stem' and vocabulary.stem = terms.term_stem_plain
    where vocabulary.has_swedish_letters
    union
    select
        vocabulary.word,
        terms.term_id,
        terms.component,
        terms.term,
        terms.match_kind
    from vocabulary
    inner join terms on terms.match_kind = 'stem' and vocabulary.stem_folded = terms.term_stem
    where not vocabulary.has_swedish_letters

),

by_prefix as (

    select
        vocabulary.word,
        terms.term_id,
        terms.component,
        terms.term,
        terms.match_kind
    from vocabulary
    inner join terms on
        terms.match_kind = 'prefix'
        and case
            when vocabulary.has_swedish_letters
                then vocabulary.word_plain like terms.term_plain || '%'
            else vocabulary.word_folded like terms.term_folded || '%'
        end

),

by_infix as (

    select
        vocabulary.word,
        terms.term_id,
        terms.component,
        terms.term,
        terms.match_kind
    from vocabulary
    inner join terms on
        terms.match_kind = 'infix'
        and case
            when vocabulary.has_swedish_letters
                then strpos(vocabulary.word_plain, terms.term_plain) > 0
            else strpos(vocabulary.word_folded, terms.term_folded) > 0
        end

),

exact as (

    select * from by_stem
    union
    select * from by_prefix
    union
    select * from by_infix

),

unmatched as (

    select vocabulary.*
    from vocabulary
    where
        length(vocabulary.word_folded) >= 8
        and not exists (
            select exact.word from exact
            where exact.word = vocabulary.word
        )

),

-- Long terms only (9+ letters) and the same first two letters: short words are too
-- easily "corrected" into another word (planerar → plantera, märker → marknad).
by_typo as (

    select
        unmatched.word,
        terms.term_id,
        terms.component,
        terms.term,
        'typo:' || terms.match_kind as match_kind
    from unmatched
    inner join terms
        on
            length(terms.term_folded) >= 9
            and left(unmatched.word_folded, 2) = left(terms.term_folded, 2)
            and (
                (
                    terms.match_kind = 'stem'
                    and abs(length(unmatched.stem_folded) - length(terms.term_stem)) <= 2
                    and levenshtein_less_equal(unmatched.stem_folded, terms.term_stem, 2)
                    <= case when length(terms.term_stem) >= 12 then 2 else 1 end
                )
                or (
                    terms.match_kind = 'prefix'
                    and least(
                        levenshtein_less_equal(
                            left(unmatched.word_folded, length(terms.term_folded) - 1), terms.term_folded, 2
                        ),
                        levenshtein_less_equal(
                            left(unmatched.word_folded, length(terms.term_folded)), terms.term_folded, 2
                        ),
                        levenshtein_less_equal(
                            left(unmatched.word_folded, length(terms.term_folded) + 1), terms.term_folded, 2
                        )
                    ) <= case when length(terms.term_folded) >= 12 then 2 else 1 end
                )
            )

),

matched as (

    select * from exact
    union all
    select * from by_typo

),

final as (

    select matched.*
    from matched
    inner join vocabulary using (word)
    where not exists (
        select exclusions.component from exclusions
        where
            exclusions.component = matched.component
            and vocabulary.word_folded like exclusions.word_prefix_folded || '%'
    )

)

select * from final

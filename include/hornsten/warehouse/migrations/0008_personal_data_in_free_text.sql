-- depends: 0007_roles_and_grants
-- Personal data in free text, the warehouse's check: public.hornsten_contains_personal_data(t)
-- is true when t holds a name, a street address, a personnummer/samordningsnummer, an
-- e-mail address (also spelled out) or a Swedish phone number - exactly when the
-- pseudonymiser (hornsten.privacy) would find one. It supersedes the numbers-only
-- version of 0002_personal_data_functions.sql.
--
-- Nothing here defines what personal data is: the patterns, the name lists and the
-- context phrases are rows of the reference tables below, which
-- hornsten.warehouse.pii_reference fills from the pseudonymiser's own data files
-- (include/hornsten/privacy/data/) after this file has run. So Python and SQL share one
-- definition; tests/integration/test_personal_data_sql.py proves they agree on the
-- labelled evaluation set and on generated texts. The name rules are those of
-- hornsten.privacy.rules (full name, strong and weak context, signature), on the same
-- words. The file is UTF-8; load it with client_encoding UTF8.

create table if not exists public.hornsten_pii_patterns (
    name text primary key,
    pattern text not null
);

create table if not exists public.hornsten_pii_names (
    name text primary key,
    lower_form text not null,
    is_first boolean not null,
    is_surname boolean not null,
    is_common_word boolean not null
);
create index if not exists hornsten_pii_names_lower_form on public.hornsten_pii_names (lower_form);

create table if not exists public.hornsten_pii_context (
    phrase text not null,
    strength text not null check (strength in ('strong', 'weak')),
    primary key (phrase, strength)
);

create table if not exists public.hornsten_pii_not_names (
    word text primary key
);

-- Which version of the data files the tables hold (a checksum), so that loading is
-- skipped when nothing changed.
create table if not exists public.hornsten_pii_reference (
    singleton boolean primary key default true check (singleton),
    checksum text not null,
    loaded_at timestamptz not null default now()
);

comment on table public.hornsten_pii_patterns is
    'Personal-data patterns of hornsten.privacy (data/detection.yml), filled by hornsten.warehouse.pii_reference.';
comment on table public.hornsten_pii_names is
    'Swedish first names and surnames (public name statistics, hornsten.privacy data/person_names.csv).';
comment on table public.hornsten_pii_context is
    'Context phrases before a name (jag heter, min son, rektor ...), in their accepted writings.';

-- Reference data, not personal data: every role that checks texts may read it.
grant select on public.hornsten_pii_patterns, public.hornsten_pii_names, public.hornsten_pii_context,
    public.hornsten_pii_not_names, public.hornsten_pii_reference to public;

create or replace function public.hornsten_pii_pattern(pattern_name text)
returns text
language sql
stable
parallel safe
as $function$
    select pattern from public.hornsten_pii_patterns where name = pattern_name
$function$;

-- Every hyphen-separated part of word is a listed first name (is_first) or surname.
create or replace function public.hornsten_pii_all_listed(word text, as_first boolean)
returns boolean
language sql
stable
parallel safe
as $function$
    select word <> '' and not exists (
        select 1
        from unnest(string_to_array(word, '-')) as part (value)
        where not exists (
            select 1 from public.hornsten_pii_names as n
            where n.name = part.value and (case when as_first then n.is_first else n.is_surname end)
        )
    )
$function$;

create or replace function public.hornsten_pii_is_surname(word text)
returns boolean
language sql
stable
parallel safe
as $function$
    select public.hornsten_pii_all_listed(word, false)
        or word ~ ('^(?:' || public.hornsten_pii_pattern('surname_like') || ')$')
$function$;

-- A listed first name or surname, also in the genitive (Annas, Svenssons).
create or replace function public.hornsten_pii_is_listed(word text)
returns boolean
language sql
stable
parallel safe
as $function$
    select public.hornsten_pii_all_listed(word, true)
        or public.hornsten_pii_all_listed(word, false)
        or (length(word) > 1 and right(word, 1) = 's' and (
            public.hornsten_pii_all_listed(left(word, -1), true)
            or public.hornsten_pii_all_listed(left(word, -1), false)))
$function$;

create or replace function public.hornsten_pii_is_common_word(word text)
returns boolean
language sql
stable
parallel safe
as $function$
    select exists (select 1 from public.hornsten_pii_names where name = word and is_common_word)
$function$;

-- The name rules of hornsten.privacy.rules on the words of t (word + the gap after it).
create or replace function public.hornsten_contains_person_name(t text)
returns boolean
language sql
stable
parallel safe
as $function$
    with

    patterns as (
        select
            '^(?:' || public.hornsten_pii_pattern('capitalised') || ')$' as capitalised,
            public.hornsten_pii_pattern('strong_gap') as strong_gap,
            public.hornsten_pii_pattern('weak_gap') as weak_gap,
            public.hornsten_pii_pattern('slash_gap') as slash_gap
    ),

    tokens as (
        select
            token.ord,
            token.match[1] as word,
            token.match[2] as gap
        from regexp_matches(t, public.hornsten_pii_pattern('word'), 'g') with ordinality as token (match, ord)
    ),

    sequence as (
        select
            ord,
            word,
            gap,
            lead(word) over w as next_word,
            -- the gap before the word; before the first word, the text up to it
            coalesce(lag(gap) over w, left(t, strpos(t, word) - 1)) as gap_before,
            lag(word, 1) over w as w1,
            lag(word, 2) over w as w2,
            lag(word, 3) over w as w3,
            lag(gap, 2) over w as g2,
            lag(gap, 3) over w as g3
        from tokens
        window w as (order by ord)
    ),

    candidates as (
        select
            sequence.*,
            word ~ patterns.capitalised as is_capitalised,
            coalesce(next_word ~ patterns.capitalised, false) as next_capitalised,
            array_remove(array[
                w1,
                case when g2 = ' ' then w2 || ' ' || w1 end,
                case when g2 = ' ' and g3 = ' ' then w3 || ' ' || w2 || ' ' || w1 end
            ], null) as phrases,
            gap_before ~ patterns.strong_gap as strong_gap_ok,
            gap_before ~ patterns.weak_gap as weak_gap_ok,
            gap_before ~ patterns.slash_gap as after_slash
        from sequence
        cross join patterns
    )

    select exists (
        select 1
        from candidates as c
        where
            -- full name: first name, one space, surname; not both everyday words
            (
                c.gap = ' ' and c.is_capitalised and c.next_capitalised
                and public.hornsten_pii_all_listed(c.word, true)
                and (
                    public.hornsten_pii_is_surname(c.next_word)
                    or (right(c.next_word, 1) = 's' and public.hornsten_pii_all_listed(left(c.next_word, -1), false))
                )
                and not (public.hornsten_pii_is_common_word(c.word) and public.hornsten_pii_is_common_word(c.next_word))
            )
            -- strong context: any capitalised word but a pronoun or the like, or a
            -- listed first name in lower case
            or (
                c.strong_gap_ok
                and exists (
                    select 1 from public.hornsten_pii_context as ctx
                    where ctx.strength = 'strong' and ctx.phrase = any(c.phrases)
                )
                and (
                    (c.is_capitalised and not exists (select 1 from public.hornsten_pii_not_names where word = c.word))
                    or exists (
                        select 1 from public.hornsten_pii_names as n
                        where n.lower_form = c.word and n.is_first and not n.is_common_word
                    )
                )
            )
            -- weak context (titles, "heter") or a signature slash: a listed name
            or (
                c.is_capitalised
                and public.hornsten_pii_is_listed(c.word)
                and (
                    c.after_slash
                    or (
                        c.weak_gap_ok
                        and exists (
                            select 1 from public.hornsten_pii_context as ctx
                            where ctx.strength = 'weak' and ctx.phrase = any(c.phrases)
                        )
                    )
                )
            )
    )
$function$;

create or replace function public.hornsten_pii_personnummer_valid(head text, separator text, tail text)
returns boolean
language plpgsql
immutable
parallel safe
as $function$
declare
    digits text;
    month integer;
    day integer;
    luhn_sum integer := 0;
    value integer;
begin
    if length(head) = 8 then
        -- '+' (over 100 years) only exists in the 10-digit form.
        if separator = '+' or left(head, 2) not in ('18', '19', '20') then
            return false;
        end if;
        head := substr(head, 3);
    elsif length(head) <> 6 then
        return false;
    end if;
    month := substr(head, 3, 2)::integer;
    day := substr(head, 5, 2)::integer;
    -- Samordningsnummer add 60 to the day.
    if month not between 1 and 12 or not (day between 1 and 31 or day between 61 and 91) then
        return false;
    end if;
    -- Luhn over YYMMDDNNNC: double every other digit from the first.
    digits := head || tail;
    for position in 1..10 loop
        value := ascii(substr(digits, position, 1)) - 48;
        if position % 2 = 1 then
            value := value * 2;
            if value > 9 then
                value := value - 9;
            end if;
        end if;
        luhn_sum := luhn_sum + value;
    end loop;
    return luhn_sum % 10 = 0;
end;
$function$;

create or replace function public.hornsten_contains_personal_data(t text)
returns boolean
language plpgsql
stable
parallel safe
as $function$
declare
    candidate text[];
begin
    if t is null or t = '' then
        return false;
    end if;
    if t ~ '[0-9]' then
        if t ~ public.hornsten_pii_pattern('phone') or t ~ public.hornsten_pii_pattern('address') then
            return true;
        end if;
        for candidate in select regexp_matches(t, public.hornsten_pii_pattern('personnummer'), 'g') loop
            if public.hornsten_pii_personnummer_valid(candidate[1], candidate[2], candidate[3]) then
                return true;
            end if;
        end loop;
    end if;
    if (strpos(t, '@') > 0 and t ~ public.hornsten_pii_pattern('email'))
       or t ~ public.hornsten_pii_pattern('email_obfuscated') then
        return true;
    end if;
    return t ~ public.hornsten_pii_pattern('name_prefilter') and public.hornsten_contains_person_name(t);
end;
$function$;

comment on function public.hornsten_contains_personal_data(text) is
    'True if the text contains a name, a street address, a personnummer/samordningsnummer (date + Luhn '
    'checked), an e-mail address (also spelled out) or a Swedish phone number. Mirrors '
    'hornsten.privacy.pseudonymise.contains_personal_data, reading the same patterns and name lists.';

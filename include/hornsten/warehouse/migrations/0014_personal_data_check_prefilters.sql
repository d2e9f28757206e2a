-- depends: 0013_transformer_without_jit
-- Issue 13: the same answers from public.hornsten_contains_personal_data, in half the
-- time (the GX checkpoint runs it over every answer of a load). Measured at 100,000
-- responses (269,000 texts): one regular expression for "may hold a name" took 7 s,
-- its three parts apart 2.2 s (the context phrases matched case-insensitively, over a
-- trie a third the size); the spelled-out e-mail pattern took 3 s on every text, and
-- 0.24 s behind at_prefilter, which 265 texts pass. Both prefilters are necessary
-- conditions of what follows them (tests/unit/test_privacy_fuzz.py).

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
    if strpos(t, '@') > 0 and t ~ public.hornsten_pii_pattern('email') then
        return true;
    end if;
    if t ~ public.hornsten_pii_pattern('at_prefilter') and t ~ public.hornsten_pii_pattern('email_obfuscated') then
        return true;
    end if;
    return (
        t ~ public.hornsten_pii_pattern('two_capitalised')
        or t ~ public.hornsten_pii_pattern('slash_capital')
        or t ~* public.hornsten_pii_pattern('name_context_folded')
    ) and public.hornsten_contains_person_name(t);
end;
$function$;

-- What a call costs, in cpu_operator_cost units: some 100 µs of regular expressions and
-- name-list lookups a text, where the default (100) says less than a microsecond. At
-- the default the planner scans a load's answers in one process; at this cost it
-- shares the scan among parallel workers (GX's check at 100,000 responses: 20 -> 11 s).
alter function public.hornsten_contains_personal_data(text) cost 10000;

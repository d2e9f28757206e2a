-- depends: 0001_warehouse
-- Personal-data detector for data-quality checks on the analytic schema.
--
-- public.hornsten_contains_personal_data(t) is true when t contains a Swedish
-- personnummer/samordningsnummer (plausible date and valid Luhn digit), an
-- e-mail address or a Swedish phone number. It mirrors
-- hornsten.privacy.contains_personal_data rule for rule - the regular
-- expressions are the same strings - so "nothing survived pseudonymisation"
-- means the same thing in Python and in SQL. Change both together;
-- tests/integration/test_personal_data_sql.py checks that they agree.
--
-- The file is UTF-8 (e-mail letters, en dash); load it with client_encoding
-- UTF8. Patterns use [0-9] and explicit letter lists rather than \d and \w,
-- whose meaning depends on the database locale.

create or replace function public.hornsten_contains_personal_data(t text)
returns boolean
language plpgsql
immutable
parallel safe
as $function$
declare
    candidate text[];
    head text;
    digits text;
    month integer;
    day integer;
    luhn_sum integer;
    value integer;
begin
    -- Every finding contains a digit or an '@'; most texts have neither.
    if t is null or t !~ '[0-9@]' then
        return false;
    end if;

    if strpos(t, '@') > 0 and t ~ '[A-Za-z0-9åäöÅÄÖæøÆØéÉüÜ._%+-]+@[A-Za-z0-9åäöÅÄÖæøÆØéÉüÜ-]+(?:\.[A-Za-z0-9åäöÅÄÖæøÆØéÉüÜ-]+)*\.[A-Za-z]{2,}' then
        return true;
    end if;

    -- Phone: +46 / 0046 / trunk 0, not inside a longer number nor after
    -- "digit-" (date tails), then area code + subscriber number with 7-9
    -- national digits in total.
    if t ~ ('(?:\+(?<![0-9]\+)(?<![0-9][-–/.]\+) ?46 ?(?:\(0\) ?)?|0(?<![0-9]0)(?<![0-9][-–/.]0)(?:0 ?46 ?(?:\(0\) ?)?)?)'
            '(?:[1-9](?: ?[-–] ?| )?[0-9](?: ?[0-9]){5,7}'
            '|[1-9][0-9](?: ?[-–] ?| )?[0-9](?: ?[0-9]){4,6}'
            '|[1-9][0-9]{2}(?: ?[-–] ?| )?[0-9](?: ?[0-9]){4,5})'
            '(?![0-9])') then
        return true;
    end if;

    -- Personnummer: the regex proposes YYMMDD or YYYYMMDD (7 is matched and
    -- rejected so the candidate at each position is unique, as in Python),
    -- an optional '-'/'+' and four digits, not inside a longer digit run.
    for candidate in
        select regexp_matches(t, '([0-9](?<![0-9]{2})[0-9]{5,7})([-+]?)([0-9]{4})(?![0-9])', 'g')
    loop
        head := candidate[1];
        if length(head) = 8 then
            -- '+' (over 100 years) only exists in the 10-digit form.
            if candidate[2] = '+' or left(head, 2) not in ('18', '19', '20') then
                continue;
            end if;
            head := substr(head, 3);
        elsif length(head) <> 6 then
            continue;
        end if;

        month := substr(head, 3, 2)::integer;
        day := substr(head, 5, 2)::integer;
        -- Samordningsnummer add 60 to the day.
        if month not between 1 and 12
           or not (day between 1 and 31 or day between 61 and 91) then
            continue;
        end if;

        -- Luhn over YYMMDDNNNC: double every other digit from the first.
        digits := head || candidate[3];
        luhn_sum := 0;
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
        if luhn_sum % 10 = 0 then
            return true;
        end if;
    end loop;

    return false;
end;
$function$;

comment on function public.hornsten_contains_personal_data(text) is
    'True if the text contains a personnummer/samordningsnummer (date + Luhn checked), '
    'an e-mail address or a Swedish phone number. Mirrors hornsten.privacy.contains_personal_data.';

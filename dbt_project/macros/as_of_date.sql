{#- The day the remiss and goal marts are computed for, as a SQL date expression:
    var('as_of_date') (YYYY-MM-DD, from HORNSTEN_AS_OF) when set — so a DAG run, a
    report or a test can be replayed for a given day — otherwise today in the
    process's time zone, not the server's (a deadline is a local calendar day). -#}
{% macro as_of_date() -%}
    {%- set value = (var('as_of_date', '') or '') | string | trim -%}
    {%- if value -%}
        {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
            {{ exceptions.raise_compiler_error("var as_of_date (HORNSTEN_AS_OF) must be a date YYYY-MM-DD, got '" ~ value ~ "'") }}
        {%- endif -%}
        date '{{ value }}'
    {%- else -%}
        (now() at time zone '{{ var("timezone") }}')::date
    {%- endif -%}
{%- endmacro %}

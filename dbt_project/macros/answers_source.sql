{#- The answers the models read: the survey source, or — for `hornsten eval` — a
    labelled answers table given as the var `eval_answers_relation`, so that the
    evaluation runs exactly the production SQL. -#}
{% macro answers_source() -%}
    {%- set relation = var('eval_answers_relation', '') -%}
    {%- if relation -%}
        {{ relation }}
    {%- else -%}
        {{ source('survey', 'survey_answers') }}
    {%- endif -%}
{%- endmacro %}

{#- USAGE on a schema for every role granted SELECT on a relation this run built in it:
    dbt's `grants` config covers tables and views, not the schemas they are in (and the
    transformer creates those schemas on the fly, one per layer and process). -#}
{% macro grant_schema_usage(results) -%}
    {%- set grantees_by_schema = {} -%}
    {%- for result in results
        if result.node.resource_type in ('model', 'seed', 'snapshot') and result.status == 'success' -%}
        {%- for grantee in (result.node.config.grants or {}).get('select', []) -%}
            {%- do grantees_by_schema.setdefault(result.node.schema, []).append(grantee) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for schema_name, grantees in grantees_by_schema.items() %}
        grant usage on schema {{ adapter.quote(schema_name) }} to {{ grantees | unique | join(', ') }};
    {%- else %}
        select 1;
    {%- endfor %}
{%- endmacro %}

{#- Incremental tagging: the per-text models of the tagging chain (int_text_words,
    int_text_term_matches, int_text_component_candidates, int_text_components) tag only
    the texts that are new or changed since the chain last ran, and forget the rows of
    texts that are gone.

    The chain's bookmark is int_tagged_texts, built last in the chain: one row per text
    version (text_id, text_hash) the chain has tagged, with the fingerprint of the
    codebook and the tagging SQL it was tagged with. A model reads it by name, not by
    ref(), because it is built after them; until a run of the whole chain succeeds the
    bookmark is not moved, so a failed run is simply tagged again by the next one.

    The rule, per model:
    * a full build (first run, --full-refresh, or the bookmark missing — `hornsten eval`
      never builds it) tags every text;
    * the fingerprint of now (int_tagging_fingerprint) differs from the bookmark's: a
      term, exclusion, place or context word changed (a seed, an approved review
      proposal), or the SQL of a tagging model did — any text may tag differently, so
      the table is emptied and every text tagged again;
    * otherwise the texts whose (text_id, text_hash) the bookmark does not hold are
      tagged (new answers, re-delivered answers with another text), after the rows of
      those and of every text no longer in int_texts (erased, re-delivered without that
      answer) are deleted.

    A model whose columns change (on_schema_change='sync_all_columns') has its table
    altered and, as its SQL changed the fingerprint, every text tagged again; a new
    column then stands last until the next `hornsten build --full-refresh`. -#}

{#- What this run of the calling model tags: a dict with `incremental` (true: only the
    texts to tag), `texts` (int_texts) and `tagged` (the bookmark's relation). -#}
{% macro tagging_scope(texts, fingerprint) %}
    {%- set scope = {'incremental': false, 'texts': texts, 'tagged': none} -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(scope) }}
    {%- endif -%}
    {%- set tagged = adapter.get_relation(database=this.database, schema=this.schema, identifier='int_tagged_texts') -%}
    {%- if tagged is none -%}
        {{ return(scope) }}
    {%- endif -%}
    {%- set same_fingerprint -%}
        select not exists (
            select from {{ tagged }} as tagged
            where tagged.tagging_fingerprint is distinct from (select fingerprint.tagging_fingerprint from {{ fingerprint }} as fingerprint)
        )
    {%- endset -%}
    {%- do scope.update({'incremental': run_query(same_fingerprint).columns[0].values()[0], 'tagged': tagged}) -%}
    {{ return(scope) }}
{% endmacro %}

{#- The ids of the texts this run tags: new, or changed since the bookmark. -#}
{% macro texts_to_tag(scope) -%}
    select texts_to_tag.text_id
    from {{ scope.texts }} as texts_to_tag
    where not exists (
        select from {{ scope.tagged }} as tagged
        where tagged.text_id = texts_to_tag.text_id and tagged.text_hash = texts_to_tag.text_hash
    )
{%- endmacro %}

{#- A where clause keeping the rows of the texts this run tags (nothing on a full build). -#}
{% macro where_text_to_tag(scope, column='text_id') -%}
    {%- if scope.incremental -%}
        where {{ column }} in ({{ texts_to_tag(scope) }})
    {%- endif -%}
{%- endmacro %}

{#- The pre-hook: before the new rows go in, the rows of the texts tagged again and of
    the texts gone are deleted (an erased text leaves nothing behind, and a changed text
    that no longer matches anything keeps no old tag); on a changed fingerprint the table
    is emptied. On a full build there is nothing to delete. -#}
{% macro forget_retagged_texts(texts, fingerprint) %}
    {%- set scope = tagging_scope(texts, fingerprint) -%}
    {%- if scope.incremental -%}
        {#- Two statements, not one with "in (…) or not exists (…)": an OR of subqueries is
            checked row by row (22 minutes for 1.9 million words of texts gone), each alone
            is one hash semi- or anti-join. -#}
        delete from {{ this }} as tagged_rows
        where tagged_rows.text_id in ({{ texts_to_tag(scope) }});
        delete from {{ this }} as tagged_rows
        where not exists (select from {{ texts }} as texts where texts.text_id = tagged_rows.text_id)
    {%- elif execute and is_incremental() -%}
        truncate {{ this }}
    {%- endif -%}
{% endmacro %}

{#- The tagging code's part of int_tagging_fingerprint: an md5 of the raw SQL of every
    model in the tagging chain and of each project macro one of them calls, so that a
    change of a precision rule or of the stemming re-tags every text. -#}
{% macro tagging_code_fingerprint() %}
    {%- set code = [] -%}
    {%- if execute -%}
        {%- set macros = [] -%}
        {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
            {%- if node.resource_type == 'model' and node.package_name == project_name and 'tagging' in node.tags -%}
                {%- do code.append(node.name ~ '=' ~ local_md5(node.raw_code)) -%}
                {%- for macro_id in node.depends_on.macros if macro_id.startswith('macro.' ~ project_name ~ '.') -%}
                    {%- do macros.append(macro_id.split('.')[-1]) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for name in macros | unique | sort -%}
            {%- do code.append(name ~ '=' ~ local_md5(context[name].macro.macro_sql)) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(local_md5(code | join(','))) }}
{% endmacro %}

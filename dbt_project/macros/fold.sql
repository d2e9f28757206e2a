{#- Lower-case and fold å/ä/ö (and a few loan letters) so that answers written
    without Swedish letters ("aldreboende", "gatubelysningen ar dalig") match. -#}
{% macro fold(expression) -%}
    translate(lower({{ expression }}), 'åäöéèëüáàâæøç', 'aaoeeeuaaaaoc')
{%- endmacro %}

{#- Folded text with every run of characters other than letters and digits turned into one space and padded
    with spaces, so phrases match at word boundaries with a plain LIKE. -#}
{% macro phrase_text(expression) -%}
    ' ' || regexp_replace({{ fold(expression) }}, '[^[:alnum:]]+', ' ', 'g') || ' '
{%- endmacro %}

{#- Snowball Swedish stem of one lower-case word, folded; null for stop words. -#}
{% macro swedish_stem(word) -%}
    {{ fold("(ts_lexize('swedish_stem', " ~ word ~ "))[1]") }}
{%- endmacro %}

{#- Lower case with å kept but ä/ö folded (and other accents dropped): the form used
    when an answer word is itself written with Swedish letters. ä/ö alternate with
    a/o in inflection (bostad–bostäder, brand–bränder, stor–större), å never does, so
    "rådhuset" must not match "radhus" nor "både" match "bad". -#}
{% macro fold_umlauts(expression) -%}
    translate(lower({{ expression }}), 'äöéèëüáàâæøç', 'aoeeeuaaaaoc')
{%- endmacro %}

-- depends: 0010_reviews
-- Issue 12, parts 3–4: the language of each free-text answer and the fingerprints that
-- group identical and near-identical answers (campaigns). Written by the loader after
-- each survey load (hornsten.survey.detection), read by dbt (the transformer). No text
-- is copied: rows are keyed by the answer and cascade from raw.survey_answers, so an
-- erased or replaced answer takes its detections with it (and a replaced answer is
-- detected again at the next load).

-- One row per answer, both results of one pass over its text: written with one COPY and
-- one foreign-key check per answer (two tables measured twice as slow at 100k answers).
create table if not exists raw.answer_detections (
    survey_id           text        not null,
    response_id         text        not null,
    question_code       text        not null,
    language            text        not null,
    language_confidence real        not null check (language_confidence between 0 and 1),
    language_method     text        not null
        check (language_method in ('swedish_words', 'short', 'lingua', 'no_letters')),
    text_hash           text        not null,
    word_count          integer     not null check (word_count >= 0),
    detected_at         timestamptz not null default now(),
    primary key (survey_id, response_id, question_code),
    foreign key (survey_id, response_id, question_code)
        references raw.survey_answers (survey_id, response_id, question_code) on delete cascade
);
create index if not exists answer_detections_text_hash on raw.answer_detections (survey_id, text_hash);
comment on table raw.answer_detections is
    'Per free-text answer: its ISO 639-1 language (und: undetermined), how it was decided and how sure; the MD5 of its normalised text (case, accents, punctuation, digits and spacing removed: equal hashes are identical answers) and its word count.';

-- MinHash LSH bands of each distinct long normalised text: texts sharing a band are
-- candidates for near-identical (a template with a name changed). Kept so that a later
-- load hashes only its new texts and finds their candidates with a join.
create table if not exists raw.text_minhash_bands (
    survey_id text   not null,
    text_hash text   not null,
    band      smallint not null,
    band_key  bigint not null,
    primary key (survey_id, text_hash, band)
);
create index if not exists text_minhash_bands_key on raw.text_minhash_bands (survey_id, band, band_key);
comment on table raw.text_minhash_bands is
    'MinHash LSH band keys (datasketch MinHash over word 3-shingles) of each distinct long normalised answer text.';

-- Near-identical texts: each distinct normalised text in a cluster points at the
-- cluster's representative (the smallest hash). Recomputed for the clusters a load touches.
create table if not exists raw.near_duplicate_texts (
    survey_id  text not null,
    text_hash  text not null,
    group_hash text not null,
    similarity real not null check (similarity between 0 and 1),
    primary key (survey_id, text_hash)
);
comment on table raw.near_duplicate_texts is
    'Distinct normalised answer texts that are near-identical to another (estimated Jaccard similarity of word 3-shingles), with their cluster''s representative hash.';

grant select, insert, update, delete on raw.answer_detections, raw.text_minhash_bands, raw.near_duplicate_texts
    to hornsten_loader;
grant select on raw.answer_detections, raw.text_minhash_bands, raw.near_duplicate_texts to hornsten_transformer;

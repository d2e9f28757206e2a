"""Each process reads its own layers of the warehouse."""

import pytest

from hornsten.warehouse.schemas import qualify, schema, scoped


def test_each_layer_of_each_process_has_its_own_schema():
    assert schema("marts", "norrkoping_vision_2035") == "marts_norrkoping_vision_2035"
    assert schema("staging", "region-ost+2030") == "staging_region_ost_2030"
    with pytest.raises(ValueError, match="unknown layer"):
        schema("raw", "x")


def test_qualify_names_the_process_schemas_and_leaves_shared_ones():
    sql = """select * from marts.cornerstones c join intermediate.int_texts t using (x)
             join staging.stg_survey__answers a using (y) join raw.load_log l using (z)
             join restricted.quarantine q using (w) join codebook.codebook_themes h using (v)
             where c.note = 'smarts.x'"""
    out = qualify(sql, "skelleftea_2030")
    assert "marts_skelleftea_2030.cornerstones" in out
    assert "intermediate_skelleftea_2030.int_texts" in out and "staging_skelleftea_2030.stg_survey__answers" in out
    assert "raw.load_log" in out and "restricted.quarantine" in out and "codebook.codebook_themes" in out
    assert "'smarts.x'" in out, "a word merely ending in a layer name is not a schema"


class _Recorder:
    def __init__(self):
        self.seen = []

    def execute(self, query, params=None):
        self.seen.append(query)
        return query

    def commit(self):
        return "committed"


def test_a_scoped_connection_rewrites_execute_and_delegates_the_rest():
    raw = _Recorder()
    conn = scoped(raw, "nykoping")
    conn.execute("select 1 from marts.goal_summary")
    assert raw.seen == ["select 1 from marts_nykoping.goal_summary"]
    assert conn.commit() == "committed"
    rescoped = scoped(conn, "skelleftea_2030")
    rescoped.execute("select 1 from marts.goal_summary")
    assert raw.seen[-1] == "select 1 from marts_skelleftea_2030.goal_summary"

"""The process configuration as the rows hornsten.warehouse.process_sync writes to raw.process_*."""

import json

from hornsten.config import load_process
from hornsten.warehouse.process_sync import TABLES, config_rows


def test_every_table_gets_rows_in_configuration_order(norrkoping):
    rows = config_rows(norrkoping)
    assert set(rows) == set(TABLES)
    assert [r[1] for r in rows["raw.process_target_groups"]] == [g.code for g in norrkoping.dialogue.target_groups]
    assert [r[-1] for r in rows["raw.process_remiss_bodies"]] == list(range(1, len(norrkoping.remiss.bodies) + 1))
    assert all(r[0] == "norrkoping_vision_2035" for table in rows.values() for r in table)


def test_goal_measures_carry_metric_params_and_unit(norrkoping):
    measures = {r[4]: r for r in config_rows(norrkoping)["raw.process_goal_measures"]}
    young = measures["unga_deltagare"]
    assert young[7] == "poll_share" and young[11] == "andel"
    assert json.loads(young[8]) == {"question": "Hur gammal är du?", "options": ["Under 25 år"]}
    assert measures["politisk_enighet"][12] is None  # manual, no value yet


def test_forums_carry_planned_meetings():
    rows = config_rows(load_process("skelleftea_2030"))["raw.process_forums"]
    planned = {r[1]: r[5] for r in rows}
    assert planned["oppna_moten"] == 10 and planned["sprakcafe"] == 1

import pytest

from hornsten.committee.population import PopulationError, age_groups, parse_age, read_scb
from hornsten.config import load_process


@pytest.fixture(scope="module")
def norrkoping():
    return load_process("norrkoping_vision_2035")


@pytest.mark.parametrize(
    "text, expected",
    [("16 år", (16, 16)), ("20-24 år", (20, 24)), ("100+ år", (100, 200)), ("totalt ålder", None), ("0 år", (0, 0))],
)
def test_parse_age(text, expected):
    assert parse_age(text) == expected


def test_age_groups_from_option_codes(norrkoping):
    groups = {g.code: (g.low, g.high) for g in age_groups(norrkoping)}
    assert groups["0-15"] == (0, 15) and groups["80+"] == (80, 200)


def test_scb_table_is_summed_into_groups(norrkoping, tmp_path):
    table = tmp_path / "scb.csv"
    table.write_text(
        '"region";"ålder";"kön";"2023"\n'
        '"0581R003 Norrköping Navestad";"16 år";"kvinnor";100\n'
        '"0581R003 Norrköping Navestad";"17 år";"kvinnor";110\n'
        '"0581R003 Norrköping Navestad";"20-24 år";"män";300\n'
        '"0581R003 Norrköping Navestad";"totalt ålder";"män";9999\n'
        '"0581R010 Norrköping Krokek";"85 år";"män";7\n'
        '"0581R010 Norrköping Krokek";"16 år";"totalt";1000\n',
        encoding="cp1252",
    )
    rows, source = read_scb(table, norrkoping)
    assert ("navestad", "16-24", "kvinna", 210) in rows
    assert ("navestad", "16-24", "man", 300) in rows
    assert ("kolmarden", "80+", "man", 7) in rows  # Krokek is an alias of Krokek/Kolmården
    assert len(rows) == 3 and source.startswith("SCB scb.csv 2023")


def test_unknown_regions_are_named(norrkoping, tmp_path):
    table = tmp_path / "scb.csv"
    table.write_text("region;ålder;kön;2023\n0581R099 Norrköping Atlantis;16 år;män;5\n", encoding="utf-8")
    with pytest.raises(PopulationError, match="match no district.*Atlantis"):
        read_scb(table, norrkoping)


def test_missing_columns(norrkoping, tmp_path):
    table = tmp_path / "scb.csv"
    table.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(PopulationError, match="expected columns region, ålder and kön"):
        read_scb(table, norrkoping)

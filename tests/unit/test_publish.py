"""The published site's parts that need no warehouse: readability (LIX), the dialogue
plan and site colour in the process configuration, the promises kept or late, what
may be quoted and counted in public, and the HTML helpers."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from hornsten.config import ConfigError, load_process, process_dir
from hornsten.config.site import contrast_ratio
from hornsten.publish import cornerstone_pages, readability, render, service, start_page
from hornsten.reports.model import Chart

NORRKOPING = load_process("norrkoping_vision_2035")
NORRKOPING_PATH = process_dir() / "norrkoping_vision_2035.yml"


def test_lix_counts_words_per_sentence_and_long_words():
    # 9 words, 2 sentences, 1 word over six letters: 9/2 + 100 * 1/9
    assert readability.lix("Jag bor i Norrköping. Det är en fin stad.") == pytest.approx(4.5 + 100 / 9)
    assert readability.lix("") == 0.0


def test_lix_does_not_end_sentences_inside_abbreviations_or_numbers():
    text = "Vi vill ha t.ex. fler parker och 2,5 km cykelväg."
    assert readability.sentences(text) == 1
    assert "2" not in readability.words(text)


def test_lix_of_official_prose_is_far_above_plain_language():
    official = (
        "Kommunstyrelsens beredning för strategiska frågor ansvarar för framtagandet av visionsdokumentet, "
        "vilket efter genomförd remissbehandling överlämnas till kommunfullmäktige för slutligt fastställande."
    )
    plain = "Vi läser alla svar. Sedan väljer politikerna det som är viktigast. Till sist tar de ett beslut."
    assert readability.lix(official) > 50 > 40 > readability.lix(plain)
    assert readability.describe(readability.lix(plain)) in {"mycket lättläst", "lättläst"}


def _config_with(tmp_path, change) -> object:
    data = yaml.safe_load(NORRKOPING_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "norrkoping_vision_2035.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_process(path)


def test_shipped_norrkoping_has_a_dialogue_plan_and_a_readable_colour():
    plan = NORRKOPING.dialogue_plan
    assert plan is not None and plan.influence == "consultation" and plan.influence_step == 2
    assert plan.decision.case_number and plan.decision.date < NORRKOPING.phase("survey").start
    assert {p.after_phase for p in plan.feedback} <= {p.code for p in NORRKOPING.phases}
    assert contrast_ratio(NORRKOPING.site.colour, "#ffffff") >= 4.5


def test_feedback_after_an_unknown_phase_is_refused_with_its_key(tmp_path):
    def change(data):
        data["dialogue_plan"]["feedback"][0]["after_phase"] = "enkat"

    with pytest.raises(ConfigError, match=r"dialogue_plan\.feedback\.0\.after_phase: 'enkat'"):
        _config_with(tmp_path, change)


def test_a_decision_after_the_survey_opened_is_refused(tmp_path):
    def change(data):
        data["dialogue_plan"]["decision"]["date"] = dt.date(2024, 4, 1)

    with pytest.raises(ConfigError, match="the decision to hold the dialogue comes first"):
        _config_with(tmp_path, change)


def test_an_unknown_influence_level_is_refused(tmp_path):
    def change(data):
        data["dialogue_plan"]["influence"] = "full_control"

    with pytest.raises(ConfigError, match=r"dialogue_plan\.influence"):
        _config_with(tmp_path, change)


def test_a_colour_too_light_for_text_on_white_is_refused_with_its_contrast(tmp_path):
    def change(data):
        data["site"]["colour"] = "#7fb2e5"

    with pytest.raises(ConfigError, match=r"site\.colour.*contrast of 2\.\d:1.*at least 4\.5:1"):
        _config_with(tmp_path, change)


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_promises_are_kept_when_the_site_covers_the_phase_and_late_when_overdue():
    survey_end = NORRKOPING.phase("survey").end
    day = NORRKOPING.phase("dialogue").end + dt.timedelta(days=60)  # past the survey's and the dialogue's promise
    found = {p.after: p for p in start_page.promises(NORRKOPING, day, covered={"survey"})}
    assert found[NORRKOPING.phase("survey").name].state == "gjort"
    assert found[NORRKOPING.phase("survey").name].due == survey_end + dt.timedelta(days=45)
    assert found[NORRKOPING.phase("dialogue").name].state == "försenat"
    assert found[NORRKOPING.phase("decision").name].state == "kommer"


def test_cornerstone_slugs_are_ascii_and_stable():
    assert cornerstone_pages.slug(2, "Trygghet & gemenskap i Åby") == "hornsten-2-trygghet-gemenskap-i-aby"


def test_small_counts_are_never_shown():
    assert cornerstone_pages.count_text(4) == "färre än 5"
    assert cornerstone_pages.count_text(0) == "färre än 5"
    assert cornerstone_pages.count_text(1234) == "1\u2009234"


def test_quotes_take_one_answer_per_component_and_skip_placeholders():
    examples = [
        {"component_label": "Parker", "example_answer": "Ring [namn] om parken"},
        {"component_label": "Parker", "example_answer": "Fler   parker nära  centrum"},
        {"component_label": "Parker", "example_answer": "Ännu en om parker"},
        {"component_label": "Cykel", "example_answer": "Bättre cykelvägar"},
    ]
    quotes = cornerstone_pages.quotes(examples)
    assert [(q.about, q.text) for q in quotes] == [
        ("Parker", "Fler parker nära centrum"),
        ("Cykel", "Bättre cykelvägar"),
    ]


def test_body_text_reads_paragraphs_and_headings_but_not_navigation_tables_or_captions():
    html = """<nav><ul><li>Start</li></ul></nav><main><h1>Rubrik</h1><p>Ett stycke.</p>
    <figure><figcaption>Diagram: lång bildtext</figcaption></figure>
    <table><tr><th>Kolumnrubrikerna</th></tr></table><ul><li>En punkt</li></ul></main><footer><p>Sidfot</p></footer>"""
    assert service.body_text(html).splitlines() == ["Rubrik", "Ett stycke.", "En punkt"]


def test_inline_svg_names_the_chart_and_keeps_ids_unique_per_chart():
    svg = '<svg width="1"><defs><clipPath id="p1"/></defs><g clip-path="url(#p1)"/></svg>'
    first = render.inline_svg(Chart("hornsten-1-a", "Ämnen", b"", svg, "alt"))
    second = render.inline_svg(Chart("hornsten-2-b", "Ämnen", b"", svg, "alt"))
    assert 'id="hornsten-1-a-p1"' in first and "url(#hornsten-1-a-p1)" in first and 'role="img"' in first
    assert 'id="hornsten-2-b-p1"' in second and 'id="p1"' not in second


def test_a_missing_logo_is_said_and_the_site_goes_out_without_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_PROCESS_DIR", str(tmp_path))
    said = []
    assert service.logo_path(NORRKOPING, said.append) is None
    assert "site.logo" in said[0] and "published without it" in said[0]

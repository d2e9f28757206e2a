"""The demo's data: the phrase bank files, a process's own sentences, and personal names from Faker."""

from __future__ import annotations

import csv
import random
import re

import pytest
from faker.providers.person.sv_SE import Provider as SwedishNames

from hornsten.config import load_process
from hornsten.demo import phrasebank
from hornsten.demo.names import PersonNames
from hornsten.warehouse.dbt import dbt_project_dir

NORRKOPING = "norrkoping_vision_2035"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty phrase-bank folder in place of data/, caches cleared before and after."""
    clear = [phrasebank.components, phrasebank.answer_parts, phrasebank.process_phrases, phrasebank.emphasis]
    for cached in clear:
        cached.cache_clear()
    monkeypatch.setattr(phrasebank, "DATA_DIR", tmp_path)
    (tmp_path / "components").mkdir()
    yield tmp_path
    for cached in clear:
        cached.cache_clear()


def _generic_texts() -> list[str]:
    texts = []
    for component in phrasebank.components().values():
        texts += [*component.wanted, *component.wanted_definite, *component.praised]
        texts += [*component.problems, *component.problems_definite]
        texts += [s for sentences in component.sentences.values() for s in sentences]
    parts = phrasebank.answer_parts()
    texts += [t for texts_ in parts.without_component.values() for t in texts_]
    texts += [t for texts_ in parts.openers.values() for t in texts_] + list(parts.closers)
    return texts


def test_the_bank_has_a_file_for_every_codebook_component():
    path = dbt_project_dir() / "seeds" / "codebook" / "codebook_components.csv"
    with path.open(encoding="utf-8") as handle:
        codebook = {row["component"] for row in csv.DictReader(handle)}
    assert set(phrasebank.components()) == codebook


def test_every_component_can_be_written_in_every_style():
    templates = phrasebank.answer_parts().term_templates
    for code, component in phrasebank.components().items():
        assert component.wanted, code
        for style in phrasebank.STYLES:
            assert component.weights[style] >= 0
            assert component.sentences.get(style) or templates[style]["wanted_indefinite"], (code, style)


def test_generic_phrases_name_no_place_of_norrkoping():
    """Place names belong in data/processes/<process>/, or every process would talk about them."""
    config = load_process(NORRKOPING)
    own = phrasebank.process_phrases(NORRKOPING).own_sentences
    names = {o.label for o in config.survey.question("district").options}
    for styles in own.values():
        for sentences in styles.values():
            for sentence in sentences:
                # Capitalised words inside a sentence are names (Strömmen, Knäppingsborg, Ostlänken).
                names |= set(re.findall(r"(?<=\s)[A-ZÅÄÖ][a-zåäöé]+", sentence))
    names -= {"Campus", "De", "Inre", "Norra", "Östra", "Sveriges"}  # also ordinary words
    text = "\n".join(_generic_texts())
    found = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", text))
    assert found == []


def test_norrkopings_own_sentences_and_details():
    own = phrasebank.process_phrases(NORRKOPING)
    assert own.area_code == "11" and own.postcode_prefix == "60"
    assert not own.generic_village_sentences
    sentences = [s for styles in own.own_sentences.values() for texts in styles.values() for s in texts]
    assert any("Knäppingsborg" in s for s in sentences) and any("Ostlänken" in s for s in sentences)
    landsbygd = phrasebank.components()["landsbygd"]
    written = own.sentences(landsbygd, "neg", own_weight=2)
    assert not any(phrasebank.VILLAGE in s for s in written)  # Norrköping names its villages itself
    assert set(own.own_sentences["landsbygd"]["neg"]) <= set(written)
    assert written.count(own.own_sentences["landsbygd"]["neg"][0]) == 2


def test_a_process_without_its_own_files_gets_the_generic_bank():
    own = phrasebank.process_phrases("skelleftea_2030")
    assert own.own_sentences == {} and own.area_code is None and own.postcode_prefix is None
    landsbygd = phrasebank.components()["landsbygd"]
    assert own.sentences(landsbygd, "neg") == list(landsbygd.sentences["neg"])
    assert any(phrasebank.VILLAGE in s for s in own.sentences(landsbygd, "neg"))


def test_a_process_without_its_own_files_writes_about_its_own_districts(tmp_path):
    from hornsten.demo.survey import generate_sample

    config = load_process("skelleftea_2030")
    result = generate_sample(config, 3000, 5, ["csv"], tmp_path)
    text = result.files[0].path.read_text(encoding="utf-8")
    districts = [o.label for o in config.survey.question("district").options]
    answers = text.split("\n", 1)[1]
    # Closed answers name the districts too: look inside the free text only ({ort}, {by}).
    mentioned = {d for d in districts if re.search(rf"(i|till|på) {re.escape(d)}\b", answers)}
    assert len(mentioned) >= 3, mentioned


def test_an_unknown_key_in_a_component_file_is_an_error(data_dir):
    (data_dir / "components" / "buss.yml").write_text(
        "weights: {pos: 1, neg: 1, fut: 1}\nwanted: {indefinite: [bussar]}\nsentenses: {pos: [bra bussar]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"buss\.yml: unknown keys \['sentenses'\]"):
        phrasebank.components()


def test_a_component_file_needs_weights_for_every_style(data_dir):
    (data_dir / "components" / "buss.yml").write_text(
        "weights: {pos: 1, neg: 1}\nwanted: {indefinite: [bussar]}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="weights"):
        phrasebank.components()


def test_own_sentences_for_an_unknown_component_are_an_error(data_dir):
    (data_dir / "components" / "buss.yml").write_text(
        "weights: {pos: 1, neg: 1, fut: 1}\nwanted: {indefinite: [bussar]}\n", encoding="utf-8"
    )
    own = data_dir / "processes" / "demo_2030"
    own.mkdir(parents=True)
    (own / "sentences.yml").write_text("spårvagn:\n  pos: [spårvagnen]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="spårvagn"):
        phrasebank.process_phrases("demo_2030")


# --- personal names -----------------------------------------------------------------


def test_names_come_from_fakers_swedish_locale():
    names = PersonNames(random.Random(1), seed=1)
    assert set(names.first_names) <= set(SwedishNames.first_names)
    assert set(names.last_names) <= set(SwedishNames.last_names)
    first, last = names.full_name().split(" ", 1)
    assert first in SwedishNames.first_names and last in SwedishNames.last_names


def test_names_are_deterministic_by_seed():
    def draw(seed: int) -> list[str]:
        rng = random.Random(seed)
        names = PersonNames.from_rng(rng)
        return [names.full_name() for _ in range(5)] + [names.email() for _ in range(5)]

    assert draw(7) == draw(7)
    assert draw(7) != draw(8)


def test_email_addresses_are_ascii_and_found_by_the_platform():
    from hornsten.privacy.pseudonymise import contains_personal_data

    names = PersonNames.from_rng(random.Random(3))
    for _ in range(300):
        address = names.email()
        assert address.isascii() and re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}", address), address
        assert contains_personal_data(f"mejla mig på {address}")


def test_sample_facilitators_are_fakers_swedish_names(tmp_path):
    from hornsten.demo import templates
    from hornsten.dialogue import template as dialogue
    from hornsten.forms.ingest import codebook_themes

    config = load_process(NORRKOPING)
    themes = codebook_themes()
    paths = templates.generate_dialogue_templates(config, themes[:5], tmp_path)
    facilitators = {dialogue.read_report(p, config, themes).facilitator for p in paths}
    assert len(facilitators) > 1
    for name in facilitators:
        first, last = name.split(" ", 1)
        assert first in SwedishNames.first_names and last in SwedishNames.last_names

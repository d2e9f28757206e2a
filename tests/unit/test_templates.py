"""The dialogue and remiss templates without a database: round trips, every validation
rule with its reason, meeting ids, and the sample templates of hornsten.demo.templates."""

from __future__ import annotations

import collections
import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook

from hornsten.config import load_process, normalise_value
from hornsten.demo import templates as ts
from hornsten.dialogue import template as dialogue
from hornsten.forms import workbook as tb
from hornsten.forms.ingest import codebook_themes
from hornsten.privacy.pseudonymise import pseudonymise_text
from hornsten.remiss import template as remiss

CORNERSTONE_CODES = ("trygghet", "stadsmiljo", "resor", "utbildning", "kultur_fritid")
HELD_ON = dt.date(2024, 10, 3)


# --- fixtures and helpers ----------------------------------------------------
@pytest.fixture(scope="module")
def norrkoping():
    return load_process("norrkoping_vision_2035")


@pytest.fixture(scope="module")
def skelleftea():
    return load_process("skelleftea_2030")


@pytest.fixture(scope="module")
def themes():
    return codebook_themes()


@pytest.fixture(scope="module")
def cornerstones(themes):
    return [t for t in themes if t.code in CORNERSTONE_CODES]


def fill(path, form_title: str, form: dict[str, object] | None = None, **tables: list[list[object]]):
    """Fill a template as a facilitator would: form values by label, table rows from row 2."""
    book = load_workbook(path)
    for row in book[form_title].iter_rows(min_row=2):
        if row[0].value in (form or {}):
            row[1].value = form[row[0].value]
    for title, rows in tables.items():
        for number, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                book[title].cell(row=number, column=column, value=value)
    book.save(path)
    return path


def meeting(
    tmp_path, config, cornerstones, name="mote.xlsx", form=None, statements=None, poll=None, forum="pensionarsradet"
):
    path = dialogue.write_template(tmp_path / name, config, cornerstones, forum=forum, held_on=HELD_ON)
    values = {"Plats": "Stadshuset, sal 3", "Antal deltagare": 23, "Samtalsledare": "Karin Boman"}
    values.update(form or {})
    tables = {
        "Synpunkter": statements
        if statements is not None
        else [["Trygghet och säkerhet", "Stöd", "Det känns tryggt att gå ute på kvällen."]],
        "Omröstning": poll if poll is not None else [["Vad tyckte du om mötet?", "Mycket bra", 12]],
    }
    return fill(path, "Möte", values, **tables)


def answer(path, received_on=dt.date(2025, 2, 20), declined="Nej", positions=None, extra_rows=()):
    """Fill a remiss template: positions by Kod -> (Ställningstagande, Kommentar)."""
    book = load_workbook(path)
    for row in book["Remissvar"].iter_rows(min_row=2):
        if row[0].value == "Datum för svaret":
            row[1].value = received_on
        elif row[0].value == "Avstår från att yttra sig":
            row[1].value = declined
    sheet = book["Ställningstaganden"]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value in (positions or {}):
            row[3].value, row[4].value = positions[row[2].value]
    for values in extra_rows:
        sheet.append(values)
    book.save(path)
    return path


def form_problem(excinfo, row: int) -> tb.Problem:
    (problem,) = [p for p in excinfo.value.problems if p.row == row]
    return problem


# --- the dialogue meeting template -------------------------------------------
def test_meeting_template_shape(tmp_path, norrkoping, cornerstones):
    path = dialogue.write_template(
        tmp_path / "mote.xlsx", norrkoping, cornerstones, forum="pensionarsradet", held_on=HELD_ON
    )
    book = load_workbook(path)
    assert book.sheetnames[0] == "Möte"
    assert {"Synpunkter", "Omröstning", "Instruktioner", "Mallinfo"} <= set(book.sheetnames)
    assert book["Mallinfo"].sheet_state == "hidden"
    info = {row[0]: row[1] for row in book["Mallinfo"].iter_rows(values_only=True)}
    assert (info["kind"], info["process"]) == ("dialogue", "norrkoping_vision_2035")
    form = {row[0]: row[1] for row in book["Möte"].iter_rows(min_row=2, values_only=True)}
    assert form["Forum eller kontor"] == "Pensionärsrådet"
    assert form["Målgrupp"] == "Äldre och pensionärer"
    assert form["Datum"].date() == HELD_ON
    headings = [c.value for c in book["Synpunkter"][1]]
    assert headings == dialogue.STATEMENT_HEADINGS
    assert [c.value for c in book["Omröstning"][1]] == dialogue.POLL_HEADINGS


def test_unknown_forum_cannot_be_prefilled(tmp_path, norrkoping, cornerstones):
    with pytest.raises(ValueError, match="unknown forum 'kvartersradet'"):
        dialogue.write_template(tmp_path / "m.xlsx", norrkoping, cornerstones, forum="kvartersradet")


def test_meeting_round_trip(tmp_path, norrkoping, themes, cornerstones):
    path = meeting(
        tmp_path,
        norrkoping,
        cornerstones,
        statements=[
            ["Trygghet och säkerhet", "Stöd", "Det känns tryggt att gå ute på kvällen."],
            ["Resor och kommunikationer", "ändring", "Fler bussar på kvällarna."],
            [dialogue.NO_CORNERSTONE, "Nytt förslag", "Mer närodlad mat i skolan."],
            [None, "nytt", "Fler bänkar i parkerna."],
            ["utbildning", "Stöd", "  Bra   skolor  "],
        ],
        poll=[
            ["Vad tyckte du om mötet?", "Mycket bra", 12],
            ["Vad tyckte du om mötet?", "Ganska bra", "8"],
            ["Hur gammal är du?", "Under 25 år", 0],
        ],
    )
    report = dialogue.read_report(path, norrkoping, themes)
    assert report.problems == []
    assert (report.forum, report.target_group, report.held_on) == ("pensionarsradet", "aldre", HELD_ON)
    assert (report.place, report.participants, report.facilitator) == ("Stadshuset, sal 3", 23, "Karin Boman")
    assert report.meeting_id == "pensionarsradet:2024-10-03:stadshuset-sal-3"
    assert [(s.number, s.cornerstone, s.stance) for s in report.statements] == [
        (2, "trygghet", "stod"),
        (3, "resor", "andring"),
        (4, None, "nytt_forslag"),
        (5, None, "nytt_forslag"),
        (6, "utbildning", "stod"),
    ]
    assert report.statements[4].text == "Bra skolor"
    assert [(p.question, p.option, p.votes, p.position) for p in report.poll] == [
        ("Vad tyckte du om mötet?", "Mycket bra", 12, 2),
        ("Vad tyckte du om mötet?", "Ganska bra", 8, 3),
        ("Hur gammal är du?", "Under 25 år", 0, 4),
    ]


def test_target_group_other_than_the_forums_and_swedish_dates(tmp_path, norrkoping, themes, cornerstones):
    path = meeting(tmp_path, norrkoping, cornerstones, form={"Målgrupp": "Barn och unga", "Datum": "3/10/2024"})
    report = dialogue.read_report(path, norrkoping, themes)
    assert (report.target_group, report.held_on) == ("barn_unga", HELD_ON)
    # Left empty: the forum's own target group.
    path = meeting(tmp_path, norrkoping, cornerstones, name="tom.xlsx", form={"Målgrupp": None})
    assert dialogue.read_report(path, norrkoping, themes).target_group == "aldre"


@pytest.mark.parametrize(
    ("label", "value", "row", "reason"),
    [
        (
            "Forum eller kontor",
            "Kvartersrådet",
            2,
            "Forum eller kontor: unknown forum or office 'Kvartersrådet'; known: ",
        ),
        ("Målgrupp", "Hundägare", 3, "Målgrupp: unknown target group 'Hundägare'"),
        ("Datum", "i höstas", 4, "Datum: 'i höstas' is not a date (write it as ÅÅÅÅ-MM-DD)"),
        ("Plats", None, 5, "Plats is empty"),
        ("Antal deltagare", -3, 6, "Antal deltagare: '-3' is not a whole number of at least 0"),
        ("Antal deltagare", "tjugo", 6, "Antal deltagare: 'tjugo' is not a number"),
        ("Antal deltagare", 12.5, 6, "Antal deltagare: '12.5' is not a whole number of at least 0"),
        ("Samtalsledare", "  ", 7, "Samtalsledare is empty"),
    ],
)
def test_a_broken_meeting_form_rejects_the_file(tmp_path, norrkoping, themes, cornerstones, label, value, row, reason):
    path = meeting(tmp_path, norrkoping, cornerstones, form={label: value})
    with pytest.raises(tb.TemplateError, match="the meeting form cannot be used") as excinfo:
        dialogue.read_report(path, norrkoping, themes)
    problem = form_problem(excinfo, row)
    assert problem.sheet == "Möte"
    assert problem.reason.startswith(reason)
    assert problem.content.startswith(label)


def test_every_form_problem_is_reported_at_once(tmp_path, norrkoping, themes, cornerstones):
    path = meeting(tmp_path, norrkoping, cornerstones, form={"Forum eller kontor": "Kvartersrådet", "Datum": "snart"})
    with pytest.raises(tb.TemplateError) as excinfo:
        dialogue.read_report(path, norrkoping, themes)
    assert [(p.sheet, p.row) for p in excinfo.value.problems] == [("Möte", 2), ("Möte", 4)]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            ["Trygghet och säkerhet", "Kanske", "Vet inte riktigt."],
            "unknown stance (Hållning) 'Kanske'; use Stöd, Ändring or Nytt förslag",
        ),
        ([None, "Stöd", "Bra bussar."], "a statement of support or change needs a cornerstone (Hörnsten)"),
        (
            [dialogue.NO_CORNERSTONE, "Ändring", "Bättre bussar."],
            "a statement of support or change needs a cornerstone (Hörnsten)",
        ),
        (["Rymdfart", "Stöd", "En rymdhamn."], "unknown cornerstone (Hörnsten) 'Rymdfart'"),
        (["Trygghet och säkerhet", "Stöd", None], "the statement text (Synpunkt) is empty"),
        (["Trygghet och säkerhet", "Stöd", "x" * 4001], "the statement is 4001 characters long; at most 4000"),
    ],
)
def test_bad_statement_rows_are_quarantined(tmp_path, norrkoping, themes, cornerstones, row, reason):
    good = ["Resor och kommunikationer", "Stöd", "Bra bussar."]
    path = meeting(tmp_path, norrkoping, cornerstones, statements=[good, row, good])
    report = dialogue.read_report(path, norrkoping, themes)
    assert [s.number for s in report.statements] == [2, 4]
    assert [(p.sheet, p.row, p.reason) for p in report.problems] == [("Synpunkter", 3, reason)]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["Vad tyckte du om mötet?", "Ganska bra", "många"], "Antal röster: 'många' is not a number"),
        (["Vad tyckte du om mötet?", "Ganska bra", -1], "Antal röster: '-1' is not a whole number of at least 0"),
        (["Vad tyckte du om mötet?", "Ganska bra", None], "the number of votes (Antal röster) is empty"),
        (
            ["Vad tyckte du om mötet?", None, 3],
            "a poll row needs both the question (Fråga) and the option (Alternativ)",
        ),
        (
            ["vad tyckte du om mötet?", "MYCKET BRA", 3],
            "the option 'MYCKET BRA' of 'vad tyckte du om mötet?' is given twice",
        ),
    ],
)
def test_bad_poll_rows_are_quarantined(tmp_path, norrkoping, themes, cornerstones, row, reason):
    good = ["Vad tyckte du om mötet?", "Mycket bra", 10]
    path = meeting(tmp_path, norrkoping, cornerstones, poll=[good, row])
    report = dialogue.read_report(path, norrkoping, themes)
    assert [(p.option, p.votes) for p in report.poll] == [("Mycket bra", 10)]
    assert [(p.sheet, p.row, p.reason) for p in report.problems] == [("Omröstning", 3, reason)]


# --- meeting ids -----------------------------------------------------------------
def test_meeting_id_is_stable():
    assert (
        dialogue.meeting_id("pensionarsradet", HELD_ON, "Medborgarhuset i Åby, sal 2")
        == "pensionarsradet:2024-10-03:medborgarhuset-i-aby-sal-2"
    )
    # Case, spaces, dashes and diacritics do not make another meeting.
    assert (
        dialogue.meeting_id("pensionarsradet", HELD_ON, "  MEDBORGARHUSET i åby – sal 2 ")
        == "pensionarsradet:2024-10-03:medborgarhuset-i-aby-sal-2"
    )
    assert dialogue.meeting_id("pensionarsradet", HELD_ON, "!!!") == "pensionarsradet:2024-10-03:plats"
    assert dialogue.meeting_id("pensionarsradet", HELD_ON, "Stadshuset") != dialogue.meeting_id(
        "pensionarsradet", HELD_ON + dt.timedelta(days=1), "Stadshuset"
    )


def test_the_same_meeting_reported_twice_has_the_same_id(tmp_path, norrkoping, themes, cornerstones):
    first = meeting(tmp_path, norrkoping, cornerstones, name="first.xlsx")
    second = meeting(
        tmp_path,
        norrkoping,
        cornerstones,
        name="second.xlsx",
        form={"Antal deltagare": 30, "Plats": "stadshuset, SAL 3"},
        statements=[["Resor och kommunikationer", "Ändring", "Fler bussar."]],
    )
    other = meeting(tmp_path, norrkoping, cornerstones, name="other.xlsx", form={"Plats": "Stadsbiblioteket"})
    ids = [dialogue.read_report(p, norrkoping, themes).meeting_id for p in (first, second, other)]
    assert ids[0] == ids[1] != ids[2]


# --- the remiss response template ------------------------------------------------
def test_remiss_template_is_prefilled(tmp_path, norrkoping, cornerstones):
    path = remiss.write_template(tmp_path / "kd.xlsx", norrkoping, cornerstones, "kd")
    book = load_workbook(path)
    form = {row[0]: row[1] for row in book["Remissvar"].iter_rows(min_row=2, values_only=True)}
    assert (form["Remissinstans"], form["Remissomgång"], form["Avstår från att yttra sig"]) == (
        "Kristdemokraterna",
        "remiss_2024",
        "Nej",
    )
    rows = [row[:3] for row in book["Ställningstaganden"].iter_rows(min_row=2, values_only=True)]
    assert rows == [(t.label, "Hörnsten", t.code) for t in cornerstones] + [
        (s.name, "Avsnitt", s.code) for s in norrkoping.remiss.sections
    ]
    with pytest.raises(ValueError, match="unknown remiss body 'grannkommunen'"):
        remiss.write_template(tmp_path / "x.xlsx", norrkoping, cornerstones, "grannkommunen")


def test_remiss_round_trip(tmp_path, norrkoping, themes, cornerstones):
    path = remiss.write_template(tmp_path / "kd.xlsx", norrkoping, cornerstones, "kd")
    answer(
        path,
        positions={
            "trygghet": ("Instämmer", "Bra att tryggheten lyfts fram."),
            "resor": ("instämmer delvis", "Hörnstenen bör också ta upp pendeltåg."),
            "utbildning": ("Instämmer inte", None),
            "helheten": ("Ingen åsikt", None),
            "uppfoljning": (None, "Vi återkommer om uppföljningen."),
        },
    )
    response = remiss.read_response(path, norrkoping, themes)
    assert (response.body, response.round, response.received_on, response.declined) == (
        "kd",
        "remiss_2024",
        dt.date(2025, 2, 20),
        False,
    )
    assert [(p.item_kind, p.item, p.position, p.comment) for p in response.positions] == [
        ("cornerstone", "trygghet", "instammer", "Bra att tryggheten lyfts fram."),
        ("cornerstone", "resor", "instammer_med_andringar", "Hörnstenen bör också ta upp pendeltåg."),
        ("cornerstone", "utbildning", "instammer_inte", ""),
        ("section", "helheten", "ingen_asikt", ""),
    ]
    # A comment without a position is not a position.
    (problem,) = response.problems
    assert (problem.sheet, problem.reason) == (
        "Ställningstaganden",
        "unknown position (Ställningstagande) ''; use Instämmer, Instämmer med ändringar, Instämmer inte, Ingen åsikt",
    )


@pytest.mark.parametrize(("declined", "expected"), [("Ja", True), ("nej", False), ("x", True), (None, False)])
def test_declined_is_yes_or_no(tmp_path, norrkoping, themes, cornerstones, declined, expected):
    path = remiss.write_template(tmp_path / "v.xlsx", norrkoping, cornerstones, "v")
    answer(path, declined=declined)
    response = remiss.read_response(path, norrkoping, themes)
    assert response.declined is expected
    assert response.positions == [] and response.problems == []


@pytest.mark.parametrize(
    ("label", "value", "reason"),
    [
        ("Avstår från att yttra sig", "Kanske", "Avstår från att yttra sig: answer Ja or Nej, not 'Kanske'"),
        ("Datum för svaret", None, "Datum för svaret is empty"),
        ("Datum för svaret", "sista februari", "Datum för svaret: 'sista februari' is not a date"),
        ("Remissinstans", "Grannkommunen", "Remissinstans: unknown value 'Grannkommunen'"),
        ("Remissomgång", "remiss_2030", "Remissomgång: unknown value 'remiss_2030'"),
    ],
)
def test_a_broken_response_form_rejects_the_file(tmp_path, norrkoping, themes, cornerstones, label, value, reason):
    path = remiss.write_template(tmp_path / "v.xlsx", norrkoping, cornerstones, "v")
    fill(path, "Remissvar", {"Datum för svaret": dt.date(2025, 2, 1), label: value})
    with pytest.raises(tb.TemplateError, match="the response form cannot be used") as excinfo:
        remiss.read_response(path, norrkoping, themes)
    (problem,) = excinfo.value.problems
    assert problem.sheet == "Remissvar"
    assert problem.reason.startswith(reason)


def test_bad_position_rows_are_quarantined(tmp_path, norrkoping, themes, cornerstones):
    path = remiss.write_template(tmp_path / "mp.xlsx", norrkoping, cornerstones, "mp")
    answer(
        path,
        positions={
            "trygghet": ("Instämmer", ""),
            "resor": ("Tja", "Osäkert."),
            "stadsmiljo": ("Instämmer", "x" * 8001),
        },
        extra_rows=[
            ["Trygghet och säkerhet", "Hörnsten", "trygghet", "Instämmer inte", "Ändrat oss."],
            ["Rymdfart", "Hörnsten", "rymdfart", "Instämmer", ""],
            ["Visionstexten", "Bilaga", "visionstext", "Instämmer", ""],
        ],
    )
    response = remiss.read_response(path, norrkoping, themes)
    assert [(p.item, p.position) for p in response.positions] == [("trygghet", "instammer")]
    reasons = {p.row: p.reason for p in response.problems}
    assert reasons[3] == "the comment is 8001 characters long; at most 8000"
    assert reasons[4] == (
        "unknown position (Ställningstagande) 'Tja'; use Instämmer, Instämmer med ändringar, "
        "Instämmer inte, Ingen åsikt"
    )
    assert reasons[10] == "'Trygghet och säkerhet' is answered twice"
    assert reasons[11].startswith("unknown part of the draft 'Rymdfart' (Typ 'Hörnsten', Kod 'rymdfart')")
    assert reasons[12].startswith("unknown part of the draft 'Visionstexten' (Typ 'Bilaga'")
    assert {p.sheet for p in response.problems} == {"Ställningstaganden"}


def test_a_renamed_cornerstone_is_still_accepted(tmp_path, norrkoping, themes, cornerstones):
    """Any codebook theme may be answered, even if it was not a cornerstone when the template was written."""
    path = remiss.write_template(tmp_path / "c.xlsx", norrkoping, cornerstones, "c")
    answer(path, extra_rows=[["Klimat och miljö", "Hörnsten", "klimat", "Instämmer", ""]])
    response = remiss.read_response(path, norrkoping, themes)
    assert [(p.item_kind, p.item) for p in response.positions] == [("cornerstone", "klimat")]


# --- the wrong file ---------------------------------------------------------------
def test_template_of_the_wrong_kind(tmp_path, norrkoping, themes, cornerstones):
    response = answer(remiss.write_template(tmp_path / "s.xlsx", norrkoping, cornerstones, "s"))
    with pytest.raises(tb.TemplateError, match="s.xlsx: this is a remiss template, not a dialogue template"):
        dialogue.read_report(response, norrkoping, themes)
    report = meeting(tmp_path, norrkoping, cornerstones)
    with pytest.raises(tb.TemplateError, match="this is a dialogue template, not a remiss template"):
        remiss.read_response(report, norrkoping, themes)


def test_template_of_another_process_names_the_inbox_it_belongs_in(
    tmp_path, norrkoping, skelleftea, themes, cornerstones, monkeypatch
):
    monkeypatch.setenv("HORNSTEN_INBOX", str(tmp_path / "inkorg"))
    path = meeting(tmp_path, skelleftea, cornerstones, forum="campus")
    with pytest.raises(tb.TemplateError) as raised:
        dialogue.read_report(path, norrkoping, themes)
    # The very folder Skellefteå's dialogue DAG reads (hornsten.paths.inbox_dir), not a shared one.
    assert str(raised.value) == (
        "mote.xlsx: the template belongs to process 'skelleftea_2030', not 'norrkoping_vision_2035'; "
        f"move it to {tmp_path}/inkorg/skelleftea_2030/dialogue/"
    )


def test_not_an_xlsx_file(tmp_path, norrkoping, themes):
    csv = tmp_path / "mote.csv"
    csv.write_text("Fält;Värde\n", encoding="utf-8")
    with pytest.raises(tb.TemplateError, match=r"mote.csv: a dialogue template must be an .xlsx file \(got .csv\)"):
        dialogue.read_report(csv, norrkoping, themes)
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(tb.TemplateError, match="trasig.xlsx: not a readable Excel workbook"):
        remiss.read_response(broken, norrkoping, themes)


def test_a_template_missing_a_sheet(tmp_path, norrkoping, themes, cornerstones):
    path = meeting(tmp_path, norrkoping, cornerstones)
    book = load_workbook(path)
    del book["Omröstning"]
    book.save(path)
    with pytest.raises(tb.TemplateError, match="sheet\\(s\\) Omröstning missing; write a fresh template"):
        dialogue.read_report(path, norrkoping, themes)


# --- the sample meeting templates --------------------------------------------------
@pytest.fixture(scope="module")
def dialogue_samples(norrkoping, cornerstones, tmp_path_factory):
    return ts.generate_dialogue_templates(norrkoping, cornerstones, tmp_path_factory.mktemp("dialogue"))


@pytest.fixture(scope="module")
def sample_reports(dialogue_samples, norrkoping, themes):
    return [dialogue.read_report(p, norrkoping, themes) for p in dialogue_samples]


def test_samples_are_deterministic_for_a_seed(dialogue_samples, norrkoping, cornerstones, tmp_path):
    again = ts.generate_dialogue_templates(norrkoping, cornerstones, tmp_path / "again")
    assert [p.name for p in again] == [p.name for p in dialogue_samples]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, dialogue_samples, strict=False))
    other = ts.generate_dialogue_templates(norrkoping, cornerstones, tmp_path / "other", seed=7)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in dialogue_samples]


def test_one_sample_per_planned_meeting_but_the_unreached_group(sample_reports, norrkoping):
    forums = norrkoping.dialogue.forums
    last_group = norrkoping.dialogue.target_groups[-1].code
    expected = [f.code for f in forums if f.target_group != last_group for _ in range(f.planned_meetings)]
    assert sorted(r.forum for r in sample_reports) == sorted(expected)
    assert last_group not in {r.target_group for r in sample_reports}
    groups = {g.code for g in norrkoping.dialogue.target_groups} - {last_group}
    assert {r.target_group for r in sample_reports} == groups
    assert len({r.meeting_id for r in sample_reports}) == len(sample_reports)


@pytest.mark.parametrize("unreached", [0, 2])
def test_the_number_of_unreached_groups_is_a_parameter(norrkoping, cornerstones, tmp_path, unreached):
    paths = ts.generate_dialogue_templates(norrkoping, cornerstones, tmp_path, unreached=unreached)
    assert len(paths) == len(norrkoping.dialogue.forums) - unreached


def test_samples_are_valid_realistic_meetings(sample_reports, norrkoping):
    phase = norrkoping.phase("dialogue")
    stances = collections.Counter()
    for report in sample_reports:
        assert report.problems == []
        assert phase.start <= report.held_on <= phase.end
        assert report.held_on.weekday() < 5
        assert 5 <= report.participants <= 40
        assert 4 <= len(report.statements) <= 12
        assert report.place and " " in report.facilitator
        for statement in report.statements:
            stances[statement.stance] += 1
            if statement.stance == "nytt_forslag":
                assert statement.cornerstone is None
            else:
                assert statement.cornerstone in CORNERSTONE_CODES
            assert "{" not in statement.text and statement.text[0].isupper()
    assert set(stances) == {"stod", "andring", "nytt_forslag"}


def test_sample_statements_come_from_the_phrase_bank_and_favour_rare_components(sample_reports):
    from hornsten.demo import phrasebank

    bank = phrasebank.components()
    local = phrasebank.process_phrases("norrkoping_vision_2035")
    by_sentence = {}
    for component, entry in bank.items():
        for style in phrasebank.STYLES:
            for sentence in local.sentences(entry, style):
                if "{" not in sentence:
                    by_sentence[normalise_value(sentence)] = component
    themes = ts.component_themes()
    components = []
    for report in sample_reports:
        for statement in report.statements:
            text = normalise_value(statement.text.replace(ts.PII_STATEMENT, "").strip().rstrip("."))
            component = by_sentence.get(text)
            if component is not None:
                components.append(component)
                if statement.cornerstone is not None:
                    assert themes[component] == statement.cornerstone
    assert len(components) >= 0.6 * sum(len(r.statements) for r in sample_reports)
    rare = {c for c, e in bank.items() if sum(e.weights.values()) <= ts.RARE_IN_SURVEY_WEIGHT}
    assert rare & set(components)


def test_one_sample_statement_has_personal_data(sample_reports):
    texts = [s.text for r in sample_reports for s in r.statements]
    with_pii = [t for t in texts if pseudonymise_text(t) != t]
    assert len(with_pii) == 1
    assert "[e-post]" in pseudonymise_text(with_pii[0])


def test_sample_polls_answer_every_poll_measure(sample_reports, norrkoping):
    measures = [m for p in norrkoping.goals.purposes for m in p.measures if m.metric == "poll_share"]
    for report in sample_reports:
        by_question = collections.defaultdict(dict)
        for result in report.poll:
            by_question[result.question][result.option] = result.votes
        assert set(by_question) == {m.params["question"] for m in measures}
        for measure in measures:
            votes = by_question[measure.params["question"]]
            assert set(measure.params["options"]) <= set(votes)
            assert 0.8 * report.participants - 1 <= sum(votes.values()) <= report.participants
        assert list(by_question["Hur gammal är du?"]) == ["Under 25 år", "25–44 år", "45–64 år", "65 år eller äldre"]
        assert list(by_question["Vad tyckte du om mötet?"]) == [
            "Mycket bra",
            "Ganska bra",
            "Ganska dåligt",
            "Mycket dåligt",
        ]


def test_samples_for_a_process_without_a_dialogue_phase(skelleftea, cornerstones, themes, tmp_path):
    paths = ts.generate_dialogue_templates(skelleftea, cornerstones, tmp_path)
    reports = [dialogue.read_report(p, skelleftea, themes) for p in paths]
    assert len(reports) == 14  # ten open meetings and four forums; the language café's group is not reached
    assert "nya_svenskar" not in {r.target_group for r in reports}
    last = skelleftea.phases[-1]
    assert all(last.start <= r.held_on <= last.end and r.problems == [] for r in reports)
    open_meetings = [r for r in reports if r.forum == "oppna_moten"]
    assert len({r.place for r in open_meetings}) == 10
    ages = {p.option for r in reports for p in r.poll if p.question == "Hur gammal är du?"}
    assert {"Under 20 år", "20–29 år"} <= ages


@pytest.mark.parametrize(
    ("configured", "bands"),
    [
        (["Under 25 år"], ["Under 25 år", "25–44 år", "45–64 år", "65 år eller äldre"]),
        (["Under 20 år", "20-29 år"], ["Under 20 år", "20-29 år", "30–44 år", "45–64 år", "65 år eller äldre"]),
        (["65 år eller äldre"], ["Under 25 år", "25–44 år", "45–64 år", "65 år eller äldre"]),
    ],
)
def test_poll_age_bands_include_the_configured_ones(configured, bands):
    assert [o for o, _ in ts.poll_options("Hur gammal är du?", configured)] == bands


def test_other_poll_options():
    assert [o for o, _ in ts.poll_options("Vad tyckte du om mötet?", ["Mycket bra"])] == ts.SATISFACTION
    assert [o for o, _ in ts.poll_options("Känner du dig hörd?", ["Ja", "Delvis"])] == ["Ja", "Delvis", "Nej"]
    assert [o for o, _ in ts.poll_options("Vilken buss tog du?", ["Linje 3"])] == ["Linje 3", "Annat"]


# --- the broken, flawed and corrected meeting samples ------------------------------------
def test_bad_sample_is_rejected_whole(norrkoping, cornerstones, themes, tmp_path):
    path = ts.bad_dialogue_template(norrkoping, cornerstones, tmp_path / "trasig.xlsx")
    with pytest.raises(tb.TemplateError) as excinfo:
        dialogue.read_report(path, norrkoping, themes)
    problems = [(p.sheet, p.row) for p in excinfo.value.problems]
    assert problems == [("Möte", 2), ("Möte", 4)]
    assert "unknown forum or office 'Kvartersrådet i Atlantis'" in excinfo.value.problems[0].reason
    assert "'nästa tisdag' is not a date" in excinfo.value.problems[1].reason


def test_flawed_sample_has_exactly_the_expected_problems(norrkoping, cornerstones, themes, tmp_path):
    path = ts.flawed_dialogue_template(norrkoping, cornerstones, tmp_path / "brister.xlsx")
    report = dialogue.read_report(path, norrkoping, themes)
    assert [(p.sheet, p.row, p.reason) for p in report.problems] == [
        ("Synpunkter", 4, "unknown stance (Hållning) 'Kanske'; use Stöd, Ändring or Nytt förslag"),
        ("Synpunkter", 6, "a statement of support or change needs a cornerstone (Hörnsten)"),
        ("Omröstning", 4, "Antal röster: 'många' is not a number"),
    ]
    assert [(p.sheet, p.row) for p in report.problems] == ts.FLAWED_ROWS
    assert [s.number for s in report.statements] == [2, 3, 5, 7]
    assert [(p.option, p.votes) for p in report.poll] == [("Mycket bra", 9), ("Ganska bra", 6), ("Mycket dåligt", 1)]
    assert report.forum == norrkoping.dialogue.forums[0].code


def test_corrected_redelivery_is_the_same_meeting(dialogue_samples, norrkoping, themes, tmp_path):
    original = tmp_path / dialogue_samples[0].name
    shutil.copy(dialogue_samples[0], original)
    corrected = ts.corrected_redelivery(original, tmp_path / "rättad.xlsx")
    before = dialogue.read_report(original, norrkoping, themes)
    after = dialogue.read_report(corrected, norrkoping, themes)
    assert corrected.name == "rättad.xlsx" and corrected.name != original.name
    assert (after.meeting_id, after.forum, after.held_on, after.place) == (
        before.meeting_id,
        before.forum,
        before.held_on,
        before.place,
    )
    assert len(after.statements) == len(before.statements) + 1
    changed = [
        (a.number, a.text) for a, b in zip(after.statements, before.statements, strict=False) if a.text != b.text
    ]
    assert changed == [(2, f"{before.statements[0].text} {ts.CORRECTION_NOTE}")]
    assert after.statements[-1].stance == "nytt_forslag" and after.problems == []
    assert original.read_bytes() != corrected.read_bytes()


# --- the sample remiss responses -----------------------------------------------------
@pytest.fixture(scope="module")
def remiss_samples(norrkoping, cornerstones, tmp_path_factory):
    return ts.generate_remiss_templates(norrkoping, cornerstones, tmp_path_factory.mktemp("remiss"))


@pytest.fixture(scope="module")
def responses(remiss_samples, norrkoping, themes):
    return [remiss.read_response(p, norrkoping, themes) for p in remiss_samples]


def test_remiss_plan(norrkoping):
    plan = ts.remiss_plan(norrkoping)
    assert plan == ts.remiss_plan(norrkoping)
    counts = collections.Counter(plan.values())
    assert counts["declined"] == 1 and counts["late"] == 2 and counts["missing"] in (2, 3)
    assert counts["on_time"] == len(norrkoping.remiss.bodies) - 3 - counts["missing"]
    assert set(plan) == {b.code for b in norrkoping.remiss.bodies}


def test_remiss_samples_follow_the_plan(responses, norrkoping):
    plan = ts.remiss_plan(norrkoping)
    round_ = norrkoping.remiss.round()
    assert sorted(r.body for r in responses) == sorted(b for b, s in plan.items() if s != "missing")
    for response in responses:
        assert response.problems == [] and response.round == round_.code
        status = plan[response.body]
        assert response.declined is (status == "declined")
        if status == "late":
            assert response.received_on > round_.deadline
        else:
            assert round_.sent <= response.received_on <= round_.deadline
        if status == "declined":
            assert response.positions == []
        else:
            assert response.positions


def test_remiss_samples_have_a_mix_of_positions_and_comments(responses, cornerstones, norrkoping):
    positions = [p for r in responses for p in r.positions]
    assert set(collections.Counter(p.position for p in positions)) == set(remiss.POSITIONS)
    items = len(cornerstones) + len(norrkoping.remiss.sections)
    answered = [len(r.positions) for r in responses if not r.declined]
    assert items - 1 in answered  # one body left a part unanswered
    changes = [p for p in positions if p.position == "instammer_med_andringar"]
    assert all(p.comment for p in changes)
    assert all(p.comment == "" for p in positions if p.position == "ingen_asikt" and p.item_kind == "cornerstone")
    with_pii = [p.comment for p in positions if pseudonymise_text(p.comment) != p.comment]
    assert len(with_pii) == 1 and "[telefon]" in pseudonymise_text(with_pii[0])


def test_remiss_samples_are_deterministic(remiss_samples, norrkoping, cornerstones, tmp_path):
    again = ts.generate_remiss_templates(norrkoping, cornerstones, tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in remiss_samples]


def test_no_remiss_samples_without_bodies(skelleftea, cornerstones, tmp_path):
    assert ts.remiss_plan(skelleftea) == {}
    assert ts.generate_remiss_templates(skelleftea, cornerstones, tmp_path) == []

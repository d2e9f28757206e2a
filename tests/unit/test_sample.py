"""Tests for hornsten.demo.survey: the sample survey exports and their ground truth."""

from __future__ import annotations

import codecs
import collections
import csv
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from hornsten.config import ProcessConfig, load_process, normalise_value
from hornsten.demo.survey import FORMATS, SampleResult, generate_sample
from hornsten.warehouse.dbt import dbt_project_dir

# The codebook the project ships (a dbt seed): every component of it must occur in the labels.
CODEBOOK = dbt_project_dir() / "seeds" / "codebook" / "codebook_components.csv"
ENCODINGS = {"csv": "utf-8", "csv-bom": "utf-8-sig", "excel-csv": "cp1252", "limesurvey": "utf-8"}
DELIMITERS = {"csv": ",", "csv-bom": ";", "excel-csv": ";", "limesurvey": ","}


# --- fixtures and helpers ----------------------------------------------------


@pytest.fixture(scope="module")
def norrkoping() -> ProcessConfig:
    return load_process("norrkoping_vision_2035")


@pytest.fixture(scope="module")
def skelleftea() -> ProcessConfig:
    return load_process("skelleftea_2030")


@pytest.fixture(scope="module")
def small(norrkoping, tmp_path_factory) -> SampleResult:
    return generate_sample(norrkoping, 500, 42, ["all"], tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="module")
def medium(norrkoping, tmp_path_factory) -> SampleResult:
    return generate_sample(norrkoping, 3000, 7, ["all"], tmp_path_factory.mktemp("medium"))


def manifest_of(result: SampleResult) -> dict:
    return json.loads(result.manifest_path.read_text(encoding="utf-8"))


def read_file(path: Path, fmt: str) -> tuple[list[str], list[list]]:
    """Heading and data rows, read the way the format demands ('' for empty cells)."""
    if fmt == "xlsx":
        workbook = load_workbook(path, read_only=True)
        try:
            rows = [["" if v is None else v for v in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
        return [str(h) for h in rows[0]], rows[1:]
    with path.open(encoding=ENCODINGS[fmt], newline="") as handle:
        rows = list(csv.reader(handle, delimiter=DELIMITERS[fmt]))
    return rows[0], rows[1:]


def layout_of(config: ProcessConfig, name: str):
    return next(layout for layout in config.survey.exports if layout.name == name)


def parse_time(config: ProcessConfig, layout, value) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        parsed = None
        for fmt in layout.timestamp_formats:
            try:
                parsed = dt.datetime.strptime(str(value).strip(), fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            return None
    return parsed.replace(tzinfo=ZoneInfo(config.timezone))


def problems(config: ProcessConfig, layout, header: list[str], row: list) -> list[str]:
    """Why a row would be rejected (an independent re-implementation of the rules)."""
    if len(row) != len(header):
        return ["column count"]
    index = {field: header.index(names[0]) for field, names in layout.columns.items()}
    found = []
    if not str(row[index["response_id"]]).strip():
        found.append("response id")
    when = parse_time(config, layout, row[index["submitted_at"]])
    start, end = config.survey_window
    if when is None:
        found.append("bad date")
    elif not start <= when < end:
        found.append("outside window")
    for question in config.survey.choice_questions:
        if question.code not in index:
            continue
        value = str(row[index[question.code]]).strip()
        if not value:
            continue
        codes = {normalise_value(k): v for k, v in layout.answer_codes.get(question.code, {}).items()}
        key = normalise_value(value)
        if key not in codes and key not in config.choice_lookups[question.code]:
            found.append(f"unknown {question.code}")
    return found


def files_by_format(result: SampleResult) -> dict[str, object]:
    return {f.format if not f.path.name.endswith("_redelivery.csv") else "redelivery": f for f in result.files}


# --- formats -------------------------------------------------------------------


def test_every_format_is_written_once_plus_one_redelivery(small):
    formats = [f.format for f in small.files]
    assert formats == [*FORMATS, "csv"]
    assert small.files[-1].path.name.endswith("_redelivery.csv")
    assert all(f.path.exists() and f.path.parent == small.manifest_path.parent for f in small.files)
    # The 500 responses are split over the five exports.
    assert sum(f.rows for f in small.files[:-1]) == 500


def test_plain_csv_is_utf8_with_commas_and_the_layout_headings(small, norrkoping):
    path = files_by_format(small)["csv"].path
    raw = path.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8)
    raw.decode("utf-8")
    header, rows = read_file(path, "csv")
    assert header == [names[0] for names in norrkoping.survey.exports[0].columns.values()]
    assert header[0] == "Svars-ID" and "Vad är det bästa med Norrköping idag?" in header
    assert len(rows) == files_by_format(small)["csv"].rows


def test_csv_bom_starts_with_bom_and_uses_semicolons(small):
    raw = files_by_format(small)["csv-bom"].path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    first_line = raw.split(b"\r\n", 1)[0].decode("utf-8-sig")
    assert first_line.count(";") == 9 and "," not in first_line
    header, rows = read_file(files_by_format(small)["csv-bom"].path, "csv-bom")
    assert header[0] == "Svars-ID"  # the BOM is not glued to the first heading
    assert len(rows) == files_by_format(small)["csv-bom"].rows


def test_excel_csv_is_windows_1252_with_crlf(small):
    sample = files_by_format(small)["excel-csv"]
    raw = sample.path.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # å/ä/ö are single bytes, as Excel writes them
    text = raw.decode("cp1252")
    assert all(letter in text for letter in "åäöÅÖ")
    assert text.split("\n", 1)[0].endswith("\r")
    header, rows = read_file(sample.path, "excel-csv")
    assert header[6] == "Hur gammal är du?"
    assert len(rows) == sample.rows
    # Every record ends in CRLF (bare LFs only occur inside quoted multi-line answers).
    assert raw.count(b"\r\n") == sample.rows + 1


def test_xlsx_opens_with_the_header_row_and_real_datetimes(small, norrkoping):
    sample = files_by_format(small)["xlsx"]
    header, rows = read_file(sample.path, "xlsx")
    assert header == [names[0] for names in norrkoping.survey.exports[0].columns.values()]
    assert len(rows) == sample.rows
    malformed_rows = {m["row_number"] for m in manifest_of(small)["files"][3]["malformed"]}
    stamps = [row[1] for number, row in enumerate(rows, start=2) if number not in malformed_rows]
    assert stamps and all(isinstance(value, dt.datetime) for value in stamps)
    # No save-time stamp in the document properties (it would break byte-for-byte determinism).
    workbook = load_workbook(sample.path, read_only=True)
    assert workbook.properties.modified == workbook.properties.created == dt.datetime(2000, 1, 1)
    workbook.close()


def test_limesurvey_export_uses_question_codes_and_answer_codes(small, norrkoping):
    sample = files_by_format(small)["limesurvey"]
    header, rows = read_file(sample.path, "limesurvey")
    assert header == ["id", "submitdate", "token", "Q01", "Q02", "Q03", "ALDER", "KON", "OMRADE", "RELATION"]
    assert sample.path.read_text(encoding="utf-8").startswith('"id","submitdate","token","Q01"')
    codes = set(layout_of(norrkoping, "limesurvey").answer_codes["age_group"])
    good = [row for row in rows if len(row) == len(header) and row[0]]
    ages = collections.Counter(row[6] for row in good)
    assert set(ages) - {""} - {"A9", "A0"} <= codes
    assert len(set(ages) & codes) >= 5
    # Districts have no answer codes in the layout: the option label is written.
    labels = {o.label for o in norrkoping.survey.question("district").options}
    assert {row[8] for row in good} - {"", "Atlantis"} <= labels
    # Tokens, where given, are machine tokens rather than e-mail addresses.
    tokens = [row[2] for row in good if row[2]]
    assert tokens and not any("@" in token for token in tokens)


def test_free_text_needs_and_survives_csv_quoting(medium):
    header, rows = read_file(files_by_format(medium)["csv"].path, "csv")
    answers = [row[i] for row in rows if len(row) == len(header) for i in (3, 4, 5)]
    assert any("\n" in a for a in answers)
    assert any("," in a for a in answers)
    assert any(";" in a for a in answers)
    assert any('"' in a for a in answers)
    empty = sum(1 for a in answers if not a)
    assert 0.03 < empty / len(answers) < 0.25  # respondents skip questions


def test_unknown_format_is_rejected(norrkoping, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        generate_sample(norrkoping, 10, 1, ["pdf"], tmp_path)


# --- determinism ---------------------------------------------------------------


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(norrkoping, tmp_path):
    first = generate_sample(norrkoping, 400, 99, ["all"], tmp_path / "a")
    second = generate_sample(norrkoping, 400, 99, ["all"], tmp_path / "b")
    other = generate_sample(norrkoping, 400, 100, ["all"], tmp_path / "c")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert len(names) == 8  # five exports, the re-delivery, labels.csv and manifest.json
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    for sample_a, sample_c in zip(first.files, other.files, strict=False):
        assert sample_a.path.read_bytes() != sample_c.path.read_bytes()
    assert [f.rows for f in first.files] == [f.rows for f in second.files]


# --- re-delivery ---------------------------------------------------------------


def test_redelivery_repeats_some_responses_identically_and_some_edited_later(small, norrkoping):
    layout = norrkoping.survey.exports[0]
    originals: dict[str, list[str]] = {}
    for sample in small.files[:-1]:
        if sample.layout != layout.name:
            continue
        _, rows = read_file(sample.path, sample.format)
        for row in rows:
            if row[0]:
                if isinstance(row[1], dt.datetime):
                    row[1] = row[1].strftime(layout.timestamp_formats[0])
                originals[str(row[0])] = [str(v) for v in row]
    redelivery = small.files[-1]
    header, rows = read_file(redelivery.path, "csv")
    repeated = [row for row in rows if row[0] in originals]
    assert len(repeated) == redelivery.redelivered > 0
    identical = [row for row in repeated if row == originals[row[0]]]
    edited = [row for row in repeated if row != originals[row[0]]]
    assert identical and edited
    for row in edited:
        before, after = parse_time(norrkoping, layout, originals[row[0]][1]), parse_time(norrkoping, layout, row[1])
        assert after > before  # the latest submission wins downstream
        assert row[3:6] != originals[row[0]][3:6]
        assert row[6:] == originals[row[0]][6:]  # same person, same closed answers
    new = [row for row in rows if row[0] and row[0] not in originals]
    assert new and all(int(row[0]) > 500 for row in new)
    entry = manifest_of(small)["files"][-1]
    assert entry["identical"] == len(identical) and entry["edited"] == len(edited)


# --- malformed rows and the survey window ---------------------------------------


@pytest.mark.parametrize("config_name", ["norrkoping_vision_2035", "skelleftea_2030"])
def test_manifest_lists_exactly_the_malformed_rows(config_name, tmp_path):
    config = load_process(config_name)
    result = generate_sample(config, 3000, 3, ["all"], tmp_path)
    manifest = manifest_of(result)
    reasons = collections.Counter()
    for sample, entry in zip(result.files, manifest["files"], strict=False):
        header, rows = read_file(sample.path, sample.format)
        found = {
            number
            for number, row in enumerate(rows, start=2)
            if problems(config, layout_of(config, sample.layout), header, row)
        }
        listed = {m["row_number"] for m in entry["malformed"]}
        assert found == listed, sample.path.name
        assert sample.malformed == len(listed) >= 1  # >= 50 rows: at least one
        assert sample.malformed <= max(1, round(sample.rows * 0.002)) + 1
        reasons.update(m["reason"] for m in entry["malformed"])
    # The reasons rotate over the files: six malformed rows, (nearly) six different reasons.
    assert len(set(reasons)) >= min(sum(reasons.values()), 7) - 1 >= 4


def test_good_rows_are_inside_the_survey_window_and_bad_ones_are_not(small, norrkoping):
    start, end = norrkoping.survey_window
    manifest = manifest_of(small)
    checked = 0
    for sample, entry in zip(small.files, manifest["files"], strict=False):
        layout = layout_of(norrkoping, sample.layout)
        header, rows = read_file(sample.path, sample.format)
        malformed = {m["row_number"]: m["reason"] for m in entry["malformed"]}
        for number, row in enumerate(rows, start=2):
            when = parse_time(norrkoping, layout, row[1])
            reason = malformed.get(number)
            if reason is None:
                assert when is not None and start <= when < end, (sample.path.name, number, row[1])
                checked += 1
            elif reason == "outside_window":
                assert when is not None and when < start - dt.timedelta(days=13)
            elif reason == "bad_date":
                assert when is None
    assert checked > 480


@pytest.mark.parametrize("size", ["small", "medium"])
def test_platform_reader_quarantines_exactly_the_listed_rows(size, request, norrkoping):
    """Cross-check with the ingest's own reader and row rules."""
    from hornsten.survey.rows import RejectedRow, RowParser, choose_layout
    from hornsten.survey.sources import open_export

    result = request.getfixturevalue(size)
    for sample, entry in zip(result.files, manifest_of(result)["files"], strict=False):
        with open_export(sample.path) as export:
            layout, mapping = choose_layout(norrkoping, export.header, sample.path.name)
            assert layout.name == sample.layout
            parser = RowParser(norrkoping, layout, mapping, export.header)
            rejected = {n for n, values in export.rows if isinstance(parser.parse(n, values), RejectedRow)}
        assert rejected == {m["row_number"] for m in entry["malformed"]}, sample.path.name


# --- demographics and timing -------------------------------------------------------


def test_respondents_skew_old_and_female_like_real_surveys(medium, norrkoping):
    header, rows = read_file(files_by_format(medium)["csv"].path, "csv")
    lookup = norrkoping.choice_lookups
    ages = collections.Counter(lookup["age_group"].get(normalise_value(r[6])) for r in rows if len(r) == len(header))
    genders = collections.Counter(lookup["gender"].get(normalise_value(r[7])) for r in rows if len(r) == len(header))
    districts = collections.Counter(
        lookup["district"].get(normalise_value(r[8])) for r in rows if len(r) == len(header)
    )
    assert ages["65-79"] + ages["80+"] > 3 * ages["16-24"]
    assert 0 < ages["0-15"] < ages["16-24"]  # a few children
    assert genders["kvinna"] > genders["man"] > 10 * genders["annat"]
    assert districts["innerstaden"] == max(districts[c] for c in districts if c)
    assert 0 < districts["utanfor_kommunen"] < districts["innerstaden"] / 2


def test_arrivals_peak_at_launch_and_after_reminders_in_local_evening_hours(norrkoping, tmp_path):
    result = generate_sample(norrkoping, 20000, 5, ["csv"], tmp_path)
    _, rows = read_file(result.files[0].path, "csv")
    malformed = {m["row_number"] for m in manifest_of(result)["files"][0]["malformed"]}
    stamps = [
        dt.datetime.strptime(r[1], "%Y-%m-%d %H:%M:%S") for n, r in enumerate(rows, start=2) if n not in malformed
    ]
    days = collections.Counter(s.date() for s in stamps)
    launch = norrkoping.phase("survey").start
    assert days[launch] == max(days.values())
    quiet = sorted(days.values())[len(days) // 2]
    assert days[launch] > 3 * quiet
    hours = collections.Counter(s.hour for s in stamps)
    assert hours[20] > 5 * hours[3]  # evenings, not nights
    # DST starts 2024-03-31 02:00 in Stockholm: nobody answers at a time that does not exist.
    assert not [s for s in stamps if s.date() == dt.date(2024, 3, 31) and s.hour == 2]


def test_progress_is_reported_every_ten_thousand_rows(norrkoping, tmp_path):
    calls: list[tuple[int, int]] = []
    generate_sample(norrkoping, 20000, 1, ["csv"], tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(10000, 20000), (20000, 20000)]


# --- answers, labels, personal data ---------------------------------------------------


def answers_by_key(result: SampleResult, config: ProcessConfig) -> dict[tuple[str, str], str]:
    """(response id, question code) -> answer text, over all files (later files win)."""
    found: dict[tuple[str, str], str] = {}
    text_codes = {q.code for q in config.survey.text_questions}
    for sample in result.files:
        layout = layout_of(config, sample.layout)
        header, rows = read_file(sample.path, sample.format)
        columns = {header.index(names[0]): field for field, names in layout.columns.items() if field in text_codes}
        for row in rows:
            if not row[0]:
                continue
            for column, code in columns.items():
                if column < len(row) and str(row[column]).strip():
                    found[(str(row[0]), code)] = str(row[column])
    return found


def test_labels_cover_every_answer_and_every_component(medium, norrkoping):
    with medium.labels_path.open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    assert list(labels[0]) == ["response_id", "question", "components"]
    keys = [(row["response_id"], row["question"]) for row in labels]
    assert len(keys) == len(set(keys))
    assert set(answers_by_key(medium, norrkoping)) == set(keys)
    used = collections.Counter(c for row in labels for c in row["components"].split(";") if c)
    with CODEBOOK.open(encoding="utf-8") as handle:
        codebook = {row["component"] for row in csv.DictReader(handle)}
    assert set(used) == codebook
    per_answer = collections.Counter(len([c for c in row["components"].split(";") if c]) for row in labels)
    assert set(per_answer) == {0, 1, 2, 3} and per_answer[1] > per_answer[3]


def test_answers_are_varied_swedish_with_noise(medium, norrkoping):
    answers = list(answers_by_key(medium, norrkoping).values())
    assert len(set(answers)) / len(answers) > 0.6
    text = "\n".join(answers)
    for word in ("cykel", "äldreboende", "belysning", "bostad", "buss", "Strömmen", "Knäppingsborg", "Ostlänken"):
        assert word.casefold() in text.casefold(), word
    plain = sum(1 for a in answers if a == a.lower())
    assert plain / len(answers) > 0.1  # no capitals, no punctuation
    assert any(a.isupper() and len(a) > 15 for a in answers)  # SHOUTING
    # Written without å/ä/ö although the words have them.
    assert any("aldreboende" in a.casefold() or " ar " in f" {a.casefold()} " for a in answers)


def test_personal_data_count_matches_the_platform_detector(medium, norrkoping):
    from hornsten.privacy.pseudonymise import contains_personal_data

    text_codes = {q.code for q in norrkoping.survey.text_questions}
    total = 0
    for sample in medium.files:
        layout = layout_of(norrkoping, sample.layout)
        header, rows = read_file(sample.path, sample.format)
        columns = [header.index(names[0]) for field, names in layout.columns.items() if field in text_codes]
        found = sum(1 for row in rows for c in columns if c < len(row) and contains_personal_data(str(row[c])))
        assert found == sample.personal_data, sample.path.name
        total += found
    answers = len(answers_by_key(medium, norrkoping))
    assert 0.001 < total / answers < 0.01


def test_respondent_ids_are_given_for_some_rows(medium):
    header, rows = read_file(files_by_format(medium)["csv"].path, "csv")
    ids = [row[2] for row in rows if len(row) == len(header)]
    share = sum(1 for value in ids if value) / len(ids)
    assert 0.3 < share < 0.5
    assert any("@" in value for value in ids) and any(value and "@" not in value for value in ids)


def test_question_styles_follow_the_wording_and_position():
    from hornsten.config import Question
    from hornsten.demo.survey.questions import question_styles as _question_styles

    def ask(*texts: str) -> list[str]:
        return _question_styles([Question(code=f"q{i}", kind="text", text=t) for i, t in enumerate(texts)])

    norrkoping = load_process("norrkoping_vision_2035").survey.text_questions
    assert _question_styles(norrkoping) == ["pos", "neg", "fut", "assoc"]
    skelleftea = load_process("skelleftea_2030").survey.text_questions
    assert _question_styles(skelleftea) == ["neg", "fut"]
    # Wording the rules do not know: today, improve, future by position, cycling.
    assert ask("Fråga ett", "Fråga två", "Fråga tre", "Fråga fyra") == ["pos", "neg", "fut", "pos"]


def test_answers_to_the_improve_question_are_complaints_and_to_today_praise(medium, norrkoping):
    header, rows = read_file(files_by_format(medium)["csv"].path, "csv")
    good = [row for row in rows if len(row) == len(header)]

    def share(column: int, words: tuple[str, ...]) -> float:
        answers = [row[column].casefold() for row in good if row[column]]
        return sum(1 for a in answers if any(w in a for w in words)) / len(answers)

    wishes = ("mer ", "bättre", "fler ", "för lite", "måste", "saknas", "behöv")
    praise = ("bra", "toppen", "gillar", "älskar", "fin", "uppskattar", "mysig")
    assert share(4, wishes) > 2 * share(3, wishes)
    assert share(3, praise) > 1.5 * share(4, praise)


# --- other processes ----------------------------------------------------------------


def test_skelleftea_works_without_limesurvey_and_without_norrkoping_places(skelleftea, tmp_path):
    result = generate_sample(skelleftea, 600, 11, ["all"], tmp_path)
    assert [f.format for f in result.files] == ["csv", "csv-bom", "excel-csv", "xlsx", "csv"]
    assert {f.layout for f in result.files} == {"motesenkat"}
    assert len(result.warnings) == 1 and "limesurvey" in result.warnings[0]
    assert manifest_of(result)["warnings"] == result.warnings
    header, rows = read_file(result.files[0].path, "csv")
    assert header == [
        "Löpnummer",
        "Datum",
        *[q.text for q in skelleftea.survey.text_questions],
        "Ålder",
        "Kön",
        "Mötesort",
        "Mötestyp",
    ]
    assert sum(f.rows for f in result.files[:-1]) == 600
    text = "\n".join(answers_by_key(result, skelleftea).values())
    for landmark in ("Strömmen", "Bråviken", "Knäppingsborg", "Ostlänken", "Norrköping", "Himmelstalund"):
        assert landmark not in text
    ages = collections.Counter(r[4] for r in rows if len(r) == len(header))
    assert ages["65 år eller äldre"] > ages["Under 20 år"]


def test_only_limesurvey_for_a_process_without_it_writes_nothing_but_warns(skelleftea, tmp_path):
    result = generate_sample(skelleftea, 100, 1, ["limesurvey"], tmp_path)
    assert result.files == [] and result.warnings
    assert manifest_of(result)["files"] == []


def test_the_2024_layout_writes_the_three_questions_as_asked_and_labels_only_those(tmp_path):
    from hornsten.survey.rows import choose_layout

    config = load_process("norrkoping_vision_2035")
    result = generate_sample(config, 300, 5, ["csv"], tmp_path, layout="enkat_2024")
    header, rows = read_file(result.files[0].path, "csv")
    assert header == [
        "Svars-ID",
        "Datum",
        "Vad tycker du är det bästa med Norrköping?",
        "Hur vill du att Norrköping ska vara i framtiden?",
        "Vad förknippar du med Norrköping?",
    ]
    assert choose_layout(config, header, "x.csv")[0].name == "enkat_2024"
    with result.labels_path.open(encoding="utf-8") as handle:
        questions = {row["question"] for row in csv.DictReader(handle)}
    assert questions == {"idag", "framtid", "forknippar"}
    # The re-delivery is in the same layout, so that it replaces what it repeats.
    redelivery = next(f for f in result.files if "redelivery" in f.path.name)
    assert read_file(redelivery.path, "csv")[0] == header
    associations = [row[4] for row in rows if len(row) == len(header) and row[4]]
    assert len(associations) > 200


def test_an_unknown_layout_is_named_with_the_ones_there_are(tmp_path):
    with pytest.raises(ValueError, match="no export layout 'enkat_1999'.*standard, enkat_2024"):
        generate_sample(load_process("norrkoping_vision_2035"), 10, 1, ["csv"], tmp_path, layout="enkat_1999")

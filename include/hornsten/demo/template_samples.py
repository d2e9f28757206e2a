"""Filled dialogue and remiss templates for demonstrations and tests.

Every file here is written the way a facilitator or a registrar would produce it:
an empty template from :func:`hornsten.dialogue.template.write_template` or
:func:`hornsten.remiss.template.write_template`, then filled in with openpyxl. So a sample
goes through exactly the validation a real delivery does.

* :func:`generate_dialogue_templates` – one filled meeting template per planned
  meeting of every forum, except the forums of the last ``unreached`` target groups
  (so the coverage mart shows a group not yet reached). Statements are Swedish
  sentences of :mod:`hornsten.demo.phrases`, so the codebook tags them; one
  statement carries an e-mail address (pseudonymisation has something to do).
* :func:`generate_remiss_templates` – responses from most remiss bodies: most on
  time, two late, one declining to answer and two or three missing altogether
  (:func:`remiss_plan` says which).
* :func:`bad_dialogue_template`, :func:`flawed_dialogue_template` and
  :func:`corrected_redelivery` – a file rejected whole, a file with three bad rows
  among good ones, and a corrected re-delivery of a meeting.

Everything is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from functools import lru_cache
from pathlib import Path

from hornsten.config import Forum, ProcessConfig, TargetGroup, normalise_value
from hornsten.demo import phrases as bank
from hornsten.demo.survey_sample import _capitalise, _close, _find_question, _municipality_name, _normalise_zip
from hornsten.dialogue import template as dialogue
from hornsten.remiss import template as remiss

# Pinned into the workbook properties so that the same content gives the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1)

PARTICIPANTS = (5, 40)
STATEMENTS = (4, 12)
# Share of a meeting's statements that are new proposals outside the cornerstones.
NEW_PROPOSAL_SHARE = 0.2
# Stance of a statement on a cornerstone, by the style of its sentence.
STYLE_WEIGHTS = {"pos": 0.4, "neg": 0.3, "fut": 0.3}
# Components the survey seldom raises (summed style weight at most this) are heard more
# often in the meetings: the "rare in survey" mart then has something to show.
RARE_IN_SURVEY_WEIGHT = 6
RARE_BOOST = 3.0

PII_STATEMENT = "Hör gärna av er till mig på b.holmgren76@exempelpost.se om ni vill veta mer."
PII_COMMENT = "Frågor om yttrandet besvaras av handläggaren, tel. 011-15 32 40."

FIRST_NAMES = (
    "Anna",
    "Erik",
    "Maria",
    "Johan",
    "Sara",
    "Lars",
    "Eva",
    "Anders",
    "Lena",
    "Mikael",
    "Emma",
    "Per",
    "Sofia",
    "Fredrik",
    "Helena",
    "Jonas",
    "Karin",
    "Ola",
    "Malin",
    "Nils",
)
LAST_NAMES = (
    "Ekvall",
    "Berglind",
    "Lindkvist",
    "Sandgren",
    "Holmér",
    "Åkerlund",
    "Nyberg",
    "Wikander",
    "Forsén",
    "Dahlgren",
    "Hedlund",
    "Sjöstrand",
    "Almqvist",
    "Strand",
    "Boman",
    "Rydén",
)

# Components a target group is likely to talk about (matched on the group's and the
# forum's code and name).
GROUP_EMPHASIS: list[tuple[tuple[str, ...], dict[str, float]]] = [
    (("ung", "barn_", "elev"), {"unga": 4, "skola": 3, "idrott_fritid": 2.5, "evenemang": 1.5}),
    (("student", "forskare", "campus"), {"hogre_utbildning": 5, "bostader": 2, "jobb": 2, "kollektivtrafik": 1.5}),
    (("äldre", "aldre", "pension"), {"aldreomsorg": 5, "vard_halsa": 3, "tillganglighet": 2.5, "kollektivtrafik": 1.5}),
    (("funktion",), {"tillganglighet": 6, "vard_halsa": 2, "kollektivtrafik": 1.5}),
    (("näringsliv", "naringsliv", "företag"), {"naringsliv": 5, "jobb": 3, "tag_pendling": 2}),
    (("landsbygd", "orter"), {"landsbygd": 5, "kollektivtrafik": 2, "lokal_mat": 3}),
    (("småbarn", "smabarn", "förskol", "forskola", "lekland"), {"forskola": 6, "gronomraden": 2, "skola": 1.5}),
    (("nya_", "nya ", "andra länder", "sprak", "språk"), {"integration": 6, "jobb": 2, "gemenskap": 2}),
    (("civilsamh", "förening"), {"delaktighet": 5, "gemenskap": 3, "kultur": 2}),
]

SATISFACTION = ["Mycket bra", "Ganska bra", "Ganska dåligt", "Mycket dåligt"]

# Remiss comments: {i} a thing wanted (indefinite), {d} the same thing (definite),
# {bd} a problem (definite), {pos}/{neg}/{fut} a citizen's sentence (quoted).
AGREE_COMMENTS = [
    "Bra att {d} lyfts fram.",
    "Vi delar invånarnas bild: ”{pos}”.",
    "Hörnstenen fångar det vi hör från verksamheten, inte minst {d}.",
]
CHANGE_COMMENTS = [
    "Hörnstenen bör också ta upp {i}.",
    "Vi föreslår ett tillägg om {i}.",
    "I dialogen framkom: ”{neg}”. Det bör synas tydligare i texten.",
    "Formuleringen bör skärpas, till exempel: ”{fut}”.",
]
DISAGREE_COMMENTS = [
    "Förslaget tar inte hänsyn till {bd}.",
    "Hörnstenen saknar {i}, vilket är avgörande för oss.",
    "Vi delar inte prioriteringen. I dialogen framkom: ”{neg}”.",
]
SECTION_COMMENTS = {
    "instammer": ["Texten är tydlig och väl förankrad i dialogen.", "Ett begripligt språk och en bra struktur."],
    "instammer_med_andringar": [
        "Texten kan kortas och bli mer konkret.",
        "Det bör framgå hur ansvaret fördelas mellan nämnderna.",
        "Texten bör också nämna {i}.",
    ],
    "instammer_inte": [
        "Förslaget är för allmänt hållet för att kunna styra verksamheten.",
        "Vi saknar en tydlig koppling till budgeten.",
    ],
    "ingen_asikt": [""],
}
# Position weights (instämmer, med ändringar, inte, ingen åsikt) by kind of body.
POSITION_WEIGHTS = {
    "parti": (0.40, 0.35, 0.18, 0.07),
    "nämnd": (0.45, 0.35, 0.05, 0.15),
    "styrelse": (0.55, 0.35, 0.05, 0.05),
    "kontor": (0.45, 0.35, 0.05, 0.15),
    "bolag": (0.35, 0.20, 0.05, 0.40),
    "övrig": (0.40, 0.30, 0.10, 0.20),
}
POSITION_CODES = list(remiss.POSITIONS)


# =============================================================== shared helpers
@lru_cache(maxsize=1)
def component_themes() -> dict[str, str]:
    """component -> theme, from the codebook seed (components of the phrase bank only)."""
    from hornsten.warehouse.dbt import dbt_project_dir

    path = dbt_project_dir() / "seeds" / "codebook" / "codebook_components.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["component"]: row["theme"] for row in csv.DictReader(handle) if row["component"] in bank.COMPONENTS}


def _window(config: ProcessConfig) -> tuple[dt.date, dt.date]:
    try:
        phase = config.phase("dialogue")
    except KeyError:
        phase = config.phases[-1]
    return phase.start, phase.end


def _districts(config: ProcessConfig) -> list[str]:
    """District labels of the survey (those inside the municipality), or the municipality's name."""
    index = _find_question(config, "district", ("bor du", "stadsdel", "område", "ort"))
    places: list[str] = []
    if index is not None:
        for option in config.survey.choice_questions[index].options:
            text = normalise_value(f"{option.code} {option.label}")
            if re.search(r"inte i|utanför|utanfor|annan kommun|övrig|ovrig", text):
                continue
            places.append(option.label)
    return places or [_municipality_name(config)]


class _Phrases:
    """Swedish sentences per component and style, with the process's place names filled in."""

    def __init__(self, config: ProcessConfig, rng: random.Random):
        self.rng = rng
        self.city = _municipality_name(config)
        self.local = config.municipality.strip().casefold() == "norrköpings kommun"
        self.places = _districts(config)
        self.villages = self.places[1:] or self.places

    def sentences(self, component: str, style: str) -> list[str]:
        entry = bank.COMPONENTS[component]
        sentences = [s for s in entry[style] if not (self.local and "{by}" in s)]
        if self.local:
            sentences += entry["nk_" + style]
        # A statement or a quoted view is a sentence, not a one-word survey answer ("Teatern").
        return [s for s in sentences if len(s.split()) >= 3] or sentences

    def fill(self, text: str) -> str:
        rng = self.rng
        text = text.replace("{stad}", self.city)
        if "{ort}" in text:
            text = text.replace("{ort}", rng.choice(self.places))
        if "{by}" in text:
            text = text.replace("{by}", rng.choice(self.villages))
        return text

    def sentence(self, component: str, style: str) -> str:
        """A hand-written sentence, capitalised and punctuated."""
        return _close(_capitalise(self.fill(self.rng.choice(self.sentences(component, style)))))

    def clause(self, component: str, style: str) -> str:
        """The same sentence as a quotable clause (no final stop)."""
        return self.sentence(component, style).rstrip(".")

    def term(self, component: str, kinds: tuple[str, ...]) -> str:
        entry = bank.COMPONENTS[component]
        for kind in kinds:
            if entry[kind]:
                return self.fill(self.rng.choice(entry[kind]))
        return self.fill(self.rng.choice(entry["gi"]))


def _save(book, path: Path) -> Path:
    """Save with pinned timestamps: the same content gives the same bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "hornsten"
    book.properties.lastModifiedBy = None
    temporary = path.with_name(path.name + ".tmp")
    book.save(temporary)
    try:
        _normalise_zip(temporary, path, {})
    finally:
        temporary.unlink()
    return path


def _fill_form(sheet, values: dict[str, object]) -> None:
    """Fill the Värde column of a Fält | Värde sheet by field label."""
    for row in sheet.iter_rows(min_row=2):
        label = row[0].value
        if label in values:
            row[1].value = values[label]


def _fill_table(sheet, rows: list[list[object]], first_row: int = 2) -> None:
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=first_row + offset, column=column, value=value)


def _fill_dialogue(
    path: Path, form: dict[str, object], statements: list[list[object]], poll: list[list[object]]
) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(path)
    _fill_form(book[dialogue.FORM], form)
    _fill_table(book[dialogue.STATEMENTS], statements)
    _fill_table(book[dialogue.POLL], poll)
    return _save(book, path)


def _facilitator(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _label(cornerstones: list[dialogue.Theme], theme: str) -> str:
    return next(t.label for t in cornerstones if t.code == theme)


# ============================================================ dialogue meetings
def _group_key(forum: Forum, group: TargetGroup | None) -> str:
    parts = [forum.code, forum.name] + ([group.code, group.name] if group else [])
    return " ".join(parts).casefold()


def _emphasis(key: str) -> dict[str, float]:
    emphasis: dict[str, float] = {}
    for words, weights in GROUP_EMPHASIS:
        if any(word in key for word in words):
            for component, factor in weights.items():
                emphasis[component] = emphasis.get(component, 1.0) * factor
    return emphasis


def _component_weight(component: str, emphasis: dict[str, float]) -> float:
    weights = bank.COMPONENTS[component]["w"]
    survey = sum(weights)
    boost = RARE_BOOST if survey <= RARE_IN_SURVEY_WEIGHT else 1.0
    # Meetings are less skewed than the survey: the square root flattens the weights.
    return survey**0.5 * boost * emphasis.get(component, 1.0)


def _meeting_days(rng: random.Random, window: tuple[dt.date, dt.date], count: int) -> list[dt.date]:
    start, end = window
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    weekdays = [d for d in days if d.weekday() < 4] or days  # meetings are held Monday to Thursday
    if count <= len(weekdays):
        return sorted(rng.sample(weekdays, count))
    return sorted(rng.choices(weekdays, k=count))


def _place(rng: random.Random, forum: Forum, key: str, city: str, district: str) -> str:
    if "campus" in key or "student" in key:
        return f"Campus {city}, sal {rng.choice('ABCK')}{rng.randint(11, 49)}"
    if "lekland" in key:
        return f"{forum.name}, {district}"
    if "språk" in key or "sprak" in key:
        return f"Biblioteket i {district}, språkcaféet"
    if "förskol" in key or "forskola" in key:
        return f"{rng.choice(['Solrosens', 'Ekbackens', 'Lärkans', 'Tallbackens'])} förskola, {district}"
    if "landsbygd" in key or "orter" in key:
        return f"{rng.choice(['Bygdegården', 'Folkets hus', 'Byagården'])} i {district}"
    if "fullmäktige" in key:
        return "Stadshuset, fullmäktigesalen"
    if "ung" in key or "barn_" in key:
        return f"{rng.choice(['Fritidsgården', 'Ungdomens hus'])} i {district}"
    if "civilsamh" in key or "förening" in key:
        return f"Föreningarnas hus, {district}"
    if "råd" in forum.name.casefold():
        return f"Stadshuset, sammanträdesrum {rng.randint(1, 9)}"
    if forum.via_office:
        return f"{forum.name}, konferensrum {rng.choice(['Eken', 'Björken', 'Linden', 'Aspen'])}"
    return f"Stadsbiblioteket, {rng.choice(['hörsalen', 'lilla salen', 'studion'])}"


def _statements(
    phrases: _Phrases, rng: random.Random, cornerstones: list[dialogue.Theme], emphasis: dict[str, float], count: int
) -> list[list[object]]:
    """Rows (Hörnsten, Hållning, Synpunkt) of one meeting."""
    themes = component_themes()
    codes = {t.code for t in cornerstones}
    inside = [c for c in themes if themes[c] in codes]
    outside = [c for c in themes if themes[c] not in codes]
    rows: list[list[object]] = []
    seen: set[str] = set()
    while len(rows) < count:
        if outside and (not inside or rng.random() < NEW_PROPOSAL_SHARE):
            component = rng.choices(outside, [_component_weight(c, emphasis) for c in outside])[0]
            style = "fut" if rng.random() < 0.7 else "neg"
            cornerstone, stance = dialogue.NO_CORNERSTONE, dialogue.STANCES["nytt_forslag"]
        else:
            component = rng.choices(inside, [_component_weight(c, emphasis) for c in inside])[0]
            style = rng.choices(list(STYLE_WEIGHTS), list(STYLE_WEIGHTS.values()))[0]
            cornerstone = _label(cornerstones, themes[component])
            stance = dialogue.STANCES["stod" if style == "pos" else "andring"]
        text = phrases.sentence(component, style)
        if text in seen:
            continue
        seen.add(text)
        rows.append([cornerstone, stance, text])
    return rows


def _poll_questions(config: ProcessConfig) -> list[tuple[str, list[str]]]:
    """(question, configured options) of every poll_share measure, questions merged."""
    questions: dict[str, list[str]] = {}
    for purpose in config.goals.purposes:
        for measure in purpose.measures:
            if measure.metric != "poll_share":
                continue
            question = str(measure.params["question"])
            options = measure.params["options"]
            options = [options] if isinstance(options, str) else list(options)
            known = questions.setdefault(question, [])
            known += [o for o in options if o not in known]
    return list(questions.items())


def _age_bands(configured: list[str]) -> list[str] | None:
    """Age bands that include the configured ones, e.g. 'Under 25 år' -> Under 25, 25–44, 45–64, 65+."""
    cuts: set[int] = set()
    for label in configured:
        numbers = [int(n) for n in re.findall(r"\d+", label)]
        low = label.casefold()
        if len(numbers) == 2:
            cuts |= {numbers[0], numbers[1] + 1}
        elif len(numbers) == 1 and ("under" in low or "yngre" in low):
            cuts.add(numbers[0] + (1 if "yngre" in low else 0))
        elif len(numbers) == 1 and ("över" in low or "äldre" in low or "+" in low):
            cuts.add(numbers[0] + (1 if "över" in low else 0))
        else:
            return None
    if not cuts:
        return None
    for standard in (25, 45, 65):  # fill in the usual bands, at least ten years wide
        if all(abs(standard - cut) >= 10 for cut in cuts):
            cuts.add(standard)
    ordered = sorted(c for c in cuts if c > 0)
    bands = [f"Under {ordered[0]} år"]
    bands += [f"{low}–{high - 1} år" for low, high in zip(ordered, ordered[1:], strict=False)]
    bands.append(f"{ordered[-1]} år eller äldre")
    spelled = {normalise_value(c): c for c in configured}
    bands = [spelled.get(normalise_value(b), b) for b in bands]
    if not set(spelled) <= {normalise_value(b) for b in bands}:
        return None
    return bands


def _merge(configured: list[str], extras: list[str]) -> list[str]:
    known = {normalise_value(o) for o in extras}
    return [o for o in configured if normalise_value(o) not in known] + extras


def poll_options(question: str, configured: list[str], group_key: str = "") -> list[tuple[str, float]]:
    """Every option of a poll question with a weight: the configured ones plus plausible others."""
    text = question.casefold()
    normalised = {normalise_value(o) for o in configured}
    if "gammal" in text or "ålder" in text:
        bands = _age_bands(configured)
        if bands:
            weights = [1.0] * len(bands)
            weights[-1] = 0.6
            if any(w in group_key for w in ("ung", "barn_", "student", "campus", "elev")):
                weights[0] = 6.0
            elif any(w in group_key for w in ("äldre", "aldre", "pension")):
                weights[-1], weights[-2] = 6.0, 2.0
            elif any(w in group_key for w in ("småbarn", "smabarn", "förskol", "forskola", "lekland")):
                weights[min(1, len(weights) - 1)] = 5.0
            return list(zip(bands, weights, strict=False))
        options = _merge(configured, ["Övriga åldrar"])
    elif "tyckte" in text or normalised & {normalise_value(o) for o in SATISFACTION}:
        options = _merge(configured, SATISFACTION)
        weights = {"mycket bra": 5.0, "ganska bra": 4.0, "ganska dåligt": 1.0, "mycket dåligt": 0.3}
        return [(o, weights.get(normalise_value(o), 1.0)) for o in options]
    elif "kvinna" in text or "kön" in text:
        options = _merge(configured, ["Kvinna", "Man", "Annat / vill inte uppge"])
        weights = {"kvinna": 5.0, "man": 4.0}
        return [(o, weights.get(normalise_value(o), 0.3)) for o in options]
    elif normalised & {"ja", "nej", "delvis"}:
        options = _merge(configured, ["Ja", "Delvis", "Nej"] if "delvis" in normalised else ["Ja", "Nej", "Vet inte"])
        weights = {"ja": 3.0, "delvis": 2.0, "nej": 1.5, "vet inte": 0.5}
        return [(o, weights.get(normalise_value(o), 1.0)) for o in options]
    else:
        options = _merge(configured, ["Annat"])
    return [(o, 1.0) for o in options]


def _poll(rng: random.Random, config: ProcessConfig, participants: int, group_key: str) -> list[list[object]]:
    """Rows (Fråga, Alternativ, Antal röster): every participant votes, or almost."""
    rows: list[list[object]] = []
    for question, configured in _poll_questions(config):
        options = poll_options(question, configured, group_key)
        total = max(participants - rng.randint(0, max(1, participants // 6)), 0)
        weights = [w * rng.uniform(0.7, 1.3) for _, w in options]
        picks = rng.choices(range(len(options)), weights, k=total)
        rows += [[question, option, picks.count(index)] for index, (option, _) in enumerate(options)]
    return rows


def sample_forums(config: ProcessConfig, unreached: int = 1) -> list[Forum]:
    """The forums that meet in the samples: all but those of the last `unreached` target groups."""
    groups = [g.code for g in config.dialogue.target_groups]
    left_out = set(groups[max(len(groups) - unreached, 0) :]) if unreached > 0 else set()
    return [f for f in config.dialogue.forums if f.target_group not in left_out and f.planned_meetings > 0]


def generate_dialogue_templates(
    config: ProcessConfig, cornerstones: list[dialogue.Theme], out_dir: Path, seed: int = 2035, unreached: int = 1
) -> list[Path]:
    """One filled meeting template per planned meeting of every forum but the unreached groups'."""
    out_dir = Path(out_dir)
    rng = random.Random(f"hornsten-dialogue:{config.process}:{seed}")
    phrases = _Phrases(config, rng)
    window = _window(config)
    groups = {g.code: g for g in config.dialogue.target_groups}
    paths: list[Path] = []
    pii_done = False
    for forum in sample_forums(config, unreached):
        group = groups.get(forum.target_group)
        key = _group_key(forum, group)
        emphasis = _emphasis(key)
        facilitator = _facilitator(rng)
        districts = rng.sample(phrases.places, len(phrases.places))
        days = _meeting_days(rng, window, forum.planned_meetings)
        used: set[str] = set()
        for index, held_on in enumerate(days):
            place = _place(rng, forum, key, phrases.city, districts[index % len(districts)])
            while dialogue.meeting_id(forum.code, held_on, place) in used:
                place = f"{place} ({index + 1})"
            used.add(dialogue.meeting_id(forum.code, held_on, place))
            participants = rng.randint(*PARTICIPANTS)
            statements = _statements(phrases, rng, cornerstones, emphasis, rng.randint(*STATEMENTS))
            if not pii_done:
                row = statements[rng.randrange(len(statements))]
                row[2] = f"{row[2]} {PII_STATEMENT}"
                pii_done = True
            suffix = f"_{index + 1}" if forum.planned_meetings > 1 else ""
            path = out_dir / f"dialog_{held_on.isoformat()}_{forum.code}{suffix}.xlsx"
            dialogue.write_template(path, config, cornerstones, forum=forum.code, held_on=held_on)
            _fill_dialogue(
                path,
                {
                    dialogue.FIELDS["place"]: place,
                    dialogue.FIELDS["participants"]: participants,
                    dialogue.FIELDS["facilitator"]: facilitator,
                },
                statements,
                _poll(rng, config, participants, key),
            )
            paths.append(path)
    return paths


def bad_dialogue_template(config: ProcessConfig, cornerstones: list[dialogue.Theme], path: Path) -> Path:
    """A meeting whose form cannot be used (unknown forum, a date that is not a date): rejected whole."""
    path = Path(path)
    dialogue.write_template(path, config, cornerstones)
    rng = random.Random(f"hornsten-bad:{config.process}")
    phrases = _Phrases(config, rng)
    statements = [[dialogue.NO_CORNERSTONE, dialogue.STANCES["nytt_forslag"], phrases.sentence("lokal_mat", "fut")]]
    if cornerstones:
        component = _first_component(cornerstones[0].code)
        statements.append([cornerstones[0].label, dialogue.STANCES["stod"], phrases.sentence(component, "pos")])
    return _fill_dialogue(
        path,
        {
            dialogue.FIELDS["forum"]: "Kvartersrådet i Atlantis",
            dialogue.FIELDS["held_on"]: "nästa tisdag",
            dialogue.FIELDS["place"]: "Stadshuset, sal 2",
            dialogue.FIELDS["participants"]: 12,
            dialogue.FIELDS["facilitator"]: "Anna Ekvall",
        },
        statements,
        [["Vad tyckte du om mötet?", "Mycket bra", 7]],
    )


def _first_component(theme: str) -> str:
    themes = component_themes()
    return next((c for c in themes if themes[c] == theme), "lokal_mat")


# Where the flawed template's bad rows are (sheet, row): see flawed_dialogue_template.
FLAWED_ROWS = [(dialogue.STATEMENTS, 4), (dialogue.STATEMENTS, 6), (dialogue.POLL, 4)]


def flawed_dialogue_template(config: ProcessConfig, cornerstones: list[dialogue.Theme], path: Path) -> Path:
    """A valid meeting with two bad statement rows and one bad poll row among good rows.

    Synpunkter row 4 has an unknown stance ('Kanske'), row 6 is support without a
    cornerstone; Omröstning row 4 has the votes 'många'. Four statements and three
    poll rows are good."""
    if not cornerstones:
        raise ValueError("the flawed sample needs at least one cornerstone")
    if not config.dialogue.forums:
        raise ValueError(f"process {config.process!r} has no dialogue forums")
    path = Path(path)
    forum = config.dialogue.forums[0]
    start, end = _window(config)
    held_on = start + dt.timedelta(days=min(10, (end - start).days))
    rng = random.Random(f"hornsten-flawed:{config.process}")
    phrases = _Phrases(config, rng)
    first, second = cornerstones[0], cornerstones[1 % len(cornerstones)]
    c1, c2 = _first_component(first.code), _first_component(second.code)
    statements = [
        [first.label, dialogue.STANCES["stod"], phrases.sentence(c1, "pos")],  # row 2
        [second.label, dialogue.STANCES["andring"], phrases.sentence(c2, "neg")],  # row 3
        [first.label, "Kanske", phrases.sentence(c1, "neg")],  # row 4: bad
        [dialogue.NO_CORNERSTONE, dialogue.STANCES["nytt_forslag"], phrases.sentence("lokal_mat", "fut")],
        [None, dialogue.STANCES["stod"], phrases.sentence(c2, "pos")],  # row 6: bad
        [second.label, dialogue.STANCES["andring"], phrases.sentence(c2, "fut")],  # row 7
    ]
    question = next((q for q, _ in _poll_questions(config) if "tyckte" in q.casefold()), "Vad tyckte du om mötet?")
    poll = [
        [question, "Mycket bra", 9],
        [question, "Ganska bra", 6],
        [question, "Ganska dåligt", "många"],
        [question, "Mycket dåligt", 1],
    ]
    dialogue.write_template(path, config, cornerstones, forum=forum.code, held_on=held_on)
    return _fill_dialogue(
        path,
        {
            dialogue.FIELDS["place"]: "Kulturhuset, lilla salen",
            dialogue.FIELDS["participants"]: 18,
            dialogue.FIELDS["facilitator"]: "Malin Sjöstrand",
        },
        statements,
        poll,
    )


CORRECTION_NOTE = "Förtydligat i efterhand av samtalsledaren."


def corrected_redelivery(path: Path, out_path: Path) -> Path:
    """A corrected copy of a filled meeting template under a new name: the first statement's
    text changed, one new proposal added; forum, date and place unchanged (same meeting)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book[dialogue.STATEMENTS]
    filled = [row for row in range(2, sheet.max_row + 1) if sheet.cell(row=row, column=3).value not in (None, "")]
    if not filled:
        raise ValueError(f"{Path(path).name}: no statement to correct")
    cell = sheet.cell(row=filled[0], column=3)
    cell.value = f"{str(cell.value).rstrip()} {CORRECTION_NOTE}"
    added = next(s for s in bank.COMPONENTS["lokal_mat"]["fut"] if "{" not in s)
    _fill_table(
        sheet,
        [[dialogue.NO_CORNERSTONE, dialogue.STANCES["nytt_forslag"], _close(_capitalise(added))]],
        first_row=filled[-1] + 1,
    )
    return _save(book, Path(out_path))


# =================================================================== remiss
def remiss_plan(config: ProcessConfig, seed: int = 2035, round_code: str | None = None) -> dict[str, str]:
    """body code -> 'on_time' | 'late' | 'declined' | 'missing' for the remiss samples.

    One body declines (a company if there is one), two or three send nothing (not
    the parties, when that can be helped), two answer after the deadline."""
    bodies = list(config.remiss.bodies)
    if not bodies or not config.remiss.rounds:
        return {}
    round_ = config.remiss.round(round_code)
    rng = random.Random(f"hornsten-remiss-plan:{config.process}:{round_.code}:{seed}")
    order = rng.sample(bodies, len(bodies))
    count = len(order)
    plan = {b.code: "on_time" for b in bodies}
    if count < 2:
        return plan
    declined = next((b for b in order if b.kind == "bolag"), order[0])
    plan[declined.code] = "declined"
    missing = min(rng.choice([2, 3]), max(count - 3, 0))
    candidates = [b for b in order if plan[b.code] == "on_time"]
    candidates.sort(key=lambda b: b.kind == "parti")  # stable: non-parties first, in shuffled order
    for body in candidates[:missing]:
        plan[body.code] = "missing"
    late = min(2, max(sum(1 for s in plan.values() if s == "on_time") - 1, 0))
    for body in [b for b in order if plan[b.code] == "on_time"][:late]:
        plan[body.code] = "late"
    return plan


def _theme_components(theme: str) -> list[str]:
    themes = component_themes()
    return [c for c in themes if themes[c] == theme]


def _comment(phrases: _Phrases, rng: random.Random, position: str, kind: str, item: str) -> str:
    components = _theme_components(item) if kind == "cornerstone" else []
    if not components:
        if kind == "section":
            template = rng.choice(SECTION_COMMENTS[position])
            components = list(component_themes())
        else:
            return ""
    else:
        if position == "ingen_asikt":
            return ""
        if position == "instammer" and rng.random() < 0.5:
            return ""
        template = rng.choice(
            {
                "instammer": AGREE_COMMENTS,
                "instammer_med_andringar": CHANGE_COMMENTS,
                "instammer_inte": DISAGREE_COMMENTS,
            }[position]
        )
    component = rng.choice(components)
    values = {
        "{i}": lambda: phrases.term(component, ("gi",)),
        "{d}": lambda: phrases.term(component, ("gd", "gi")),
        "{bd}": lambda: phrases.term(component, ("bd", "gd")),
        "{pos}": lambda: phrases.clause(component, "pos"),
        "{neg}": lambda: phrases.clause(component, "neg"),
        "{fut}": lambda: phrases.clause(component, "fut"),
    }
    for slot, value in values.items():
        if slot in template:
            template = template.replace(slot, value())
    return template


def generate_remiss_templates(
    config: ProcessConfig,
    cornerstones: list[dialogue.Theme],
    out_dir: Path,
    seed: int = 2035,
    round_code: str | None = None,
) -> list[Path]:
    """Filled response templates from the bodies of the round, following :func:`remiss_plan`."""
    plan = remiss_plan(config, seed, round_code)
    if not plan:
        return []
    out_dir = Path(out_dir)
    round_ = config.remiss.round(round_code)
    rng = random.Random(f"hornsten-remiss:{config.process}:{round_.code}:{seed}")
    phrases = _Phrases(config, rng)
    parts = remiss.items(config, cornerstones)
    span = max((round_.deadline - round_.sent).days, 1)
    paths: list[Path] = []
    unanswered_done = pii_done = False
    for body in config.remiss.bodies:
        status = plan[body.code]
        if status == "missing":
            continue
        if status == "late":
            received = round_.deadline + dt.timedelta(days=rng.randint(3, 20))
        else:  # most answer in the last weeks before the deadline
            received = round_.deadline - dt.timedelta(days=min(int(rng.expovariate(1 / 8)), span - 1))
        answers: dict[tuple[str, str], tuple[str, str]] = {}
        if status != "declined":
            leaning = rng.uniform(0.6, 1.6)  # some bodies are more critical than others
            weights = list(POSITION_WEIGHTS.get(body.kind, POSITION_WEIGHTS["övrig"]))
            weights[1] *= leaning
            weights[2] *= leaning**2
            for kind, code, _ in parts:
                position = rng.choices(POSITION_CODES, weights)[0]
                answers[(kind, code)] = (position, _comment(phrases, rng, position, kind, code))
            if status == "on_time" and not unanswered_done and len(parts) > 1:
                answers.pop((parts[-1][0], parts[-1][1]))  # one item left unanswered
                unanswered_done = True
            if status == "on_time" and not pii_done and answers:
                key = next((k for k, (_, c) in answers.items() if c), next(iter(answers)))
                position, comment = answers[key]
                answers[key] = (position, f"{comment} {PII_COMMENT}".strip())
                pii_done = True
        path = out_dir / f"remissvar_{round_.code}_{body.code}.xlsx"
        remiss.write_template(path, config, cornerstones, body.code, round_.code)
        _fill_remiss(path, received, status == "declined", answers)
        paths.append(path)
    return paths


def _fill_remiss(
    path: Path, received: dt.date, declined: bool, answers: dict[tuple[str, str], tuple[str, str]]
) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(path)
    _fill_form(
        book[remiss.FORM],
        {
            remiss.FIELDS["received_on"]: received,
            remiss.FIELDS["declined"]: "Ja" if declined else "Nej",
        },
    )
    sheet = book[remiss.POSITIONS_SHEET]
    kinds = {label: code for code, label in remiss.ITEM_KINDS.items()}
    for row in sheet.iter_rows(min_row=2):
        key = (kinds.get(row[1].value), row[2].value)
        if key in answers:
            position, comment = answers[key]
            row[3].value = remiss.POSITIONS[position]
            row[4].value = comment or None
    return _save(book, path)

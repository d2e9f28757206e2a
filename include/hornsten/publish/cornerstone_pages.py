"""One page per cornerstone: what it is made of, how many wrote about it (with and
without weighting), a few of the answers, and what the dialogue and the remiss said.

Counts under five are never shown (written "färre än 5"); the example answers are
pseudonymised in the warehouse (names, addresses, numbers replaced) before any mart
sees them."""

from __future__ import annotations

import re
import unicodedata

from hornsten.publish.model import Block, Page, Quote
from hornsten.reports import charts
from hornsten.reports.model import KeyFigure, Section, Table
from hornsten.reports.safety import MIN_GROUP_SIZE, number_text, share_text
from hornsten.reports.wording import join_sv

QUOTES = 6  # at most, one per component
# Answers still carrying a placeholder for removed personal data read badly as quotes.
_PLACEHOLDER = re.compile(r"\[[a-zåäö -]+\]")
POSITION_LABELS = (
    ("instammer", "Håller med"),
    ("instammer_med_andringar", "Håller med, med ändringar"),
    ("instammer_inte", "Håller inte med"),
    ("ingen_asikt", "Ingen åsikt"),
)


def slug(rank: int, label: str) -> str:
    """'hornsten-1-trygghet-och-gemenskap': stable, readable, ASCII only."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return f"hornsten-{rank}-{words}"[:80].rstrip("-")


def count_text(count: int | None) -> str:
    """A count as shown to the public: small ones hidden."""
    if count is None:
        return "–"
    return number_text(count) if count >= MIN_GROUP_SIZE else f"färre än {MIN_GROUP_SIZE}"


def build(cornerstone: dict, total: int, components: list[dict], examples: list[dict], dialogue, remiss) -> Page:
    """`components`: the theme's rows of marts.component_shares (all respondents);
    `examples`: its rows of marts.cornerstone_trace; `dialogue`: its row of
    marts.dialogue_compilation or None; `remiss`: {position: answers} of the latest round."""
    label = cornerstone["theme_label"]
    shown = [c for c in components if (c["respondents_mentioning"] or 0) >= MIN_GROUP_SIZE]
    names = [c["component_label"] for c in shown]
    lead = f"{label} är hörnsten {cornerstone['cornerstone_rank']} av {total} i visionen."
    if names:
        lead += f" Den handlar om {join_sv([n[0].lower() + n[1:] if n[1:2].islower() else n for n in names[:4]])}."
    blocks = [
        _size_block(cornerstone),
        _chosen_block(cornerstone),
        _components_block(cornerstone["slug"], label, shown),
        _quotes_block(examples),
        _dialogue_block(dialogue),
        _remiss_block(remiss),
    ]
    return Page(
        slug=cornerstone["slug"],
        title=label,
        nav_title=label,
        lead=lead,
        blocks=[b for b in blocks if b is not None],
    )


def _size_block(cornerstone: dict) -> Block:
    section = Section("Så många skrev om det")
    mentioning = cornerstone["respondents_mentioning"]
    if mentioning is None or mentioning < MIN_GROUP_SIZE:
        section.paragraphs.append(f"Färre än {MIN_GROUP_SIZE} personer skrev om det i enkäten.")
        return Block(section)
    share = share_text(cornerstone["citizen_share"])
    weighted = share_text(cornerstone["citizen_weighted_share"])
    section.key_figures = [
        KeyFigure("skrev om det", share, f"{count_text(mentioning)} personer"),
        KeyFigure("omräknat efter befolkningen", weighted, "viktat"),
    ]
    section.paragraphs.append(
        f"{share} av dem som svarade skrev om det. Alla grupper svarade inte lika mycket. Vi räknade därför om "
        f"svaren så att ålder, kön och område väger som i befolkningen. Då blir det {weighted}."
    )
    return Block(section)


def _chosen_block(cornerstone: dict) -> Block | None:
    """How the three inputs chose it, and where it would have been without each (plain language)."""
    weights = {k: float(cornerstone.get(f"{k}_weight") or 0) for k in ("salience", "priority", "committee")}
    ranked = cornerstone.get("citizen_priority") is not None and weights["priority"] > 0
    if not ranked:
        return None
    total = sum(weights.values()) or 1
    percent = {k: round(100 * w / total) for k, w in weights.items()}
    section = Section("Så valdes den")
    section.paragraphs.append(
        f"Tre saker avgjorde. Hur många som skrev om det i enkäten vägde {percent['salience']} procent. "
        f"Hur högt ni satte det när ni fick rangordna vägde {percent['priority']} procent. "
        f"Vad politikerna tyckte vägde {percent['committee']} procent."
    )
    top3 = cornerstone.get("priority_share_top3")
    if top3 is not None and (cornerstone.get("priority_residents") or 0) >= MIN_GROUP_SIZE:
        section.paragraphs.append(
            f"{count_text(cornerstone['priority_residents'])} personer rangordnade. "
            f"{share_text(top3)} satte det bland sina tre viktigaste."
        )
    rank = cornerstone["cornerstone_rank"]
    names = {"salience": "det ni skrev", "priority": "er rangordning", "committee": "politikernas röst"}
    for key, name in names.items():
        without = cornerstone.get(f"rank_without_{key}")
        if without is None or without == rank:
            continue
        section.paragraphs.append(f"Utan {name} hade det kommit på plats {without} i stället för plats {rank}.")
    return Block(section)


def _components_block(key: str, label: str, shown: list[dict]) -> Block | None:
    if not shown:
        return None
    section = Section("Det här ingår")
    section.paragraphs.append(
        "Hörnstenen bygger på de här ämnena. Ett svar kan ta upp flera ämnen, så andelarna blir mer än 100 % "
        "tillsammans."
    )
    section.charts.append(
        charts.horizontal_bars(
            key,
            f"Ämnen i {label.lower() if label[1:2].islower() else label} (andel av de svarande, viktat)",
            [c["component_label"] for c in shown],
            [float(c["weighted_share"] or 0) for c in shown],
        )
    )
    section.tables.append(
        Table(
            sheet="Ämnen",
            title=f"Ämnen i hörnstenen {label}",
            columns=["Ämne", "Personer", "Andel", "Andel, viktat"],
            rows=[
                (
                    c["component_label"],
                    count_text(c["respondents_mentioning"]),
                    share_text(c["share"]),
                    share_text(c["weighted_share"]),
                )
                for c in shown
            ],
            show_rows=len(shown),
        )
    )
    return Block(section)


def quotes(examples: list[dict]) -> list[Quote]:
    """One answer per component, the first without a personal-data placeholder."""
    chosen: dict[str, Quote] = {}
    for example in examples:
        text = " ".join((example["example_answer"] or "").split())
        if example["component_label"] in chosen or not text or _PLACEHOLDER.search(text):
            continue
        chosen[example["component_label"]] = Quote(text, example["component_label"])
    return list(chosen.values())[:QUOTES]


def _quotes_block(examples: list[dict]) -> Block | None:
    found = quotes(examples)
    if not found:
        return None
    section = Section("Så skrev några av er")
    section.paragraphs.append(
        "Här är några svar från enkäten. Vi har tagit bort namn och annat som visar vem som skrev."
    )
    return Block(section, quotes=found)


def _dialogue_block(row: dict | None) -> Block | None:
    section = Section("Vad sa dialogmötena?")
    if not row or not row["statements"]:
        return None
    statements = row["statements"]
    parts = [row["support"] or 0, row["change"] or 0, row["new_proposal"] or 0]
    if statements < MIN_GROUP_SIZE:
        section.paragraphs.append(f"Färre än {MIN_GROUP_SIZE} synpunkter handlade om den här hörnstenen.")
        return Block(section)
    section.paragraphs.append(f"På dialogmötena kom {number_text(statements)} synpunkter om hörnstenen.")
    if any(part < MIN_GROUP_SIZE for part in parts):
        # One small count could be worked out from the total and the others (and so
        # could a share): then none of the split is shown.
        section.paragraphs.append(
            f"Några sorters svar var färre än {MIN_GROUP_SIZE}. Därför visar vi inte hur synpunkterna fördelade sig."
        )
    else:
        support, change, proposals = (number_text(part) for part in parts)
        section.paragraphs.append(
            f"{support} höll med. {change} höll med men ville ändra något. {proposals} var nya förslag."
        )
        section.key_figures = [KeyFigure("höll med, helt eller delvis", share_text((parts[0] + parts[1]) / statements))]
    heard = list(row["target_groups_heard"] or [])
    if heard:
        section.paragraphs.append(f"Vi hörde {join_sv([h.lower() if h[1:2].islower() else h for h in heard])}.")
    return Block(section)


def _remiss_block(positions: dict[str, int]) -> Block | None:
    answered = sum(positions.values())
    if not answered:
        return None
    section = Section("Vad sa remissen?")
    if answered < MIN_GROUP_SIZE:
        section.paragraphs.append(f"Färre än {MIN_GROUP_SIZE} remissvar tog ställning till hörnstenen.")
        return Block(section)
    agree = positions.get("instammer", 0) + positions.get("instammer_med_andringar", 0)
    section.paragraphs.append(f"{number_text(answered)} partier, nämnder och bolag svarade om hörnstenen.")
    if min(agree, answered - agree) >= MIN_GROUP_SIZE or answered - agree == 0:
        # A share beside a hidden small count would reveal it: shown only when neither side is small.
        section.paragraphs.append(f"{share_text(agree / answered)} höll med, helt eller med ändringar.")
    section.tables.append(
        Table(
            sheet="Remissen",
            title="Så svarade remissen om hörnstenen",
            columns=["Svar", "Antal"],
            rows=[(name, count_text(positions.get(code, 0))) for code, name in POSITION_LABELS],
            show_rows=len(POSITION_LABELS),
        )
    )
    return Block(section)

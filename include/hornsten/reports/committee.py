"""The steering committee in "Förslag till hörnstenar": how the text names it, and how
much its members and parties agree on the themes (Kendall's W from
marts.committee_agreement, the party spread per theme from marts.theme_valuation).
"""

from __future__ import annotations

from hornsten.reports.model import KeyFigure, Section, Table
from hornsten.reports.safety import number_text
from hornsten.reports.wording import as_float, decimal_text, quoted


class Committee:
    """How the text names the steering committee: 'beredningen' for a beredning, else its own name."""

    def __init__(self, name: str):
        lowered = name.strip()
        if not lowered:
            self.who = "styrgruppen"
        elif "beredning" in lowered.lower():
            self.who = "beredningen"
        else:
            self.who = lowered[0].lower() + lowered[1:]
        self.name = lowered or "Styrgruppen"
        self.gen = self.who if self.who.endswith("s") else self.who + "s"
        self.Who = self.who[0].upper() + self.who[1:]
        self.Gen = self.gen[0].upper() + self.gen[1:]


def agreement_word(w: float | None) -> str:
    """Kendall's W in words (after Schmidt 1997: 0,1 very weak, 0,3 weak, 0,5 moderate, 0,7 strong)."""
    if w is None:
        return "okänd"
    if w < 0.3:
        return "låg"
    if w < 0.5:
        return "måttlig"
    if w < 0.7:
        return "ganska hög"
    return "hög"


def agreement_section(agreement: dict, valuation: list[dict], valued: bool, committee: Committee) -> Section:
    section = Section(f"Hur överens är {committee.who}?")
    if not valued or not agreement or not agreement.get("members"):
        section.paragraphs.append(f"{committee.name} har inte lämnat någon värdering ännu.")
        return section
    w_members, w_parties = as_float(agreement["kendall_w_members"]), as_float(agreement["kendall_w_parties"])
    section.key_figures += [
        KeyFigure("ledamöter har värderat", number_text(agreement["members"]), f"från {agreement['parties']} partier"),
        KeyFigure(
            "samstämmighet mellan ledamöterna", decimal_text(w_members), f"{agreement_word(w_members)} (Kendalls W)"
        ),
        KeyFigure(
            "samstämmighet mellan partierna", decimal_text(w_parties), f"{agreement_word(w_parties)} (Kendalls W)"
        ),
    ]
    section.paragraphs.append(
        "Kendalls W mäter hur lika ledamöterna rangordnar temana: 0 betyder ingen samstämmighet alls, 1 att alla "
        f"rangordnar likadant. Mellan ledamöterna är den {agreement_word(w_members)} ({decimal_text(w_members)}), "
        f"mellan partiernas genomsnittliga rangordningar {agreement_word(w_parties)} ({decimal_text(w_parties)})."
    )
    spread = sorted((v for v in valuation if v["party_spread"] is not None), key=lambda v: -as_float(v["party_spread"]))
    if spread:
        section.paragraphs.append(
            "Partispridningen är skillnaden mellan det parti som värderar ett tema högst och det som värderar det "
            f"lägst (0 = alla partier lika). Mest överens är partierna om {quoted(spread[-1]['theme_label'])} "
            f"({decimal_text(spread[-1]['party_spread'])}); störst oenighet gäller:"
        )
        section.bullets += [f"{v['theme_label']}: partispridning {decimal_text(v['party_spread'])}" for v in spread[:3]]
    section.tables.append(
        Table(
            f"{committee.Gen} värdering",
            f"{committee.Gen} värdering per tema",
            [
                f"{committee.Gen} rang",
                "Tema",
                "Ledamöter",
                "Medelrang",
                "Medelpoäng",
                "Borda-poäng (medel)",
                "Partispridning",
                "Partier",
            ],
            [
                (
                    v["committee_rank"],
                    v["theme_label"],
                    v["members"],
                    decimal_text(v["mean_rank"]),
                    decimal_text(v["mean_points"]),
                    decimal_text(v["mean_borda"]),
                    decimal_text(v["party_spread"]),
                    v["parties"],
                )
                for v in valuation
            ],
            show_rows=20,
            note="Medelrang: 1 = viktigast. Borda-poäng: antal teman minus rangen, i genomsnitt.",
        )
    )
    return section

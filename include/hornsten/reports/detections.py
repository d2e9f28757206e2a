"""What the reports say about organised campaigns and answers in other languages
(marts.campaigns, marts.language_summary): a campaign found is named with its size,
and the campaign-adjusted share — each campaign counted as one respondent — stands
beside the share per respondent; answers not in Swedish are counted per language."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from hornsten.reports.marts import rows
from hornsten.reports.model import Section, Table
from hornsten.reports.safety import number_text, share_text
from hornsten.reports.wording import as_float, join_sv

NEEDS = "the hornsten_components DAG (survey marts)"
ADJUSTED_COLUMN = "Andel, kampanj en gång"


@cache
def language_names() -> dict[str, str]:
    text = resources.files("hornsten.reports").joinpath("data/language_names.yml").read_text("utf-8")
    return yaml.safe_load(text)


def language_name(code: str) -> str:
    return language_names().get(code, code)


CAMPAIGNS_SQL = """
        select campaign_id, respondents, answers, variants, near_identical_answers, question_codes
        from marts.campaigns
        order by respondents desc, campaign_id"""


def campaigns(conn) -> list[dict]:
    return rows(conn, CAMPAIGNS_SQL, needs=NEEDS)


def campaign_paragraph(config, found: list[dict], adjusted_shown: bool = True) -> str | None:
    """One sentence per campaign and how the adjusted share counts it; None without any."""
    if not found:
        return None
    questions = {q.code: q.text for q in config.survey.text_questions}
    described = []
    for campaign in found:
        asked = join_sv([f"”{questions.get(code, code)}”" for code in campaign["question_codes"] or []])
        variants = int(campaign["variants"] or 1)
        kind = "samma text" if variants == 1 else f"samma eller nästan samma text ({number_text(variants)} varianter)"
        described.append(
            f"{number_text(int(campaign['answers']))} svar med {kind} från "
            f"{number_text(int(campaign['respondents']))} personer på frågan {asked}"
        )
    lead = (
        "En organiserad kampanj hittades"
        if len(found) == 1
        else f"{number_text(len(found))} organiserade kampanjer hittades"
    )
    if not adjusted_shown:
        return (
            f"{lead}: {'; '.join(described)}. Andelarna här räknar varje person för sig; i analysen räknas "
            "kampanjen också som en enda röst, så att en inklistrad text inte väger som många egna svar."
        )
    return (
        f"{lead}: {'; '.join(described)}. Andelarna räknas både per svarande och med varje kampanj som "
        f"en enda svarande (”{ADJUSTED_COLUMN}”), så att en inklistrad text inte väger som många egna svar."
    )


def adjusted_cell(item: dict | None) -> str:
    if item is None or item.get("is_suppressed"):
        return "–"
    return share_text(as_float(item.get("campaign_adjusted_share")))


def languages(conn) -> list[dict]:
    return rows(
        conn,
        """
        select language, is_other_language, answers, respondents, share_of_answers, tagged_answers,
               untagged_answers
        from marts.language_summary
        where question_code = 'alla'
        order by answers desc, language""",
        needs=NEEDS,
    )


def language_section(found: list[dict]) -> Section:
    """Answers per language; answers in another language the codebook could not tag are named."""
    section = Section("Svar på andra språk")
    other = [r for r in found if r["is_other_language"]]
    total = sum(int(r["answers"]) for r in found)
    if not other:
        section.paragraphs.append(
            "Alla svar som gick att språkbestämma är skrivna på svenska." if total else "Inga svar ännu."
        )
        return section
    answers = sum(int(r["answers"]) for r in other)
    untagged = sum(int(r["untagged_answers"]) for r in other)
    named = join_sv([f"{language_name(r['language'])} ({number_text(int(r['answers']))})" for r in other])
    section.paragraphs.append(
        f"{number_text(answers)} av {number_text(total)} svar är skrivna på ett annat språk än svenska: {named}. "
        "De kopplas till komponenter med kodbokens termer på respektive språk (engelska för alla komponenter, "
        "arabiska för några)."
    )
    if untagged:
        section.paragraphs.append(
            f"{number_text(untagged)} av dem kunde inte kopplas till någon komponent eftersom kodboken saknar "
            "termer för det de skriver om på deras språk. De ligger bland de okodade svaren med orsaken "
            "”språk utan termer” och behöver läsas av någon som kan språket."
        )
    section.tables.append(
        Table(
            "Språk",
            "Svar per språk, alla frågor",
            ["Språk", "Svar", "Andel av svaren", "Kopplade till komponent", "Utan komponent"],
            [
                (
                    language_name(r["language"]),
                    int(r["answers"]),
                    share_text(as_float(r["share_of_answers"])),
                    int(r["tagged_answers"]),
                    int(r["untagged_answers"]),
                )
                for r in found
            ],
            show_rows=10,
        )
    )
    return section


def campaign_section(config, found: list[dict], adjusted_shown: bool = True) -> Section | None:
    """A short section for the reports that show shares; None when no campaign was found."""
    note = campaign_paragraph(config, found, adjusted_shown)
    if note is None:
        return None
    return Section("Organiserade kampanjer", paragraphs=[note])

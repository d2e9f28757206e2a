"""Swedish wording shared by the reports: period labels, the names of the demographic
dimensions, group and question labels from the process configuration, lists
("a, b och c"), dates ("5 maj 2024"), decimals ("0,87")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hornsten.reports.safety import number_text

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_GENDER_PLURALS = {"kvinna": "kvinnor", "man": "män"}
DIMENSION_LABELS = {
    "alla": "Alla",
    "district": "Stadsdel",
    "age_group": "Åldersgrupp",
    "gender": "Kön",
    "age_group×district": "Ålder och stadsdel",
}


def report_period(config, period: str | None) -> str:
    """The period label; today's date in the process's time zone when none is given."""
    if period:
        return period
    return dt.datetime.now(ZoneInfo(config.timezone)).date().isoformat()


def period_date(config, period: str) -> dt.date:
    """The day a period label stands for (its ISO date, else today in the process's time zone)."""
    try:
        return dt.date.fromisoformat(period[:10])
    except ValueError:
        return dt.datetime.now(ZoneInfo(config.timezone)).date()


def as_float(value) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, (Decimal, int, float)) else float(str(value))


def decimal_text(value, digits: int = 2) -> str:
    """'0,87' with a decimal comma, or '–' when missing."""
    number = as_float(value)
    return "–" if number is None else f"{number:.{digits}f}".replace(".", ",")


def option_codes(config, dimension: str) -> list[str]:
    """The survey's answer codes in its own order (age groups youngest first); none if it does not ask."""
    try:
        return [o.code for o in config.survey.question(dimension).options]
    except KeyError:
        return []


def option_label(config, dimension: str, code: str | None) -> str:
    """The survey's own label for an answer code (16-24 → '16–24 år', navestad → 'Navestad')."""
    if code is None:
        return "uppgift saknas"
    try:
        question = config.survey.question(dimension)
    except KeyError:
        return code
    for option in question.options:
        if option.code == code:
            return option.label
    return code


def group_label(config, dimension: str, value: str | None) -> str:
    """A group as a table cell: '16–24 år', 'Innerstaden', 'Kvinna', '16–24 år i Innerstaden'."""
    if dimension == "alla" or value == "alla":
        return "Alla"
    if dimension == "age_group×district" and value and "×" in value:
        age, district = value.split("×", 1)
        return f"{option_label(config, 'age_group', age)} i {option_label(config, 'district', district)}"
    return option_label(config, dimension, value)


def group_phrase(config, dimension: str, value: str | None) -> str:
    """A group in a sentence: 'personer 16–24 år', 'boende i Navestad', 'kvinnor'."""
    if dimension == "age_group":
        return f"personer {option_label(config, 'age_group', value)}"
    if dimension == "district":
        label = option_label(config, "district", value)
        if label.lower().startswith("bor "):
            return f"personer som {label[0].lower()}{label[1:]}"
        return f"boende i {label}"
    if dimension == "gender":
        return _GENDER_PLURALS.get(value or "", f"personer som svarat {option_label(config, 'gender', value).lower()}")
    if dimension == "age_group×district" and value and "×" in value:
        age, district = value.split("×", 1)
        return f"personer {option_label(config, 'age_group', age)} i {option_label(config, 'district', district)}"
    return group_label(config, dimension, value)


def question_label(config, code: str) -> str:
    if code == "alla":
        return "Alla frågor"
    try:
        return config.survey.question(code).text
    except KeyError:
        return code


def join_sv(items: list[str]) -> str:
    """'a', 'a och b', 'a, b och c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def quoted(label: str) -> str:
    """A label inside Swedish quotation marks, so that lists of labels with commas and 'och' stay readable."""
    return f"\u201d{label}\u201d"


NUMBER_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else number_text(n)


def swedish_date(day: dt.date | None, year: bool = True) -> str:
    """'5 maj 2024' ('5 maj' without the year; '–' for no date)."""
    if day is None:
        return "–"
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def subtitle(config) -> str:
    return config.title


def phase_state(phase, day: dt.date) -> str:
    """Where a phase stands on `day`: kommer, pågår or klar."""
    if day < phase.start:
        return "kommer"
    if day > phase.end:
        return "klar"
    return "pågår"

"""Målmatrisen — the process's purposes, the measures of each and how they stand
(marts.goal_measures, marts.goal_summary), for the dialogue compilation.
"""

from __future__ import annotations

from hornsten.reports.model import KeyFigure, Section, Table
from hornsten.reports.safety import number_text
from hornsten.reports.wording import swedish_date


def _value(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "andel":
        number = float(value)
        return (f"{number:.0f} %" if number.is_integer() else f"{number:.1f} %").replace(".", ",")
    return number_text(float(value))


def _target(measure: dict) -> str:
    if measure["target"] is None:
        return "–"
    word = "högst" if measure["comparison"] == "at_most" else "minst"
    return f"{word} {_value(measure['target'], measure['unit'])}"


def goal_section(measures: list[dict], goals: dict) -> Section:
    section = Section("Målmatrisen")
    if not measures:
        section.paragraphs.append("Processen har ingen målmatris i sin konfiguration.")
        return section
    as_of = goals.get("as_of_date")
    section.paragraphs.append(
        f"Målmatrisen: {goals['summary']} ({goals['summary_detail']})"
        + (f", beräknat {swedish_date(as_of)}." if as_of else ".")
    )
    section.key_figures = [
        KeyFigure("mått uppfyllda", f"{goals['met']} av {goals['measures']}"),
        KeyFigure("ej uppfyllda", number_text(goals["not_met"])),
        KeyFigure("ej mätbara än", number_text(goals["not_measurable"])),
    ]
    section.bullets = [
        f"Ej uppfyllt: {m['measure_name']} – {_value(m['value'], m['unit'])} mot målet {_target(m)}."
        for m in measures
        if m["status"] == "not_met"
    ]
    section.tables.append(
        Table(
            sheet="Målmatris",
            title="Målmatrisen: syften, mått och utfall",
            columns=["Syfte", "Mått", "Mål", "Utfall", "Status", "Kommentar"],
            rows=[
                (
                    m["purpose_name"],
                    m["measure_name"],
                    _target(m),
                    _value(m["value"], m["unit"]),
                    m["status_label"],
                    " ".join(t for t in (m["status_reason"], m["note"]) if t),
                )
                for m in measures
            ],
            show_rows=max(15, len(measures)),
        )
    )
    return section

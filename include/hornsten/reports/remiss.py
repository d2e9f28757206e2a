"""Remissläget och remissammanställning — phase 4, the written consultation.

Where every body stands (``remiss_status``), who has not answered and is due a
reminder (``remiss_reminders``), the positions per cornerstone and section of the
draft (``remiss_position_matrix``), what the comments are about
(``remiss_comments_by_component``) and the compilation for the council's decision
(``remiss_compilation``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hornsten.reports import charts
from hornsten.reports.marts import rows
from hornsten.reports.model import KeyFigure, Report, Section, Table
from hornsten.reports.safety import number_text
from hornsten.reports.wording import report_period, swedish_date

NEEDS = "the hornsten_remiss DAG"
# Body statuses in report order: (status, Swedish label for headings, colour).
STATUSES = (
    ("received", "Inkommet i tid", charts.GREEN),
    ("late", "Inkommet sent", charts.LIGHT_GREEN),
    ("declined", "Avstår", charts.GREY),
    ("missing", "Saknas", charts.RED),
)
POSITIONS = (
    ("instämmer", charts.GREEN),
    ("instämmer med ändringar", charts.LIGHT_GREEN),
    ("instämmer inte", charts.RED),
    ("ingen åsikt", charts.GREY),
    ("ej svarat", charts.PALE_GREY),
)
KIND_NAMES = {
    "parti": "Partier",
    "nämnd": "Nämnder",
    "styrelse": "Styrelser",
    "kontor": "Kontor",
    "bolag": "Bolag",
    "övrig": "Övriga",
}
# Short forms for the position matrix, where eight columns must fit a page.
SHORT_POSITIONS = {
    "instämmer": "ja",
    "instämmer med ändringar": "ja, ändr.",
    "instämmer inte": "nej",
    "ingen åsikt": "ingen åsikt",
    "ej svarat": "–",
}
REMINDER_KINDS = {"before_deadline": "före sista svarsdag", "overdue": "försenat svar"}


def _day(value: dt.date | None) -> str:
    return swedish_date(value)


def build(conn, config, period: str | None = None) -> Report:
    period = report_period(config, period)
    status = rows(conn, "select * from marts.remiss_status order by sent_on, round, body_order", needs=NEEDS)
    reminders = rows(conn, "select * from marts.remiss_reminders order by sent_on, round, body_order", needs=NEEDS)
    matrix = rows(
        conn, "select * from marts.remiss_position_matrix order by round, body_order, item_order", needs=NEEDS
    )
    comments = rows(
        conn,
        "select * from marts.remiss_comments_by_component order by comments desc, body_count desc, component_label",
        needs=NEEDS,
    )
    compilation = rows(
        conn, "select * from marts.remiss_compilation order by round, body_order, item_order", needs=NEEDS
    )
    report = Report(
        name="remiss",
        title="Remissläget och remissammanställning",
        subtitle=config.title,
        process=config.process,
        municipality=config.municipality,
        period=period,
        sections=[],
    )
    if not status:
        report.sections.append(
            Section(
                "Remissläget", paragraphs=["Processens plan har ingen remissomgång eller inga remissinstanser ännu."]
            )
        )
        report.summary = "Det finns ingen remissomgång med remissinstanser i processens plan."
        return report
    # The latest round is the one the status and the reminders are about; tables cover every round.
    current = status[-1]["round"]
    several_rounds = len({s["round"] for s in status}) > 1
    in_round = [s for s in status if s["round"] == current]
    counts = Counter(s["status"] for s in in_round)
    missing = [s for s in in_round if s["status"] == "missing"]
    report.sections = [
        _status_section(in_round, status, counts, several_rounds),
        _missing_section(missing, [r for r in reminders if r["round"] == current]),
        _position_section([m for m in matrix if m["round"] == current], matrix, several_rounds),
        _comments_section(comments),
        _compilation_section(compilation, several_rounds),
    ]
    report.summary = _summary(in_round, counts, missing)
    return report


def _summary(in_round: list[dict], counts: Counter, missing: list[dict]) -> str:
    first = in_round[0]
    answered = len(in_round) - counts["missing"]
    tally = f"{counts['received']} i tid, {counts['late']} sent, {counts['declined']} avstår"
    if not missing:
        return f"Alla {len(in_round)} remissinstanser har svarat på {first['round_name']} ({tally})."
    names = ", ".join(s["body_name"] for s in missing)
    if first["as_of_date"] > first["deadline"]:
        action = "sista svarsdag har passerat – påminn"
    else:
        action = f"sista svarsdag är {_day(first['deadline'])}"
    return (
        f"{answered} av {len(in_round)} remissinstanser har svarat ({tally}); {action} de "
        f"{len(missing)} som saknas: {names}."
    )


def _status_section(in_round: list[dict], status: list[dict], counts: Counter, several_rounds: bool) -> Section:
    first = in_round[0]
    section = Section("Remissläget")
    section.key_figures = [
        KeyFigure(label.lower(), f"{counts[code]} av {len(in_round)}") for code, label, _ in STATUSES
    ]
    answered = len(in_round) - counts["missing"]
    section.paragraphs.append(
        f"{first['round_name']} skickades ut {_day(first['sent_on'])} med sista svarsdag {_day(first['deadline'])}. "
        f"Läget {_day(first['as_of_date'])}: {answered} av {len(in_round)} remissinstanser har svarat, "
        f"{counts['late']} av dem efter sista svarsdag och {counts['declined']} avstår från att yttra sig."
    )
    kinds = list(dict.fromkeys(s["body_kind"] for s in in_round))
    series = {
        label: [sum(1 for s in in_round if s["body_kind"] == kind and s["status"] == code) for kind in kinds]
        for code, label, _ in STATUSES
    }
    section.charts.append(
        charts.stacked_positions(
            "remiss-status",
            "Remissvar per typ av instans",
            [KIND_NAMES.get(k, k) for k in kinds],
            series,
            colours=[colour for _, _, colour in STATUSES],
        )
    )
    columns = ["Remissinstans", "Typ", "Status", "Inkom", "Dagar sent", "Ståndpunkter"]
    section.tables.append(
        Table(
            sheet="Status per instans",
            title="Status per remissinstans",
            columns=(["Remissomgång"] if several_rounds else []) + columns,
            rows=[
                ((s["round_name"],) if several_rounds else ())
                + (
                    s["body_name"],
                    s["body_kind"],
                    s["status_label"],
                    s["received_on"],
                    s["days_late"] or None,
                    s["items_answered"],
                )
                for s in status
            ],
            note="Dagar sent: efter sista svarsdag (för saknade svar: hittills).",
            show_rows=len(status),
        )
    )
    return section


def _missing_section(missing: list[dict], due: list[dict]) -> Section:
    section = Section("Instanser som inte har svarat")
    if not missing:
        section.paragraphs.append("Alla remissinstanser har svarat – inga påminnelser behövs.")
        return section
    reminder = {r["body"]: r for r in due}
    if due:
        kinds = Counter(r["reminder_kind"] for r in due)
        section.paragraphs.append(
            f"{len(missing)} remissinstanser har inte svarat ännu. Påminnelser att skicka: {len(due)} ("
            + ", ".join(f"{n} {REMINDER_KINDS[k]}" for k, n in kinds.items())
            + ")."
        )
        for text in dict.fromkeys(r["reminder_text"] for r in due):
            section.paragraphs.append(f"Påminnelsens text: ”{text}”")
    else:
        section.paragraphs.append(
            f"{len(missing)} remissinstanser har inte svarat ännu. Påminnelser skickas från "
            f"{_day(missing[0]['reminders_from'])}."
        )
    section.bullets = [
        f"{s['body_name']} ({s['body_kind']}) – {s['contact_address']}"
        + (f", {s['days_late']} dagar efter sista svarsdag" if s["is_overdue"] else "")
        for s in missing
    ]
    section.tables.append(
        Table(
            sheet="Saknade svar och påminnelser",
            title="Remissinstanser som inte har svarat",
            columns=["Remissinstans", "Typ", "Kontaktadress", "Sista svarsdag", "Dagar sent", "Påminnelse"],
            rows=[
                (
                    s["body_name"],
                    s["body_kind"],
                    s["contact_address"],
                    s["deadline"],
                    s["days_late"],
                    REMINDER_KINDS.get(reminder[s["body"]]["reminder_kind"], "")
                    if s["body"] in reminder
                    else "inte än",
                )
                for s in missing
            ],
            show_rows=max(15, len(missing)),
        )
    )
    return section


def _position_section(matrix: list[dict], all_rounds: list[dict], several_rounds: bool) -> Section:
    section = Section("Ståndpunkter per hörnsten och avsnitt")
    items = list(dict.fromkeys((m["item_order"], m["item_name"]) for m in matrix))
    items.sort()
    if not items:
        section.paragraphs.append("Förslaget har inga hörnstenar eller avsnitt att ta ställning till ännu.")
        return section
    tally = {item: Counter(m["position_label"] for m in matrix if m["item_name"] == item[1]) for item in items}
    answered = {item: sum(n for label, n in c.items() if label != "ej svarat") for item, c in tally.items()}
    if any(answered.values()):

        def agree_share(item) -> float:
            return (tally[item]["instämmer"] + tally[item]["instämmer med ändringar"]) / (answered[item] or 1)

        strongest = max(items, key=agree_share)
        disputed = max(items, key=lambda i: (tally[i]["instämmer inte"], -agree_share(i)))
        text = (
            f"Störst uppslutning fick {strongest[1]}: {tally[strongest]['instämmer']} instämmer och "
            f"{tally[strongest]['instämmer med ändringar']} instämmer med ändringar av "
            f"{answered[strongest]} svar."
        )
        if tally[disputed]["instämmer inte"]:
            text += (
                f" Flest instämmer inte i {disputed[1]} ({tally[disputed]['instämmer inte']} av "
                f"{answered[disputed]} svar)."
            )
        section.paragraphs.append(text)
    section.charts.append(
        charts.stacked_positions(
            "remiss-positions",
            "Ståndpunkter per hörnsten och avsnitt",
            [name for _, name in items],
            {label: [tally[item][label] for item in items] for label, _ in POSITIONS},
            colours=[colour for _, colour in POSITIONS],
        )
    )
    kinds = {m["item_name"]: m["item_kind"] for m in matrix}
    section.tables.append(
        Table(
            sheet="Ståndpunkter",
            title="Ståndpunkter per hörnsten och avsnitt (antal remissinstanser)",
            columns=["Del av förslaget", "Typ"] + [label.capitalize() for label, _ in POSITIONS],
            rows=[
                (name, "hörnsten" if kinds[name] == "cornerstone" else "avsnitt")
                + tuple(tally[(order, name)][label] for label, _ in POSITIONS)
                for order, name in items
            ],
            show_rows=len(items),
        )
    )
    # The matrix itself: one row per body (and round), one short-named column per item.
    all_items = sorted(dict.fromkeys((m["item_order"], m["item_kind"], m["item_name"]) for m in all_rounds))
    short, numbers = {}, Counter()
    for _, kind, name in all_items:
        prefix = "H" if kind == "cornerstone" else "A"
        numbers[prefix] += 1
        short[name] = f"{prefix}{numbers[prefix]}"
    bodies: dict[tuple, dict] = {}
    for m in all_rounds:
        bodies.setdefault((m["round_name"], m["body_order"], m["body_name"]), {})[m["item_name"]] = SHORT_POSITIONS.get(
            m["position_label"], m["position_label"]
        )
    section.tables.append(
        Table(
            sheet="Ståndpunktsmatris",
            title="Ståndpunktsmatris: varje remissinstans ståndpunkt per del av förslaget",
            columns=(["Remissomgång"] if several_rounds else [])
            + ["Remissinstans"]
            + [short[n] for _, _, n in all_items],
            rows=[
                ((round_name,) if several_rounds else ()) + (body,) + tuple(cells.get(n, "") for _, _, n in all_items)
                for (round_name, _, body), cells in sorted(bodies.items(), key=lambda kv: (kv[0][0], kv[0][1]))
            ],
            note="; ".join(f"{short[n]} = {n}" for _, _, n in all_items) + " (H = hörnsten, A = avsnitt). "
            "ja = instämmer, ja, ändr. = instämmer med ändringar, nej = instämmer inte, – = ej svarat.",
            show_rows=len(bodies),
        )
    )
    return section


def _comments_section(comments: list[dict]) -> Section:
    section = Section("Synpunkter per komponent")
    if not comments:
        section.paragraphs.append("Inga kommentarer från remissinstanserna är kodade ännu.")
        return section
    top = comments[:3]
    section.paragraphs.append(
        "Remissinstansernas kommentarer är kodade med samma komponenter som enkätsvaren. Flest kommentarer gällde "
        + ", ".join(
            f"{c['component_label']} ({c['comments']} kommentarer från {c['body_count']} instanser)" for c in top
        )
        + "."
    )
    section.tables.append(
        Table(
            sheet="Kommentarer per komponent",
            title="Kommentarer per komponent",
            columns=[
                "Komponent",
                "Tema",
                "Kommentarer",
                "Instanser",
                "Instämmer / med ändringar / inte / ingen åsikt",
                "Exempel",
            ],
            rows=[
                (
                    c["component_label"],
                    c["theme_label"],
                    c["comments"],
                    c["body_count"],
                    f"{c['agree']} / {c['agree_with_changes']} / {c['disagree']} / {c['no_opinion']}",
                    " ".join(f"”{e}”" for e in c["example_comments"]),
                )
                for c in comments
            ],
            note="Exemplen är pseudonymiserade: personuppgifter är ersatta med t.ex. [telefon].",
        )
    )
    return section


def _compilation_section(compilation: list[dict], several_rounds: bool) -> Section:
    section = Section("Remissammanställning")
    section.paragraphs.append(
        "Varje remissinstans ståndpunkt och kommentar per hörnsten och avsnitt av förslaget, med de komponenter "
        "kommentaren tar upp – underlag till kommunfullmäktiges beslut. Instanser som inte har svarat finns med."
    )
    with_comment = [c for c in compilation if c["comment_text"]]
    section.key_figures = [
        KeyFigure("ståndpunkter", number_text(sum(1 for c in compilation if c["position"]))),
        KeyFigure("kommentarer", number_text(len(with_comment))),
    ]
    section.tables.append(
        Table(
            sheet="Remissammanställning",
            title="Remissammanställning",
            columns=(["Remissomgång"] if several_rounds else [])
            + ["Remissinstans", "Status", "Del av förslaget", "Ståndpunkt", "Kommentar", "Komponenter"],
            rows=[
                ((c["round_name"],) if several_rounds else ())
                + (
                    c["body_name"],
                    c["status_label"],
                    c["item_name"],
                    c["position_label"],
                    c["comment_text"] or "",
                    ", ".join(c["component_labels"]),
                )
                for c in compilation
            ],
            note="Kommentarerna är pseudonymiserade: personuppgifter är ersatta med t.ex. [telefon].",
            show_rows=len(compilation),
        )
    )
    return section

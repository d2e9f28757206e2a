"""'Skillnader mellan grupper' in "Komponenter och teman": the weighted share of each
component per age group and gender, and the themes each group raises most, per
age group, gender, district and age group in district (marts.component_shares,
marts.theme_shares). Groups under five respondents are suppressed in the marts.
"""

from __future__ import annotations

from hornsten.reports.model import Section, Table
from hornsten.reports.ranking import by_share, in_rank_order, share_key
from hornsten.reports.safety import MIN_GROUP_SIZE, share_text
from hornsten.reports.wording import DIMENSION_LABELS, as_float, group_label, option_codes

TOP_THEMES_PER_GROUP = 3


def groups_section(config, overall: list[dict], component_groups: list[dict], theme_groups: list[dict]) -> Section:
    section = Section("Skillnader mellan grupper")
    section.paragraphs.append(
        "Viktade andelar per åldersgrupp och kön, och de vanligaste temana i varje grupp. Grupper med färre än "
        f"{MIN_GROUP_SIZE} svarande redovisas inte (–)."
    )
    order = [c for _, c in in_rank_order(overall, "component_label")]
    for cut, title, sheet in (
        ("age_group", "Komponenter per åldersgrupp (viktat)", "Komponenter per ålder"),
        ("gender", "Komponenter per kön (viktat)", "Komponenter per kön"),
    ):
        cells = {(g["group_value"], g["component"]): g for g in component_groups if g["cut"] == cut}
        groups = _group_order(config, cut, {g for g, _ in cells})
        if not groups:
            continue
        table_rows = []
        for c in order:
            row = [c["component_label"]]
            for group in groups:
                found = cells.get((group, c["component"]))
                row.append(
                    "–"
                    if found is None or found["is_suppressed"]
                    else share_text(
                        as_float(found["weighted_share"] if found["weighted_share"] is not None else found["share"])
                    )
                )
            table_rows.append(tuple(row))
        section.tables.append(
            Table(sheet, title, ["Komponent", *[group_label(config, cut, g) for g in groups]], table_rows, show_rows=12)
        )

    by_group: dict[tuple[str, str], list[dict]] = {}
    for t in theme_groups:
        by_group.setdefault((t["cut"], t["group_value"]), []).append(t)
    table_rows, shown = [], 0
    for cut in ("age_group", "gender", "district", "age_group×district"):
        values = _group_order(config, cut, {g for c, g in by_group if c == cut})
        for value in values:
            items = by_group[(cut, value)]
            hidden = all(i["is_suppressed"] for i in items)
            base = next((i["base_respondents"] for i in items if i["base_respondents"] is not None), None)
            top = [] if hidden else by_share(items)[:TOP_THEMES_PER_GROUP]
            key = share_key(items)
            named = [f"{t['theme_label']} ({share_text(as_float(t[key]))})" for t in top]
            named += ["–"] * (TOP_THEMES_PER_GROUP - len(named))
            table_rows.append(
                (
                    DIMENSION_LABELS.get(cut, cut),
                    group_label(config, cut, value),
                    "–" if hidden else int(base or 0),
                    *named,
                )
            )
            shown += cut != "age_group×district"
    if table_rows:
        section.tables.append(
            Table(
                "Teman per grupp",
                "De vanligaste temana i varje grupp (viktat)",
                ["Indelning", "Grupp", "Svarande", "Vanligast", "Näst vanligast", "Tredje"],
                table_rows,
                show_rows=shown or 30,
                note="Alla grupper, också ålder och stadsdel tillsammans, finns i Excel-filen.",
            )
        )
    return section


def _group_order(config, cut: str, values: set[str]) -> list[str]:
    """Groups in the survey's own option order (age groups youngest first), unknown ones last."""

    def position(value: str) -> tuple:
        parts = value.split("×") if cut == "age_group×district" else [value]
        dims = ("age_group", "district") if cut == "age_group×district" else (cut,)
        key = []
        for dim, part in zip(dims, parts, strict=False):
            codes = option_codes(config, dim)
            key.append(codes.index(part) if part in codes else len(codes))
        return (*key, value)

    return sorted(values, key=position)

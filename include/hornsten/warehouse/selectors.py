"""dbt's YAML selectors (dbt_project/selectors.yml) as Cosmos select/exclude lists.

selectors.yml says what each DAG builds, so that `dbt build --selector components`
and the DAG's Cosmos task group build the same models. Cosmos renders the task group
from the manifest and takes lists such as ``["tag:tagging", "path:models/marts"]``;
``cosmos_select`` translates a selector into them. Only what both tools select alike
is accepted: a union of ``tag``, ``path`` and ``fqn`` criteria, optionally with an
``exclude`` item — no graph operators, intersections or wildcards. Pure: reads the
YAML file, nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SELECTORS_FILE = "selectors.yml"
METHODS = ("tag", "path", "fqn")
# dbt and Cosmos would read these differently, or Cosmos not at all.
_WILDCARDS = set("*?[]")
_GRAPH_OPERATORS = set("+@")


class SelectorError(ValueError):
    """A selector that selectors.yml does not define, or that Cosmos cannot express; the message says which."""


def load_selectors(project_dir: str | Path) -> dict[str, dict[str, Any]]:
    """The selectors of the project's selectors.yml by name."""
    path = Path(project_dir) / SELECTORS_FILE
    if not path.exists():
        raise SelectorError(f"{path}: no such file")
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    selectors: dict[str, dict[str, Any]] = {}
    for entry in document.get("selectors") or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            raise SelectorError(f"{path}: every selector needs a name, got {entry!r}")
        selectors[entry["name"]] = entry
    return selectors


def cosmos_select(selector_name: str, project_dir: str | Path) -> tuple[list[str], list[str]]:
    """Cosmos ``select`` and ``exclude`` lists for the dbt selector `selector_name`."""
    selectors = load_selectors(project_dir)
    if selector_name not in selectors:
        known = ", ".join(sorted(selectors)) or "none"
        raise SelectorError(f"unknown dbt selector {selector_name!r} (selectors.yml defines: {known})")
    where = f"selector {selector_name!r}"
    select: list[str] = []
    exclude: list[str] = []
    for item in _union_items(selectors[selector_name].get("definition"), where):
        if isinstance(item, dict) and "exclude" in item:
            if set(item) != {"exclude"}:
                raise SelectorError(f"{where}: an exclude item holds only `exclude`, got keys {sorted(item)}")
            excluded = item["exclude"]
            for criterion in excluded if isinstance(excluded, list) else [excluded]:
                exclude.append(_criterion(criterion, f"{where}, exclude"))
        else:
            select.append(_criterion(item, where))
    if not select:
        raise SelectorError(f"{where} selects nothing (its union has only exclude items)")
    return select, exclude


def cosmos_select_many(selector_names: list[str], project_dir: str | Path) -> tuple[list[str], list[str]]:
    """One Cosmos selection for a task group that builds several selectors (their union).

    Cosmos applies one exclude list to the whole selection, so a selector with an
    exclude cannot be combined with others."""
    select: list[str] = []
    exclude: list[str] = []
    for name in selector_names:
        names_select, names_exclude = cosmos_select(name, project_dir)
        if names_exclude and len(selector_names) > 1:
            raise SelectorError(
                f"selector {name!r} has an exclude, which Cosmos would apply to "
                f"{', '.join(repr(n) for n in selector_names if n != name)} too"
            )
        select += [item for item in names_select if item not in select]
        exclude += names_exclude
    if not select:
        raise SelectorError("no selector given")
    return select, exclude


def _union_items(definition: Any, where: str) -> list[Any]:
    if isinstance(definition, dict) and "union" in definition:
        if set(definition) != {"union"}:
            raise SelectorError(f"{where}: `union` must stand alone in the definition, got keys {sorted(definition)}")
        items = definition["union"]
        if not isinstance(items, list) or not items:
            raise SelectorError(f"{where}: `union` must be a non-empty list")
        return items
    if isinstance(definition, dict) and "intersection" in definition:
        raise SelectorError(f"{where}: `intersection` is not supported; use a tag that the models share")
    if definition is None:
        raise SelectorError(f"{where} has no definition")
    return [definition]  # a single criterion


def _criterion(item: Any, where: str) -> str:
    """`method:value` for one tag, path or fqn criterion."""
    if isinstance(item, str):
        if _GRAPH_OPERATORS & {item[:1], item[-1:]}:
            raise SelectorError(f"{where}: graph operators are not supported ({item})")
        method, _, value = item.partition(":")
        if not value or any(c in item for c in ", "):
            raise SelectorError(f"{where}: {item!r} is not a single `method:value` criterion")
        item = {"method": method, "value": value}
    if not isinstance(item, dict):
        raise SelectorError(f"{where}: unsupported criterion {item!r}")
    extra = sorted(set(item) - {"method", "value"})
    if extra:
        raise SelectorError(
            f"{where}: {item!r} uses {', '.join(extra)}; only `method` and `value` are supported "
            "(no parents, children or indirect_selection)"
        )
    method, value = item.get("method"), item.get("value")
    if method not in METHODS:
        raise SelectorError(f"{where}: method {method!r} is not supported; use one of {', '.join(METHODS)}")
    if not isinstance(value, str) or not value.strip():
        raise SelectorError(f"{where}: {method} criterion needs a non-empty string value, got {value!r}")
    value = value.strip()
    if _GRAPH_OPERATORS & {value[0], value[-1]}:
        raise SelectorError(f"{where}: graph operators are not supported ({method}:{value})")
    if _WILDCARDS & set(value):
        raise SelectorError(f"{where}: wildcards are not supported ({method}:{value})")
    if method == "path":
        value = value.rstrip("/")
    return f"{method}:{value}"

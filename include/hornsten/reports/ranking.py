"""Ranking the marts' share rows (components, themes) the same way in every chart and
table: by the weighted share when every shown row has one, else by the unweighted."""

from __future__ import annotations

from hornsten.reports.wording import as_float


def share_key(items: list[dict]) -> str:
    """Rank by the weighted share when every item has one, else by the unweighted share."""
    usable = [i for i in items if not i["is_suppressed"]]
    return "weighted_share" if usable and all(i["weighted_share"] is not None for i in usable) else "share"


def by_share(items: list[dict]) -> list[dict]:
    """Mentioned, unsuppressed items, largest share first."""
    key = share_key(items)
    mentioned = [i for i in items if not i["is_suppressed"] and (i["respondents_mentioning"] or 0) > 0]
    return sorted(mentioned, key=lambda i: (-(as_float(i[key]) or 0), i.get("component_label") or i.get("theme_label")))


def in_rank_order(items: list[dict], label: str) -> list[tuple[int | None, dict]]:
    """Every item with its rank by the same share the charts use (weighted when there are weights);
    suppressed items last, without a rank."""
    key = share_key(items)
    shown = sorted((i for i in items if not i["is_suppressed"]), key=lambda i: (-(as_float(i[key]) or 0), i[label]))
    hidden = sorted((i for i in items if i["is_suppressed"]), key=lambda i: i[label])
    return [(n, i) for n, i in enumerate(shown, start=1)] + [(None, i) for i in hidden]

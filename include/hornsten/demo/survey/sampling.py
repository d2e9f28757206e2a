"""Seeded sampling helpers shared by the survey generator's parts."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence


def cumulative(weights: Sequence[float]) -> list[float]:
    """Cumulative shares for ``bisect``; all-zero weights become uniform."""
    total = float(sum(weights))
    if total <= 0:
        weights, total = [1.0] * len(weights), float(len(weights))
    cum = list(itertools.accumulate(w / total for w in weights))
    cum[-1] = 1.0
    return cum


def choose_positions(rng: random.Random, rows: int, count: int, exclude: set[int] | None = None) -> list[int]:
    """``count`` distinct row positions below ``rows``, none of ``exclude``, sorted."""
    exclude = exclude or set()
    available = rows - len(exclude)
    count = max(0, min(count, available))
    if count == 0:
        return []
    chosen: list[int] = []
    seen = set(exclude)
    # rng.sample over a range is memory-light; retry the few that hit the exclusions.
    while len(chosen) < count:
        for position in rng.sample(range(rows), min(rows, count - len(chosen) + len(exclude))):
            if position not in seen:
                seen.add(position)
                chosen.append(position)
                if len(chosen) == count:
                    break
    return sorted(chosen)

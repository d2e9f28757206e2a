"""Submission times as survey tools write them.

ISO 8601 in any of its forms (with or without a UTC offset, ``T`` or space, fractions)
is read by python-dateutil's ISO parser; numbers are Unix time, in seconds or — as
Pol.is writes them — milliseconds. Only a layout's own local forms (``18/3/2024
14:22``) need ``timestamp_formats`` in the configuration.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.parser import isoparse

EPOCH = re.compile(r"^-?\d+(\.\d+)?$")
# A Unix time in seconds has at most 11 digits until the year 5138; milliseconds have 12
# and more from 1973 on. Exports are not older than that.
MILLISECONDS_FROM = 10**11
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)


def from_epoch(number: float) -> dt.datetime | None:
    """Seconds or milliseconds since 1970 (UTC), or None when it is no plausible time."""
    seconds = number / 1000 if abs(number) >= MILLISECONDS_FROM else number
    try:
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment if EARLIEST <= moment < LATEST else None


def parse_timestamp(text: str, formats: list[str]) -> dt.datetime | None:
    """The moment `text` names (naive when it carries no offset), or None when unreadable."""
    text = text.strip()
    if not text:
        return None
    # A short number (20240318) is a compact date, not a time since 1970.
    if EPOCH.match(text) and len(text.split(".")[0].lstrip("-")) >= 9:
        return from_epoch(float(text))
    if len(text) >= 8 and text[:4].isdigit():
        # fromisoformat is the fast path for the usual export form; dateutil reads the rest of ISO 8601.
        for parse in (dt.datetime.fromisoformat, isoparse):
            try:
                return parse(text)
            except (ValueError, OverflowError):
                continue
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None

"""What may leave the warehouse in a report: small groups suppressed, cells that a
spreadsheet would execute neutralised."""

from __future__ import annotations

MIN_GROUP_SIZE = 5
# A cell starting with one of these is a formula to Excel, LibreOffice and Google
# Sheets (OWASP "CSV injection"); tab and carriage return hide the sign from the eye.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: object) -> object:
    """Text that would start a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def suppressed(count: int | None, minimum: int = MIN_GROUP_SIZE) -> bool:
    """A cut of fewer than `minimum` respondents is not shown (it could identify people)."""
    return count is None or count < minimum


def share_text(share: float | None, count: int | None = None, minimum: int = MIN_GROUP_SIZE) -> str:
    """'12,3 %' in Swedish notation, or '–' when missing or suppressed."""
    if share is None or (count is not None and suppressed(count, minimum)):
        return "–"
    return f"{share * 100:.1f} %".replace(".", ",")


def number_text(value: float | int | None) -> str:
    """Swedish thousands separator (a thin space) and decimal comma."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u2009").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u2009")

"""The export formats municipalities deliver, and how each is written."""

from __future__ import annotations

from typing import NamedTuple

from hornsten.config import ProcessConfig

FORMATS = ("csv", "csv-bom", "excel-csv", "xlsx", "limesurvey")


class FormatSpec(NamedTuple):
    extension: str
    encoding: str | None  # None: not a text file
    delimiter: str | None
    newline: str | None


SPECS = {
    "csv": FormatSpec(".csv", "utf-8", ",", "\n"),
    "csv-bom": FormatSpec(".csv", "utf-8-sig", ";", "\r\n"),  # Excel's "CSV UTF-8"
    "excel-csv": FormatSpec(".csv", "cp1252", ";", "\r\n"),  # as Swedish Excel saves "CSV"
    "xlsx": FormatSpec(".xlsx", None, None, None),
    "limesurvey": FormatSpec(".csv", "utf-8", ",", "\n"),
}
REDELIVERY_FORMAT = "csv"


def requested_formats(formats: list[str] | tuple[str, ...]) -> list[str]:
    """The formats asked for, in order, without repeats; "all" means every format."""
    requested: list[str] = []
    for fmt in formats:
        for name in FORMATS if fmt == "all" else (fmt,):
            if name not in FORMATS:
                raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)} or all")
            if name not in requested:
                requested.append(name)
    return requested


def file_name(config: ProcessConfig, fmt: str) -> str:
    return f"{config.process}_{fmt}{SPECS[fmt].extension}"


def redelivery_name(config: ProcessConfig) -> str:
    return f"{config.process}_redelivery{SPECS[REDELIVERY_FORMAT].extension}"

"""Reproducible XLSX files: the same content gives the same bytes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

# Pinned into workbook properties and zip entries instead of the save time.
FIXED_TIME = dt.datetime(2000, 1, 1)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(source: Path, target: Path, dimensions: dict[str, str]) -> None:
    """Copy a zip with fixed timestamps; add a ``<dimension>`` to the sheets in ``dimensions``.

    openpyxl's write-only mode leaves out the sheet's ``<dimension>``, which Excel
    always writes; without it readers cannot pad rows whose last cells are empty.
    """
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into "modified": pin it like "created".
                core = src.read(info)
                core = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", core
                )
                dst.writestr(fixed, core)
                continue
            with src.open(info) as reader, dst.open(fixed, "w") as writer:
                if info.filename in dimensions:
                    head = reader.read(1 << 16)
                    marker = b"<sheetViews>" if b"<sheetViews>" in head else b"<sheetData"
                    element = f'<dimension ref="{dimensions[info.filename]}" />'.encode()
                    if b"<dimension " not in head:
                        head = head.replace(marker, element + marker, 1)
                    writer.write(head)
                shutil.copyfileobj(reader, writer, 1 << 20)


def save_reproducibly(book, path: Path, creator: str = "hornsten", dimensions: dict[str, str] | None = None) -> Path:
    """Save an openpyxl workbook with pinned timestamps and properties."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = creator
    book.properties.lastModifiedBy = None
    temporary = path.with_name(path.name + ".tmp")
    book.save(temporary)
    try:
        normalise_zip(temporary, path, dimensions or {})
    finally:
        temporary.unlink()
    return path

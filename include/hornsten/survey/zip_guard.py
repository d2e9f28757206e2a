"""Refusing a hostile XLSX before anything unpacks it.

An XLSX is a zip archive. A few kilobytes can declare gigabytes of XML (a zip bomb),
and openpyxl would spend minutes of CPU inflating it before anyone learns it is not
a survey export. The zip's central directory states every member's compressed and
uncompressed size without inflating anything, and Python's zipfile never inflates
a member past its stated size, so checking the directory is enough.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

# Worksheet XML of real text compresses some 5-20-fold; a zip bomb's repeated bytes
# compress a thousand-fold and more. Excel's own limit (1,048,576 rows) stays inside these.
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 2 << 30  # 2 GiB of XML in total
MAX_RATIO = 200  # per member, once it inflates to more than RATIO_FLOOR
RATIO_FLOOR = 10 << 20


class UnsafeArchive(ValueError):
    """The workbook is not a zip archive, or its directory describes a zip bomb."""


def check_workbook(path: Path) -> None:
    """Raise UnsafeArchive unless the zip's directory looks like an ordinary workbook."""
    name = Path(path).name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeArchive(f"{name}: not a readable Excel workbook ({exc})") from exc
    if len(members) > MAX_MEMBERS:
        raise UnsafeArchive(
            f"{name}: refused unopened — the workbook has {len(members):,} parts (at most {MAX_MEMBERS:,} expected)"
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise UnsafeArchive(
            f"{name}: refused unopened — it would unpack to {total / (1 << 20):,.0f} MB "
            f"(at most {MAX_UNCOMPRESSED >> 20:,} MB); a zip bomb or not an export"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise UnsafeArchive(
                f"{name}: refused unopened — part {member.filename!r} inflates {ratio:,.0f}-fold "
                f"to {member.file_size / (1 << 20):,.0f} MB (at most {MAX_RATIO}-fold); a zip bomb"
            )

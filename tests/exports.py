"""Hand-written survey exports for tests (the sample generator has its own tests)."""

from __future__ import annotations

from pathlib import Path

HEADER = [
    "Svars-ID",
    "Inskickad",
    "Respondent-ID",
    "Vad är det bästa med Norrköping idag?",
    "Vad behöver bli bättre?",
    "Hur vill du att Norrköping ska vara år 2035?",
    "Hur gammal är du?",
    "Vilket kön har du?",
    "Var i kommunen bor du?",
    "Vilken är din huvudsakliga relation till Norrköping?",
]


def good_row(
    response_id: str,
    submitted: str = "2024-03-20 12:00",
    idag: str = "Strömmen och Knäppingsborg",
    battre: str = "Gatubelysningen på Järnvägsgatan",
    framtid: str = "En grön och trygg stad för alla",
    age: str = "65–79 år",
    gender: str = "Kvinna",
    district: str = "Navestad",
    relation: str = "Jag bor här",
    respondent: str = "",
) -> list[str]:
    return [response_id, submitted, respondent, idag, battre, framtid, age, gender, district, relation]


def write_csv(
    path: Path,
    rows: list[list[str]],
    delimiter: str = ";",
    encoding: str = "utf-8",
    header: list[str] = HEADER,
    newline: str = "\r\n",
) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path

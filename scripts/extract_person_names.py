"""Write include/hornsten/privacy/data/person_names.csv from Faker's sv_SE name lists.

Faker (MIT licence) ships Sweden's most common names from the public name statistics:
the 500 most common female and 500 most common male first names (Isof, 2023) and the
500 most common surnames (Skatteverket, 2025). The platform reads the CSV, never
Faker, so this script only runs when the list is refreshed:

    .venv/bin/python scripts/extract_person_names.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from faker.providers.person.sv_SE import Provider

OUT = Path(__file__).resolve().parents[1] / "include" / "hornsten" / "privacy" / "data" / "person_names.csv"


def main() -> None:
    first = set(Provider.first_names_female) | set(Provider.first_names_male)
    surnames = set(Provider.last_names)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "first_name", "surname"])
        for name in sorted(first | surnames):
            writer.writerow([name, int(name in first), int(name in surnames)])
    print(f"{OUT}: {len(first | surnames)} names")


if __name__ == "__main__":
    main()

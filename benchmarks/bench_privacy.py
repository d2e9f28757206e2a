"""Throughput of pseudonymise_text on realistic short survey answers.

Run: .venv/bin/python benchmarks/bench_privacy.py [calls]
Prints calls/second; no thresholds, machines differ.
"""

from __future__ import annotations

import sys
import time

from hornsten.privacy.pseudonymise import pseudonymise_text

# Roughly the mix seen in citizen-dialogue exports: mostly plain prose, some
# numbers (years, amounts, addresses), a few answers with personal data.
ANSWERS: list[str] = [
    "Mer cykelvägar i centrum och bättre belysning i parkerna.",
    "Trygghet! Fler vuxna ute på kvällarna.",
    "Jag vill att Norrköping ska vara en stad där alla känner sig välkomna.",
    "Bygg fler förskolor, vi väntade i sex månader på en plats.",
    "Rusta upp badplatsen vid Lindö, den är sliten.",
    "Fler bussavgångar till Krokek, särskilt på helger.",
    "Bra som det är.",
    "Grönområden, grönområden, grönområden.",
    "Att vi når klimatmålen till 2035 utan att glömma landsbygden.",
    "Sänk skatten. Budgeten på 1 250 000 kr till konst är slöseri.",
    "Bostäder för unga, hyrorna är för höga (8 500 kr för en etta).",
    "Parken vid Kungsgatan 12, 602 42 Norrköping behöver lekplats.",
    "Mötet 2024-03-18 kl 14:30 var bra, gör fler sådana.",
    "Kontakta mig gärna på anna.svensson@norrkoping.se om ni vill veta mer.",
    "Ring mig 070-123 45 67 så berättar jag.",
    "Mitt personnummer är 811218-9876 men det spelar väl ingen roll.",
    "",
    "Nej.",
    "Mer satsning på äldreomsorgen, min mamma (87 år) får för lite hjälp.",
    "Simhallen borde vara öppen till 21 på vardagar.",
]


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    texts = (ANSWERS * (calls // len(ANSWERS) + 1))[:calls]
    redacted = 0
    started = time.perf_counter()
    for text in texts:
        if pseudonymise_text(text) is not text:
            redacted += 1
    elapsed = time.perf_counter() - started
    print(
        f"{calls:,} calls in {elapsed:.2f} s: {calls / elapsed:,.0f} calls/s "
        f"({elapsed / calls * 1e6:.2f} µs/call, {redacted:,} answers redacted)"
    )


if __name__ == "__main__":
    main()

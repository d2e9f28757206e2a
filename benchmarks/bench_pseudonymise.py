"""Throughput of pseudonymise_text on a realistic mix of survey answers, on one core.

Run: .venv/bin/python benchmarks/bench_pseudonymise.py [answers]
Prints answers/second; no thresholds, machines differ (the README gives the figure).

The mix: nine in ten answers come from the sample generator (hornsten.demo, what
`hornsten sample` writes: realistic prose, a few look-alike numbers, personal data in
about 0.3 %); one in ten is a hard case from the list below (a third of them with
personal data, the rest place names, capitalised words and numbers), so that the
analyzer is exercised far more often than in real exports.
"""

from __future__ import annotations

import random
import sys
import time

from hornsten.config import load_process
from hornsten.demo.survey.generator import ResponseGenerator
from hornsten.privacy.pseudonymise import pseudonymise_text

HARD_CASES: list[str] = [
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
    "Jag heter Anna Svensson och bor på Storgatan 12, vi behöver fler parkeringar.",
    "Drottninggatan behöver fler träd och färre bilar.",
    "Min dotter Maja går på Hagebyskolan och trivs, men lokalerna är slitna.",
    "Söder och Navestad behöver bättre kvällsbussar, särskilt linje 3.",
    "Kolmården, Skärblacka och Krokek glöms bort av politikerna i stan.",
    "Björn Andersson på kulturkontoret gör ett fantastiskt jobb.",
    "Skriv till mig: erik punkt larsson snabel-a gmail punkt com",
    "Bor på Vasavägen 7B, 602 18 Norrköping, och bullret från E4 är ohållbart.",
    "Gamla stan och Knäppingsborg är det bästa med staden.",
    "Det borde finnas tre 100-metersbanor på friidrottsarenan 2024-2030.",
    "Mvh Karin",
    "Konserthuset, Arbetets museum och Stadsmuseet är fina.",
]


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    generator = ResponseGenerator(load_process(), random.Random(2035))
    texts: list[str] = []
    rid = 0
    while len(texts) < calls:
        rid += 1
        texts.extend(text for text in generator.response(rid).texts if text)
        if rid % 3 == 0:
            texts.append(HARD_CASES[rid // 3 % len(HARD_CASES)])
    pseudonymise_text(HARD_CASES[0])  # load the name lists and build the analyzer once
    measure("realistic mix", texts[:calls])
    measure("hard cases only", (HARD_CASES * (calls // 10 // len(HARD_CASES) + 1))[: calls // 10])


def measure(label: str, texts: list[str]) -> None:
    redacted = 0
    started = time.perf_counter()
    for text in texts:
        if pseudonymise_text(text) is not text:
            redacted += 1
    elapsed = time.perf_counter() - started
    print(
        f"{label}: {len(texts):,} answers in {elapsed:.2f} s: {len(texts) / elapsed:,.0f} answers/s on one core "
        f"({elapsed / len(texts) * 1e6:.1f} µs/answer, {redacted:,} redacted)"
    )


if __name__ == "__main__":
    main()

"""Throughput of the sample-data generator (hornsten.demo.survey.generate_sample).

Run: .venv/bin/python benchmarks/bench_sample.py [responses] [format ...]
Defaults: 200,000 responses to csv, Norrköping's process, into a temporary
directory that is deleted afterwards. Prints responses/second and output size;
no thresholds, machines differ. Set HORNSTEN_PROCESS for another process.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from hornsten.config import load_process
from hornsten.demo.survey import generate_sample


def main() -> None:
    responses = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    formats = sys.argv[2:] or ["csv"]
    config = load_process()
    with tempfile.TemporaryDirectory(prefix="hornsten-bench-sample-") as tmp:
        started = time.perf_counter()
        result = generate_sample(config, responses, 2035, formats, Path(tmp))
        elapsed = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        rows = sum(f.rows for f in result.files)
    print(
        f"{responses:,} responses ({', '.join(formats)}; {rows:,} rows incl. re-delivery, "
        f"{size / 1e6:,.1f} MB) in {elapsed:.2f} s: {responses / elapsed:,.0f} responses/s "
        f"({elapsed / max(responses, 1) * 1e6:.1f} µs/response)"
    )


if __name__ == "__main__":
    main()

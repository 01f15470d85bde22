"""Benchmark of parallel builds: 8 reviews in all formats with --jobs 1 and --jobs 2.

Not a test: prints wall times and the speed-up for the closing notes (target: at least 1.6x on
2 cores). Each setting runs five times in fresh folders; the best run counts.

Two sets: `seed` is 8 reviews of the seed's length (copies of it under other names), `short` is the
first 8 short test reviews, where start-up and imports weigh more than the work."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORT = sorted((ROOT / "tests" / "reviews").glob("*.txt"))[:8]
SEED = ROOT / "seeds" / "serge-final-words.txt"


def wall_time(reviews: list[Path], jobs: int, formats: str) -> float:
    best = float("inf")
    for _ in range(5):
        with tempfile.TemporaryDirectory() as out:
            options = ["-o", out, "-t", formats, "-q", "--jobs", str(jobs)]
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "exporter", "build", *map(str, reviews), *options],
                check=True,
                cwd=ROOT,
            )
            best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    formats = sys.argv[1] if len(sys.argv) > 1 else "all"
    print(f"8 reviews, formats {formats}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for index in range(8):
            copy = Path(tmp) / f"review-{index}.txt"
            copy.write_bytes(SEED.read_bytes())
            copies.append(copy)
        for label, reviews in (("seed", copies), ("short", SHORT)):
            one, two = wall_time(reviews, 1, formats), wall_time(reviews, 2, formats)
            print(f"{label:<6} --jobs 1: {one:.2f} s   --jobs 2: {two:.2f} s   speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()

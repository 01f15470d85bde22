"""Benchmark of parallel builds: 8 reviews in all formats with --jobs 1 and --jobs 2.

Not a test: prints wall times and the speed-up for the closing notes (target: at least 1.6x on
2 cores). Each setting runs three times in fresh folders; the best run counts."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = sorted((ROOT / "tests" / "reviews").glob("*.txt"))[:8]


def wall_time(jobs: int, formats: str) -> float:
    best = float("inf")
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            command = [
                sys.executable,
                "-m",
                "exporter",
                "build",
                *map(str, REVIEWS),
                "-o",
                out,
                "-f",
                formats,
            ]
            started = time.perf_counter()
            subprocess.run([*command, "-q", "--jobs", str(jobs)], check=True, cwd=ROOT)
            best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    formats = sys.argv[1] if len(sys.argv) > 1 else "all"
    print(f"{len(REVIEWS)} reviews, formats {formats}, {os.cpu_count()} cores")
    one, two = wall_time(1, formats), wall_time(2, formats)
    print(f"--jobs 1: {one:.2f} s   --jobs 2: {two:.2f} s   speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()

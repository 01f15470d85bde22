"""Benchmark of incremental builds: 50 reviews built with a project file, then built again.

Not a test (tests/test_project.py checks which sources rebuild): prints the whole-process wall
times of the first build, of a second build with nothing changed (the median of several runs;
the target is under 0.5 s), of a build after one review changed, and after the project file or
the exporter changed, with how many sources each rebuilt.

The 50 reviews: the test reviews, the corpus texts of the tuning split (never the held-out ones),
and copies of the seed under other names to make up the number; each with its sidecar."""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from exporter.manifest import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
COUNT = 50


def reviews() -> list[Path]:
    tune = [
        p.with_name(p.name.replace(".expected.json", ".txt"))
        for p in sorted((ROOT / "tests" / "corpus").glob("*.expected.json"))
        if json.loads(p.read_text(encoding="utf-8")).get("split") == "tune"
    ]
    return [*sorted((ROOT / "tests" / "reviews").glob("*.txt")), *tune][:COUNT]


def make_project(folder: Path, formats: str) -> list[Path]:
    (folder / "reviews").mkdir()
    chosen = reviews()
    for review in chosen:
        for each in (review, review.with_suffix(".toml")):
            if each.is_file():
                shutil.copy(each, folder / "reviews" / each.name)
    seed = ROOT / "seeds" / "serge-final-words.txt"
    for index in range(COUNT - len(chosen)):
        shutil.copy(seed, folder / "reviews" / f"seed-copy-{index:02}.txt")
    listed = ", ".join(json.dumps(f) for f in formats.split(","))
    (folder / "exporter.toml").write_text(
        f'sources = ["reviews"]\noutput = "dist"\nformats = [{listed}]\n', encoding="utf-8"
    )
    return sorted((folder / "reviews").glob("*.txt"))


def build(folder: Path) -> tuple[float, int]:
    """Wall seconds of one `exporter build` run as a user runs it, and how many sources it built."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "exporter", "build"], cwd=folder, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    return seconds, sum(line.startswith("built ") for line in done.stderr.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--to", default="all", help="formats of the project file, comma-separated (default all)"
    )
    parser.add_argument("--runs", type=int, default=7, help="runs of the no-op build (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exporter-incremental-") as tmp:
        folder = Path(tmp)
        sources = make_project(folder, "tei,epub,pdf,bib,csl" if args.to == "all" else args.to)
        first, built = build(folder)
        print(f"{len(sources)} reviews, formats {args.to}")
        print(f"first build:              {first:6.2f} s  ({built} built)")
        again = [build(folder) for _ in range(args.runs)]
        seconds = [s for s, _ in again]
        print(
            f"second build, no change:  {seconds[0]:6.2f} s  (median of {args.runs}: "
            f"{statistics.median(seconds):.3f} s, min {min(seconds):.3f}, max {max(seconds):.3f}; "
            f"built {max(n for _, n in again)})"
        )
        with sources[0].open("a", encoding="utf-8") as handle:
            handle.write("\n")  # a blank line more: new bytes, the same review
        print("one review changed:       {:6.2f} s  ({} built)".format(*build(folder)))
        with (folder / "exporter.toml").open("a", encoding="utf-8") as handle:
            handle.write("# changed by the benchmark\n")
        print("project file changed:     {:6.2f} s  ({} built)".format(*build(folder)))
        manifest = folder / "dist" / MANIFEST
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["exporter"] = "another exporter"  # what a manifest of another version records
        manifest.write_text(json.dumps(data), encoding="utf-8")
        print("exporter changed:         {:6.2f} s  ({} built)".format(*build(folder)))


if __name__ == "__main__":
    main()

"""What `--csl STYLE` adds to a build of the seed: the reference list rendered by pandoc's citeproc
and put in place of the house style's, for the EPUB and the PDF alike.

Not a test: it prints figures for the closing notes. Each run makes the XHTML of both media with
and without the style, with pandoc's cache emptied first, as a fresh build process has it; CPU
seconds count pandoc's too (a child process). `--full` also times whole `exporter build -t
epub,pdf` runs, with and without the style (a few seconds each, and noisier)."""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter.reader import read_review  # noqa: E402
from exporter.writers.bib import citeproc, styles  # noqa: E402
from exporter.writers.html.transform import to_xhtml  # noqa: E402

SEED = ROOT / "seeds" / "serge-final-words.txt"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        citeproc._formatted.cache_clear()
        wall, cpu = time.perf_counter(), cpu_seconds()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def full_build(style: str | None) -> tuple[float, float]:
    """One build of the seed into a new folder (a build skips outputs that are current)."""
    exporter = Path(sys.executable).parent / "exporter"
    with tempfile.TemporaryDirectory(prefix="csl-bench-") as out:
        command = [str(exporter), "build", "-q", "-j", "1", "-t", "epub,pdf", "-o", out, str(SEED)]
        command += ["--csl", style] if style else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True)
        seconds = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--full", type=int, default=0, metavar="N", help="also N whole builds each way")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tei, _ = read_review(SEED)
    assert tei is not None
    style = str(styles.resolve(args.style))

    def xhtml(csl_style: str | None) -> Callable[[], object]:
        return lambda: [to_xhtml(tei, medium, csl_style) for medium in ("epub", "print")]

    house_wall, house_cpu = timed(xhtml(None), args.runs)
    csl_wall, csl_cpu = timed(xhtml(style), args.runs)
    figures = {
        "style": args.style,
        "runs": args.runs,
        "house_xhtml_seconds": round(house_wall, 4),
        "csl_xhtml_seconds": round(csl_wall, 4),
        "added_seconds": round(csl_wall - house_wall, 4),
        "added_cpu_seconds": round(csl_cpu - house_cpu, 4),
    }
    if args.full:
        builds = {
            name: [full_build(s) for _ in range(args.full)] for name, s in (("house", None), ("csl", style))
        }
        for name, runs in builds.items():
            figures[f"{name}_build_seconds"] = round(statistics.median(w for w, _ in runs), 3)
            figures[f"{name}_build_cpu_seconds"] = round(statistics.median(c for _, c in runs), 3)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key:>26}: {value}")


if __name__ == "__main__":
    main()

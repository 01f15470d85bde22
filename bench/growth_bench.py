"""Benchmark of growth with the size of one thing: is the time per unit flat as it grows?

Not a test: it prints figures for the closing notes (issue #16, case 9). Three inputs, each at
1x, 4x and 16x, with the CPU seconds per unit (the figure a shared machine does not inflate):

  quotations  one paragraph of N cited quotations, read into TEI (the reader)
  paragraphs  a review of N paragraphs (a note each), its TEI written as BibTeX (the bib writer alone)
  characters  one paragraph of N characters, its TEI written as a PDF (the PDF writer alone)

    python bench/growth_bench.py [--scale 0.25] [--only quotations,paragraphs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter import api  # noqa: E402

HEAD = "Review: Growth\n\nJane Doe, A Book, Verso, 2020.\n\n"
TAIL = "\n\nReferences\n\nSmith, John 2001, Some Title, Pluto.\n"
FACTORS = (1, 4, 16)
# Units at 1x: enough that the fixed costs (imports, the header, the writer's set-up) weigh little.
BASE = {"quotations": 1000, "paragraphs": 1500, "characters": 20_000}
WORDS = "and the argument goes on as reviews do, "  # 40 characters


def quotations(n: int) -> str:
    return HEAD + " ".join(f"It says “quoted {i}” (p. {i % 300 + 1})." for i in range(n)) + TAIL


def paragraphs(n: int) -> str:
    """Each paragraph with a note, as a review's are: the writer reads the prose of both."""
    body = "\n\n".join(f"Paragraph {i} cites Smith 2001 and names Doe.[{i + 1}]" for i in range(n))
    notes = "\n\n".join(f"[{i + 1}] A note on Smith 2001." for i in range(n))
    return HEAD + body + TAIL + "\n" + notes + "\n"


def characters(n: int) -> str:
    return HEAD + "Smith 2001 says " + (WORDS * (n // len(WORDS) + 1))[:n] + "." + TAIL


def read_tei(text: str, folder: Path) -> object:
    path = folder / "growth.txt"
    path.write_text(text, encoding="utf-8")
    tei, diagnostics = api.read(path)
    assert tei is not None, [str(d) for d in diagnostics[:3]]
    return tei


def measure(kind: str, n: int, folder: Path) -> float:
    """CPU seconds of the step that the kind measures, at n units."""
    make: Callable[[int], str] = {
        "quotations": quotations,
        "paragraphs": paragraphs,
        "characters": characters,
    }[kind]
    text = make(n)
    if kind == "quotations":
        started = time.process_time()
        read_tei(text, folder)
        return time.process_time() - started
    tei = read_tei(text, folder)
    started = time.process_time()
    api.write(tei, "bib" if kind == "paragraphs" else "pdf")  # type: ignore[arg-type]
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the units at 1x")
    parser.add_argument("--only", default=",".join(BASE), help="comma-separated kinds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if "characters" in args.only:
            measure("characters", 100, Path(scratch))  # WeasyPrint's import and first layout, once
        for kind in args.only.split(","):
            base = max(int(BASE[kind] * args.scale), 1)
            cells = []
            for factor in FACTORS:
                n = base * factor
                seconds = measure(kind, n, Path(scratch))
                cells.append(f"{factor:>2}x {n:>7,}: {seconds:7.2f} s, {seconds / n * 1e6:8.1f} µs/unit")
            print(f"{kind:<11} " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()

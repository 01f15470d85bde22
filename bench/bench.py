"""Benchmark of the reader and the validator: the seed, and reviews 10× and 100× its length.

Not a test: it prints figures for the closing notes. Run `make bench` (or python bench/bench.py).
The long reviews repeat the seed's body and renumber its notes, so they stay valid input."""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporter.reader import read_review  # noqa: E402
from exporter.validate import validate_tree  # noqa: E402

SEED = ROOT / "seeds" / "serge-final-words.txt"
CORPUS = ROOT / "tests" / "corpus"


def scaled_review(times: int) -> str:
    """The seed with its body repeated `times` times, note calls and notes renumbered."""
    text = SEED.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip())]
    head, rest = blocks[:2], blocks[2:]
    notes = [b for b in rest if re.match(r"\[\d+\]", b)]
    refs_start = next(i for i, b in enumerate(rest) if b.startswith("Abidor, Mitchell"))
    body, refs = rest[:refs_start], [b for b in rest[refs_start:] if b not in notes]
    out_body, out_notes = [], []
    for copy in range(times):
        offset = copy * len(notes)
        out_body += [re.sub(r"\[(\d+)\]", lambda m, o=offset: f"[{int(m.group(1)) + o}]", b) for b in body]
        out_notes += [re.sub(r"^\[(\d+)\]", lambda m, o=offset: f"[{int(m.group(1)) + o}]", n) for n in notes]
    return "\n\n".join(head + out_body + refs + out_notes) + "\n"


def long_reference_list(entries: int) -> str:
    """A review whose reference list repeats the corpus's real entries, in every style it has,
    until it holds `entries` of them (read with the labeller, as those styles are)."""
    found: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        root, _ = read_review(path)
        if root is not None:
            found += [
                n.text or ""
                for n in root.iter("{http://www.tei-c.org/ns/1.0}note")
                if n.get("type") == "raw_reference"
            ]
    blocks = [found[i % len(found)] for i in range(entries)]
    head = "Review: A long list\n\nJane Doe, A Book, Verso, 2020.\n\nA paragraph.\n\nReferences\n\n"
    return head + "\n\n".join(blocks) + "\n"


def measure(path: Path, repeats: int) -> tuple[float, float, float]:
    """Median wall and CPU seconds of `repeats` reads, and peak traced memory (MiB) of one read.
    The CPU time is the figure to quote on a shared machine: other processes inflate the wall time."""
    times, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        root, diagnostics = read_review(path)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert root is not None, diagnostics[:3]
    tracemalloc.start()
    read_review(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), statistics.median(cpu), peak


def validation_seconds(path: Path, repeats: int) -> float:
    """Median seconds to check the reader's TEI against the project's RELAX NG and Schematron."""
    from lxml import etree

    root, _ = read_review(path)
    assert root is not None
    tree = etree.ElementTree(root)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        problems = validate_tree(tree, str(path))
        times.append(time.perf_counter() - started)
        assert not problems, problems[:3]
    return statistics.median(times)


def main() -> None:
    read_review(SEED)  # warm up: imports, regex compilation
    validation_seconds(SEED, 1)  # warm up: the schemas are compiled once per process
    print(f"{'input':<12}{'bytes':>10}{'median s':>12}{'cpu s':>10}{'peak MiB':>10}{'validate s':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for times, repeats in ((1, 20), (10, 5), (100, 3)):
            path = SEED if times == 1 else Path(tmp) / f"seed-x{times}.txt"
            if times > 1:
                path.write_text(scaled_review(times), encoding="utf-8")
            seconds, cpu, peak = measure(path, repeats)
            checked = validation_seconds(path, repeats)
            size = path.stat().st_size
            print(
                f"{'seed x' + str(times):<12}{size:>10}{seconds:>12.4f}{cpu:>10.4f}{peak:>10.1f}{checked:>12.4f}"
            )
        path = Path(tmp) / "references-1000.txt"
        path.write_text(long_reference_list(1000), encoding="utf-8")
        seconds, cpu, peak = measure(path, 3)
        print(f"{'1000 refs':<12}{path.stat().st_size:>10}{seconds:>12.4f}{cpu:>10.4f}{peak:>10.1f}{'':>12}")


if __name__ == "__main__":
    main()

"""Time and peak memory of the PDF writer: the seed's whole build, and a 100x review against WeasyPrint alone.

    python bench/pdf_bench.py            # all the measurements, then the targets
    python bench/pdf_bench.py --json     # the same figures as JSON

Every measurement runs in a fresh child process, so that its wall time includes start-up and its
peak memory (maximum resident set size, from wait4) is its own. The 100x review is the seed's body
repeated 100 times with its notes renumbered 1..500 (621 A5 pages as the writer sets it, 1,101 as
plain HTML); the comparison is WeasyPrint alone rendering the same text as plain HTML (no styling
but the A5 page, notes inline), in the same run, so that both figures come from the same machine
under the same load: three times each, alternately, and the ratio is the median of the three
pairs' (one pair varied by 10% from run to run). Two more figures, for reference: WeasyPrint
alone on that plain HTML with the writer's PDF/UA tags, and WeasyPrint alone (as released,
without the engine's mends) on the writer's own HTML and print.css.

    python bench/pdf_bench.py --instructions [--repeat 10]

counts the instructions the CPU executes instead (valgrind's callgrind), for the seed's whole
build and the writer on a long review: on a shared machine wall times of two runs differ by 10%,
instruction counts by far less, so two versions of the code compare by them. Under callgrind a
build runs some fifty times slower, so the long review is 10 copies of the body by default there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from copy import deepcopy
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "serge-final-words.txt"
REPEAT = 100
MIB = 1024 * 1024
PDF_VARIANT = "pdf/ua-1"  # as exporter.writers.pdf.writer (not imported here: it is what is measured)
TARGETS = {"seed_seconds": 1.0, "ratio": 1.10, "big_mib": 400}
PAIRS = 3  # runs of the 100x review and of the plain HTML, alternately
INSTRUCTIONS_REPEAT = 10  # copies of the body under callgrind: 100 would take some forty minutes
# No profile file (only the total is wanted); children too, should a build start any.
CALLGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--trace-children=yes"]
COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.MULTILINE)  # one line per process


def measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one child process; it must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    stderr = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{stderr}")
    return seconds, usage.ru_maxrss * 1024 / MIB  # ru_maxrss is in KiB on Linux


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}


def instructions(argv: list[str]) -> int:
    """Instructions executed by one child process (and any it starts), as callgrind counts them.
    A fixed hash seed, so that set and dict orders, and with them the count, repeat."""
    env = {**child_env(), "PYTHONHASHSEED": "0"}
    done = subprocess.run([*CALLGRIND, *argv], cwd=ROOT, env=env, capture_output=True, text=True)
    counts = COLLECTED.findall(done.stderr)
    if done.returncode != 0 or not counts:
        raise SystemExit(f"failed: {' '.join(argv)}\n{done.stderr}")
    return sum(int(count) for count in counts)


# ---------- the 100x review -----------------------------------------------------------------


def repeated_tei(times: int) -> etree._Element:
    """The seed's TEI with its body repeated `times` times, notes renumbered in order."""
    from exporter.reader import read_review
    from exporter.tei import XML_ID, xpath

    tei, diagnostics = read_review(SEED)
    assert tei is not None, diagnostics
    body = xpath(tei, "//tei:text/tei:body")[0]
    paragraphs = list(body)
    for _ in range(times - 1):
        body.extend(deepcopy(p) for p in paragraphs)
    for number, note in enumerate(xpath(body, ".//tei:note"), start=1):
        note.set("n", str(number))
        note.set(XML_ID, f"note{number}")
    return tei


def plain_html(tei: etree._Element) -> str:
    """The same words as the TEI's body and notes, as unstyled HTML on A5 pages."""
    from exporter.tei import xpath
    from exporter.writers.tei import words

    title = words(xpath(tei, "//tei:titleStmt/tei:title")[0])
    paragraphs = "\n".join(f"<p>{_escape(words(p))}</p>" for p in xpath(tei, "//tei:text/tei:body/tei:p"))
    entries = "\n".join(f"<p>{_escape(words(b))}</p>" for b in xpath(tei, "//tei:back//tei:note"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_escape(title)}</title>'
        f"<style>@page {{ size: A5 }}</style></head><body><h1>{_escape(title)}</h1>\n"
        f"{paragraphs}\n{entries}</body></html>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def child_ours(tei_path: str, out: str) -> None:
    """In the child: the project's PDF writer on the 100x TEI (A5, as the comparison), in a process
    of its own, as the command line runs it."""
    from exporter.tei import parse_xml
    from exporter.writers import Options, writer

    tei = parse_xml(Path(tei_path).read_bytes()).getroot()
    options = Options(name="bench", source_path=tei_path, paper="a5", owns_process=True)
    Path(out).write_bytes(writer("pdf").write(tei, options))


def child_plain(html_path: str, out: str, variant: str = "") -> None:
    """In the child: WeasyPrint alone on the plain HTML (with the writer's PDF variant, if given)."""
    from weasyprint import HTML

    HTML(filename=html_path).write_pdf(out, pdf_variant=variant or None)


def styled_html(tei: etree._Element) -> str:
    """The very HTML the PDF writer gives WeasyPrint for this TEI (A5)."""
    from exporter.writers import Options
    from exporter.writers.html.transform import to_xhtml
    from exporter.writers.pdf.docinfo import document_dates
    from exporter.writers.pdf.engine.tree import as_html
    from exporter.writers.pdf.writer import prepare

    options = Options(name="bench", source_path="bench", paper="a5")
    return as_html(prepare(to_xhtml(tei, "print"), tei, options, document_dates(tei)))


def child_styled(html_path: str, out: str) -> None:
    """In the child: WeasyPrint alone (as released) on the writer's HTML and print.css, tagged."""
    from weasyprint import CSS, HTML

    from exporter.writers.html.transform import style_path

    css = style_path("print.css")
    html = HTML(filename=html_path, base_url=css.parent.as_uri() + "/")
    html.write_pdf(out, stylesheets=[CSS(filename=str(css))], pdf_variant=PDF_VARIANT)


# ---------- the run ---------------------------------------------------------------------------


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def seed_build(out: Path) -> list[str]:
    """The seed's whole PDF build, as the command line runs it (--formats: older versions' name)."""
    return [sys.executable, "-m", "exporter", "build", str(SEED), "-o", str(out), "--formats", "pdf"]


def compile_package() -> None:
    """As an installed copy has it (pip compiles on install), whether or not this checkout's
    environment lets Python write bytecode (PYTHONDONTWRITEBYTECODE)."""
    import compileall

    compileall.compile_dir(ROOT / "exporter", quiet=1)


def run_instructions(repeat: int) -> dict[str, float]:
    from exporter.tei import serialise

    compile_package()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        (work / "big.xml").write_bytes(serialise(repeated_tei(repeat)))
        me = [sys.executable, str(Path(__file__).resolve())]
        return {
            "seed_instructions": instructions(seed_build(work)),
            "big_instructions": instructions(
                [*me, "--child-ours", str(work / "big.xml"), str(work / "big.pdf")]
            ),
            "repeat": repeat,
        }


def run(seed_runs: int, repeat: int = REPEAT, pairs: int = PAIRS) -> dict[str, float]:
    from exporter.tei import serialise

    compile_package()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        seed = [measure(seed_build(work), child_env()) for _ in range(seed_runs)]
        figures["seed_seconds"] = statistics.median(s for s, _ in seed)
        figures["seed_mib"] = max(m for _, m in seed)
        figures["seed_pages"] = pages(work / "serge-final-words.pdf")

        tei = repeated_tei(repeat)
        (work / "big.xml").write_bytes(serialise(tei))
        (work / "big.html").write_text(plain_html(tei), encoding="utf-8")
        (work / "styled.html").write_text(styled_html(tei), encoding="utf-8")
        me = [sys.executable, str(Path(__file__).resolve())]
        ours_argv = [*me, "--child-ours", str(work / "big.xml"), str(work / "big.pdf")]
        plain_argv = [*me, "--child-plain", str(work / "big.html"), str(work / "plain.pdf")]
        # Alternately, so that both see the machine's load alike; each pair gives one ratio.
        measured = [(measure(ours_argv, child_env()), measure(plain_argv, child_env())) for _ in range(pairs)]
        ratios = [o[0] / p[0] for o, p in measured]
        ours = (statistics.median(o[0] for o, _ in measured), max(o[1] for o, _ in measured))
        plain = (statistics.median(p[0] for _, p in measured), max(p[1] for _, p in measured))
        tagged_argv = [*me, "--child-plain", str(work / "big.html"), str(work / "tagged.pdf"), PDF_VARIANT]
        tagged = measure(tagged_argv, child_env())
        styled_argv = [*me, "--child-styled", str(work / "styled.html"), str(work / "styled.pdf")]
        figures["styled_seconds"], figures["styled_mib"] = measure(styled_argv, child_env())
        figures["big_seconds"], figures["big_mib"] = ours
        figures["plain_seconds"], figures["plain_mib"] = plain
        figures["tagged_seconds"], figures["tagged_mib"] = tagged
        figures["big_pages"] = pages(work / "big.pdf")
        figures["plain_pages"] = pages(work / "plain.pdf")
        figures["big_notes"] = len(
            tei.findall(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}note")
        )
        figures["ratio"] = statistics.median(ratios)
        figures["ratio_min"], figures["ratio_max"] = min(ratios), max(ratios)
        figures["pairs"] = pairs
    return figures


def report(f: dict[str, float]) -> str:
    checks = [
        ("seed: whole `exporter build -t pdf` process", f["seed_seconds"] < TARGETS["seed_seconds"]),
        ("100x: within 10% of WeasyPrint alone", f["ratio"] <= TARGETS["ratio"]),
        ("100x: peak memory under 400 MiB", f["big_mib"] < TARGETS["big_mib"]),
    ]
    lines = [
        f"seed   {f['seed_seconds']:6.2f} s  {f['seed_mib']:6.0f} MiB  {f['seed_pages']:.0f} pages"
        " (median wall time of the whole build process; peak RSS)",
        f"100x   {f['big_seconds']:6.2f} s  {f['big_mib']:6.0f} MiB  {f['big_pages']:.0f} A5 pages,"
        f" {f['big_notes']:.0f} footnotes (exporter's PDF writer, whole process)",
        f"plain  {f['plain_seconds']:6.2f} s  {f['plain_mib']:6.0f} MiB  {f['plain_pages']:.0f} A5 pages"
        " (WeasyPrint alone, same text as unstyled HTML, whole process)",
        f"tagged {f['tagged_seconds']:6.2f} s  {f['tagged_mib']:6.0f} MiB"
        f" (WeasyPrint alone, the same plain HTML with the writer's {PDF_VARIANT} tags; for reference)",
        f"styled {f['styled_seconds']:6.2f} s  {f['styled_mib']:6.0f} MiB"
        " (WeasyPrint alone, as released, on the writer's own HTML and print.css, tagged; for reference)",
        f"ratio  {f['ratio']:6.2f}  (100x / plain, median of {f['pairs']:.0f} pairs run alternately;"
        f" {f['ratio_min']:.2f}–{f['ratio_max']:.2f})",
    ]
    lines += [f"{'ok  ' if ok else 'MISS'} {what}" for what, ok in checks]
    return "\n".join(lines)


def report_instructions(f: dict[str, float]) -> str:
    return "\n".join(
        [
            f"seed  {f['seed_instructions']:>16,.0f} instructions (the whole `exporter build` process)",
            f"{f['repeat']:.0f}x   {f['big_instructions']:>16,.0f} instructions"
            " (the PDF writer on the long review, whole process)",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under callgrind instead of timing"
    )
    parser.add_argument("--seed-runs", type=int, default=5, help="builds of the seed (median is kept)")
    parser.add_argument(
        "--repeat",
        type=int,
        help=f"copies of the seed's body in the long review (default {REPEAT}; {INSTRUCTIONS_REPEAT} with --instructions)",
    )
    parser.add_argument(
        "--pairs", type=int, default=PAIRS, help="runs of the long review and the plain HTML, alternately"
    )
    parser.add_argument("--child-ours", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-plain", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--child-styled", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_ours:
        return child_ours(*args.child_ours)
    if args.child_plain:
        return child_plain(*args.child_plain)
    if args.child_styled:
        return child_styled(*args.child_styled)
    if args.instructions:
        figures = run_instructions(args.repeat or INSTRUCTIONS_REPEAT)
        print(json.dumps(figures, indent=2) if args.json else report_instructions(figures))
        return None
    figures = run(args.seed_runs, args.repeat or REPEAT, args.pairs)
    print(json.dumps(figures, indent=2) if args.json else report(figures))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

"""The PDF benchmark still runs: a short version of it, for its figures' shape, not their values.

bench/pdf_bench.py is not a timed test (timings go in the closing notes); this only keeps it from
breaking unseen, as it once did when a function it imported was removed.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, require_tool


def test_pdf_bench_runs_on_a_short_review() -> None:
    require_tool("pdfinfo")
    argv = [
        sys.executable,
        "bench/pdf_bench.py",
        "--json",
        "--seed-runs",
        "1",
        "--repeat",
        "2",
        "--pairs",
        "2",
    ]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True, timeout=600)
    figures = json.loads(done.stdout)
    # The seed has 5 notes; two copies of its body, 10. Its PDF has 7 pages (pdfinfo on dist/).
    assert figures["big_notes"] == 10
    assert figures["seed_pages"] == 7
    assert figures["big_pages"] > figures["seed_pages"]
    for key in (
        "seed_seconds",
        "big_seconds",
        "plain_seconds",
        "tagged_seconds",
        "styled_seconds",
        "big_mib",
    ):
        assert figures[key] > 0, key
    # The median of two pairs' ratios lies between them.
    assert figures["pairs"] == 2
    assert figures["ratio_min"] <= figures["ratio"] <= figures["ratio_max"]

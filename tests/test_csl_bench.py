"""bench/csl_bench.py still runs (its figures go in the closing notes; this checks their shape)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_csl_bench_runs() -> None:
    argv = [sys.executable, "bench/csl_bench.py", "--runs", "1", "--json"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)
    figures = json.loads(done.stdout)
    assert figures["style"] == "apa" and figures["runs"] == 1
    # The styled XHTML costs a pandoc run more than the house style's.
    assert figures["csl_xhtml_seconds"] > figures["house_xhtml_seconds"] > 0
    assert figures["added_cpu_seconds"] > 0

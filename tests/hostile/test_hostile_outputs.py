"""What a build leaves in the output folder when sources clash or a write fails
(issue #16, cases 2 and 10)."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import GOOD, SEED_TEI, files_in, run


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_sources_with_one_stem_are_an_error_before_anything_is_written(tmp_path: Path, jobs: str) -> None:
    text, tei = tmp_path / "a.txt", tmp_path / "a.xml"
    text.write_text(GOOD)
    tei.write_bytes(SEED_TEI)
    code, _, err = run("build", text, tei, "-o", tmp_path / "out", "-t", "tei", "-j", jobs, "-q")
    assert (code, err) == (
        1,
        f"{tei}:1:1: error: writes the same outputs (a.*) as {text}: rename one, or build them apart\n",
    )
    assert files_in(tmp_path / "out") == []


def test_two_reviews_with_one_stem_in_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(GOOD)
    (tmp_path / "seeds" / "a.xml").write_bytes(SEED_TEI)
    monkeypatch.chdir(tmp_path)
    code, _, err = run("build", "-t", "tei", "-q")
    assert (code, err) == (
        1,
        "seeds/a.xml:1:1: error: writes the same outputs (a.*) as seeds/a.txt: rename one, or build them apart\n",
    )
    assert not (tmp_path / "dist").exists()


def test_one_source_named_twice_is_built_once(tmp_path: Path) -> None:
    review = tmp_path / "a.txt"
    review.write_text(GOOD)
    code, _, err = run("build", review, tmp_path / "." / "a.txt", "-o", tmp_path / "out", "-t", "tei", "-q")
    assert (code, err) == (0, "")
    assert files_in(tmp_path / "out") == ["a.xml"]


def test_a_failed_write_leaves_the_whole_set_old(tmp_path: Path) -> None:
    """A write that fails part-way (here a file-size limit, the way a full disk fails) leaves all
    of a source's outputs old, not the TEI and EPUB new beside an old PDF."""
    review = tmp_path / "a.txt"
    review.write_text(GOOD)
    assert run("build", review, "-o", tmp_path / "new", "-q")[0] == 0
    sizes = {name: (tmp_path / "new" / name).stat().st_size for name in files_in(tmp_path / "new")}
    limit = max(size for name, size in sizes.items() if name != "a.pdf") + 1
    assert limit < sizes["a.pdf"]  # every file but the PDF fits
    out = tmp_path / "out"
    out.mkdir()
    for name in sizes:
        (out / name).write_bytes(b"old")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG from write() instead of death
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    build = [sys.executable, "-m", "exporter", "build", str(review), "-o", str(out), "-q"]
    done = subprocess.run(build, capture_output=True, text=True, check=False, preexec_fn=small_files)
    assert {name: (out / name).read_bytes() for name in files_in(out)} == dict.fromkeys(sizes, b"old")
    assert (done.returncode, done.stderr) == (
        1,
        f"{review}:1:1: error: cannot write to {out}: File too large\n",
    )

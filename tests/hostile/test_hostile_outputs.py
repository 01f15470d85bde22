"""What a build leaves in the output folder when sources clash or a write fails
(issue #16, cases 2 and 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import GOOD, SEED_TEI, files_in, run


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_sources_with_one_stem_are_an_error_before_anything_is_written(tmp_path: Path, jobs: str) -> None:
    text, tei = tmp_path / "a.txt", tmp_path / "a.xml"
    text.write_text(GOOD)
    tei.write_bytes(SEED_TEI)
    code, _, err = run("build", text, tei, "-o", tmp_path / "out", "-f", "tei", "-j", jobs, "-q")
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
    code, _, err = run("build", "-f", "tei", "-q")
    assert (code, err) == (
        1,
        "seeds/a.xml:1:1: error: writes the same outputs (a.*) as seeds/a.txt: rename one, or build them apart\n",
    )
    assert not (tmp_path / "dist").exists()


def test_one_source_named_twice_is_built_once(tmp_path: Path) -> None:
    review = tmp_path / "a.txt"
    review.write_text(GOOD)
    code, _, err = run("build", review, tmp_path / "." / "a.txt", "-o", tmp_path / "out", "-f", "tei", "-q")
    assert (code, err) == (0, "")
    assert files_in(tmp_path / "out") == ["a.xml"]

"""A review whose TEI would not be valid is an error at its line, before anything is written
(issue #16, case 5): the reader's TEI is checked as `exporter validate` checks the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import HERE, files_in, run

REVIEWS = HERE / "reviews"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("backward-range", "backward-range.txt:5:1: error: this review cannot become valid TEI: "
         "page range pp. 30-12 ends before it starts"),
        ("deep-quotes", "deep-quotes.txt:7:1: error: this review cannot become valid TEI: "
         "elements nested more than 256 deep"),
        ("sidecar-language", "sidecar-language.toml:3:1: error: 'language' in [review] is 'x\" y', "
         "not a language tag such as 'en' or 'de-CH'"),
        ("sidecar-date", "sidecar-date.toml:2:1: error: 'date' in [review] is '2019-13-45', "
         "not a date YYYY-MM-DD (or YYYY-MM, or YYYY)"),
    ],
)  # fmt: skip
def test_a_review_that_cannot_become_valid_tei_writes_nothing(
    tmp_path: Path, name: str, expected: str
) -> None:
    out = tmp_path / "out"
    code, _, err = run("build", REVIEWS / f"{name}.txt", "-o", out, "-t", "tei,bib,csl", "-j", "1", "-q")
    assert code == 1
    assert expected in err.replace(f"{REVIEWS}/", "")
    assert files_in(out) == []


@pytest.mark.parametrize("when", ["2019", "2019-02", "2020-02-29"])
def test_sidecar_dates_the_schema_takes_still_build(tmp_path: Path, when: str) -> None:
    review = tmp_path / "dated.txt"
    review.write_text((REVIEWS / "sidecar-date.txt").read_text())
    review.with_suffix(".toml").write_text(f'[review]\ndate = "{when}"\nlanguage = "de-CH"\n')
    code, _, err = run("build", review, "-o", tmp_path / "out", "-t", "tei", "-q")
    assert (code, err) == (0, "")
    code, _, err = run("validate", tmp_path / "out" / "dated.xml")
    assert (code, err) == (0, "")

"""`exporter check`: each problem it reports on a small review, at the line and column counted by
hand; the seed's one warning; exit codes; the report formats; and that it writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from exporter.cli import main
from tests.conftest import SEED

REVIEWED = "Review: A test\n\nJane Doe, A Book, Verso, 2020.\n\n"  # lines 1-4; the body starts on 5
JOCKERS = "Jockers, Matthew 2013, Macroanalysis, University of Illinois Press."
MORETTI = "Moretti, Franco 2005, Graphs, Maps, Trees, Verso."
# The README's example: a name no entry has, and an entry's name with another year.
DANGLING = (
    REVIEWED
    + "A rival school (Morelli 2005) has its own account.\n"
    + "Distant reading has a history (Jockers 2012, 47).\n\n"
    + f"{JOCKERS}\n\n{MORETTI}\n"
)


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def review(folder: Path, text: str) -> Path:
    path = folder / "review.txt"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """check's lines, without the folder, as the tests write them."""
    _, _, err = check(str(path))
    return [line.removeprefix(f"{path.parent}/") for line in err.splitlines()]


def test_a_dangling_citation_names_its_line_column_and_nearest_entry(tmp_path: Path) -> None:
    # Line 5 "A rival school (Morelli": 'M' is column 17; line 6 "Distant reading has a history
    # (Jockers": 'J' is column 32. Moretti is cited nowhere and "Morelli" is not its name (line 10).
    assert problems(review(tmp_path, DANGLING)) == [
        "review.txt:5:17: error: citation 'Morelli 2005' matches no entry: did you mean 'Moretti 2005'?"
        " (kept as text, not linked)",
        "review.txt:6:32: error: citation 'Jockers 2012' has the year 2012, but the entry 'Jockers 2013'"
        " has another: did you mean that? (kept as text, not linked)",
        "review.txt:10:1: warning: entry 'Moretti 2005' is cited nowhere, and the text never names Moretti",
    ]


def test_of_one_author_s_entries_the_nearest_year_is_named(tmp_path: Path) -> None:
    text = (
        REVIEWED
        + "It is older (Jockers 2016).\n\n"
        + JOCKERS
        + "\n\n"
        + JOCKERS.replace("2013", "2020")
        + "\n"
    )
    # "It is older (": 'J' is column 14; 2016 is three years from 2013, four from 2020.
    assert problems(review(tmp_path, text)) == [
        "review.txt:5:14: error: citation 'Jockers 2016' has the year 2016, but the entry 'Jockers 2013'"
        " has another: did you mean that? (kept as text, not linked)"
    ]


def test_an_entry_nothing_cites_is_reported_unless_the_text_names_its_author(tmp_path: Path) -> None:
    underwood = "Underwood, Ted 2019, Distant Horizons,\nUniversity of Chicago Press."  # two lines
    text = REVIEWED + "Distant reading has a history (Jockers 2013, 47).\n\n" + f"{JOCKERS}\n\n{underwood}\n"
    assert problems(review(tmp_path, text)) == [
        "review.txt:9:1: warning: entry 'Underwood 2019' is cited nowhere, and the text never names Underwood"
    ]
    named = text.replace("(Jockers 2013, 47).", "(Jockers 2013, 47). Underwood sees it otherwise.")
    assert problems(review(tmp_path, named)) == []


def test_a_page_range_that_runs_backwards(tmp_path: Path) -> None:
    text = REVIEWED + "The argument runs backwards (Jockers 2013, 47–12).\n\n" + JOCKERS + "\n"
    # "The argument runs backwards (Jockers 2013, ": the range's '4' is column 44. The TEI would
    # not be valid, so a build refuses it: an error at the paragraph's line too.
    assert problems(review(tmp_path, text)) == [
        "review.txt:5:1: error: this review cannot become valid TEI: page range 47–12 ends before it starts",
        "review.txt:5:44: warning: page range '47–12' ends before it starts",
    ]


def test_a_quotation_mark_left_open(tmp_path: Path) -> None:
    text = REVIEWED + "The review goes on.\nShe calls it “a method without end.\n"
    # Line 6 "She calls it “": the mark is column 14.
    assert problems(review(tmp_path, text)) == [
        "review.txt:6:14: warning: unmatched opening quotation mark “; kept as text"
    ]


def test_notes_out_of_order(tmp_path: Path) -> None:
    text = REVIEWED + "A first claim.[2] A second claim.[1]\n\n[1] The first note.\n\n[2] The second note.\n"
    # The reader names the note that is called out of its place: [2], on line 9.
    assert problems(review(tmp_path, text)) == [
        "review.txt:9:1: error: notes are not numbered in order: the call of note [2] is note 1 in the text"
    ]


def test_the_seed_has_its_one_known_warning_and_nothing_else() -> None:
    # Line 78 is "Serge Victor 2010, …": the comma is missing at column 6, after "Serge".
    code, out, err = check(str(SEED))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"{SEED}:78:6: warning: missing comma after surname 'Serge' in reference; read as 'Serge, Victor'"
    ]


def test_exit_codes_with_and_without_strict(tmp_path: Path) -> None:
    assert check(str(SEED))[0] == 0
    code, _, err = check("--strict", str(SEED))
    assert code == 1 and f"{SEED}:78:6: error: missing comma" in err
    assert check(str(review(tmp_path, DANGLING)))[0] == 1
    assert check(str(tmp_path / "nope.txt"))[0] == 1
    assert check()[0] == 2  # no review named: a usage error
    assert check("--format", "yaml", str(SEED))[0] == 2


def test_json_report(tmp_path: Path) -> None:
    path = review(tmp_path, DANGLING)
    code, out, _ = check("--format", "json", str(path))
    records = json.loads(out)
    assert code == 1
    assert [(r["path"], r["line"], r["col"], r["severity"]) for r in records] == [
        (str(path), 5, 17, "error"),
        (str(path), 6, 32, "error"),
        (str(path), 10, 1, "warning"),
    ]
    assert "did you mean 'Moretti 2005'?" in records[0]["message"]


def test_github_report(tmp_path: Path) -> None:
    path = review(tmp_path, DANGLING)
    code, out, _ = check("--format", "github", str(path))
    lines = out.splitlines()
    assert code == 1 and len(lines) == 3
    assert lines[0].startswith(
        f"::error file={path},line=5,col=17,title=exporter error::citation 'Morelli 2005'"
    )
    assert lines[2].startswith(
        f"::warning file={path},line=10,col=1,title=exporter warning::entry 'Moretti 2005'"
    )


def test_junit_report(tmp_path: Path) -> None:
    path = review(tmp_path, DANGLING)
    code, out, _ = check("--format", "junit", str(path), str(SEED))
    suites = etree.fromstring(out.encode())
    assert code == 1
    assert (suites.get("name"), suites.get("tests"), suites.get("failures")) == ("exporter check", "4", "2")
    by_file = {s.get("name"): s for s in suites}
    assert [c.get("name") for c in by_file[str(path)]] == [f"{path}:5:17", f"{path}:6:32", f"{path}:10:1"]
    assert by_file[str(SEED)].get("failures") == "0"  # its one warning is no failure without --strict


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("form", ["text", "json", "github", "junit"])
def test_check_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    shutil.copy(SEED.with_suffix(".toml"), tmp_path / SEED.with_suffix(".toml").name)
    review(tmp_path, DANGLING)
    monkeypatch.chdir(tmp_path)  # where a default output folder such as dist/ would appear
    before = _snapshot(tmp_path)
    assert check("--format", form, SEED.name, "review.txt")[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [SEED.name, SEED.with_suffix(".toml").name, "review.txt"]
    )
    assert _snapshot(tmp_path) == before

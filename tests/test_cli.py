"""The command line as a user and a CI pipeline meet it: exit codes, --check, report formats."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from exporter.cli import main
from tests.conftest import ROOT

SEED_TEI = ROOT / "dist" / "serge-final-words.xml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert (code, out.strip()) == (0, "exporter, version 0.1.0")
    code, out, _ = run("--help")
    assert code == 0 and "build" in out and "validate" in out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("build", "-t", "docx")[0] == 2
    assert run("build", "--no-such-option")[0] == 2
    assert run("validate")[0] == 2
    assert run("frobnicate")[0] == 2
    assert run("build", "--jobs", "0")[0] == 2


def test_missing_source_is_exit_1(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path), "-t", "tei")
    assert code == 1
    assert "nope.txt:1:1: error: cannot read: No such file or directory" in err


def test_check_passes_on_current_and_fails_on_stale(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    shutil.copy(ROOT / "seeds" / "serge-final-words.txt", source)
    out = tmp_path / "out"
    assert run("build", str(source), "-o", str(out), "-t", "tei", "-q")[0] == 0
    code, stdout, err = run("build", str(source), "-o", str(out), "-t", "tei", "--check")
    assert (code, stdout) == (0, "") and "is current" in err
    (out / "review.xml").write_bytes((out / "review.xml").read_bytes().replace(b"Serge", b"Sergei", 1))
    code, _, err = run("build", str(source), "-o", str(out), "-t", "tei", "--check")
    assert code == 1
    assert f"{out}/review.xml: differs from what a build writes now" in err
    (out / "review.xml").unlink()
    code, _, err = run("build", str(source), "-o", str(out), "-t", "tei", "--check")
    assert code == 1 and "review.xml: missing" in err


def test_summary_and_plain_progress(tmp_path: Path) -> None:
    code, out, err = run(
        "build", str(ROOT / "seeds" / "serge-final-words.txt"), "-o", str(tmp_path), "-t", "tei"
    )
    assert (code, out) == (0, "")  # progress and the table are no output the user asked for
    assert "serge-final-words.txt" in err and "warnings" in err
    assert "built " in err and "(tei)" in err


def broken_tei(tmp_path: Path) -> Path:
    text = SEED_TEI.read_text(encoding="utf-8").replace('target="#serge2012a"', 'target="#nowhere"', 1)
    path = tmp_path / "broken.xml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    return next(i for i, t in enumerate(path.read_text().split("\n"), 1) if needle in t)


def test_validate_github_annotations(tmp_path: Path) -> None:
    bad = broken_tei(tmp_path)
    code, out, _ = run("validate", "--format", "github", str(bad))
    assert code == 1
    line = _line(bad, "#nowhere")
    expected = f"::error file={bad},line={line},col=1,title=exporter error::pointer #nowhere leads to no element with that xml:id"
    assert out.splitlines() == [expected]


def test_validate_junit_report(tmp_path: Path) -> None:
    bad = broken_tei(tmp_path)
    report = tmp_path / "report.xml"
    code, _, _ = run("validate", "--format", "junit", "-o", str(report), str(bad), str(SEED_TEI))
    assert code == 1
    suites = etree.parse(str(report)).getroot()
    assert suites.tag == "testsuites"
    failures = suites.findall(".//failure")
    assert len(failures) == 1
    assert failures[0].get("message") == "pointer #nowhere leads to no element with that xml:id"
    assert suites.get("failures") == "1"
    passing = [c for c in suites.iter("testcase") if c.find("failure") is None]
    assert [c.get("classname") for c in passing] == [str(SEED_TEI)]


def test_validate_junit_one_failure_per_problem(tmp_path: Path) -> None:
    text = SEED_TEI.read_text(encoding="utf-8")
    for key in ("#serge2012a", "#serge2012b", "#serge2010"):
        text = text.replace(f'target="{key}"', 'target="#gone"', 1)
    bad = tmp_path / "three.xml"
    bad.write_text(text, encoding="utf-8")
    code, out, _ = run("validate", "--format", "junit", str(bad))
    assert code == 1
    assert len(etree.fromstring(out.encode()).findall(".//failure")) == 3


def test_validate_json(tmp_path: Path) -> None:
    bad = broken_tei(tmp_path)
    code, out, _ = run("validate", "--format", "json", str(bad))
    assert code == 1
    (record,) = json.loads(out)
    assert record == {
        "path": str(bad), "line": _line(bad, "#nowhere"), "col": 1, "severity": "error",
        "message": "pointer #nowhere leads to no element with that xml:id",
    }  # fmt: skip


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "id: exporter-validate" in text and "entry: exporter validate" in text and "types: [xml]" in text


def test_progress_and_summary_on_stderr_only(tmp_path: Path) -> None:
    """The real command, as a pipe sees it: nothing on stdout but what was asked for (issue #17)."""
    argv = [sys.executable, "-m", "exporter", "build", str(ROOT / "seeds" / "serge-final-words.txt")]
    done = subprocess.run([*argv, "-o", str(tmp_path), "-t", "tei,bib"], capture_output=True, check=False)
    assert (done.returncode, done.stdout) == (0, b""), done.stderr
    assert b"built " in done.stderr and b"exporter build" in done.stderr and b"warnings" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serge-final-words.bib", "serge-final-words.xml"]
    check = subprocess.run(
        [*argv, "-o", str(tmp_path), "-t", "tei,bib", "--check"], capture_output=True, check=False
    )
    assert (check.returncode, check.stdout) == (0, b"") and b"is current" in check.stderr


def test_to_and_formats_name_the_output_formats(tmp_path: Path) -> None:
    seed = str(ROOT / "seeds" / "serge-final-words.txt")
    for option in ("-t", "--to", "--formats"):
        out = tmp_path / option.strip("-")
        assert run("build", seed, "-o", str(out), option, "tei,csl", "-q") == (0, "", "")
        assert sorted(p.name for p in out.iterdir()) == ["serge-final-words.json", "serge-final-words.xml"]
    code, _, err = run("build", seed, "-o", str(tmp_path / "x"), "-t", "docx")
    assert code == 2 and "docx" in err


def test_from_reads_the_input_format(tmp_path: Path) -> None:
    # A TEI source of no known extension is read as TEI when -f tei says so.
    tei = tmp_path / "review.tei"
    shutil.copy(SEED_TEI, tei)
    out = tmp_path / "out"
    assert run("build", str(tei), "-f", "tei", "-t", "tei", "-o", str(out), "-q") == (0, "", "")
    assert (out / "review.xml").read_bytes() == SEED_TEI.read_bytes()
    assert run("build", str(SEED_TEI), "--from", "tei", "-t", "bib", "-o", str(out), "-q")[0] == 0
    assert (out / "serge-final-words.bib").is_file()


def test_from_that_contradicts_the_extension_is_a_clear_error(tmp_path: Path) -> None:
    seed = ROOT / "seeds" / "serge-final-words.txt"
    out = tmp_path / "out"
    code, stdout, err = run("build", str(seed), "-f", "tei", "-o", str(out))
    assert (code, stdout) == (1, "")
    assert err == (
        f"{seed}:1:1: error: is a plain-text review by its extension (.txt), but -f tei reads TEI:"
        " drop -f, or rename the file\n"
    )
    code, _, err = run("build", str(SEED_TEI), "-f", "txt", "-o", str(out))
    assert code == 1 and f"{SEED_TEI}:1:1: error: is TEI by its extension (.xml)" in err
    assert not out.exists()
    assert run("build", str(seed), "-f", "docx", "-o", str(out))[0] == 2

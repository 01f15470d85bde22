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
from exporter.manifest import MANIFEST
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
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        MANIFEST,
        "serge-final-words.bib",
        "serge-final-words.xml",
    ]
    check = subprocess.run(
        [*argv, "-o", str(tmp_path), "-t", "tei,bib", "--check"], capture_output=True, check=False
    )
    assert (check.returncode, check.stdout) == (0, b"") and b"is current" in check.stderr


def test_to_and_formats_name_the_output_formats(tmp_path: Path) -> None:
    seed = str(ROOT / "seeds" / "serge-final-words.txt")
    for option in ("-t", "--to", "--formats"):
        out = tmp_path / option.strip("-")
        assert run("build", seed, "-o", str(out), option, "tei,csl", "-q") == (0, "", "")
        assert sorted(p.name for p in out.iterdir()) == [
            MANIFEST,
            "serge-final-words.json",
            "serge-final-words.xml",
        ]
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


SEED_TEXT = ROOT / "seeds" / "serge-final-words.txt"


def exporter(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    argv = [sys.executable, "-m", "exporter", "build", *map(str, args)]
    return subprocess.run(argv, capture_output=True, check=False, cwd=cwd)


def test_output_file_epub_and_pdf(tmp_path: Path) -> None:
    """`-o FILE.epub` writes that one file, its format from the extension (issue #17)."""
    epub = exporter(SEED_TEXT, "-o", "review.epub", "-q", cwd=tmp_path)
    assert (epub.returncode, epub.stdout, epub.stderr) == (0, b"", b"")
    pdf = exporter(SEED_TEXT, "-o", tmp_path / "sub" / "review.pdf", "-q", cwd=tmp_path)
    assert pdf.returncode == 0, pdf.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "review.epub", "sub", "sub/review.pdf"
    ]  # fmt: skip
    assert (tmp_path / "review.epub").read_bytes().startswith(b"PK")
    assert (tmp_path / "sub" / "review.pdf").read_bytes().startswith(b"%PDF-")
    check = exporter(SEED_TEXT, "-o", "review.epub", "--check", cwd=tmp_path)
    assert check.returncode == 0 and b"review.epub is current" in check.stderr


def test_output_file_xml_bib_json_match_a_folder_build(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    assert run("build", str(SEED_TEXT), "-o", str(folder) + "/", "-t", "tei,bib,csl", "-q") == (0, "", "")
    for suffix in (".xml", ".bib", ".json"):
        target = tmp_path / f"one{suffix}"
        assert run("build", str(SEED_TEXT), "-o", str(target), "-q") == (0, "", "")
        assert target.read_bytes() == (folder / f"serge-final-words{suffix}").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "one.bib", "one.json", "one.xml"]


def test_output_folder_by_slash_or_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "made.epub").mkdir()  # an existing folder stays a folder, whatever its name
    assert run("build", str(SEED_TEXT), "-o", str(tmp_path / "made.epub"), "-t", "tei", "-q")[0] == 0
    assert run("build", str(SEED_TEXT), "-o", str(tmp_path / "new.bib") + "/", "-t", "bib", "-q")[0] == 0
    assert (tmp_path / "made.epub" / "serge-final-words.xml").is_file()
    assert (tmp_path / "new.bib" / "serge-final-words.bib").is_file()


def test_output_to_stdout_is_exactly_the_bib(tmp_path: Path) -> None:
    assert run("build", str(SEED_TEXT), "-o", str(tmp_path), "-t", "bib", "-q")[0] == 0
    done = exporter(SEED_TEXT, "-t", "bib", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (tmp_path / "serge-final-words.bib").read_bytes()
    assert b"warning: missing comma" in done.stderr  # diagnostics stay on stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "serge-final-words.bib"]  # no folder '-'


def test_output_file_or_stdout_usage_errors(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    shutil.copy(SEED_TEXT, other)
    for target in (str(tmp_path / "x.epub"), "-"):
        code, out, err = run("build", str(SEED_TEXT), str(other), "-t", "bib", "-o", target)
        assert (code, out) == (2, "") and "takes one source, not 2" in err
    code, _, err = run("build", str(SEED_TEXT), "-o", "-")  # all formats: which one?
    assert code == 2 and "one format" in err
    code, _, err = run("build", str(SEED_TEXT), "-t", "bib", "-o", str(tmp_path / "x.epub"))
    assert code == 2 and "writes epub only" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt"]


def test_stdin_as_the_source(tmp_path: Path) -> None:
    """`-` reads the review from standard input; its outputs are named stdin.* (issue #17)."""
    text = SEED_TEXT.read_bytes()
    argv = [sys.executable, "-m", "exporter", "build", "-", "-t", "tei,bib", "-o", "out", "-q"]
    done = subprocess.run(argv, input=text, capture_output=True, check=False, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, b""), done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [MANIFEST, "stdin.bib", "stdin.xml"]
    assert b"Read from the plain-text review stdin.txt." in (tmp_path / "out" / "stdin.xml").read_bytes()
    # No sidecar comes with standard input: the entries are the text's own.
    assert (tmp_path / "out" / "stdin.bib").read_bytes().startswith(b"@book{serge2019,")


def test_stdin_named_and_piped_through(tmp_path: Path) -> None:
    text = SEED_TEXT.read_bytes()
    argv = [sys.executable, "-m", "exporter", "build", "-", "--name", "review.txt", "-t", "bib", "-o", "-"]
    done = subprocess.run(argv, input=text, capture_output=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"@book{serge2019,")
    assert done.stderr.startswith(b"review.txt:78:6: warning: missing comma")  # diagnostics by the name
    assert list(tmp_path.iterdir()) == []
    tei = subprocess.run(
        [*argv[:4], "-", "-f", "tei", "-t", "tei", "-o", "-"],
        input=SEED_TEI.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert (tei.returncode, tei.stdout) == (0, SEED_TEI.read_bytes()), tei.stderr


def test_stdin_usage_errors(tmp_path: Path) -> None:
    assert run("build", "-", str(SEED_TEXT), "-o", str(tmp_path))[0] == 2
    assert run("build", str(SEED_TEXT), "--name", "x.txt", "-o", str(tmp_path))[0] == 2
    assert run("build", "-", "--name", "a/x.txt", "-o", str(tmp_path))[0] == 2
    result = CliRunner().invoke(
        main,
        ["build", "-", "--name", "bad.txt", "-t", "tei", "-o", str(tmp_path / "o")],
        input="[1] a note with no call\n",
    )
    assert "Traceback" not in result.output
    assert result.exit_code == 1 and result.stderr.startswith("bad.txt:")
    assert not (tmp_path / "o").exists()

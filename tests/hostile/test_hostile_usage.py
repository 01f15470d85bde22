"""Careless or odd use of the command line: a diagnostic and exit 1, never a traceback
(issue #16, cases 4 and 7)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from exporter import inputs
from tests.hostile.conftest import GOOD, SEED_TEI, files_in, run

# A file name that is not UTF-8 (the byte 0xff) and one holding a control character, as the
# command line receives them (os.fsdecode's surrogate for the byte), and as messages show them.
ODD_NAMES = [("bad\udcff", "bad\\xff"), ("ctl\x01", "ctl\\x01"), ("two\nlines", "two\\nlines")]


def test_validate_a_missing_file(tmp_path: Path) -> None:
    assert run("validate", tmp_path / "nope.xml") == (
        1, "", f"{tmp_path}/nope.xml:1:1: error: cannot read: No such file or directory\n"
    )  # fmt: skip


def test_validate_a_folder(tmp_path: Path) -> None:
    assert run("validate", tmp_path) == (1, "", f"{tmp_path}:1:1: error: cannot read: Is a directory\n")


def test_validate_into_a_missing_folder(tmp_path: Path) -> None:
    tei = tmp_path / "x.xml"
    tei.write_bytes(SEED_TEI)
    code, _, err = run("validate", "-o", tmp_path / "nodir" / "r.txt", tei)
    assert (code, err) == (
        1,
        f"{tmp_path}/nodir/r.txt:1:1: error: cannot write the report: No such file or directory\n",
    )
    assert not (tmp_path / "nodir").exists()


@pytest.mark.parametrize(("name", "shown"), ODD_NAMES)
def test_junit_report_of_an_odd_file_name(tmp_path: Path, name: str, shown: str) -> None:
    tei = tmp_path / f"{name}.xml"
    tei.write_bytes(SEED_TEI.replace(b'<date when="2019">', b'<date when="20x19">', 1))
    code, out, _ = run("validate", "--format", "junit", tei)
    assert code == 1
    suite = etree.fromstring(out.encode())[0]
    assert suite.get("name") == f"{tmp_path}/{shown}.xml"
    assert suite.get("failures") == "1"


@pytest.mark.parametrize(("name", "shown"), ODD_NAMES)
def test_build_a_review_with_an_odd_file_name(tmp_path: Path, name: str, shown: str) -> None:
    review = tmp_path / f"{name}.txt"
    review.write_text(GOOD.replace("(p. 3)", "(p. 3) (pp. 9-2)"))  # a problem, to be reported
    code, _, err = run("build", review, "-o", tmp_path / "out", "-t", "tei,bib,csl", "-q")
    assert (code, err.count("\n")) == (1, 1)
    assert err.startswith(f"{tmp_path}/{shown}.txt:5:1: error: ")
    review.write_text(GOOD)
    code, _, err = run("build", review, "-o", tmp_path / "out", "-t", "all", "-q")
    assert (code, err) == (0, "")
    assert files_in(tmp_path / "out") == sorted(
        f"{name}{suffix}" for suffix in (".bib", ".epub", ".json", ".pdf", ".xml")
    )
    source_desc = f"Read from the plain-text review {shown}.txt."
    assert source_desc.encode() in (tmp_path / "out" / f"{name}.xml").read_bytes()


def test_build_stops_reading_an_endless_input(tmp_path: Path) -> None:
    code, _, err = run("build", "/dev/zero", "-o", tmp_path / "out", "-q")
    assert (code, err) == (
        1,
        f"/dev/zero:1:1: error: larger than {inputs.MAX_INPUT_BYTES >> 20} MiB, the most an input may be; not read\n",
    )
    assert files_in(tmp_path / "out") == []


def test_an_input_of_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.touch()
    os.truncate(big, inputs.MAX_INPUT_BYTES)  # sparse: costs no disk
    assert len(inputs.read_input(big)) == inputs.MAX_INPUT_BYTES
    os.truncate(big, inputs.MAX_INPUT_BYTES + 1)
    with pytest.raises(inputs.UnreadableInput, match="larger than 64 MiB"):
        inputs.read_input(big)


def test_a_newline_in_a_value_cannot_forge_a_diagnostic(tmp_path: Path) -> None:
    tei = tmp_path / "real.xml"
    forged = b'xml:lang="en&#10;fake.xml:9:9: error: forged"'  # a character reference: kept as a newline
    tei.write_bytes(SEED_TEI.replace(b'xml:lang="en"', forged, 1))
    code, _, err = run("validate", tei)
    assert code == 1
    assert all(line.startswith(f"{tei}:") for line in err.splitlines())
    assert "en\\nfake.xml:9:9: error: forged" in err


# -- careless use (case 8) ---------------------------------------------------------------------


def test_an_empty_output_folder_name_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(GOOD)
    Path("a.xml").write_bytes(b"mine")
    code, _, err = run("build", "a.txt", "-o", "", "-t", "tei")
    assert code == 2 and "an empty name is no folder" in err
    assert Path("a.xml").read_bytes() == b"mine"


def test_a_source_in_the_output_folder_is_not_overwritten(tmp_path: Path) -> None:
    tei = tmp_path / "a.xml"
    tei.write_bytes(SEED_TEI.replace(b"\n", b"\n  ", 3))  # indented otherwise: a build would change it
    before = tei.read_bytes()
    code, _, err = run("build", tei, "-o", tmp_path, "-t", "tei,bib")
    assert (code, err) == (
        1,
        f"{tei}:1:1: error: is in the output folder: its tei output would overwrite it; choose another -o\n",
    )
    assert tei.read_bytes() == before and files_in(tmp_path) == ["a.xml"]
    assert run("build", tei, "-o", tmp_path, "-t", "bib", "-q")[0] == 0  # other formats beside it are fine


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = 99_999_999  # above any pid_max Linux allows (2**22): no such process
    stale = [
        out / f".a.xml.{dead}.k2j4h1.tmp",
        out / f".a.pdf.{dead}.x_9.tmp",
        out / f".other.bib.{dead}.q.tmp",
    ]
    kept = [out / f".a.xml.{os.getpid()}.live.tmp", out / ".notes.tmp", out / f".a.txt.{dead}.q.tmp"]
    for path in stale + kept:
        path.write_bytes(b"half")
    review = tmp_path / "a.txt"
    review.write_text(GOOD)
    assert run("build", review, "-o", out, "-t", "tei", "-q") == (0, "", "")
    assert files_in(out) == sorted(["a.xml", *(p.name for p in kept)])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="zombies are seen through /proc")
def test_the_temporary_files_of_a_zombie_and_of_a_reused_pid_are_removed(tmp_path: Path) -> None:
    """A writer killed with its parent, in a container whose PID 1 reaps no one, stays a zombie:
    signal 0 still reaches it, but it will never rename its file (a fresh-clone CI run kept one).
    A live process that began after the file was written only reuses the dead writer's number."""
    zombie = subprocess.Popen(["true"])  # not waited for until the end: it stays a zombie
    stat = Path(f"/proc/{zombie.pid}/stat")
    deadline = time.monotonic() + 10
    while stat.read_text().rsplit(")", 1)[1].split()[0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)
    out = tmp_path / "out"
    out.mkdir()
    (out / f".a.xml.{zombie.pid}.k2j4h1.tmp").write_bytes(b"half")
    reused = out / f".a.pdf.{os.getpid()}.reused.tmp"  # written long before this process began
    reused.write_bytes(b"half")
    os.utime(reused, (978_307_200, 978_307_200))  # 2001-01-01
    review = tmp_path / "a.txt"
    review.write_text(GOOD)
    try:
        assert run("build", review, "-o", out, "-t", "tei", "-q") == (0, "", "")
        assert files_in(out) == ["a.xml"]
    finally:
        zombie.wait()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_wide_review_is_read_with_one_warning(tmp_path: Path, encoding: str) -> None:
    for folder, data in (("narrow", GOOD.encode()), ("wide", GOOD.encode(encoding))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_bytes(data)
        code, _, err = run("build", tmp_path / folder / "a.txt", "-o", tmp_path / folder, "-t", "tei")
        assert code == 0
    shown = encoding.upper() if encoding.endswith("e") else encoding.upper() + "-LE"
    assert [line for line in err.splitlines() if ": warning: " in line] == [
        f"{tmp_path}/wide/a.txt:1:1: warning: read as {shown}; exporter expects UTF-8, so save the file as UTF-8"
    ]
    assert (tmp_path / "wide" / "a.xml").read_bytes() == (tmp_path / "narrow" / "a.xml").read_bytes()


def test_a_binary_file_as_a_review_gives_a_bounded_report(tmp_path: Path) -> None:
    review = tmp_path / "ls.txt"
    review.write_bytes(Path("/bin/ls").read_bytes())
    code, _, err = run("build", review, "-o", tmp_path / "out", "-t", "tei")
    lines = [line for line in err.splitlines() if line.startswith(f"{review}:")]
    assert code == 1
    assert len(lines) == 101
    assert re.fullmatch(
        rf"{review}:\d+:\d+: error: \d+ more problems from here on not shown \(the first 100 are\)", lines[-1]
    )
    assert files_in(tmp_path / "out") == []

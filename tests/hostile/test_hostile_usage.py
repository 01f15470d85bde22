"""Careless or odd use of the command line: a diagnostic and exit 1, never a traceback
(issue #16, cases 4 and 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from exporter.reader import source
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
    code, _, err = run("build", review, "-o", tmp_path / "out", "-f", "tei,bib,csl", "-q")
    assert (code, err.count("\n")) == (1, 1)
    assert err.startswith(f"{tmp_path}/{shown}.txt:5:1: error: ")
    review.write_text(GOOD)
    code, _, err = run("build", review, "-o", tmp_path / "out", "-f", "all", "-q")
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
        f"/dev/zero:1:1: error: larger than {source.MAX_INPUT_BYTES >> 20} MiB, the most an input may be; not read\n",
    )
    assert files_in(tmp_path / "out") == []


def test_an_input_of_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.touch()
    os.truncate(big, source.MAX_INPUT_BYTES)  # sparse: costs no disk
    assert len(source.read_input(big)) == source.MAX_INPUT_BYTES
    os.truncate(big, source.MAX_INPUT_BYTES + 1)
    with pytest.raises(source.UnreadableInput, match="larger than 64 MiB"):
        source.read_input(big)


def test_a_newline_in_a_value_cannot_forge_a_diagnostic(tmp_path: Path) -> None:
    tei = tmp_path / "real.xml"
    forged = b'xml:lang="en&#10;fake.xml:9:9: error: forged"'  # a character reference: kept as a newline
    tei.write_bytes(SEED_TEI.replace(b'xml:lang="en"', forged, 1))
    code, _, err = run("validate", tei)
    assert code == 1
    assert all(line.startswith(f"{tei}:") for line in err.splitlines())
    assert "en\\nfake.xml:9:9: error: forged" in err

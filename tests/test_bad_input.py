"""Bad input: each problem gets its own diagnostic with line:col, and the documented exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import main

GOOD = (
    "Review: A title\n\nJane Doe, A Book, Verso, 2020.\n\n"
    "A paragraph that cites Smith 2001 and quotes “a phrase” (p. 3).[1]\n\n"
    "Smith, John 2001, Some Title, Pluto.\n\n[1] See Smith 2001.\n"
)


def build(tmp_path: Path, text: str | bytes, *args: str) -> tuple[int, str, Path]:
    source = tmp_path / "review.txt"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-t", "tei", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output, out


def test_good_input_builds(tmp_path: Path) -> None:
    code, output, out = build(tmp_path, GOOD)
    assert code == 0
    assert ": warning: " not in output and ": error: " not in output
    assert (out / "review.xml").is_file()


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("", 1, "review.txt:1:1: error: empty file"),
        ("\n\n  \n", 1, "review.txt:1:1: error: empty file"),
        ("Review: Only a title\n", 1, "review.txt:2:1: error: the review has a title but no reviewed-work line"),
        (GOOD.replace("(p. 3).[1]", "(p. 3).[1][2]"), 1,
         "review.txt:5:67: error: note call [2] has no note"),
        (GOOD + "\n[2] An orphan note.\n", 1, "review.txt:11:1: error: note [2] has no call [2] in the text"),
        (GOOD + "\n[1] Again.\n", 1, "review.txt:11:1: error: note [1] is given twice (first on line 9)"),
        (GOOD.replace("“a phrase”", "“a phrase"), 0,
         "review.txt:5:46: warning: unmatched opening quotation mark “"),
        (GOOD.replace("“a phrase”", "a phrase”"), 0,
         "review.txt:5:54: warning: unmatched closing quotation mark ”"),
        (GOOD.replace("cites Smith 2001", "cites (Smith 2002)"), 0,
         "review.txt:5:25: warning: citation 'Smith 2002' matches no entry in the reference list; kept as text"),
        (GOOD.replace("Pluto.\n", "Pluto.\n\nSmith, John 2001, Another Title, Verso.\n"), 0,
         "review.txt:9:1: warning: two references have the key 'smith2001' (the other is on line 7); this one is kept as 'smith2001-2'"),
        (GOOD.replace("A paragraph", "A\tparagraph"), 0, "review.txt:5:2: warning: tab character read as a space"),
        (GOOD.replace("(p. 3)", "(p.\u00a03)"), 0, "review.txt:5:60: warning: no-break space (U+00A0) kept"),
        (GOOD.replace("A paragraph", "A\x07paragraph"), 1, "review.txt:5:2: error: control character U+0007"),
    ],
)  # fmt: skip
def test_diagnostic(tmp_path: Path, text: str, code: int, expected: str) -> None:
    got_code, output, _ = build(tmp_path, text)
    assert expected in output.replace(str(tmp_path) + "/", "")
    assert got_code == code


def test_bom_is_a_warning_and_the_tei_is_the_same(tmp_path: Path) -> None:
    code, output, out = build(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())
    assert code == 0
    assert "review.txt:1:1: warning: byte-order mark (BOM)" in output
    assert b"\xef\xbb\xbf" not in (out / "review.xml").read_bytes()[3:]


def test_crlf_is_read_like_lf(tmp_path: Path) -> None:
    _, _, out_lf = build(tmp_path, GOOD)
    lf = (out_lf / "review.xml").read_bytes()
    code, output, out = build(tmp_path, GOOD.replace("\n", "\r\n"))
    assert code == 0
    assert "review.txt:1:1: warning: CRLF or CR line ends read as LF" in output
    assert _body(out / "review.xml") == _body_bytes(lf)


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    code, output, _ = build(tmp_path, GOOD.encode().replace(b"A paragraph", b"A p\xe9ragraph"))
    assert code == 1
    assert "review.txt:5:4: error: not valid UTF-8 (byte 0xe9)" in output


def test_errors_write_nothing(tmp_path: Path) -> None:
    code, _, out = build(tmp_path, GOOD + "\n[2] An orphan note.\n")
    assert code == 1
    assert not out.exists() or list(out.iterdir()) == []


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    code, output, out = build(tmp_path, GOOD.replace("A paragraph", "A\tparagraph"), "--strict")
    assert code == 1
    assert "warning: tab character" in output
    assert not (out / "review.xml").exists()


def _body(path: Path) -> bytes:
    return _body_bytes(path.read_bytes())


def _body_bytes(data: bytes) -> bytes:
    return data[data.index(b"<text>") :]

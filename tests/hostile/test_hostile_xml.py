"""TEI from a user, in any encoding: no DTD or entity gets through (issue #16, cases 1 and 6)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.hostile.conftest import SEED_TEI, files_in, run

TITLE = b'<title type="main">Victor Serge\'s final words</title>'
FORGED_PROLOGUE = (
    '<?xml version="1.0" encoding="{encoding}"?>\n'
    '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd" [<!ENTITY forged "Forged title">]>\n'
)


def seed_tei_in(encoding: str, prologue: str) -> bytes:
    """The seed's TEI re-encoded, its declaration replaced by `prologue` and its title by `&forged;`."""
    body = SEED_TEI.split(b"\n", 1)[1].replace(TITLE, b'<title type="main">&forged;</title>')
    return (prologue.format(encoding=encoding.upper()) + body.decode("utf-8")).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_a_doctype_is_refused_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "forged.xml"
    source.write_bytes(seed_tei_in(encoding, FORGED_PROLOGUE))
    code, _, err = run("build", source, "-o", tmp_path / "out", "-t", "tei,bib", "-j", "1", "-q")
    assert code == 1
    assert f"{source}:2:1: error: DOCTYPE declarations are refused" in err
    assert files_in(tmp_path / "out") == []
    code, _, err = run("validate", source)
    assert (code, err) == (
        1,
        f"{source}:2:1: error: DOCTYPE declarations are refused (no DTDs, no entities)\n",
    )


def test_utf16_tei_without_doctype_builds_as_utf8(tmp_path: Path) -> None:
    source = tmp_path / "wide.xml"
    plain = SEED_TEI.split(b"\n", 1)[1].decode("utf-8")
    source.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>\n' + plain).encode("utf-16"))
    code, _, err = run("build", source, "-o", tmp_path / "out", "-t", "tei", "-q")
    assert (code, err) == (0, "")
    assert (tmp_path / "out" / "wide.xml").read_bytes() == SEED_TEI


def seed_tei_with(*changes: tuple[bytes, bytes]) -> bytes:
    data = SEED_TEI
    for old, new in changes:
        assert old in data
        data = data.replace(old, new, 1)
    return data


def test_processing_instructions_are_dropped_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "pi.xml"
    source.write_bytes(
        seed_tei_with(
            (b"<TEI ", b'<?xml-stylesheet href="evil.xsl"?>\n<TEI '),
            (b"<body>", b'<body><?php system("id"); ?>'),
        )
    )
    code, _, err = run("build", source, "-o", tmp_path / "out", "-t", "tei,pdf", "-j", "1")
    assert code == 0
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{source}:2:1: warning: processing instruction <?xml-stylesheet?> dropped: no output carries it",
        f"{source}:63:1: warning: processing instruction <?php?> dropped: no output carries it",
    ]
    tei = (tmp_path / "out" / "pi.xml").read_bytes()
    assert tei == SEED_TEI  # nothing else changed: the text after each is kept
    pdfdetach = require_tool("pdfdetach")
    pdf = tmp_path / "out" / "pi.pdf"
    attached = ["-savefile", "pi.xml", "-o", str(tmp_path / "attached.xml"), str(pdf)]
    subprocess.run([pdfdetach, *attached], check=True)
    assert (tmp_path / "attached.xml").read_bytes() == SEED_TEI


@pytest.mark.parametrize("address", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x"])
def test_an_idno_url_that_is_not_http_is_dropped_with_a_warning(tmp_path: Path, address: str) -> None:
    source = tmp_path / "url.xml"
    journal = b'<title level="j">The New York Review</title>'
    source.write_bytes(seed_tei_with((journal, journal + f'<idno type="URL">{address}</idno>'.encode())))
    code, _, err = run("build", source, "-o", tmp_path / "out", "-t", "tei,bib,csl", "-j", "1")
    assert code == 0
    assert f"{source}:108:1: warning: URL '{address}', not http(s), dropped: no output carries it" in err
    for name in ("url.xml", "url.bib", "url.json"):
        assert address.encode() not in (tmp_path / "out" / name).read_bytes()

"""`exporter validate` and TEI input: the project schema, tei_all.rng, hostile XML."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import main
from tests.conftest import ROOT, TEI_ALL, require_file, require_tool

SEED_TEI = ROOT / "dist" / "serge-final-words.xml"


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED_TEI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if needle in line)


def test_seed_tei_is_valid_against_the_project_schema() -> None:
    assert validate(str(SEED_TEI)) == (0, "")


def test_seed_tei_is_valid_against_tei_all_with_jing() -> None:
    jing = require_tool("jing")
    schema = require_file(TEI_ALL)
    done = subprocess.run([jing, str(schema), str(SEED_TEI)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


def test_validate_schema_option_with_tei_all(tmp_path: Path) -> None:
    schema = require_file(TEI_ALL)
    assert validate(str(SEED_TEI), "--schema", str(schema)) == (0, "")
    # and tei_all does find a real fault: a <p> directly inside <listBibl>
    bad = broken(tmp_path, "<listBibl>", "<listBibl><p>stray</p>")
    code, output = validate(str(bad), "--schema", str(schema))
    assert code == 1
    assert f"broken.xml:{line_of(bad, '<p>stray')}:" in output and "[tei_all.rng]" in output


def test_dangling_pointer(tmp_path: Path) -> None:
    bad = broken(tmp_path, 'target="#serge2012a"', 'target="#serge2099"')
    code, output = validate(str(bad))
    assert code == 1
    line = line_of(bad, "#serge2099")
    assert f"broken.xml:{line}:1: error: pointer #serge2099 leads to no element with that xml:id" in output


def test_duplicate_id(tmp_path: Path) -> None:
    bad = broken(tmp_path, 'xml:id="serge2012b"', 'xml:id="serge2012a"')
    code, output = validate(str(bad))
    assert code == 1
    assert "xml:id 'serge2012a' is used more than once" in output
    duplicate_line = [i for i, t in enumerate(bad.read_text().split("\n"), 1) if 'xml:id="serge2012a"' in t][
        1
    ]
    assert f"broken.xml:{duplicate_line}:" in output


def test_misplaced_element(tmp_path: Path) -> None:
    bad = broken(tmp_path, "<body>", "<body><biblScope unit='page'>1</biblScope>")
    code, output = validate(str(bad))
    assert code == 1
    assert f"broken.xml:{line_of(bad, '<biblScope unit=')}:" in output
    assert "biblScope" in output


def test_notes_out_of_order(tmp_path: Path) -> None:
    bad = broken(tmp_path, 'n="2" place="foot"', 'n="3" place="foot"')
    code, output = validate(str(bad))
    assert code == 1
    assert 'note n="3" is out of order' in output


def test_not_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<TEI>\n  <teiHeader>\n</TEI>\n")
    code, output = validate(str(path))
    assert code == 1
    assert "bad.xml:3:" in output and "not well-formed" in output


HOSTILE = {
    "external entity": '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI>&x;</TEI>',
    "billion laughs": '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>\n<TEI>&lol3;</TEI>',
    "network DTD": '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n<TEI/>',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_tei_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(HOSTILE[name])
    started = time.monotonic()
    for args in (["validate", str(path)], ["build", str(path), "-o", str(tmp_path / "out"), "-t", "tei"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1
        assert "hostile.xml:2:1: error: DOCTYPE declarations are refused" in result.output
        assert "root:" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert time.monotonic() - started < 5


def test_tei_in_rebuilds_the_same_tei(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SEED_TEI), "-o", str(tmp_path), "-t", "tei"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "serge-final-words.xml").read_bytes() == SEED_TEI.read_bytes()


def test_invalid_tei_in_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = broken(tmp_path, 'target="#serge2012a"', 'target="#nowhere"')
    result = CliRunner().invoke(main, ["build", str(bad), "-o", str(tmp_path / "out"), "-t", "tei"])
    assert result.exit_code == 1
    assert f"broken.xml:{line_of(bad, '#nowhere')}:1: error: pointer #nowhere" in result.output
    assert not (tmp_path / "out").exists()


def test_links_out_of_the_document_are_refused(tmp_path: Path) -> None:
    # A hand-edited TEI must not smuggle file: or javascript: links into the EPUB and the PDF.
    for target in ("javascript:alert(1)", "file:///etc/passwd", "https://example.org/"):
        bad = broken(tmp_path, 'target="#serge2012a"', f'target="{target}"')
        code, output = validate(str(bad))
        assert code == 1, target
        assert f"broken.xml:{line_of(bad, target)}:" in output

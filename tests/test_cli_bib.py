"""The bibliography options of `exporter build`: --bib-dialect and --csl."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import SEED_TEI, run


def test_bib_dialect_biblatex(tmp_path: Path) -> None:
    code, _, err = run(
        "build", "-q", "-t", "bib", "--bib-dialect", "biblatex", "-o", str(tmp_path), str(SEED_TEI)
    )
    assert code == 0, err
    bib = (tmp_path / "serge-final-words.bib").read_text(encoding="utf-8")
    assert "@collection{cotterill1994," in bib and "journaltitle = {Revolutionary History}" in bib
    assert "year =" not in bib


def test_bib_dialect_default_is_classic(tmp_path: Path) -> None:
    code, _, err = run("build", "-q", "-t", "bib", "-o", str(tmp_path), str(SEED_TEI))
    assert code == 0, err
    assert "@book{cotterill1994," in (tmp_path / "serge-final-words.bib").read_text(encoding="utf-8")


def test_bib_dialect_unknown_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("build", "-t", "bib", "--bib-dialect", "amsrefs", "-o", str(tmp_path), str(SEED_TEI))
    assert code == 2 and "amsrefs" in err

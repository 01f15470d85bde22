"""The Python API (exporter.api) does what the command line does, and leaves the process as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from exporter import api
from exporter.writers import FORMATS
from tests.conftest import ROOT, SEED

PUBLISHED = ROOT / "dist"


def test_a_review_is_read_with_its_diagnostics() -> None:
    tei, diagnostics = api.read(SEED)
    assert tei is not None
    assert [d.message for d in diagnostics] == [
        "missing comma after surname 'Serge' in reference; read as 'Serge, Victor'"
    ]


def test_a_review_that_cannot_be_read_gives_no_tree_and_says_why(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    tei, diagnostics = api.read(empty)
    assert tei is None
    assert any(d.severity == "error" for d in diagnostics)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_is_written_as_the_command_line_writes_it(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # dist/ is what `exporter build` writes for the seed, without SOURCE_DATE_EPOCH.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    tei, _ = api.read(SEED)
    assert tei is not None
    data, warnings = api.write(tei, fmt, name=SEED.stem)
    assert data == (PUBLISHED / f"{SEED.stem}{FORMATS[fmt].suffix}").read_bytes()
    assert all(w.severity == "warning" for w in warnings)


def test_an_unknown_format_is_refused() -> None:
    tei, _ = api.read(SEED)
    assert tei is not None
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        api.write(tei, "docx")
    with pytest.raises(ValueError, match="unknown format docx"):
        api.build(SEED, "out", formats=["bib", "docx"])


def test_a_build_writes_the_files_it_names(tmp_path: Path) -> None:
    written, diagnostics = api.build(SEED, tmp_path, formats=["bib", "csl"])
    assert written == [tmp_path / f"{SEED.stem}.bib", tmp_path / f"{SEED.stem}.json"]
    assert sorted(tmp_path.iterdir()) == written
    assert written[0].read_bytes() == (PUBLISHED / f"{SEED.stem}.bib").read_bytes()
    assert len(diagnostics) == 1


def test_a_build_with_an_error_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "review.txt"
    source.write_text("Review: A title\n\nNo reviewed work, and nothing after it.\n", encoding="utf-8")
    written, diagnostics = api.build(source, tmp_path / "out")
    assert written == []
    assert any(d.severity == "error" for d in diagnostics)
    assert not (tmp_path / "out").exists()


# The garbage collector's state before and after a program imports exporter and makes a PDF.
COLLECTOR = """
import gc, json, sys
def state():
    return [gc.isenabled(), list(gc.get_threshold()), gc.get_freeze_count()]
gc.set_threshold(500, 7, 9)  # a program's own settings
before = state()
import exporter
after_import = state()
from exporter import api
tei, _ = api.read(sys.argv[1])
pdf, _ = api.write(tei, "pdf")
assert pdf.startswith(b"%PDF-")
print(json.dumps([before, after_import, state()]))
"""


def test_importing_exporter_and_making_a_pdf_leave_the_collector_as_it_was() -> None:
    argv = [sys.executable, "-c", COLLECTOR, str(SEED)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    before, after_import, after_pdf = json.loads(done.stdout)
    assert before == [True, [500, 7, 9], 0]
    assert after_import == before
    assert after_pdf == before


# What a build of some formats imports: the bibliographies never load WeasyPrint; the EPUB does,
# to lay out the PDF's pages that it carries.
IMPORTED = """
import json, sys
from exporter import api
tei, _ = api.read(sys.argv[1])
for fmt in sys.argv[2:]:
    api.write(tei, fmt)
print(json.dumps(sorted(m for m in ("weasyprint", "pydyf", "ebooklib") if m in sys.modules)))
"""


@pytest.mark.parametrize(
    ("formats", "imported"),
    [
        ((), []),
        (("bib", "csl"), []),
        (("epub",), ["ebooklib", "pydyf", "weasyprint"]),
        (("pdf",), ["pydyf", "weasyprint"]),
    ],
)
def test_a_format_imports_only_the_libraries_it_needs(formats: tuple[str, ...], imported: list[str]) -> None:
    argv = [sys.executable, "-c", IMPORTED, str(SEED), *formats]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == imported


def test_importing_the_bibliography_writers_imports_neither_weasyprint_nor_ebooklib() -> None:
    script = (
        "import sys, exporter.writers.bib, exporter.writers.bib.bibtex, exporter.writers.bib.csl;"
        "print(sorted(m for m in ('weasyprint', 'ebooklib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout == "[]\n"

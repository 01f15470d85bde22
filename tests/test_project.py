"""The project file exporter.toml, its precedence (project file < sidecar < command line) as
--print-config shows it and as the outputs carry it, and incremental builds by the manifest."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import main
from exporter.manifest import MANIFEST, _distributions, code_stamp
from tests.conftest import REVIEWS

PROJECT = """\
# Three small reviews, their TEI and BibTeX.
sources = ["reviews"]
output = "out"
formats = ["tei", "bib"]
paper = "a5"

[review]
publisher = "Project Press"
language = "fr"
"""
SIDECAR = '[review]\npublisher = "Sidecar Press"\n'
NAMES = ("02-lenin-chapters", "03-journal-pages", "04-web-and-doi")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, the current one: exporter.toml, reviews/ with three reviews, the first
    with a sidecar of its own."""
    (tmp_path / "reviews").mkdir()
    for name in NAMES:
        shutil.copy(REVIEWS / f"{name}.txt", tmp_path / "reviews")
    (tmp_path / "reviews" / f"{NAMES[0]}.toml").write_text(SIDECAR, encoding="utf-8")
    (tmp_path / "exporter.toml").write_text(PROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_print_config_shows_each_setting_and_where_it_came_from(project: Path) -> None:
    code, out, _ = run("build", "--print-config", "--paper", "a4")
    assert code == 0
    lines = out.splitlines()
    # The line numbers are those of PROJECT above, counted by hand.
    assert 'sources = ["reviews"]  # exporter.toml:2' in lines
    assert 'output = "out"  # exporter.toml:3' in lines
    assert 'formats = ["tei", "bib"]  # exporter.toml:4' in lines
    assert 'paper = "a4"  # command line' in lines  # over the project file's a5
    assert "strict = false  # default" in lines
    first, second = (lines.index(f'[review."reviews/{n}.txt"]') for n in NAMES[:2])
    assert lines[first + 1 : first + 3] == [
        'publisher = "Sidecar Press"  # reviews/02-lenin-chapters.toml:2',  # over the project file's
        'language = "fr"  # exporter.toml:9',
    ]
    assert lines[second + 1 : second + 3] == [
        'publisher = "Project Press"  # exporter.toml:8',
        'language = "fr"  # exporter.toml:9',
    ]
    assert not (project / "out").exists()  # it builds nothing


def test_the_outputs_carry_the_precedence(project: Path) -> None:
    assert run("build", "-q", "-j", "1", "--paper", "a4")[0] == 0
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted(
        [MANIFEST, *(f"{n}.{ext}" for n in NAMES for ext in ("xml", "bib"))]
    )
    own, shared = ((project / "out" / f"{n}.xml").read_text(encoding="utf-8") for n in NAMES[:2])
    assert "<publisher>Sidecar Press</publisher>" in own and "Project Press" not in own
    assert "<publisher>Project Press</publisher>" in shared and 'xml:lang="fr"' in shared
    # The command line's choice of formats is over the project file's.
    assert run("build", "-q", "-j", "1", "-t", "csl", "-o", "json")[0] == 0
    assert sorted(p.name for p in (project / "json").iterdir()) == sorted(
        [MANIFEST, *(f"{n}.json" for n in NAMES)]
    )


def test_the_project_file_is_found_above_the_current_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "reviews")
    code, out, _ = run("build", "--print-config")
    assert (
        code == 0
        and 'sources = ["."]  # ../exporter.toml:2' in out
        and 'output = "../out"  # ../exporter.toml:3' in out
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('paper = "a5"\npaper =', "exporter.toml:2:8: error: cannot read the project file: "),
        ('paper = "a5"\nfoo = 1\n', "exporter.toml:2:1: error: unknown key 'foo'; known: sources, output,"),
        (
            '\n  paper = "a7"\n',
            "exporter.toml:2:3: error: 'paper' is 'a7', not one of book, a4, a5, b5, letter",
        ),
        ('[review]\ndate = "2020"\n', "exporter.toml:2:1: error: unknown key 'date' in [review]"),
        (
            '[review]\nlanguage = "not a tag"\n',
            "exporter.toml:2:1: error: 'language' in [review] is 'not a tag'",
        ),
        (
            'formats = ["tei", "docx"]\n',
            "exporter.toml:1:1: error: 'formats' is ['tei', 'docx'], not a list of formats",
        ),
    ],
)
def test_a_bad_project_file_is_an_error_at_its_place(project: Path, text: str, expected: str) -> None:
    (project / "exporter.toml").write_text(text, encoding="utf-8")
    code, out, err = run("build")
    assert (code, out) == (1, "") and err.startswith(expected), err
    assert not (project / "out").exists()


def _built(project: Path, *args: str) -> list[str]:
    """The sources a build rebuilt (its plain progress lines), and the build's exit code 0."""
    code, _, err = run("build", "-j", "1", *args)
    assert code == 0, err
    return sorted(line.split()[1] for line in err.splitlines() if line.startswith("built "))


def test_an_unchanged_source_is_not_rebuilt(project: Path) -> None:
    everything = [f"reviews/{n}.txt" for n in NAMES]
    assert _built(project) == everything
    out = project / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, err = run("build")
    assert code == 0 and err.count("up to date reviews/") == 3 and "nothing built" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the manifest too: not rewritten
    # A review edited: that one only.
    review = project / "reviews" / f"{NAMES[1]}.txt"
    review.write_text(review.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    assert _built(project) == [f"reviews/{NAMES[1]}.txt"]
    # A sidecar edited; an output edited by hand; an output deleted: each its source only.
    (project / "reviews" / f"{NAMES[0]}.toml").write_text(
        SIDECAR.replace("Sidecar", "Other"), encoding="utf-8"
    )
    assert _built(project) == [f"reviews/{NAMES[0]}.txt"]
    (out / f"{NAMES[2]}.bib").write_text("% edited by hand\n", encoding="utf-8")
    assert _built(project) == [f"reviews/{NAMES[2]}.txt"]
    (out / f"{NAMES[1]}.xml").unlink()
    assert _built(project) == [f"reviews/{NAMES[1]}.txt"]
    # Another option, the project file changed, --force: every source.
    assert _built(project, "--paper", "a4") == everything
    assert _built(project, "--paper", "a4") == []
    with (project / "exporter.toml").open("a", encoding="utf-8") as handle:
        handle.write("# a comment is a change too: the file is hashed whole\n")
    assert _built(project, "--paper", "a4") == everything
    assert _built(project, "--paper", "a4", "--force") == everything


def test_another_exporter_rebuilds_everything(project: Path) -> None:
    _built(project)
    manifest = project / "out" / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["exporter"] = "0" * 64  # what another version, or another checkout of the code, records
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert _built(project) == [f"reviews/{n}.txt" for n in NAMES]
    assert json.loads(manifest.read_text(encoding="utf-8"))["exporter"] != "0" * 64


def test_the_manifest_is_the_same_for_the_same_build(project: Path) -> None:
    _built(project)
    _built(project, "-o", "again", "-j", "2")  # another folder, in parallel: results come in another order
    first, again = ((project / d / MANIFEST).read_bytes() for d in ("out", "again"))
    assert first == again
    data = json.loads(first)
    assert sorted(data["outputs"]) == sorted(f"{n}.{ext}" for n in NAMES for ext in ("bib", "xml"))
    record = data["outputs"][f"{NAMES[0]}.bib"]
    assert record["source"] == f"reviews/{NAMES[0]}.txt"
    assert record["sha256"] == hashlib.sha256((project / "out" / f"{NAMES[0]}.bib").read_bytes()).hexdigest()


def test_check_one_file_and_stdout_leave_no_manifest(project: Path) -> None:
    review = f"reviews/{NAMES[1]}.txt"
    assert run("build", review, "-o", "one/x.bib", "-q")[0] == 0
    assert sorted(p.name for p in (project / "one").iterdir()) == ["x.bib"]
    code, out, _ = run("build", review, "-t", "bib", "-o", "-")
    assert code == 0 and out.startswith("@")
    _built(project)
    manifest = (project / "out" / MANIFEST).read_bytes()
    code, _, err = run("build", "--check")
    assert code == 0 and "is current" in err  # built all, compared; the manifest is no output
    assert (project / "out" / MANIFEST).read_bytes() == manifest


def test_an_up_to_date_build_imports_no_reader_and_no_writer(project: Path) -> None:
    """What makes a no-op build fast: nothing heavy is imported when nothing is stale."""
    _built(project)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "exporter", "build"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "exporter.manifest" in imported and "up to date" in done.stderr
    assert (
        not {"exporter.reader", "exporter.build", "weasyprint", "ebooklib", "rich", "pycrfsuite"} & imported
    )


def test_a_file_name_not_in_utf8_is_up_to_date_the_second_time(project: Path) -> None:
    """The manifest keeps such a name as its bytes, so its record matches its file again."""
    odd = Path(os.fsdecode(b"reviews/odd\xff.txt"))
    shutil.copy(REVIEWS / f"{NAMES[1]}.txt", odd)
    assert [name.startswith("reviews/odd") for name in _built(project, str(odd), "-t", "tei")] == [True]
    code, _, err = run("build", str(odd), "-t", "tei")
    assert code == 0 and "nothing built" in err


def test_the_exporter_stamp_tells_a_changed_checkout_and_changed_libraries(tmp_path: Path) -> None:
    """The exporter's code is judged by each file's name, size and time (code_stamp), its
    libraries by their folders' names: an edit, a new file, a touch or another library's version
    is another exporter; nothing changed is the same one."""
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n", encoding="utf-8")
    (package / "data" / "words.txt").write_text("word\n", encoding="utf-8")
    (package / "__pycache__").mkdir()
    seen = {code_stamp(package)}
    (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compiled")  # not the code
    assert code_stamp(package) in seen
    (package / "a.py").write_text("A = 22\n", encoding="utf-8")  # another size
    seen.add(code_stamp(package))
    os.utime(package / "data" / "words.txt", ns=(1, 1))  # same bytes, another time: a checkout
    seen.add(code_stamp(package))
    (package / "b.py").write_text("", encoding="utf-8")
    seen.add(code_stamp(package))
    assert len(seen) == 4
    site = tmp_path / "site"
    (site / "lxml-5.3.0.dist-info").mkdir(parents=True)
    (site / "lxml").mkdir()
    before = _distributions([str(site), str(tmp_path / "gone")])
    assert before == ["lxml-5.3.0.dist-info"]
    (site / "lxml-5.3.0.dist-info").rename(site / "lxml-5.4.0.dist-info")
    assert _distributions([str(site)]) == ["lxml-5.4.0.dist-info"]

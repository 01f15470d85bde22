"""The README's examples are run: every shell block in it executes and succeeds.

A block preceded by the comment `<!-- not run: ... -->` is skipped, with the reason written there
(the set-up commands, which are what runs this test)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BLOCK = re.compile(r"(<!-- not run:[^>]*-->\s*)?```(?:sh|console|bash)\n(.*?)```", re.DOTALL)


def shell_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [m.group(2) for m in BLOCK.finditer(text) if not m.group(1)]


def test_readme_has_examples() -> None:
    assert len(shell_blocks()) >= 3


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A user's folder: the seeds, and exporter on the PATH."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


def test_readme_blocks_run_in_order(workdir: Path) -> None:
    """One test for all the blocks, in the README's order, in one folder: a later block reads what
    an earlier one built (dist/), which separate tests could not rely on once xdist spreads them."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for index, block in enumerate(shell_blocks()):
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"README block {index} failed:\n{block}\n{done.stdout}\n{done.stderr}"


PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
# Appended to the README's Python example: what it made, for the test to check.
WHAT_IT_MADE = """
import json
print(json.dumps([tei is None, epub[:2].decode(), [str(p) for p in written], [d.severity for d in diagnostics]]))
"""


def test_readme_python_example_runs_and_makes_what_it_says(workdir: Path) -> None:
    [block] = PYTHON_BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    done = subprocess.run(
        [sys.executable, "-c", block + WHAT_IT_MADE], cwd=workdir, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"README's Python example failed:\n{block}\n{done.stderr}"
    no_tree, epub_start, written, severities = json.loads(done.stdout)
    assert (no_tree, epub_start) == (False, "PK")  # an EPUB is a zip archive
    assert written == ["out/serge-final-words.pdf", "out/serge-final-words.bib"]
    assert all((workdir / name).stat().st_size > 0 for name in written)
    assert severities == ["warning"]  # the seed's one warning, no error


def test_readme_layout_of_the_writers_names_every_module_and_folder_they_have() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("  writers/__init__.py") :]
    layout = layout[: layout.index("```")]
    writers = ROOT / "exporter" / "writers"
    folders = {f"{p.name}/" for p in writers.rglob("*") if p.is_dir() and p.name != "__pycache__"}
    modules = {p.stem for p in writers.rglob("*.py") if p.stem != "__init__"}
    # The folders are the first words of their lines: writers/html/, engine/.
    named = {f"{n}/" for n in re.findall(r"^ *(?:writers/)?([a-z]+)/", layout, re.MULTILINE)}
    assert named == folders | {"writers/"}
    words = set(re.findall(r"[a-z_]+", layout))
    assert modules <= words, modules - words
    # Nothing named in the form of a module that is not one: every word with an underscore is a module.
    assert {w for w in words if "_" in w and w != "__init__"} <= modules

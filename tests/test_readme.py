"""The README's examples are run: every shell block in it executes and succeeds.

A block preceded by the comment `<!-- not run: ... -->` is skipped, with the reason written there
(the set-up commands, which are what runs this test)."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's folder: the seeds, and exporter on the PATH."""
    work = tmp_path_factory.mktemp("user")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    return work


@pytest.mark.parametrize("index", range(len(shell_blocks())))
def test_readme_block_runs(index: int, workdir: Path) -> None:
    block = shell_blocks()[index]
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"README block {index} failed:\n{block}\n{done.stdout}\n{done.stderr}"

"""Shared fixtures: the project root, the seed, its TEI read once per session, real validators."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from exporter.diagnostics import has_errors
from exporter.manifest import MANIFEST
from exporter.reader import read_review
from exporter.tei import serialise
from exporter.writers import Options

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "serge-final-words.txt"
REVIEWS = Path(__file__).resolve().parent / "reviews"
# The official schema is read from the shared folder beside the project, never copied in.
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def outputs_in(folder: Path) -> list[str]:
    """The names in an output folder, the build's manifest aside (tests/test_project.py checks it):
    what the tests of outputs written, kept or removed look at."""
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST) if folder.is_dir() else []


def written(
    source: Path, folder: Path, write: Callable[[etree._Element, Options], bytes], suffix: str
) -> Path:
    """`source` read without errors and made by one writer into folder/STEM.SUFFIX."""
    tei, diagnostics = read_review(source)
    assert tei is not None and not has_errors(diagnostics), source
    path = folder / f"{source.stem}{suffix}"
    path.write_bytes(write(tei, Options(name=source.stem, source_path=str(source))))
    return path


def require_tool(name: str) -> str:
    """A validator the test needs: missing is a skip by hand, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (make system installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def require_file(path: Path) -> Path:
    if not path.is_file():
        if IN_CI:
            pytest.fail(f"{path.name} is missing beside the project")
        pytest.skip(f"{path.name} is missing beside the project")
    return path


def jing_on_tei_all(trees: dict[str, etree._Element], folder: Path) -> subprocess.CompletedProcess[str]:
    """jing with the official tei_all.rng on each tree, written to `folder` as NAME.xml, in one run."""
    jing = require_tool("jing")
    schema = require_file(TEI_ALL)
    files = []
    for name, root in trees.items():
        path = folder / f"{name}.xml"
        path.write_bytes(serialise(root))
        files.append(str(path))
    return subprocess.run([jing, str(schema), *files], capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def seed_tei() -> etree._Element:
    root, diagnostics = read_review(SEED)
    assert root is not None, "\n".join(map(str, diagnostics))
    return root


# Modules whose tests share nothing costly and each take long: spread over the workers one test at
# a time, and started first, so that no worker is left with one of them at the end of the run.
SPREAD = {"test_fuzz_cli.py"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under xdist (--dist loadgroup), every other module runs whole on one worker: its module and
    session fixtures (the EPUBs of every review, a reference build) are built by one worker."""
    for item in items:
        if item.path.name not in SPREAD:
            item.add_marker(pytest.mark.xdist_group(str(item.path.relative_to(ROOT))))
    items.sort(key=lambda item: item.path.name not in SPREAD)

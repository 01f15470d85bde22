"""A build killed at any moment, two builds at once, an unwritable folder, a full disk."""

from __future__ import annotations

import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exporter.build import TEMP_SUFFIX
from tests.conftest import REVIEWS, ROOT, outputs_in

SOURCES = [ROOT / "seeds" / "serge-final-words.txt", REVIEWS / "01-digital-worlds.txt"]
KILLS = 20
TIMING: dict[str, float] = {}


def command(out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "exporter",
        "build",
        *map(str, SOURCES),
        "-o",
        str(out),
        "-q",
        "--jobs",
        "1",
        *extra,
    ]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One complete build, the yardstick every interrupted build is held to."""
    out = tmp_path_factory.mktemp("reference")
    started = time.monotonic()
    subprocess.run(command(out), check=True, cwd=ROOT)
    TIMING["build"] = time.monotonic() - started
    return {name: (out / name).read_bytes() for name in outputs_in(out)}


def finished_files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in outputs_in(out) if not name.endswith(TEMP_SUFFIX)}


def test_sigkill_at_random_moments_leaves_only_complete_files(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    rng = random.Random(20261125)  # fixed seed: the same moments on every run
    span = max(TIMING["build"], 0.5) * 1.2
    for attempt in range(KILLS):
        out = tmp_path / f"run{attempt}"
        out.mkdir()
        if attempt % 2:  # half start over a complete old build, half from nothing
            for name, data in reference.items():
                (out / name).write_bytes(data)
        process = subprocess.Popen(
            command(out), cwd=ROOT, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.0, span))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name, data in finished_files(out).items():
            assert data == reference[name], f"attempt {attempt}: {name} is not a complete file"
        if attempt % 2:
            assert set(finished_files(out)) == set(reference)


def test_sigterm_cleans_its_temporary_files(tmp_path: Path, reference: dict[str, bytes]) -> None:
    for attempt, delay in enumerate((0.3, 0.6, 0.9)):
        out = tmp_path / f"run{attempt}"
        process = subprocess.Popen(command(out), cwd=ROOT, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate()
        assert b"Traceback" not in err
        if out.exists():
            assert [p.name for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []
            assert all(reference[n] == d for n, d in finished_files(out).items())


# A SIGTERM that arrives while the PDF writer collects garbage: the finalizer sends it, then runs
# more code, where Python would handle it. Argument: "collect_garbage" or "gc.collect".
SIGTERM_IN_A_FINALIZER = """
import gc, os, signal, sys
from exporter.cli import _stop_on_signals
from exporter.writers.pdf.engine.collection import collect_garbage
_stop_on_signals()
class Finalized:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(100_000))
cycle = Finalized()
cycle.me = cycle
del cycle
collect_garbage() if sys.argv[1] == "collect_garbage" else gc.collect()
print("went on")
"""


@pytest.mark.parametrize("collect", ["collect_garbage", "gc.collect"])
def test_sigterm_during_a_garbage_collection_stops_the_build(collect: str) -> None:
    argv = [sys.executable, "-c", SIGTERM_IN_A_FINALIZER, collect]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    if collect == "gc.collect":  # what the writer avoids: the exit is lost in the finalizer
        assert (done.returncode, done.stdout) == (0, "went on\n")
        assert "Exception ignored" in done.stderr
    else:
        assert (done.returncode, done.stdout, done.stderr) == (128 + signal.SIGTERM, "", "")


def test_two_concurrent_builds_into_one_folder(tmp_path: Path, reference: dict[str, bytes]) -> None:
    for _ in range(3):
        out = tmp_path / "shared"
        shutil.rmtree(out, ignore_errors=True)
        first = subprocess.Popen(command(out), cwd=ROOT)
        second = subprocess.Popen(command(out), cwd=ROOT)
        assert (first.wait(), second.wait()) == (0, 0)
        assert finished_files(out) == reference
        assert not [p for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_output_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = subprocess.run(command(blocker / "dist"), cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert errors and all("cannot write to" in e and "Not a directory" in e for e in errors)


def _small_file_limit() -> None:
    # Like a full disk: any write past 4 KiB fails with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_full_disk_gives_one_clear_error_and_keeps_old_files(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    old = {name: b"old " + name.encode() for name in reference}
    for name, data in old.items():
        (out / name).write_bytes(data)
    done = subprocess.run(
        command(out), cwd=ROOT, capture_output=True, text=True, check=False, preexec_fn=_small_file_limit
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == len(SOURCES)  # one per source, not one per file or per byte
    assert all("cannot write to" in e and "File too large" in e for e in errors)
    assert finished_files(out).keys() == old.keys()
    for name, data in finished_files(out).items():
        assert data in (old[name], reference[name])
    assert [p.name for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_a_writer_that_fails_gives_an_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug in a writer or in its library (WeasyPrint, ebooklib) that some input sets off.
    from click.testing import CliRunner

    from exporter.cli import main
    from exporter.writers.bib import csl

    def failing(*args: object) -> bytes:
        raise AttributeError("'str' object has no attribute 'to'")

    monkeypatch.setattr(csl, "write", failing)
    out = tmp_path / "out"
    argv = ["build", str(SOURCES[0]), "-o", str(out), "-t", "tei,csl,bib"]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    expected = "serge-final-words.txt:1:1: error: the csl writer failed (AttributeError: "
    assert expected in result.output
    assert not out.exists() or not any(out.iterdir())

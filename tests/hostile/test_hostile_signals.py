"""Stopping a parallel build (issue #16, case 3): Ctrl-C or SIGTERM stops every process within a
second and leaves each output as it was or complete and new; SIGKILL of the parent takes its
workers with it, and the next build removes what they left half-written.

No sleeps decide anything: the signal is sent when the build reports its first finished source,
so two workers are busy and one source is still waiting, however loaded the machine."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import GOOD, files_in

SOURCES = "abcd"
FORMATS = "tei,pdf"
OLD = b"old output\n"
STOP_SECONDS = 1.0  # what the README promises for Ctrl-C
DEATH_WAIT_SECONDS = 10.0  # a bound for polling only: workers killed by the kernel go at once


def review(name: str, paragraphs: int) -> str:
    body = "\n\n".join(
        f"Paragraph {n} of review {name}, citing Smith 2001 (p. {n})." for n in range(paragraphs)
    )
    return GOOD.replace("Review: A title", f"Review: Review {name}").replace(
        "A paragraph", body + "\n\nA paragraph"
    )


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """Four reviews, the last long enough to be unfinished when the first is done, and what a
    whole build of them writes."""
    folder = tmp_path_factory.mktemp("signals")
    paths = []
    for name, paragraphs in zip(SOURCES, (1, 1, 1, 150), strict=True):
        path = folder / f"{name}.txt"
        path.write_text(review(name, paragraphs))
        paths.append(path)
    built = subprocess.run(
        exporter("build", *paths, "-o", folder / "new", "-t", FORMATS, "-q", "-j", "2"), check=False
    )
    assert built.returncode == 0
    return paths, folder / "new"


def exporter(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "exporter", *map(str, args)]


def start_and_wait_for_first(paths: list[Path], out: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """The build running with -j2, once it has finished one source; and its workers' pids."""
    out.mkdir()
    for path in paths:
        for suffix in (".xml", ".pdf"):
            (out / f"{path.stem}{suffix}").write_bytes(OLD)
    build = subprocess.Popen(
        exporter("build", *paths, "-o", out, "-t", FORMATS, "-j", "2"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert build.stderr is not None
    for line in build.stderr:
        if line.startswith("built "):
            break
    workers = children(build.pid)
    assert len(workers) == 2, workers
    return build, workers


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def assert_old_or_new(out: Path, new: Path, stale_allowed: bool = False) -> list[str]:
    """Each output is the old file or the whole new one; the names of the old ones."""
    old = []
    for path in (out / name for name in files_in(out)):
        if stale_allowed and path.name.endswith(".tmp"):
            continue
        data = path.read_bytes()
        assert data in (OLD, (new / path.name).read_bytes()), path.name
        if data == OLD:
            old.append(path.name)
    return old


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_build_leaves_no_process_and_no_half_file(
    sources: tuple[list[Path], Path], tmp_path: Path, stop: signal.Signals
) -> None:
    paths, new = sources
    build, workers = start_and_wait_for_first(paths, tmp_path / "out")
    sent = time.monotonic()
    build.send_signal(stop)
    build.wait(timeout=30)
    gone = time.monotonic() - sent
    assert build.returncode == 128 + stop
    assert not [pid for pid in workers if alive(pid)]
    assert gone < STOP_SECONDS, f"{gone:.2f} s"
    old = assert_old_or_new(tmp_path / "out", new)
    assert "d.pdf" in old  # the long review was not finished: the build did stop
    assert len(files_in(tmp_path / "out")) == 2 * len(SOURCES)  # no temporary file left


def test_workers_die_with_their_parent_and_the_next_build_cleans_up(
    sources: tuple[list[Path], Path], tmp_path: Path
) -> None:
    paths, new = sources
    out = tmp_path / "out"
    build, workers = start_and_wait_for_first(paths, out)
    build.kill()
    build.wait(timeout=30)
    deadline = time.monotonic() + DEATH_WAIT_SECONDS
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]
    files = files_in(out)
    assert_old_or_new(out, new, stale_allowed=True)
    again = subprocess.run(exporter("build", paths[0], "-o", out, "-t", "tei", "-q"), check=False)
    assert again.returncode == 0
    assert files_in(out) == sorted(f for f in files if not f.endswith(".tmp"))

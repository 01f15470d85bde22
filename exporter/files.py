"""Outputs written whole or not at all: one file, or a source's files as a set, each through a
temporary file beside it; and the temporary files that writers killed mid-way left behind."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# The temporary files made here: ".NAME.SUFFIX.PID.RANDOM.tmp", PID the writer's.
_TEMP_NAME = re.compile(r"\..+(?P<suffix>\.[a-z]+)\.(?P<pid>\d+)\.[^.]+" + re.escape(TEMP_SUFFIX))


def write_atomic(target: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed, then renamed over the target: a reader of
    the target sees the old file or the new one, never a part of either."""
    write_set({target: data})


def write_set(files: Mapping[Path, bytes]) -> None:
    """Every file to a temporary one first, and only when all are on disk, each renamed over its
    target: a failure while writing (a full disk) leaves every target as it was, not some new
    and some old. Only a crash between the renames, which take microseconds, could mix them."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            temps.append((_written_temporary(target, data), target))
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise


def _written_temporary(target: Path, data: bytes) -> Path:
    # The process's id in the name tells a later build whether its writer still lives.
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def remove_stale_temporaries(folder: Path, suffixes: Collection[str]) -> list[Path]:
    """The temporary files of writers that died before renaming them (a SIGKILL, a power cut),
    removed: only names made here, for targets with one of `suffixes`, whose process is gone."""
    removed = []
    for temp in folder.glob(f".*{TEMP_SUFFIX}") if folder.is_dir() else []:
        made = _TEMP_NAME.fullmatch(temp.name)
        if made and made.group("suffix") in suffixes and not _writer_alive(int(made.group("pid")), temp):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed


def _writer_alive(pid: int, temp: Path) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    stat = _process_stat(pid)
    if stat is None:  # no /proc (macOS): the signal is all there is to go by
        return True
    # A writer killed with its parent is reparented; where no one reaps it (PID 1 of some
    # containers), it stays a zombie that signal 0 still reaches, yet it will write nothing.
    # A process that started after the file was written reuses a dead writer's number.
    state, started = stat[0], _boot_time() + int(stat[19]) / os.sysconf("SC_CLK_TCK")
    return state != "Z" and started <= _modified(temp) + _BOOT_TIME_SLACK


_BOOT_TIME_SLACK = 2.0  # seconds: the boot time in /proc/stat is whole seconds


def _process_stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name: state first, start time 20th."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # no /proc, or the process went just now
        return None


def _modified(temp: Path) -> float:
    try:
        return temp.stat().st_mtime
    except OSError:  # another build removed it just now: nothing to decide
        return float("inf")


def _boot_time() -> float:
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    return 0.0

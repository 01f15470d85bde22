"""Progress and the closing summary of a build: a rich bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table

if TYPE_CHECKING:
    from exporter.build import Result

stderr = Console(stderr=True, highlight=False)


class Progress:
    """A bar while sources build when stderr is a terminal; otherwise one plain line per source."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: RichProgress | None = None
        if enabled and stderr.is_terminal:
            self.bar = RichProgress(
                TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=stderr, transient=True,
            )  # fmt: skip
            self.task = self.bar.add_task("build", total=total)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def echo(self, line: str) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)

    def advance(self, result: Result) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
        elif self.enabled:
            state = "failed" if result.failed else "built"
            self.echo(
                f"{state} {result.source} ({', '.join(result.written) or 'nothing written'}) in {result.seconds:.2f} s"
            )


def summary(results: list[Result]) -> None:
    table = Table(title="exporter build", title_justify="left")
    for name, justify in (
        ("file", "left"),
        ("formats", "left"),
        ("size", "right"),
        ("time", "right"),
        ("warnings", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in results:
        if r.up_to_date:  # not built: its warnings were printed by the build that made its outputs
            table.add_row(r.source.name, "up to date", "-", "-", "-")
            continue
        size = _size(sum(r.written.values())) if r.written else ("failed" if r.failed else "-")
        table.add_row(r.source.name, ", ".join(r.written), size, f"{r.seconds:.2f} s", str(r.warnings))
    stderr.print(table)  # stdout carries only what the user asked for (issue #17)


def _size(count: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if count < 1024 or unit == "MiB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return str(count)

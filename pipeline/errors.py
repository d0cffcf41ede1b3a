"""Errors the command line reports as one line and exit code 2."""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""


class InputError(PipelineError):
    """Bad input: names the file and, where known, the line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


def read_input(path: Path) -> bytes:
    """A file the user named, or an InputError naming it and why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None

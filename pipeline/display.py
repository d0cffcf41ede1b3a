"""How messages show paths and counts: the path as the user would type it, a count with its noun."""

from __future__ import annotations

import os
from pathlib import Path


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """A count and its noun, for every message that counts: "1 QA finding", "2 QA findings"."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    absolute = Path(os.path.abspath(path))  # not resolve(): outputs/<id> is a link, shown as the link
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)

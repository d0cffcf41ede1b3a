"""`check`: accessibility reports of PDF files made by the pipeline or elsewhere (checks/pdf.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

from ..display import display
from ..errors import InputError, read_input


def check_pdfs(paths: Sequence[Path], lang: str | None, title: str | None, text: Path | None) -> Iterator:
    """Accessibility reports of PDF files made by the pipeline or elsewhere."""
    from ..checks.pdf import check_pdf

    expected_text = None
    if text:
        try:
            expected_text = text.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(text, f"cannot read the expected text: {error}") from None
    for path in paths:
        data = read_input(path)
        if not data.startswith(b"%PDF-"):
            raise InputError(path, "not a PDF file (it does not start with %PDF-)")
        yield check_pdf(data, display(path), lang=lang, title=title, text=expected_text)

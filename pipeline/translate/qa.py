"""Quality checks on each machine-translated segment.

Each finding is one short line; they go into the catalog as translator
comments (`# QA: …`) and are summarised at the end of a run.
"""

from __future__ import annotations

import re
from collections import Counter

from .protect import ANY_PLACEHOLDER, PLACEHOLDER, Masked

MIN_RATIO, MAX_RATIO = 0.5, 2.2  # target length / source length, for sources of 20+ characters
TAG = re.compile(r"</?\d+>")


def check(source: str, masked: Masked, raw: str, final: str) -> list[str]:
    """Findings for one segment: `raw` is the engine's output, `final` the restored text."""
    findings = []
    counts = Counter(int(n) for n in PLACEHOLDER.findall(raw))
    for index, span in enumerate(masked.spans, start=1):
        what = "glossary term" if span.kind == "term" else span.kind
        if counts[index] == 0:
            findings.append(f"{what} missing: {span.target}")
        elif counts[index] > 1:
            findings.append(f"{what} duplicated: {span.target}")
    if ANY_PLACEHOLDER.search(final):
        findings.append("leftover placeholder: " + ", ".join(sorted(set(ANY_PLACEHOLDER.findall(final)))))
    if Counter(TAG.findall(final)) != Counter(TAG.findall(source)):
        findings.append("inline tags <n>…</n> differ from the source")
    if _normalise(raw) == _normalise(masked.text) and re.search(r"[^\W\d_]{2,}", masked.text):
        findings.append("untranslated: same as the source")
    if len(source) >= 20 and final:
        ratio = len(final) / len(source)
        if not MIN_RATIO <= ratio <= MAX_RATIO:
            findings.append(f"length ratio {ratio:.2f} outside {MIN_RATIO}–{MAX_RATIO}")
    if not final.strip():
        findings.append("empty translation")
    return findings


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()

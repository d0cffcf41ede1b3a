"""Cost against release length: each stage on generated releases of growing size.

The stages are timed in this process, one after the other, on the same
release: ingest (parse + conservation check), segmentation, the catalog
merge (a first run: every segment new), masking, QA of a machine output
(the masked text given back as the "translation", so that every check runs),
localisation (rebuild) and the text edition; then the job key of the
localise job (hashing the whole release). The slope is the time ratio per
10× size: 10 means linear, 100 quadratic.
"""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path
from typing import Callable

from .releases import write_release

SIZES = (10_000, 100_000, 1_000_000)
LANG = "fr"


def stage_times(path: Path, lang: str = LANG) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds per stage for one release file, and its counts (bytes, segments)."""
    from pipeline.catalogs.catalog import CatalogUpdate, Translation
    from pipeline.editions import render
    from pipeline.ingest import read_release
    from pipeline.jobs import Job
    from pipeline.localise import localise_target
    from pipeline.localise.labels import load_labels
    from pipeline.release import TranslationStatus
    from pipeline.segment import segment_release
    from pipeline.translate.glossary import Glossary
    from pipeline.translate.protect import mask, unmask
    from pipeline.translate.qa import Checker

    times: dict[str, float] = {}

    def timed(name: str, fn: Callable):
        started = time.perf_counter()
        value = fn()
        times[name] = time.perf_counter() - started
        return value

    release = timed("ingest", lambda: read_release(path))
    segmentation = timed("segment", lambda: segment_release(release))
    scratch = Path(tempfile.mkdtemp(prefix="bench-length-"))
    timed("catalog merge", lambda: CatalogUpdate(scratch / "x.po", None, release, segmentation, lang, None, {}))
    glossary = Glossary()
    masked = timed("mask", lambda: [mask(s.text, lang, glossary) for s in segmentation.segments])
    finals = timed("unmask", lambda: [unmask(m.text, m) for m in masked])
    checker = Checker(lang, glossary)
    timed("QA", lambda: [checker.machine(s.text, m, m.text, f)
                         for s, m, f in zip(segmentation.segments, masked, finals)])
    translations = tuple(Translation(s.id, f, "machine") for s, f in zip(segmentation.segments, finals))
    status = TranslationStatus(source=False, segments=len(translations), machine=len(translations))
    labels = load_labels(lang)
    localised = timed("localise", lambda: localise_target(release, segmentation, lang, translations, status, labels))
    timed("text edition", lambda: render("text", localised))
    timed("job key", lambda: Job("localise", localise_target,
                                 (release, segmentation, lang, translations, status, labels)).key)
    return times, {"bytes": path.stat().st_size, "segments": len(segmentation.segments)}


def slope(small: float, large: float, size_ratio: float) -> float:
    """Time ratio per 10× size, from two measurements `size_ratio` apart."""
    if small <= 0:
        return float("nan")
    return (large / small) ** (1 / math.log10(size_ratio))


def measure(sizes=SIZES, directory: Path | None = None) -> dict:
    directory = directory or Path(tempfile.mkdtemp(prefix="bench-releases-"))
    rows = {}
    for size in sizes:
        rows[size] = stage_times(write_release(directory, size))
    return rows

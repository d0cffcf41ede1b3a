"""Benchmarks. Run with `make bench`; figures are recorded in docs/benchmarks.md."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def argos_batch_vs_one_at_a_time(sentences: int = 24) -> None:
    """Segments per second of the argos engine (one translate_batch for all segments)
    against argostranslate's own per-sentence path (apply_packaged_translation), on the
    same package: random weights with the dimensions of a real Argos model."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(scratch / name.lower())
    os.environ["ARGOS_BEAM_SIZE"] = "2"  # the same beam for both
    from pipeline.ingest import read_release
    from pipeline.segment import segment_release
    from pipeline.translate import EngineSettings
    from pipeline.translate.argos import ArgosEngine, install_from_path
    from tests.support.synthetic_argos import REAL, build_argosmodel

    started = time.perf_counter()
    package = build_argosmodel(scratch / "packages", "en", "fr", size=REAL)
    install_from_path(package, scratch / "models")
    print(f"built a {REAL.layers}+{REAL.layers}-layer, d_model {REAL.d_model}, {REAL.vocabulary}-token package "
          f"in {time.perf_counter() - started:.1f} s ({package.stat().st_size / 1e6:.0f} MB)")
    texts = [s.text for path in sorted((REPO / "docs" / "examples").glob("*.md"))
             for s in segment_release(read_release(path)).segments]
    texts = (texts * (sentences // len(texts) + 1))[:sentences]

    engine = ArgosEngine(EngineSettings(models_dir=str(scratch / "models"), beam_size=2))
    engine.translate(texts[:2], "en", "fr")  # load the model once, as a worker does
    started = time.perf_counter()
    engine.translate(texts, "en", "fr")
    batch = time.perf_counter() - started

    from argostranslate import translate as argos_translate
    from argostranslate.package import Package

    class OneSentence:  # the segments are sentences already
        def split_sentences(self, text):
            return [text]

    model = engine.models[("en", "fr")]
    argos_package = Package(model.path)
    translator = engine._translator(model.path)
    started = time.perf_counter()
    for text in texts:
        argos_translate.apply_packaged_translation(argos_package, text, translator, OneSentence(), num_hypotheses=1)
    single = time.perf_counter() - started
    print(f"argos engine, batched:         {len(texts) / batch:7.1f} segments/s ({batch:.2f} s for {len(texts)})")
    print(f"argostranslate, one at a time: {len(texts) / single:7.1f} segments/s ({single:.2f} s)")
    print(f"speed-up of batching: {single / batch:.1f}×")


if __name__ == "__main__":
    argos_batch_vs_one_at_a_time()

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


def pdf_editions(rounds: int = 5) -> None:
    """Milliseconds per PDF edition once warm (Typst with PDF/UA-1, then the producer update), and
    Typst alone warm against a cold compiler per document (fonts loaded each time), for the six
    languages of the seed release (two A4 pages; the bundled example when ../shared is absent)."""
    import json

    import typst

    from pipeline.editions import EditionSettings
    from pipeline.editions import pdf as pdf_edition

    editions = _six_languages()
    settings = EditionSettings()
    renderer = pdf_edition.PdfEdition()
    data = [json.dumps(pdf_edition.document_data(edition, settings)) for edition in editions]

    def compile_with(compiler: typst.Compiler, document: str) -> bytes:
        return compiler.compile(input=pdf_edition.template(), sys_inputs={"data": document}, pdf_standards=["ua-1"])

    for edition in editions:
        renderer.render(edition, settings)  # warm: compiler, fonts, template
    runs = rounds * len(editions)
    started = time.perf_counter()
    pages = sum(renderer.render(edition, settings).details["pages"] for _ in range(rounds) for edition in editions)
    whole = (time.perf_counter() - started) / runs
    warm_compiler = pdf_edition.compiler(settings.fonts_dir, None)
    started = time.perf_counter()
    compiled = [compile_with(warm_compiler, document) for _ in range(rounds) for document in data]
    warm = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    for document in data:
        compile_with(typst.Compiler(font_paths=[settings.fonts_dir], ignore_system_fonts=True), document)
    cold = (time.perf_counter() - started) / len(data)
    started = time.perf_counter()
    for pdf in compiled:
        pdf_edition.with_producer(pdf, "release-pipeline bench")
    producer = (time.perf_counter() - started) / len(compiled)
    print(f"PDF edition, warm, whole render:  {whole * 1000:6.1f} ms per PDF "
          f"({pages / runs:.1f} pages; six languages × {rounds})")
    print(f"  Typst compile (PDF/UA-1):       {warm * 1000:6.1f} ms")
    print(f"  producer update (pypdf):        {producer * 1000:6.1f} ms")
    print(f"Typst compile, cold compiler:     {cold * 1000:6.1f} ms per PDF")
    print(f"speed-up of keeping the compiler: {cold / warm:.1f}×")


def audio_editions() -> None:
    """Real-time factor and wall time of the six MP3 editions of one release: serially in one
    process (split into synthesis and encoding), and on the job executor (one engine per worker)."""
    from pipeline.audio.encoding import FORMATS, encode
    from pipeline.audio.lexicon import load_lexicon
    from pipeline.editions import EditionSettings, render
    from pipeline.editions.audio import speak, tags_for
    from pipeline.jobs import LocalExecutor

    editions = _six_languages()
    settings = [EditionSettings(lexicons=(load_lexicon(e.lang), load_lexicon("en"))) for e in editions]
    speak(editions[0], settings[0])  # start the engine once, as a worker does
    synthesis = encoding = audio_seconds = 0.0
    for edition, edition_settings in zip(editions, settings):
        started = time.perf_counter()
        speech = speak(edition, edition_settings)
        synthesis += time.perf_counter() - started
        started = time.perf_counter()
        encode(speech.pcm, FORMATS["mp3"], tags_for(edition, edition_settings), speech.chapters)
        encoding += time.perf_counter() - started
        audio_seconds += speech.seconds
    serial = synthesis + encoding
    started = time.perf_counter()
    encode(speech.pcm, FORMATS["mp3"], tags_for(edition, edition_settings), speech.chapters, dynamic_loudness=True)
    dynamic = time.perf_counter() - started
    started = time.perf_counter()
    encode(speech.pcm, FORMATS["mp3"], tags_for(edition, edition_settings), speech.chapters)
    linear = time.perf_counter() - started
    workers = os.cpu_count() or 1
    executor = LocalExecutor(workers)
    started = time.perf_counter()
    futures = [executor.submit(render, "audio", e, s) for e, s in zip(editions, settings)]
    for future in futures:
        future.result()
    parallel = time.perf_counter() - started
    executor.close()
    print(f"six MP3 editions, {audio_seconds / 60:.1f} minutes of speech in all")
    print(f"  serial, one process:    {serial:6.1f} s wall, real-time factor {serial / audio_seconds:.4f}")
    print(f"    synthesis (pyttsx3):  {synthesis:6.1f} s ({synthesis / serial:.0%})")
    print(f"    encoding (ffmpeg):    {encoding:6.1f} s ({encoding / serial:.0%})")
    print(f"  encoding one edition ({speech.seconds / 60:.1f} min): measured gain {linear:.2f} s, "
          f"ffmpeg loudnorm (baseline) {dynamic:.2f} s: {dynamic / linear:.1f}× faster")
    print(f"  executor, {workers} workers:    {parallel:6.1f} s wall (worker start-up included), "
          f"real-time factor {parallel / audio_seconds:.4f}, {serial / parallel:.1f}× the serial run")


def _six_languages():
    """The seed release (the bundled example without ../shared) localised into the six languages,
    target languages untranslated (no engine is needed to measure editions)."""
    from pipeline.localise import localise_source, localise_target
    from pipeline.ingest import read_release
    from pipeline.localise.labels import load_labels
    from pipeline.release import TranslationStatus
    from pipeline.segment import segment_release

    seed = REPO.parent / "shared" / "seeds" / "odihr-2024-02-21-belarus.md"
    release = read_release(seed if seed.exists() else REPO / "docs" / "examples" / "osce-2024-03-05-vienna-media-freedom.md")
    segmentation = segment_release(release)
    untranslated = TranslationStatus(source=False, segments=len(segmentation.segments),
                                     untranslated=len(segmentation.segments))
    return [localise_source(release, segmentation, load_labels("en"))] + [
        localise_target(release, segmentation, lang, (), untranslated, load_labels(lang))
        for lang in ("fr", "de", "it", "ru", "es")]


BENCHMARKS = {"argos": argos_batch_vs_one_at_a_time, "pdf": pdf_editions, "audio": audio_editions}

if __name__ == "__main__":
    for name in sys.argv[1:] or BENCHMARKS:
        print(f"== {name}")
        BENCHMARKS[name]()

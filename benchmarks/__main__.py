"""Benchmarks: `make bench` (`python -m benchmarks [NAME …] [--json PATH] [--quick]`).

Every figure is a ratio to a baseline measured in the same run, so that a
busy machine inflates both sides alike. Each benchmark returns its rows;
they are printed as one table and written as JSON (benchmarks/results.json
unless `--json PATH`), with the machine they ran on. docs/performance.md
records the figures and explains them.

  argos    the argos engine vs raw CTranslate2 `translate_batch` (pipeline overhead) and vs
           argostranslate's own path with its defaults (paragraphs, beam 4), real-size random model
  incremental  one release × six languages × all editions, and × text, pdf, json: cold, warm, one paragraph, one catalog entry
  speech       the English speech whole (one eSpeak call, one encode) vs by sentence and piece: cold, one paragraph changed
  backlog  24 generated releases × es/fr/it × text, pdf, json: 1 and 2 workers, local and dask-local, and
           the cost model (10,000 releases on 1, 8, 64 workers) fitted on the same run
  pdf      ms per PDF: Typst alone vs the whole edition, cold vs warm compiler
  audio    real-time factor of six MP3 editions
  length   cost per stage vs release length (10 KB, 100 KB, 1 MB): the slope per 10× size,
           and one whole run (text edition, one language) of 100 KB and 1 MB, time and peak memory
  serve    `serve`: ms per request over one keep-alive connection vs a new connection per request
"""

from __future__ import annotations

import datetime as dt
import json
import contextlib
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SCRATCH = Path(tempfile.mkdtemp(prefix="bench-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # argostranslate writes there on import
    os.environ.setdefault(_name, str(SCRATCH / _name.lower()))

from benchmarks.releases import write_release  # noqa: E402

SIX = ("fr", "de", "it", "ru", "es")  # with English: the six languages


def speech_cache_dir() -> Path:
    """The speech cache a project with default settings uses (config.Config.speech_cache_dir)."""
    from pipeline.config import Config

    return Config().speech_cache_dir


@contextlib.contextmanager
def fresh_cache():
    """An empty speech cache (sentences, encoded pieces) for one benchmark and its workers."""
    shutil.rmtree(speech_cache_dir(), ignore_errors=True)
    try:
        yield
    finally:
        shutil.rmtree(speech_cache_dir(), ignore_errors=True)


@dataclass
class Row:
    benchmark: str
    name: str
    value: float
    unit: str  # "s", "ms", "ratio", "releases/min", "MB" …
    note: str = ""


# --- argos: the engine's overhead and argostranslate's own path -------------------------


def argos(sentences: int = 24, size: str = "REAL") -> list[Row]:
    """On one real-size random-weight model (6+6 layers, d_model 512, 32k vocabulary, int8):
    the argos engine vs raw `ctranslate2.Translator.translate_batch` with the same tokens and
    options (the pipeline's overhead: tokenising, the call, detokenising), and vs
    argostranslate's own path with its defaults (one call per paragraph, each sentence its own
    token batch, beam 4). Random weights never emit </s>, so every path gets the same decoding
    bound: 1.5 × the mean source length in tokens + 10, what a real model's output measures."""
    from argostranslate import translate as argos_translate
    from argostranslate.package import Package

    import tests.support.synthetic_argos as synthetic
    from pipeline.ingest import read_release
    from pipeline.segment import segment_release
    from pipeline.translate import EngineSettings
    from pipeline.translate.argos import ArgosEngine, install_from_path

    model_size = getattr(synthetic, size)
    started = time.perf_counter()
    models = SCRATCH / f"argos-models-{size}"
    if not models.exists():
        install_from_path(synthetic.build_argosmodel(SCRATCH / "packages", "en", "fr", size=model_size), models)
    build = time.perf_counter() - started
    segmentation = segment_release(read_release(_seed()))
    texts = [s.text for s in segmentation.segments][:sentences]
    paragraphs: dict[int, list[str]] = {}
    for segment in segmentation.segments[:sentences]:
        paragraphs.setdefault(segment.unit, []).append(segment.text)

    probe = ArgosEngine(EngineSettings(models_dir=str(models)))
    model = probe.models[("en", "fr")]
    package = Package(model.path)
    tokens = [package.tokenizer.encode(text) for text in texts]
    bound = int(1.5 * sum(map(len, tokens)) / len(tokens) + 10)
    settings = EngineSettings(models_dir=str(models), max_decoding_length=bound)  # beam 2, the pipeline's default
    engine = ArgosEngine(settings)
    engine.translate(texts[:2], "en", "fr")  # load the model once, as a worker does
    translator = engine._translator(model.path)

    def raw() -> None:
        translator.translate_batch(tokens, beam_size=settings.beam_size, max_batch_size=settings.batch_size,
                                   replace_unknowns=True, length_penalty=0.2, max_decoding_length=bound)

    class Bounded:  # argostranslate's calls, with the same decoding bound added
        def translate_batch(self, *args, **kwargs):
            return translator.translate_batch(*args, max_decoding_length=bound, **kwargs)

    class Sentences:  # argostranslate's sentencizer (stanza/spaCy, not installed here): ours
        def split_sentences(self, text):
            from pipeline.text.sentences import split_sentences
            return split_sentences(text)

    def argostranslate_defaults() -> None:
        for sentences_ in paragraphs.values():  # one call per paragraph, as ITranslation.hypotheses does
            argos_translate.apply_packaged_translation(package, " ".join(sentences_), Bounded(), Sentences(),
                                                       num_hypotheses=1)

    timings = {}
    for name, fn in (("engine", lambda: engine.translate(texts, "en", "fr")), ("raw", raw),
                     ("argostranslate", argostranslate_defaults), ("engine 2", lambda: engine.translate(texts, "en", "fr")),
                     ("raw 2", raw)):
        started = time.perf_counter()
        fn()
        timings[name] = time.perf_counter() - started
    engine_s = min(timings["engine"], timings["engine 2"])
    raw_s = min(timings["raw"], timings["raw 2"])
    note = f"{len(texts)} segments, {len(paragraphs)} paragraphs, decoding ≤ {bound} tokens"
    return [
        Row("argos", "model build (not timed below)", build, "s", f"{model_size.layers}+{model_size.layers} layers, "
            f"d_model {model_size.d_model}, {model_size.vocabulary} tokens"),
        Row("argos", "raw CTranslate2 translate_batch, beam 2", raw_s, "s", note),
        Row("argos", "argos engine, beam 2", engine_s, "s", "best of 2"),
        Row("argos", "argostranslate defaults (paragraphs, beam 4)", timings["argostranslate"], "s"),
        Row("argos", "engine / raw CTranslate2 (overhead; target ≤ 1.10)", engine_s / raw_s, "ratio"),
        Row("argos", "argostranslate defaults / engine (speed-up)", timings["argostranslate"] / engine_s, "ratio"),
        Row("argos", "engine segments per second", len(texts) / engine_s, "segments/s"),
    ]


# --- incremental: one release, six languages ---------------------------------------------


def _project(directory: Path, languages: tuple[str, ...], editions: tuple[str, ...], models: Path | None = None,
             executor: str = "local", workers: int = 0):
    from pipeline.config import load_config

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "release-pipeline.toml").write_text("", encoding="utf-8")
    return load_config(directory, languages=languages, editions=editions, executor=executor, workers=workers,
                       models_dir=models)


def _tiny_models() -> Path:
    """Random-weight tiny Argos models en→de and en→ru (es, fr, it go to Apertium): every engine path runs."""
    import tests.support.synthetic_argos as synthetic
    from pipeline.translate.argos import install_from_path

    models = SCRATCH / "tiny-models"
    if not models.exists():
        for target in ("de", "ru"):
            install_from_path(synthetic.build_argosmodel(SCRATCH / "tiny-packages", "en", target), models)
    return models


ALL_EDITIONS = ("text", "pdf", "audio", "captions", "epub", "json")


def incremental(editions: tuple[str, ...] = ALL_EDITIONS) -> list[Row]:
    """One release × six languages × editions: a cold run, a warm one (nothing changed), one
    paragraph changed, one catalog entry changed (a reviewer's edit); each as a share of cold.
    Cold means cold: the speech caches (sentences, encoded pieces) start empty."""
    from pipeline.publication.decide import Occasion
    from pipeline.publication.moments import current
    from pipeline.run import run

    directory = SCRATCH / f"incremental-{len(editions)}"
    shutil.rmtree(directory, ignore_errors=True)
    config = _project(directory, SIX, editions, _tiny_models())
    source = directory / "release.md"
    text = _seed().read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    # Apertium for es, fr, it (no Argos model for them); tiny Argos models for de, ru.
    config = _with_engines(config, {"es": "apertium", "fr": "apertium", "it": "apertium"})
    times, jobs = {}, {}

    # Each change is to a public release, so each run after the first corrects it, with a note.
    occasion = Occasion(current(None), correction="Benchmark edit.")

    def timed(name: str) -> None:
        started = time.perf_counter()
        report = run([source], config, occasion=occasion)
        times[name] = time.perf_counter() - started
        jobs[name] = f"{report.jobs_ran} jobs ran, {report.jobs_cached} cached"
        assert not report.failures, report.failures

    with fresh_cache():
        _incremental_runs(timed, text, source, directory, config)
    cold = times["cold"]
    targets = {"warm": 0.05, "one paragraph": 0.30, "one catalog entry": 0.25}
    which = "all editions" if editions == ALL_EDITIONS else "+".join(editions)
    rows = [Row("incremental", f"{which}: cold", cold, "s", f"{'+'.join(editions)}, six languages; {jobs['cold']}")]
    for name, target in targets.items():
        rows.append(Row("incremental", f"{which}: {name}", times[name], "s", jobs[name]))
        rows.append(Row("incremental", f"{which}: {name} / cold (target ≤ {target:.2f})", times[name] / cold, "ratio",
                        "met" if times[name] / cold <= target else "NOT met"))
    return rows


def _incremental_runs(timed, text: str, source: Path, directory: Path, config) -> None:
    from pipeline.catalogs.catalog import catalog_path
    from pipeline.catalogs.po import po_bytes, read_catalog

    timed("cold")
    timed("warm")
    paragraphs = text.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if len(p) > 200 and not p.lstrip().startswith(("#", "<", "-")))
    first, rest = paragraphs[index].split(" ", 1)
    paragraphs[index] = f"{first} {rest.replace(' the ', ' this ', 1)}"  # one word of one paragraph
    source.write_text("\n\n".join(paragraphs), encoding="utf-8")
    timed("one paragraph")
    release_id = next(p.name for p in (directory / "outputs").iterdir() if p.is_dir() and p.name[:4].isdigit())
    path = catalog_path(config.locales_dir, "fr", release_id)
    catalog = read_catalog(path)
    message = next(m for m in catalog if m.id and m.string and len(m.string) > 40)
    message.string = message.string + " (revu)"
    message.flags.discard("fuzzy")
    path.write_bytes(po_bytes(catalog))
    timed("one catalog entry")


def incremental_both() -> list[Row]:
    """All editions (the issue's measure), and text+pdf+json alone (no speech: what is left is
    mostly the engines' start-up, paid again by any run that has a sentence to translate)."""
    return incremental(ALL_EDITIONS) + incremental(("text", "pdf", "json"))


def _with_engines(config, engines: dict[str, str]):
    from dataclasses import replace

    return replace(config, engines=engines)


# --- backlog: a back catalogue on 1 and 2 workers, local and Dask; the cost model's measurements ---------

BACKLOG_EDITIONS = ("text", "pdf", "json")


def _backlog_releases(folder: Path, releases: int) -> Path:
    """`releases` generated releases (about 3 KB, 13 segments each), every sentence unique across all."""
    from benchmarks.releases import generate_release

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number in range(releases):
        text = generate_release(0, title=f"Backlog release number {number} on media freedom")
        (folder / f"release-{number:03}.md").write_text(text.replace("In case 1", f"In case {number + 1}"),
                                                        encoding="utf-8")
    return folder


def _timed_run(folder: Path, directory: Path, executor: str, workers: int, languages: tuple[str, ...],
               editions: tuple[str, ...]) -> dict:
    """One cold batch run in a fresh project (no engine left running from an earlier run): its wall time,
    and the time spent inside `Runner.run` (translation, then editions) for the cost model."""
    from pipeline import jobs
    from pipeline.run import run
    from pipeline.translate import apertium, make_engine

    apertium.close_pipes()
    make_engine.cache_clear()
    shutil.rmtree(directory, ignore_errors=True)
    config = _project(directory, languages, editions, executor=executor, workers=workers)
    config = _with_engines(config, {lang: "apertium" for lang in languages})
    inside: list[float] = []
    original = jobs.Runner.run

    def timed(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            inside.append(time.perf_counter() - began)

    jobs.Runner.run = timed
    try:
        started = time.perf_counter()
        report = run([folder], config)
        seconds = time.perf_counter() - started
    finally:
        jobs.Runner.run = original
        jobs.join_closing()
    assert not report.failures and len(report.releases) == len(list(folder.glob("*.md"))), report.failures
    return {"seconds": seconds, "translate": inside[0], "editions": sum(inside[1:]), "jobs": report.jobs_ran,
            "load": os.getloadavg()[0]}


WORKER_START = """
import json, sys, time
started = time.perf_counter()
from pipeline.translate import EngineSettings, machine_translate, warm_engines
langs = sys.argv[1].split(",")
pairs = [("apertium", EngineSettings(), "en", lang) for lang in langs]
warm_engines(pairs)
for lang in langs:
    machine_translate("apertium", EngineSettings(), "en", lang, ("The Office said so.",), "")
import pipeline.editions.pdf, pipeline.editions.text, pipeline.localise  # what a worker's first render imports
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def _worker_start(languages: tuple[str, ...]) -> float:
    """A fresh process's start: imports, every engine started and answering (what each worker pays once)."""
    out = subprocess.run([sys.executable, "-c", WORKER_START, ",".join(languages)], cwd=REPO, check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    return json.loads(out.stdout.strip().splitlines()[-1])["seconds"]


def backlog(releases: int = 24, languages: tuple[str, ...] = ("es", "fr", "it"), rounds: int = 2,
            small: int = 6) -> list[Row]:
    """A back catalogue (issue 27): `releases` generated releases × es/fr/it (Apertium) × text, pdf, json,
    each run cold in its own project, on the local executor and on dask-local with 1 and 2 workers,
    `rounds` times in turn (the best of each is kept: the machine is shared). Ratios: 2 workers against
    1 on each executor, Dask against local at 2 workers. Then the cost model's inputs, from the same
    run: per release, the time in this process and the time in jobs (the 1-worker local run, and a
    run of `small` releases for the fixed cost), and a worker's start; fitted on these, it predicts
    the 2-worker runs (printed beside the measured ones) and 10,000 releases on 1, 8 and 64 workers."""
    folder = _backlog_releases(SCRATCH / "backlog-releases", releases)
    configurations = (("local", 1), ("local", 2), ("dask-local", 1), ("dask-local", 2))
    runs: dict[tuple[str, int], list[dict]] = {c: [] for c in configurations}
    for _ in range(rounds):
        for executor, workers in configurations:
            runs[(executor, workers)].append(_timed_run(folder, SCRATCH / f"backlog-{executor}-{workers}", executor,
                                                        workers, languages, BACKLOG_EDITIONS))
    best = {c: min(found, key=lambda r: r["seconds"]) for c, found in runs.items()}
    rows = []
    for (executor, workers), found in runs.items():
        times = ", ".join(f"{r['seconds']:.1f} (load {r['load']:.1f})" for r in found)
        rows.append(Row("backlog", f"{executor}, {workers} worker{'s' if workers > 1 else ''}: seconds (best)",
                        best[(executor, workers)]["seconds"], "s",
                        f"{releases} releases × {'/'.join(languages)} × {'+'.join(BACKLOG_EDITIONS)}; "
                        f"{best[(executor, workers)]['jobs']} jobs; runs: {times} s"))
    for executor in ("local", "dask-local"):  # where the time goes: what a second worker can divide
        one, two = best[(executor, 1)], best[(executor, 2)]
        for part, label in (("translate", "translation jobs"), ("editions", "edition jobs"), ("main", "the rest")):
            rows.append(Row("backlog", f"{executor}: {label}, 1 → 2 workers", _part(one, part), "s",
                            f"{_part(two, part):.2f} s with 2 workers: {_part(one, part) / _part(two, part):.2f}×"))
    speed = {executor: best[(executor, 1)]["seconds"] / best[(executor, 2)]["seconds"]
             for executor in ("local", "dask-local")}
    rows.append(Row("backlog", "local: 2 workers against 1 (speed-up; target ≥ 1.5)", speed["local"], "ratio",
                    "met" if speed["local"] >= 1.5 else "NOT met"))
    rows.append(Row("backlog", "dask-local: 2 workers against 1 (speed-up; target ≥ 1.5)", speed["dask-local"],
                    "ratio", "met" if speed["dask-local"] >= 1.5 else "NOT met"))
    versus = best[("dask-local", 2)]["seconds"] / best[("local", 2)]["seconds"]
    rows.append(Row("backlog", "dask-local / local at 2 workers (time; target ≤ 1.15)", versus, "ratio",
                    "met" if versus <= 1.15 else "NOT met"))
    rows += _cost_model(folder, releases, languages, best, small)
    return rows


def _part(run: dict, part: str) -> float:
    """A run's seconds in its translation jobs, its edition jobs, or the rest (this process alone)."""
    return run["seconds"] - run["translate"] - run["editions"] if part == "main" else run[part]


def _cost_model(folder: Path, releases: int, languages: tuple[str, ...], best: dict, small: int) -> list[Row]:
    """T(R, W) = fixed + R × main + R × jobs / W + start: `main` and `jobs` per release from the 1-worker
    local run of R releases (time in this process outside `Runner.run`, time inside it), `fixed` from a
    run of `small` releases, `start` a fresh worker's (paid once per worker, in parallel)."""
    few = _backlog_releases(SCRATCH / "backlog-small", small)
    smaller = _timed_run(few, SCRATCH / "backlog-small-run", "local", 1, languages, BACKLOG_EDITIONS)
    serial = best[("local", 1)]
    in_jobs = serial["translate"] + serial["editions"]
    main = (serial["seconds"] - in_jobs) / releases
    jobs_per_release = in_jobs / releases
    fixed = max(0.0, smaller["seconds"] - small * (main + jobs_per_release))
    start = _worker_start(languages)

    def predict(count: int, workers: int) -> float:
        return fixed + count * main + count * jobs_per_release / workers + (start if workers > 1 else 0.0)

    note = (f"fitted on {releases} releases, 1 worker: main {main * 1000:.0f} ms/release, jobs "
            f"{jobs_per_release * 1000:.0f} ms/release, fixed {fixed:.2f} s ({small} releases), "
            f"worker start {start:.2f} s")
    rows = [Row("backlog", "cost model: main process per release", main * 1000, "ms", note),
            Row("backlog", "cost model: jobs per release (1 worker)", jobs_per_release * 1000, "ms",
                f"translation {serial['translate'] / releases * 1000:.0f} ms, editions "
                f"{serial['editions'] / releases * 1000:.0f} ms"),
            Row("backlog", "cost model: a worker's start", start, "s", "imports, every Apertium mode started"),
            Row("backlog", f"cost model: {releases} releases, 2 workers: predicted", predict(releases, 2), "s",
                f"measured: local {best[('local', 2)]['seconds']:.1f} s, dask-local "
                f"{best[('dask-local', 2)]['seconds']:.1f} s")]
    for workers in (1, 8, 64):
        hours = predict(10_000, workers) / 3600
        rows.append(Row("backlog", f"cost model: 10,000 releases on {workers} worker{'s' if workers > 1 else ''}",
                        hours, "h", f"of which this process {10_000 * main / 3600:.2f} h"))
    return rows


# --- PDF and audio editions --------------------------------------------------------------


def pdf(rounds: int = 5) -> list[Row]:
    """Milliseconds per PDF edition once warm (Typst with PDF/UA-1, then the producer update), and
    Typst alone warm against a cold compiler per document (fonts loaded each time), for the six
    languages of the seed release (two A4 pages; the bundled example when ../shared is absent)."""
    import typst

    from pipeline.editions import EditionSettings
    from pipeline.editions import pdf as pdf_edition

    from pipeline.editions.fonts import fallback_chain, font_folders, ready_text

    editions = _six_languages()
    settings = EditionSettings()
    renderer = pdf_edition.PdfEdition()
    chain = fallback_chain(settings)

    def prepared(edition) -> str:  # the template's data as the edition hands it to Typst (fonts.ready_text)
        document = pdf_edition.document_data(edition, settings)
        ready_text(document, settings)
        return json.dumps(document, ensure_ascii=False)

    data = [prepared(edition) for edition in editions]

    def compile_with(compiler: typst.Compiler, document: str) -> bytes:
        return compiler.compile(input=pdf_edition.template(), sys_inputs={"data": document}, pdf_standards=["ua-1"])

    for edition in editions:
        renderer.render(edition, settings)  # warm: compiler, fonts, template
    runs = rounds * len(editions)
    started = time.perf_counter()
    pages = sum(renderer.render(edition, settings).details.pages for _ in range(rounds) for edition in editions)
    whole = (time.perf_counter() - started) / runs
    warm_compiler = pdf_edition.compiler(settings.fonts_dir, chain)
    started = time.perf_counter()
    for _ in range(rounds):
        for document in data:
            compile_with(warm_compiler, document)
    warm = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    for document in data:
        compile_with(typst.Compiler(font_paths=font_folders(settings.fonts_dir, chain), ignore_system_fonts=True),
                     document)
    cold = (time.perf_counter() - started) / len(data)
    note = f"{pages / runs:.1f} pages; six languages × {rounds}"
    return [
        Row("pdf", "whole edition, warm", whole * 1000, "ms", note),
        Row("pdf", "Typst compile alone, warm compiler", warm * 1000, "ms"),
        Row("pdf", "Typst compile, cold compiler", cold * 1000, "ms"),
        Row("pdf", "Typst alone / whole edition", warm / whole, "ratio"),
        Row("pdf", "cold / warm compiler (speed-up of keeping it)", cold / warm, "ratio"),
    ]


def audio() -> list[Row]:
    """Real-time factor of the six MP3 editions of one release: serially in one process (the
    synthesis share timed apart), and on the job executor (one engine per worker). Only the
    edition's `render` and `speak` are used, so the benchmark follows the audio code as it changes.
    Both start with no encoded piece in the cache; the synthesis is cached by the serial run."""
    with fresh_cache():
        return _audio_rows()


def _audio_rows() -> list[Row]:
    from pipeline.audio.lexicon import load_lexicon
    from pipeline.audio.record import PIECES, speak
    from pipeline.editions import EditionSettings, render
    from pipeline.jobs import LocalExecutor

    editions = _six_languages()
    settings = [EditionSettings(lexicons=(load_lexicon(e.lang), load_lexicon("en")), speech_cache=str(speech_cache_dir()))
                for e in editions]
    speak(editions[0], settings[0])  # start the engine once, as a worker does
    synthesis = serial = audio_seconds = 0.0
    for edition, edition_settings in zip(editions, settings):
        started = time.perf_counter()
        speak(edition, edition_settings)
        synthesis += time.perf_counter() - started
        started = time.perf_counter()
        audio_seconds += render("audio", edition, edition_settings).details.duration
        serial += time.perf_counter() - started
    workers = os.cpu_count() or 1
    executor = LocalExecutor(workers)
    shutil.rmtree(speech_cache_dir() / PIECES, ignore_errors=True)  # encode again (sentences stay cached)
    started = time.perf_counter()
    futures = [executor.submit(render, "audio", e, s) for e, s in zip(editions, settings)]
    for future in futures:
        future.result()
    parallel = time.perf_counter() - started
    executor.close()
    note = f"{audio_seconds / 60:.1f} min of speech"
    return [
        Row("audio", "six MP3 editions, serial: real-time factor", serial / audio_seconds, "ratio", note),
        Row("audio", "  synthesis share of the serial run", synthesis / serial, "ratio", "the rest: encoding"),
        Row("audio", f"on the executor, {workers} workers: real-time factor", parallel / audio_seconds, "ratio",
            "worker start-up included"),
        Row("audio", "serial / executor (speed-up)", serial / parallel, "ratio"),
    ]


def speech() -> list[Row]:
    """The English seed release's speech, made the old way (the whole script in one eSpeak call,
    one encode of the whole recording: everything again after any edit) and the new way (sentence
    by sentence and piece by piece, each cached): cold, and after one paragraph changed."""
    from dataclasses import replace

    from pipeline.audio.encoding import FORMATS, Tags, encode
    from pipeline.audio.lexicon import load_lexicon
    from pipeline.audio.recording import PieceCache, record
    from pipeline.audio.script import spoken_script
    from pipeline.audio.synthesis import VoiceSettings, engine_version, speech_engine
    from pipeline.audio.timeline import SentenceCache, build_timeline
    from pipeline.languages import language

    english = _six_languages()[0]
    sections = spoken_script(english, "OSCE", [load_lexicon("en")])
    # One paragraph changed: a word of the longest sentence of the second section.
    section = sections[1]
    longest = max(range(len(section.sentences)), key=lambda i: len(section.sentences[i].spoken))
    sentence = section.sentences[longest]
    part = replace(sentence.parts[0], text=sentence.parts[0].text.replace(" the ", " this ", 1))
    changed = list(section.sentences)
    changed[longest] = replace(sentence, parts=(part, *sentence.parts[1:]))
    edited = [sections[0], replace(section, sentences=tuple(changed)), *sections[2:]]
    tags = Tags("Title", "OSCE", "Press releases", "2024-02-21", "eng", "")
    spec = language("en")
    voice = VoiceSettings(spec.voice, spec.words_per_minute)
    engine = speech_engine()
    engine.synthesise("Warm-up.", voice)

    def whole(script) -> float:
        started = time.perf_counter()
        text = " ".join(sentence.spoken for section in script for sentence in section.sentences)
        pcm = engine.synthesise(text, voice)
        encode(pcm, FORMATS["mp3"], tags, [])
        return time.perf_counter() - started

    def by_sentence(script, cache: Path) -> float:
        started = time.perf_counter()
        timeline = build_timeline(script, lambda: engine.synthesise, SentenceCache(cache / "s", engine_version()))
        record(timeline, tags, PieceCache(cache / "p"))
        return time.perf_counter() - started

    cache = SCRATCH / "speech-benchmark"
    shutil.rmtree(cache, ignore_errors=True)
    whole_cold, whole_edit = whole(sections), whole(edited)
    cold = by_sentence(sections, cache)
    edit = by_sentence(edited, cache)
    count = sum(len(s.sentences) for s in sections)
    return [
        Row("speech", "whole text (one call, one encode): cold", whole_cold, "s", f"English seed, {count} sentences"),
        Row("speech", "whole text: one paragraph changed", whole_edit, "s", "everything again"),
        Row("speech", "by sentence and piece: cold", cold, "s", "empty caches"),
        Row("speech", "by sentence and piece: one paragraph changed", edit, "s", "one sentence, one piece"),
        Row("speech", "by sentence / whole text, cold", cold / whole_cold, "ratio"),
        Row("speech", "by sentence / whole text, one paragraph changed", edit / whole_edit, "ratio"),
    ]


def _seed() -> Path:
    seed = REPO.parent / "shared" / "seeds" / "odihr-2024-02-21-belarus.md"
    return seed if seed.exists() else REPO / "docs" / "examples" / "osce-2024-03-05-vienna-media-freedom.md"


def _six_languages():
    """The seed release localised into the six languages, target languages untranslated (no
    engine is needed to measure editions)."""
    from pipeline.ingest import read_release
    from pipeline.localise import localise_source, localise_target
    from pipeline.localise.labels import load_labels
    from pipeline.release import TranslationStatus
    from pipeline.segment import segment_release

    release = read_release(_seed())
    segmentation = segment_release(release)
    untranslated = TranslationStatus(source=False, segments=len(segmentation.segments),
                                     untranslated=len(segmentation.segments))
    return [localise_source(release, segmentation, load_labels("en"))] + [
        localise_target(release, segmentation, lang, (), untranslated, load_labels(lang)) for lang in SIX]


# --- length: cost against release length -------------------------------------------------


def length(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000),
           whole: tuple[int, ...] = (100_000, 1_000_000)) -> list[Row]:
    """Each stage on releases of 10 KB, 100 KB and 1 MB (benchmarks/length.py) and the slope per
    10× size (10: linear); then one whole run (text edition, French by Apertium) of the `whole`
    sizes, each in a fresh process: time and peak RSS, and their ratio to 10× the smaller."""
    from benchmarks.length import measure, slope

    rows = []
    measured = measure(sizes, SCRATCH / "length")
    small, large = sizes[0], sizes[-1]
    for stage in measured[small][0]:
        times = [measured[size][0][stage] for size in sizes]
        rows.append(Row("length", f"{stage}: slope per 10× size", slope(times[0], times[-1], large / small), "ratio",
                        " / ".join(f"{t * 1000:.0f}" for t in times) + " ms"))
    total = [sum(measured[size][0].values()) for size in sizes]
    rows.append(Row("length", "all stages: slope per 10× size", slope(total[0], total[-1], large / small), "ratio",
                    " / ".join(f"{t:.2f}" for t in total) + " s"))
    if whole:
        results = {size: _whole_run(size) for size in whole}
        a, b = whole[0], whole[-1]
        for size in whole:
            rows.append(Row("length", f"whole run, {size // 1000} KB, text, fr: time", results[size]["seconds"], "s",
                            f"{results[size]['segments']} segments"))
            rows.append(Row("length", f"whole run, {size // 1000} KB: peak RSS", results[size]["rss_mb"], "MB",
                            "the pipeline's process (VmHWM); Apertium's own processes not counted"))
        factor = b / a
        rows.append(Row("length", f"whole run time: {b // 1000} KB / ({factor:.0f} × {a // 1000} KB) (≤ 2)",
                        results[b]["seconds"] / (factor * results[a]["seconds"]), "ratio"))
        rows.append(Row("length", f"whole run peak RSS: {b // 1000} KB / ({factor:.0f} × {a // 1000} KB) (≤ 2)",
                        results[b]["rss_mb"] / (factor * results[a]["rss_mb"]), "ratio"))
    return rows


WHOLE_RUN = """
import json, sys, time
from pathlib import Path
from pipeline.config import load_config
from pipeline.run import run
directory, source = Path(sys.argv[1]), Path(sys.argv[2])
config = load_config(directory, languages=("fr",), editions=("text",), executor="serial", engines={"fr": "apertium"})
started = time.perf_counter()
report = run([source], config)
seconds = time.perf_counter() - started
assert not report.failures, report.failures
segments = report.releases[0].languages[0].status.segments
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over fork and exec, so a process
# started by a large one would report its parent's peak.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "segments": segments, "rss_mb": peak / 1024}))
"""


def _whole_run(size: int) -> dict:
    directory = SCRATCH / f"whole-{size}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    (directory / "release-pipeline.toml").write_text("", encoding="utf-8")
    source = write_release(directory, size)
    out = subprocess.run([sys.executable, "-c", WHOLE_RUN, str(directory), str(source)], cwd=REPO, check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- serve: keep-alive vs a new connection per request -------------------------------------


def serve_keepalive(requests: int = 500) -> list[Row]:
    """`serve` on 127.0.0.1: `requests` GETs of a small page over one keep-alive connection vs
    each on a new connection, alternated in rounds so both see the same machine. Before issue 24
    every keep-alive request waited ~44 ms (headers and body in two writes, Nagle + delayed ACK)."""
    import http.client
    import threading

    from pipeline.publish.site.serve import make_server

    root = SCRATCH / "serve"
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text("<!doctype html><title>x</title>" + "<p>press release</p>" * 50, encoding="utf-8")
    server = make_server(root, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    port = server.server_address[1]

    def get(connection) -> None:
        connection.request("GET", "/index.html")
        response = connection.getresponse()
        assert response.status == 200 and response.read()

    def keep_alive(n: int) -> float:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        started = time.perf_counter()
        for _ in range(n):
            get(connection)
        elapsed = time.perf_counter() - started
        connection.close()
        return elapsed

    def new_connections(n: int) -> float:
        started = time.perf_counter()
        for _ in range(n):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            get(connection)
            connection.close()
        return time.perf_counter() - started

    try:
        rounds = 5
        each = max(1, requests // rounds)
        kept = fresh = 0.0
        for _ in range(rounds):
            kept += keep_alive(each)
            fresh += new_connections(each)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    n = each * rounds
    kept_ms, fresh_ms = kept * 1000 / n, fresh * 1000 / n
    note = f"{n} GETs each way of a {(root / 'index.html').stat().st_size}-byte page, 127.0.0.1"
    return [
        Row("serve", "keep-alive: ms per request", kept_ms, "ms", note),
        Row("serve", "new connection: ms per request", fresh_ms, "ms"),
        Row("serve", "keep-alive / new connection (target ≤ 2)", kept_ms / fresh_ms, "ratio",
            f"{1000 / kept_ms:.0f} vs {1000 / fresh_ms:.0f} requests/s"),
    ]


# --- the table, the JSON, the command line ----------------------------------------------

BENCHMARKS: dict[str, Callable[[], list[Row]]] = {
    "argos": argos, "incremental": incremental_both, "backlog": backlog, "pdf": pdf, "audio": audio, "speech": speech,
    "length": length, "serve": serve_keepalive,
}
QUICK = {  # `--quick`: tiny sizes, for the smoke test (tests/test_benchmarks.py)
    "argos": lambda: argos(sentences=6, size="TINY"),
    "incremental": lambda: incremental(("text",)),
    "backlog": lambda: backlog(releases=3, languages=("es",), rounds=1, small=1),
    "pdf": lambda: pdf(rounds=1),
    "audio": audio,
    "speech": speech,
    "length": lambda: length((3_000, 10_000), ()),
    "serve": lambda: serve_keepalive(requests=20),
}


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}


def table(rows: list[Row]) -> str:
    width = max((len(row.name) for row in rows), default=10)
    lines = []
    for row in rows:
        value = f"{row.value:10.3f}" if row.unit == "ratio" else f"{row.value:10.2f}"
        lines.append(f"{row.benchmark:12} {row.name:<{width}} {value} {row.unit:13} {row.note}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    output = REPO / "benchmarks" / "results.json"
    quick = "--quick" in argv
    names = [arg for arg in argv if not arg.startswith("--")]
    if "--json" in argv:
        output = Path(argv[argv.index("--json") + 1])
        names.remove(str(output)) if str(output) in names else None
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)} (known: {', '.join(BENCHMARKS)})", file=sys.stderr)
        return 2
    started = time.perf_counter()
    rows: list[Row] = []
    timings = {}
    for name in names or BENCHMARKS:
        print(f"== {name}", file=sys.stderr, flush=True)
        began = time.perf_counter()
        found = (QUICK if quick else BENCHMARKS)[name]()
        timings[name] = time.perf_counter() - began
        print(table(found), flush=True)
        rows += found
    result = {"machine": machine(), "seconds": time.perf_counter() - started, "benchmark_seconds": timings,
              "peak_rss_mb": {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                              "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024},
              "rows": [row.__dict__ for row in rows]}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{len(rows)} figures in {result['seconds']:.0f} s on {result['machine']['nproc']} × "
          f"{result['machine']['cpu']}; peak RSS {result['peak_rss_mb']['self']:.0f} MB (this process), "
          f"{result['peak_rss_mb']['children']:.0f} MB (largest child); written to {output}")
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv[1:])
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
    sys.exit(code)

"""The command line: `release-pipeline run | status | …`.

Every problem the user can fix is a `PipelineError`, reported as one line
on stderr with exit code 2; nothing is written before all inputs parsed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from . import NAME, __version__
from .build import MANIFEST, Source, plan_release, publish, read_manifest
from .config import Config, load_config
from .catalog import QA, catalog_path, read_catalog, reviewed_units, state_of
from .errors import InputError, PipelineError
from .fsutil import atomic_write_bytes, sha256_file
from .ingest import read_release
from .jobs import Cache, Job, Runner, make_executor, walk
from .memory import TranslationMemory, memory_path
from .release import Release, Segmentation
from .segment import segment_release
from .translate import argos
from .translation import LanguageTranslation, engine_settings, fill, prepare, translate_releases


class Console:
    """Progress on stderr, results on stdout; `quiet` keeps only errors."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet

    def say(self, message: str) -> None:
        if not self.quiet:
            print(message, flush=True)

    def progress(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def job_done(self, job: Job, seconds: float, done: int, total: int) -> None:
        width = len(str(total))
        self.progress(f"  [{done:>{width}}/{total}] {job.name} ({seconds:.2f} s)")


def comma_list(value: str) -> tuple[str, ...]:
    items = tuple(item.strip() for item in value.split(",") if item.strip())
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="project directory holding locales/, outputs/ and settings (default: .)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output directory (default: PROJECT/outputs)")
    parser.add_argument("--langs", type=comma_list, metavar="LIST",
                        help="target languages, comma-separated (default: fr,de,it,ru,es or the project's setting)")
    parser.add_argument("--editions", type=comma_list, metavar="LIST", help="editions to build, comma-separated: text, pdf, audio, audio-opus, audio-m4b, json (default: text,pdf,audio,json)")
    parser.add_argument("--models-dir", type=Path, metavar="DIR",
                        help="Argos models folder (default: argostranslate's, under the user's data dir)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def project_config(args: argparse.Namespace) -> Config:
    return load_config(
        args.project,
        outputs=args.out.resolve() if args.out else None,
        languages=args.langs,
        editions=args.editions,
        models_dir=args.models_dir.resolve() if args.models_dir else None,
        workers=getattr(args, "workers", None),
        executor=getattr(args, "executor", None),
        paper=getattr(args, "paper", None),
    )


@dataclass
class ParsedRelease:
    release: Release
    source: Source
    segmentation: Segmentation
    prefix: str  # job-name prefix when a run has several releases


def parse_sources(paths: Sequence[Path], config: Config, console: Console | None = None) -> list[ParsedRelease]:
    """Parse every release first: one bad file stops the run before any work."""
    parsed = []
    seen: dict[str, Path] = {}
    for path in paths:
        release = read_release(path, config.source_language)
        if release.id in seen:
            raise InputError(path, f"release id {release.id!r} is also the id of {seen[release.id]}")
        seen[release.id] = path
        if console:
            for place in unknown_places(release):
                console.progress(f"{_display(path)}: note: no CLDR city is called {place!r}; it stays as written "
                                 "in every language (set 'timezone:' in the front matter to localise it)")
        source = Source(_source_path(path, config), sha256_file(path))
        parsed.append(ParsedRelease(release, source, segment_release(release), ""))
    if len(parsed) > 1:
        for item in parsed:
            item.prefix = f"{item.release.id[:32]}: "
    return parsed


def unknown_places(release: Release) -> list[str]:
    return [place.name for place in release.dateline.places if place.timezone is None] if release.dateline else []


def _source_path(path: Path, config: Config) -> str:
    resolved = path.resolve()
    if resolved.is_relative_to(config.project_dir):
        return resolved.relative_to(config.project_dir).as_posix()
    return str(resolved)


def cmd_run(args: argparse.Namespace) -> int:
    config = project_config(args)
    console = Console(args.quiet)
    parsed = parse_sources(args.paths, config, console)
    executor = make_executor(config.executor, config.workers)
    runner = Runner(Cache(config.cache_dir), executor, console)
    started = time.perf_counter()
    try:
        translated = translate_releases([(p.release, p.segmentation, p.prefix) for p in parsed], config, runner)
        plans = [plan_release(p.release, p.source, p.segmentation, translated[p.release.id], config, p.prefix)
                 for p in parsed]
        targets = [job for plan in plans for job in plan.targets]
        pending = runner.pending(targets)
        if pending:
            console.progress(f"{len(pending)} of {len(walk(targets))} edition jobs to run")
        results = runner.run(targets)
    finally:
        executor.close()
    for plan in plans:
        for item in translated[plan.release.id]:
            console.say(translation_summary(item))
        report = publish(plan, results, config)
        console.say(
            f"{plan.release.id}: {len(report.written)} written, {len(report.unchanged)} unchanged"
            + (f", {len(report.removed)} removed" if report.removed else "")
            + f" in {_display(report.directory)}"
        )
    if "json" in config.editions:
        publish_site(config, console, site_base_url(config, None))
    qa = qa_summary(item for items in translated.values() for item in items)
    if qa:
        console.say(qa)
    stats = runner.stats
    if stats.ran:
        console.say(f"Ran {len(stats.ran)} jobs, {stats.cached} cached, in {time.perf_counter() - started:.1f} s.")
    else:
        console.say(f"Nothing to do: all {stats.cached} jobs were cached.")
    return 0


def translation_summary(item: LanguageTranslation) -> str:
    status = item.status
    parts = [f"{status.reviewed} reviewed", f"{status.machine} machine", f"{status.untranslated} untranslated"]
    line = f"  {item.lang}: {status.segments} segments ({', '.join(parts)})"
    if item.choice.name:
        line += f"; engine {item.choice.version}"
    if item.choice.note:
        line += f"; {item.choice.note}"
    if item.findings:
        line += f"; {sum(len(f) for f in item.findings.values())} QA findings"
    if item.catalog_written:
        line += f"; wrote {_display(item.update.path)}"
    return line


def qa_summary(items) -> str:
    counts: Counter[str] = Counter()
    for item in items:
        for findings in item.findings.values():
            counts.update(f"{item.lang} {finding.split(':')[0]}" for finding in findings)
    if not counts:
        return ""
    return "QA findings: " + ", ".join(f"{what} ×{n}" for what, n in sorted(counts.items())) + \
        " (see `release-pipeline review`)"


def cmd_status(args: argparse.Namespace) -> int:
    config = project_config(args)
    console = Console(args.quiet)
    directories = sorted(p.parent for p in config.outputs_dir.glob(f"*/{MANIFEST}"))
    if not directories:
        print(f"No releases in {_display(config.outputs_dir)} yet.")
        return 0
    runner = Runner(Cache(config.cache_dir), make_executor("serial", 1))
    stale = 0
    for directory in directories:
        state, detail = release_status(directory, config, runner)
        stale += state != "up to date"
        print(f"{directory.name}  {state}  ({detail})")
    console.progress(f"{len(directories)} release(s), {stale} not up to date.")
    return 0


def release_status(directory: Path, config: Config, runner: Runner) -> tuple[str, str]:
    manifest = read_manifest(directory)
    if manifest is None:
        return "broken", f"{MANIFEST} unreadable"
    files = manifest.get("files", [])
    missing = [f["path"] for f in files if not (directory / f["path"]).is_file()]
    modified = [
        f["path"] for f in files
        if f["path"] not in missing and sha256_file(directory / f["path"]) != f["sha256"]
    ]
    if missing or modified:
        return "damaged", f"{len(missing)} missing, {len(modified)} changed since written: run again"
    source = manifest["release"]["source"]
    source_path = config.path(Path(source["path"]))
    if not source_path.is_file():
        return "orphaned", f"source {source['path']} not found; {len(files)} files ok"
    if sha256_file(source_path) != source["sha256"]:
        return "stale", f"source {source['path']} changed since the last run"
    try:
        (parsed,) = parse_sources([source_path], config)
        with TranslationMemory(memory_path(config.locales_dir), config.source_language) as memory:
            prepared = prepare(parsed.release, parsed.segmentation, config, memory)
    except PipelineError as error:
        return "stale", f"cannot plan: {error}"
    untranslated = {item.lang: len(item.update.pending) for item in prepared if item.job and item.job.key not in runner.cache}
    if untranslated:
        return "stale", "segments to translate: " + ", ".join(f"{lang} {n}" for lang, n in untranslated.items())
    results = {item.job.key: runner.cache.load(item.job.key) for item in prepared if item.job}
    for item in prepared:
        fill(item, results, parsed.segmentation)
    plan = plan_release(parsed.release, parsed.source, parsed.segmentation, prepared, config)
    pending = runner.pending(plan.targets)
    total = len(walk(plan.targets))
    planned = {f"{file.lang}/{file.kind}" for file in plan.files}
    produced = {f"{f['lang']}/{f['edition']}" for f in files}
    if pending or planned != produced:
        names = ", ".join(job.name for job in pending[:4]) + (" …" if len(pending) > 4 else "")
        return "stale", f"{len(pending)} of {total} jobs to run" + (f": {names}" if names else "")
    return "up to date", f"{len(files)} files ok, all {total} jobs cached"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_models(args: argparse.Namespace) -> int:
    config = project_config(args)
    directory = argos.models_dir(engine_settings(config))
    if args.action == "list":
        models = argos.installed_models(directory)
        if not models:
            print(f"No Argos models in {directory}. Install some: release-pipeline models install --from DIR")
        for model in models:
            print(f"{model.source}→{model.target}  {model.code} {model.version}  {model.size / 1e6:.1f} MB  {model.path}")
        return 0
    if args.action == "install":
        if args.source:
            installed = argos.install_from_path(args.source, directory)
        elif args.languages:
            installed = argos.install_from_index(args.languages, directory, config.source_language)
        else:
            raise PipelineError("say what to install: language codes (from the Argos index) or --from DIR_OR_FILE")
        for model in installed:
            print(f"installed {model.code} {model.version} ({model.source}→{model.target}) in {directory}")
        return 0
    if not args.languages:
        raise PipelineError("say which models to remove: language codes (fr), pairs (en_fr) or package codes")
    for model in argos.remove(args.languages, directory):
        print(f"removed {model.code} {model.version}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    config = project_config(args)
    release_id = _release_id(args.release, config)
    langs = [args.lang] if args.lang else list(config.all_languages[1:])
    for lang in langs:
        path = catalog_path(config.locales_dir, lang, release_id)
        if not path.exists():
            raise PipelineError(f"no {lang} catalog for {release_id} ({path}): run the release first")
        catalog = read_catalog(path)
        messages = [m for m in catalog if m.id]
        states = Counter(state_of(m) for m in messages)
        if args.stats:
            print(f"{lang}: {len(messages)} segments, {states['reviewed']} reviewed, "
                  f"{states['machine']} machine (fuzzy), {states['untranslated']} untranslated  {_display(path)}")
            continue
        flagged = [m for m in messages if state_of(m) != "reviewed" or any(c.startswith(QA) for c in m.user_comments)]
        print(f"== {lang}: {len(flagged)} of {len(messages)} segments to review in {_display(path)}")
        for message in flagged:
            print(f"\n{_display(path)}:{message.lineno}  [{message.context}] {state_of(message)}")
            print(f"  {config.source_language}: {message.id}")
            print(f"  {lang}: {message.string or '(untranslated)'}")
            for comment in message.user_comments:
                if comment.startswith(QA):
                    print(f"  ! {comment}")
    return 0


def _release_id(value: str, config: Config) -> str:
    """A release id, or the path of a release file."""
    path = Path(value)
    if path.suffix == ".md" or path.is_file():
        return read_release(path, config.source_language).id
    return value


def cmd_memory(args: argparse.Namespace) -> int:
    config = project_config(args)
    with TranslationMemory(memory_path(config.locales_dir), config.source_language) as memory:
        if args.action == "rebuild":
            total = 0
            for path in sorted(config.locales_dir.glob("*/releases/*.po")):
                lang = path.parent.parent.name
                total += memory.record(lang, path.stem, reviewed_units(read_catalog(path)))
            print(f"translation memory: {total} reviewed sentences from {_display(config.locales_dir)}")
        elif args.action == "export":
            tmx = memory.export_tmx(args.lang)
            if args.output:
                atomic_write_bytes(args.output, tmx.encode("utf-8"))
                print(f"wrote {memory.count(args.lang)} translation units to {args.output}")
            else:
                sys.stdout.write(tmx)
        else:
            print(f"translation memory {_display(memory.path)}: {memory.count()} reviewed sentences")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Accessibility checks of PDF files, made by the pipeline or elsewhere."""
    from .checks.pdf import check_pdf

    expected_text = None
    if args.text:
        try:
            expected_text = args.text.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(args.text, f"cannot read the expected text: {error}") from None
    reports = []
    for path in args.paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(path, error.strerror or str(error)) from None
        if not data.startswith(b"%PDF-"):
            raise InputError(path, "not a PDF file (it does not start with %PDF-)")
        reports.append(check_pdf(data, _display(path), lang=args.lang, title=args.title, text=expected_text))
    print("\n".join(report.format() for report in reports))
    return 0 if all(report.passed for report in reports) else 1


DEFAULT_PORT = 8000


def site_base_url(config: Config, given: str | None, port: int = DEFAULT_PORT) -> str:
    return given or config.base_url or f"http://localhost:{port}/"


def publish_site(config: Config, console: Console, base_url: str) -> None:
    from .site import build_site

    report = build_site(config.outputs_dir, base_url, config.organisation, [config.locales_dir])
    releases = f"{report.releases} release" + ("" if report.releases == 1 else "s")
    console.say(f"site: {releases}, {len(report.written)} files written, "
                f"{len(report.unchanged)} unchanged" + (f", {len(report.removed)} removed" if report.removed else "")
                + f" in {_display(config.outputs_dir)} (addresses under {base_url})")


def cmd_publish(args: argparse.Namespace) -> int:
    config = project_config(args)
    if not config.outputs_dir.is_dir():
        raise InputError(config.outputs_dir, "no output folder yet; run `release-pipeline run RELEASE.md` first")
    publish_site(config, Console(args.quiet), site_base_url(config, args.base_url))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    config = project_config(args)
    if not (config.outputs_dir / "index.html").is_file():
        raise InputError(config.outputs_dir, "no site to serve yet; run `release-pipeline publish` first")
    serve(config.outputs_dir, args.host, args.port, args.quiet,
          lambda url: print(f"Serving {_display(config.outputs_dir)} at {url} (Ctrl-C stops)", flush=True))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=NAME,
        description="Translate a press release and publish its accessible editions.",
    )
    parser.add_argument("--version", action="version", version=f"{NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="build every edition of one or more releases",
                              description="Parse each release, translate it, and publish its editions.")
    run.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="release Markdown file(s)")
    add_project_options(run)
    run.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per CPU core)")
    run.add_argument("--executor", choices=["local", "serial"], help="where jobs run (default: local processes)")
    run.add_argument("--paper", choices=["a4", "us-letter"], help="paper size of the PDF edition (default: a4)")
    run.set_defaults(handler=cmd_run)

    status = commands.add_parser("status", help="show which outputs exist and which are stale",
                                 description="For each release in the output folder: are its files intact and up to date?")
    add_project_options(status)
    status.set_defaults(handler=cmd_status)

    review = commands.add_parser("review", help="list the segments of a release that need a reviewer",
                                 description="Show unreviewed and QA-flagged segments side by side, with the "
                                             "PO file and line to edit.")
    review.add_argument("release", metavar="RELEASE", help="release id, or the release's Markdown file")
    review.add_argument("--lang", help="one target language (default: all)")
    review.add_argument("--stats", action="store_true", help="only count reviewed, fuzzy and untranslated entries")
    add_project_options(review)
    review.set_defaults(handler=cmd_review)

    models = commands.add_parser("models", help="list, install or remove Argos translation models",
                                 description="Manage the Argos packages the argos engine translates with.")
    models.add_argument("action", choices=["list", "install", "remove"])
    models.add_argument("languages", nargs="*", metavar="LANG",
                        help="install: target languages from the Argos index; remove: languages, pairs or codes")
    models.add_argument("--from", dest="source", type=Path, metavar="DIR_OR_FILE",
                        help="install .argosmodel files from a folder or file (no network)")
    add_project_options(models)
    models.set_defaults(handler=cmd_models)

    memory = commands.add_parser("memory", help="the translation memory: show, rebuild, export as TMX",
                                 description="Reviewed translations reused for identical sentences.")
    memory.add_argument("action", choices=["show", "rebuild", "export"])
    memory.add_argument("--lang", help="export one target language only")
    memory.add_argument("-o", "--output", type=Path, metavar="FILE", help="export: write TMX here (default: stdout)")
    add_project_options(memory)
    memory.set_defaults(handler=cmd_memory)

    check = commands.add_parser("check", help="check that PDF files are accessible (PDF/UA-1)",
                                description="Run the PDF edition's accessibility checks on any PDF: tags, "
                                            "language, title, fonts, outline, reading text, and the PDF/UA-1 "
                                            "validator. Exit status 1 when a check fails.")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH.pdf")
    check.add_argument("--lang", help="the language the document should declare (BCP 47)")
    check.add_argument("--title", help="the title the document should carry")
    check.add_argument("--text", type=Path, metavar="FILE",
                       help="a text file the reading text should equal (e.g. the text edition)")
    check.set_defaults(handler=cmd_check)

    publish = commands.add_parser("publish", help="build or refresh the download site and podcast feeds",
                                  description="Write a page per release and language, the site index and a "
                                              "podcast feed per language, from what is in the output folder.")
    add_project_options(publish)
    publish.add_argument("--base-url", metavar="URL",
                         help=f"where the output folder is published (default: the base-url setting, "
                              f"else http://localhost:{DEFAULT_PORT}/)")
    publish.set_defaults(handler=cmd_publish)

    serve = commands.add_parser("serve", help="serve the site on localhost for a quick look",
                                description="Serve the output folder over HTTP on this machine.")
    add_project_options(serve)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.set_defaults(handler=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except PipelineError as error:
        print(f"{NAME}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{NAME}: interrupted; earlier outputs are intact", file=sys.stderr)
        return 130

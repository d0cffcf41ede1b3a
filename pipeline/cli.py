"""The command line: argument parsing and printing. The work is in run.py.

Every problem the user can fix is a `PipelineError`, reported as one line
on stderr with exit code 2; nothing is written before all inputs parsed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import NAME, __version__, run
from .config import Config, load_config
from .errors import PipelineError
from .fsutil import atomic_write_bytes
from .console import Console, report_blocked, report_failures, review_counts, say_run, say_site
from .jobs import describe
from .run import display


def cmd_run(args: argparse.Namespace) -> int:
    console = Console(args.quiet)
    report = run.run(args.paths, project_config(args), console, prune=args.prune)
    say_run(console, report)
    blocked = report_blocked(language for result in report.releases for language in result.languages)
    return max(report_failures(report.failures, args.debug), blocked)


def cmd_status(args: argparse.Namespace) -> int:
    config = project_config(args)
    states = run.status(config)
    if not states:
        print(f"No releases in {display(config.outputs_dir)} yet.")
        return 0
    for item in states:
        print(f"{item.release_id}  {item.state}  ({item.detail})")
    stale = sum(item.state != "up to date" for item in states)
    Console(args.quiet).progress(f"{len(states)} release(s), {stale} not up to date.")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    config = project_config(args)
    reviews = run.review(args.release, config, args.lang)
    if args.format == "json":
        print(run.to_json(reviews))
    else:
        print(review_counts(reviews) if args.stats else run.format_text(reviews, display, config.source_language))
    return 1 if run.has_blocking(reviews) else 0


def cmd_models(args: argparse.Namespace) -> int:
    config = project_config(args)
    if args.action == "list":
        models = run.list_models(config)
        if not models:
            print(f"No Argos models in {run.models_dir(config)}. Install some: release-pipeline models install --from DIR")
        for model in models:
            print(f"{model.source}→{model.target}  {model.code} {model.version}  {model.size / 1e6:.1f} MB  {model.path}")
    elif args.action == "install":
        for model in run.install_models(config, args.source, args.languages):
            print(f"installed {model.code} {model.version} ({model.source}→{model.target}) in {run.models_dir(config)}")
    else:
        for model in run.remove_models(config, args.languages):
            print(f"removed {model.code} {model.version}")
    return 0


def cmd_memory(args: argparse.Namespace) -> int:
    config = project_config(args)
    with run.open_memory(config) as memory:
        if args.action == "rebuild":
            print(f"translation memory: {run.rebuild_memory(config, memory)} reviewed sentences "
                  f"from {display(config.locales_dir)}")
        elif args.action == "export" and args.output:
            atomic_write_bytes(args.output, memory.export_tmx(args.lang).encode("utf-8"))
            print(f"wrote {memory.count(args.lang)} translation units to {args.output}")
        elif args.action == "export":
            sys.stdout.write(memory.export_tmx(args.lang))
        else:
            print(f"translation memory {display(memory.path)}: {memory.count()} reviewed sentences")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    reports = list(run.check_pdfs(args.paths, args.lang, args.title, args.text))
    print("\n".join(report.format() for report in reports))
    return 0 if all(report.passed for report in reports) else 1


def cmd_publish(args: argparse.Namespace) -> int:
    config = project_config(args)
    report, base_url = run.publish_site(config, args.base_url)
    say_site(Console(args.quiet), report, base_url, config.outputs_dir)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    config = project_config(args)
    run.serve(config, args.host, args.port, args.quiet,
              lambda url: print(f"Serving {display(config.outputs_dir)} at {url} (Ctrl-C stops)", flush=True))
    return 0


# --- arguments ---------------------------------------------------------------------------


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
    parser.add_argument("--editions", type=comma_list, metavar="LIST",
                        help=f"editions to build, comma-separated: {', '.join(run.EDITION_NAMES)} (default: text,pdf,audio,json)")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=NAME, description="Translate a press release and publish its accessible editions.")
    parser.add_argument("--version", action="version", version=f"{NAME} {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], help: str, description: str,
                project: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=description)
        if project:
            add_project_options(sub)
        sub.set_defaults(handler=handler)
        return sub

    run_ = command("run", cmd_run, "build every edition of one or more releases",
                   "Parse each release, translate it, and publish its editions.")
    run_.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="release Markdown file(s)")
    run_.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per CPU core)")
    run_.add_argument("--executor", metavar="NAME", help=f"where jobs run: {', '.join(run.EXECUTOR_NAMES)} "
                      "or dask://HOST:PORT (default: local processes)")
    run_.add_argument("--paper", choices=run.PAPERS, help="paper size of the PDF edition (default: a4)")
    run_.add_argument("--prune", action="store_true",
                      help="remove published files that this run does not build (other editions or languages)")

    command("status", cmd_status, "show which outputs exist and which are stale",
            "For each release in the output folder: are its files intact and up to date?")

    review = command("review", cmd_review, "list the segments of a release that need a reviewer",
                     "Show unreviewed and QA-flagged segments side by side, with the PO file and line to edit.")
    review.add_argument("release", metavar="RELEASE", help="release id, or the release's Markdown file")
    review.add_argument("--lang", help="one target language (default: all)")
    review.add_argument("--stats", action="store_true", help="only count the entries in each state")
    review.add_argument("--format", choices=["text", "json"], default="text", help="json: for tools")

    models = command("models", cmd_models, "list, install or remove Argos translation models",
                     "Manage the Argos packages the argos engine translates with.")
    models.add_argument("action", choices=["list", "install", "remove"])
    models.add_argument("languages", nargs="*", metavar="LANG",
                        help="install: target languages from the Argos index; remove: languages, pairs or codes")
    models.add_argument("--from", dest="source", type=Path, metavar="DIR_OR_FILE",
                        help="install .argosmodel files from a folder or file (no network)")

    memory = command("memory", cmd_memory, "the translation memory: show, rebuild, export as TMX",
                     "Reviewed translations reused for identical sentences.")
    memory.add_argument("action", choices=["show", "rebuild", "export"])
    memory.add_argument("--lang", help="export one target language only")
    memory.add_argument("-o", "--output", type=Path, metavar="FILE", help="export: write TMX here (default: stdout)")

    check = command("check", cmd_check, "check that PDF files are accessible (PDF/UA-1)",
                    "Run the PDF edition's accessibility checks on any PDF: tags, language, title, fonts, outline, "
                    "reading text, and the PDF/UA-1 validator. Exit status 1 when a check fails.", project=False)
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH.pdf")
    check.add_argument("--lang", help="the language the document should declare (BCP 47)")
    check.add_argument("--title", help="the title the document should carry")
    check.add_argument("--text", type=Path, metavar="FILE",
                       help="a text file the reading text should equal (e.g. the text edition)")

    publish = command("publish", cmd_publish, "build or refresh the download site and podcast feeds",
                      "Write a page per release and language, the site index and a podcast feed per language, "
                      "from what is in the output folder.")
    publish.add_argument("--base-url", metavar="URL", help="where the output folder is published (default: the "
                         f"base-url setting, else http://localhost:{run.DEFAULT_PORT}/)")

    serve = command("serve", cmd_serve, "serve the site on localhost for a quick look",
                    "Serve the output folder over HTTP on this machine.")
    serve.add_argument("--port", type=int, default=run.DEFAULT_PORT,
                       help=f"port (default: {run.DEFAULT_PORT}; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except PipelineError as error:
        print(f"{NAME}: error: {error}", file=sys.stderr)
        return 2
    except run.StageFailed as error:
        return report_failures(error.failures, args.debug)
    except BrokenPipeError:  # output piped into `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{NAME}: interrupted; earlier outputs are intact", file=sys.stderr)
        return 130
    except (OSError, MemoryError) as error:  # the environment failed us (disk full, permissions …)
        if args.debug:
            raise
        print(f"{NAME}: error: {describe(error)} (earlier outputs are intact; --debug shows a traceback)",
              file=sys.stderr)
        return 1

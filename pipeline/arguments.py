"""The command line's arguments: every command and option, and the settings they make.

cli.py runs the command that `build_parser().parse_args()` names; this
module only describes them. Choices come from the registries (run.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import NAME, __version__, run
from .config import Config, load_config


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
                        help=f"editions to build, comma-separated: {', '.join(run.EDITION_NAMES)} (default: text,pdf,audio,epub,json)")
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

    def command(name: str, help: str, description: str, project: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=description)
        if project:
            add_project_options(sub)
        return sub

    run_ = command("run", "build every edition of one or more releases",
                   "Parse each release, translate it, and publish its editions.")
    run_.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="release Markdown file(s)")
    run_.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per CPU core)")
    run_.add_argument("--executor", metavar="NAME", help=f"where jobs run: {', '.join(run.EXECUTOR_NAMES)} "
                      "or dask://HOST:PORT (default: local processes)")
    run_.add_argument("--paper", choices=run.PAPERS, help="paper size of the PDF edition (default: a4)")
    run_.add_argument("--prune", action="store_true",
                      help="remove published files that this run does not build (other editions or languages)")

    command("status", "show which outputs exist and which are stale",
            "For each release in the output folder: are its files intact and up to date?")

    review = command("review", "list the segments of a release that need a reviewer",
                     "Show unreviewed and QA-flagged segments side by side, with the PO file and line to edit.")
    review.add_argument("release", metavar="RELEASE", help="release id, or the release's Markdown file")
    review.add_argument("file", nargs="?", metavar="FILE", help="`review export RELEASE` or `review import FILE.xlf`")
    review.add_argument("--lang", help="one target language (default: all)")
    review.add_argument("--stats", action="store_true", help="only count the entries in each state")
    review.add_argument("--format", choices=["text", "json", "xliff", "xliff12"], default="text", help="xliff: 2.1")
    review.add_argument("-o", "--output", type=Path, metavar="FILE", help="export: the XLIFF file to write")

    models = command("models", "list, install or remove Argos translation models",
                     "Manage the Argos packages the argos engine translates with.")
    models.add_argument("action", choices=["list", "install", "remove"])
    models.add_argument("languages", nargs="*", metavar="LANG",
                        help="install: target languages from the Argos index; remove: languages, pairs or codes")
    models.add_argument("--from", dest="source", type=Path, metavar="DIR_OR_FILE",
                        help="install .argosmodel files from a folder or file (no network)")

    memory = command("memory", "the translation memory: show, rebuild, export as TMX",
                     "Reviewed translations reused for identical sentences.")
    memory.add_argument("action", choices=["show", "rebuild", "export", "import", "align"])
    memory.add_argument("files", nargs="*", type=Path, metavar="FILE", help="import: FILE.tmx; align: EN TRANSLATED")
    memory.add_argument("--lang", help="export, import: one target language only; align: the translation's")
    memory.add_argument("-o", "--output", type=Path, metavar="FILE", help="export: write TMX here (default: stdout)")

    evaluate = command("evaluate", "score each engine against past human translations", "chrF, BLEU, QA per engine.")
    evaluate.add_argument("--references", type=Path, required=True, metavar="DIR", help="NAME.en.md + NAME.LANG.md")
    evaluate.add_argument("--lang", required=True, help="target language")
    evaluate.add_argument("--format", choices=["text", "json"], default="text")

    check = command("check", "check that PDF files are accessible (PDF/UA-1)",
                    "Run the PDF edition's accessibility checks on any PDF: tags, language, title, fonts, outline, "
                    "reading text, and the PDF/UA-1 validator. Exit status 1 when a check fails.", project=False)
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH.pdf")
    check.add_argument("--lang", help="the language the document should declare (BCP 47)")
    check.add_argument("--title", help="the title the document should carry")
    check.add_argument("--text", type=Path, metavar="FILE",
                       help="a text file the reading text should equal (e.g. the text edition)")

    publish = command("publish", "build or refresh the download site and podcast feeds",
                      "Write a page per release and language, the site index and a podcast feed per language, "
                      "from what is in the output folder.")
    publish.add_argument("--base-url", metavar="URL", help="where the output folder is published (default: the "
                         f"base-url setting, else http://localhost:{run.DEFAULT_PORT}/)")

    serve = command("serve", "serve the site on localhost for a quick look",
                    "Serve the output folder over HTTP on this machine.")
    serve.add_argument("--port", type=int, default=run.DEFAULT_PORT,
                       help=f"port (default: {run.DEFAULT_PORT}; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")

    speech = command("speech", "print what the audio edition will say, for checking pronunciation",
                     "The spoken script of a release in one language: chapters and sentences in spoken form "
                     "(numbers, dates, phone numbers, addresses), with passages read by another voice marked.")
    speech.add_argument("release", type=Path, metavar="RELEASE", help="the release file")
    speech.add_argument("--lang", required=True, help="the edition's language")
    return parser

"""The command line's arguments: every command and option, and the settings they make.

cli.py runs the command that `build_parser().parse_args()` names; this
module only describes them, and checks what each command is given before
anything runs: a bad value is one line and exit status 2 (`Parser.error`), a
mistyped option shows the usage of the command it was given to
(`CommandParser`). Choices come from the registries: editions, jobs, ingest, config.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import NoReturn, Sequence

from . import NAME, __version__
from .commands.site import DEFAULT_PORT
from .config import PAPERS, PUBLISH_POLICIES, Config, language_problem, load_config, url_problem
from .editions import EDITIONS
from .errors import PipelineError
from .ingest import SUFFIXES as RELEASE_SUFFIXES
from .jobs import EXECUTORS
from .publication.decide import Occasion
from .publication.moments import current, instant

REVIEW_ACTIONS = ("export", "import")  # `review export RELEASE`, `review import FILE.xlf`: XLIFF for CAT tools
TOP_LEVEL_OPTIONS = ("--debug", "--version")  # they go before the command


class Parser(argparse.ArgumentParser):
    """A bad value (`--port 80000`, `--base-url notaurl`) is one line naming the option, without
    the usage; a missing or unknown argument shows the usage as argparse does."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("argument "):  # argparse's "argument --port: …": the option names itself
            self.exit(2, f"{self.prog}: error: {message}\n")
        super().error(message)


class CommandParser(Parser):
    """A command's parser: an argument it does not know is an error of this command, shown with
    its usage (argparse would hand it back to the top-level parser, whose usage does not help)."""

    def parse_known_args(self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(self.unrecognised(extras))
        return namespace, extras

    def unrecognised(self, extras: Sequence[str]) -> str:
        message = f"unrecognized arguments: {' '.join(extras)}"
        options = [option for action in self._actions for option in action.option_strings]
        for extra in extras:
            name = extra.split("=", 1)[0]
            if name in TOP_LEVEL_OPTIONS:
                return message + f" ({name} goes before the command: {NAME} {name} {self.prog.split()[-1]} …)"
            close = difflib.get_close_matches(name, options, n=1, cutoff=0.8) if name.startswith("-") else []
            if close:
                return message + f" (did you mean {close[0]}?)"
        return message


# --- types: each checks one value as argparse reads it --------------------------------------


def comma_list(value: str) -> tuple[str, ...]:
    items = tuple(item.strip() for item in value.split(",") if item.strip())
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def port(value: str) -> int:
    """A TCP port: 1-65535, or 0 for any free one (`serve` says which)."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535, or 0 for any free port)")
    return number


def http_url(value: str) -> str:
    """An absolute http(s) URL with a host (config.url_problem, as for the `base-url` setting)."""
    problem = url_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def language_tag(value: str) -> str:
    """Any BCP 47 tag of a language CLDR knows (`check` looks at PDFs made anywhere): en, fr, en-GB."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        raise argparse.ArgumentTypeError(f"{value!r} is not a BCP 47 tag of a language CLDR knows "
                                         "(e.g. en, fr, en-GB)") from None
    return value


# --- checks that need the project's settings ---------------------------------------------------


def check_language(tag: str, config: Config, option: str = "--lang", target: bool = True) -> str:
    """A language the pipeline knows (the check `--langs` and the `languages` setting get, in
    config.py), and for a target language not the project's source language."""
    problem = language_problem(tag)
    if problem:
        raise PipelineError(f"{option}: {problem}")
    if target and tag == config.source_language:
        raise PipelineError(f"{option}: {tag!r} is the source language; give a target language "
                            f"(this project's: {', '.join(config.all_languages[1:])})")
    return tag


def add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="project directory holding locales/, outputs/ and settings (default: .)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output directory (default: PROJECT/outputs)")
    parser.add_argument("--langs", type=comma_list, metavar="LIST",
                        help="target languages, comma-separated (default: fr,de,it,ru,es or the project's setting)")
    parser.add_argument("--editions", type=comma_list, metavar="LIST",
                        help=f"editions to build, comma-separated: {', '.join(EDITIONS)} (default: text,pdf,audio,epub,json)")
    parser.add_argument("--models-dir", type=Path, metavar="DIR",
                        help="Argos models folder (default: argostranslate's, under the user's data dir)")
    parser.add_argument("--public", type=Path, metavar="DIR",
                        help="the public tree's link, what is deployed (default: PROJECT/public)")
    parser.add_argument("--publish", choices=PUBLISH_POLICIES, dest="publish_policy",
                        help="what becomes public: approved target languages (the default), every machine "
                             "translation, or the source only")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def add_now_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--now", type=moment, metavar="ISO-8601",
                        help="act as at this instant, e.g. 2024-03-05T10:00+01:00 (default: the clock)")


def add_correction_options(parser: argparse.ArgumentParser) -> None:
    add_now_option(parser)
    parser.add_argument("--correction", metavar="NOTE",
                        help="the note of a corrected public release: 'Corrected on DATE: NOTE' (docs/publishing.md)")
    parser.add_argument("--embargo", type=date_and_time, metavar="ISO-8601",
                        help="nothing public before this instant, e.g. 2024-03-05T10:00+01:00 (overrides front matter)")


def moment(value: str) -> str:
    """`--now`: an instant with its UTC offset."""
    try:
        return instant(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def date_and_time(value: str) -> str:
    """`--embargo`: checked as a date and time before any work; without an offset it is read in each
    release's dateline zone (publication/decide.py), so it is kept as written."""
    try:
        instant(value, "UTC")
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def occasion(args: argparse.Namespace) -> Occasion:
    """The instant and the release-level options (`--now`, `--embargo`, `--correction`) a command acts with."""
    return Occasion(current(getattr(args, "now", None)), getattr(args, "embargo", None),
                    getattr(args, "correction", None))


def add_lang_option(parser: argparse.ArgumentParser, help: str, required: bool = False, target: bool = True) -> None:
    """`--lang LANG`, checked by `project_config` against the language table (and, for a target
    language, against the source language)."""
    parser.add_argument("--lang", required=required, metavar="LANG", help=help)
    parser.set_defaults(lang_is_target=target)


def project_config(args: argparse.Namespace) -> Config:
    config = load_config(
        args.project,
        outputs=args.out.resolve() if args.out else None,
        languages=args.langs,
        editions=args.editions,
        models_dir=args.models_dir.resolve() if args.models_dir else None,
        workers=getattr(args, "workers", None),
        executor=getattr(args, "executor", None),
        segments_per_job=getattr(args, "segments_per_job", None),
        paper=getattr(args, "paper", None),
        public=args.public.absolute() if getattr(args, "public", None) else None,
        publish=getattr(args, "publish_policy", None),
    )
    if getattr(args, "lang", None) is not None:
        check_language(args.lang, config, target=args.lang_is_target)
    return config


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=NAME, description="Translate a press release and publish its accessible editions.")
    parser.add_argument("--version", action="version", version=f"{NAME} {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=CommandParser)

    def command(name: str, help: str, description: str, project: bool = True) -> argparse.ArgumentParser:
        # allow_abbrev=False: `run --lang fr` is a mistake to point out, not `--langs fr`
        sub = commands.add_parser(name, help=help, description=description, allow_abbrev=False)
        if project:
            add_project_options(sub)
        return sub

    release_help = "the release's file, or its release id"
    run_ = command("run", "build every edition of one or more releases",
                   "Parse each release, translate it, and publish its editions.")
    run_.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                      help=f"release files ({' '.join(RELEASE_SUFFIXES)}), folders of them, or glob patterns")
    run_.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per CPU core)")
    run_.add_argument("--executor", metavar="NAME", help=f"where jobs run: {', '.join(EXECUTORS)} "
                      "or dask://HOST:PORT (default: local processes)")
    run_.add_argument("--segments-per-job", type=int, metavar="N",
                      help="cut machine translation into jobs of at most N segments (default: 500)")
    run_.add_argument("--paper", choices=PAPERS, help="paper size of the PDF edition (default: a4)")
    run_.add_argument("--prune", action="store_true",
                      help="remove published files that this run does not build (other editions or languages)")
    add_correction_options(run_)

    status_ = command("status", "show which outputs exist and which are stale, and what is public",
                      "For each release in the output folder: are its files intact and up to date? And per "
                      "language: preview (why), approved, public, embargoed, corrected, withdrawn. Exit status: "
                      "0 all up to date, 1 some stale or orphaned, 3 some damaged.")
    add_now_option(status_)

    approve = command("approve", "sign off one language of a release for publication",
                      "Record who approves the language's translation, when, and exactly what (hashes of the "
                      "source sentences and catalog entries). Refused while entries are untranslated, blocked "
                      "by QA or changed at the source. The next run or `publish` makes it public.")
    approve.add_argument("release", metavar="RELEASE", help=release_help)
    add_lang_option(approve, "the target language approved", required=True)
    approve.add_argument("--by", required=True, metavar="NAME", help="who approves")
    approve.add_argument("--correction", metavar="NOTE", help="the correction note, when this corrects a public text")
    add_now_option(approve)

    withdraw = command("withdraw", "take a release off the public site, on the record",
                       "Remove the release from the index, feeds and sitemap; its pages become a withdrawal "
                       "notice; its files answer 410 Gone. Nothing is deleted from the archive.")
    withdraw.add_argument("release", metavar="RELEASE", help=release_help)
    withdraw.add_argument("--reason", required=True, metavar="TEXT", help="why, as the notice shows it")
    withdraw.add_argument("--by", required=True, metavar="NAME", help="who decided")
    add_now_option(withdraw)

    review = command("review", "list the segments of a release that need a reviewer",
                     "Show unreviewed and QA-flagged segments side by side, with the PO file and line to edit; "
                     "`review export RELEASE` and `review import FILE.xlf` exchange a catalog as XLIFF.")
    review.add_argument("release", metavar="RELEASE", help=f"{release_help} (or {' or '.join(REVIEW_ACTIONS)})")
    review.add_argument("file", nargs="?", metavar="FILE", help="`review export RELEASE` or `review import FILE.xlf`")
    add_lang_option(review, "one target language (default: all)")
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
    add_lang_option(memory, "export, import: one target language only; align: the translation's")
    memory.add_argument("-o", "--output", type=Path, metavar="FILE", help="export: write TMX here (default: stdout)")

    evaluate = command("evaluate", "score each engine against past human translations", "chrF, BLEU, QA per engine.")
    evaluate.add_argument("--references", type=Path, required=True, metavar="DIR", help="NAME.en.md + NAME.LANG.md")
    add_lang_option(evaluate, "target language", required=True)
    evaluate.add_argument("--format", choices=["text", "json"], default="text")

    check = command("check", "check that PDF files are accessible (PDF/UA-1)",
                    "Run the PDF edition's accessibility checks on any PDF: tags, language, title, fonts, outline, "
                    "reading text, and the PDF/UA-1 validator. Exit status 1 when a check fails.", project=False)
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH.pdf")
    check.add_argument("--lang", type=language_tag, metavar="LANG",
                       help="the language the document should declare (BCP 47)")
    check.add_argument("--title", help="the title the document should carry")
    check.add_argument("--text", type=Path, metavar="FILE",
                       help="a text file the reading text should equal (e.g. the text edition)")

    publish = command("publish", "make public what is due now: approvals, embargoes, corrections",
                      "Run every release of the output folder again (or the PATHs given) at this instant: what "
                      "did not change is not rebuilt; languages approved and out of embargo become public. "
                      "Run it from cron or a systemd timer at the embargo time (docs/publishing.md).")
    publish.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="release files (default: the sources of every release in the output folder)")
    add_correction_options(publish)
    publish.add_argument("--base-url", type=http_url, metavar="URL", help="where the output folder is published, "
                         f"an http(s) URL (default: the base-url setting, else http://localhost:{DEFAULT_PORT}/)")

    serve = command("serve", "serve the site on localhost for a quick look",
                    "Serve the output folder over HTTP on this machine.")
    serve.add_argument("--port", type=port, default=DEFAULT_PORT, metavar="N",
                       help=f"port (default: {DEFAULT_PORT}; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDR", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--preview", action="store_true",
                       help="serve the build folder with every language built, drafts included, not the public tree")

    speech = command("speech", "print what the audio edition will say, for checking pronunciation",
                     "The spoken script of a release in one language: chapters and sentences in spoken form "
                     "(numbers, dates, phone numbers, addresses), with passages read by another voice marked.")
    speech.add_argument("release", metavar="RELEASE", help=release_help)
    add_lang_option(speech, "the edition's language (the source language or a target)", required=True, target=False)

    send = command("send", "send a release's e-mail edition through the SMTP server in the settings",
                   "Hand the published e-mail edition (.eml) in one language to the [email] settings' SMTP "
                   "server, as it is; one line per message sent (docs/email.md).")
    send.add_argument("release", metavar="RELEASE", help="the release's folder (OUTPUTS/ID) or its release id")
    add_lang_option(send, "the edition's language (the source language or a target)", required=True, target=False)
    send.add_argument("--to", action="append", metavar="ADDRESS",
                      help="a recipient (repeat for more; default: the `to` setting)")
    return parser

"""The command line: runs the command the arguments name (arguments.py) and prints. The work is in
run.py (the pipeline), status.py and commands/ (one module per other command).

Every problem the user can fix is a `PipelineError`, reported as one line
on stderr with exit code 2; nothing is written before all inputs parsed.

Exit codes (docs/running.md, "Exit codes"): 0 done; 1 a job or a check
failed, or something needs attention (QA-blocked translations, review
conflicts, `status`: a stale or orphaned release); 2 bad usage or input
(argparse's own errors included); 3 `status`: a release is damaged; 130
interrupted.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from . import NAME, run, status
from .arguments import REVIEW_ACTIONS, build_parser, check_language, occasion, project_config
from .commands import approve, check, evaluate, memory, models, review, send, site, speech, withdraw
from .console import (Console, memory_import_line, report_blocked, report_failures, review_counts,
                      say_evaluation, say_exchange, say_public, say_run, say_states)
from .display import display, plural
from .errors import PipelineError
from .fsutil import atomic_write_bytes
from .jobs import describe

# `status`: the exit code of each state; the command exits with the highest one found.
STATUS_EXIT = {"up to date": 0, "stale": 1, "orphaned": 1, "damaged": 3, "broken": 3}


def cmd_run(args: argparse.Namespace) -> int:
    console = Console(args.quiet)
    report = run.run(args.paths, project_config(args), console, prune=args.prune, occasion=occasion(args))
    say_run(console, report)
    blocked = report_blocked(language for result in report.releases for language in result.languages)
    return max(report_failures(report.failures, args.debug), blocked)


def cmd_status(args: argparse.Namespace) -> int:
    config = project_config(args)
    states = status.status(config, occasion(args))
    if not states:
        print(f"No releases in {display(config.outputs_dir)} yet.")
        return 0
    say_states(states)
    stale = sum(item.state != "up to date" for item in states)
    Console(args.quiet).progress(f"{plural(len(states), 'release')}, {stale} not up to date.")
    return max(STATUS_EXIT[item.state] for item in states)


def cmd_review(args: argparse.Namespace) -> int:
    config = project_config(args)
    if args.release in REVIEW_ACTIONS:  # `review export RELEASE …`, `review import FILE`: XLIFF for CAT tools
        return say_exchange(review.exchange_review(args.release, args.file, config, args.lang, args.format, args.output))
    reviews = review.review(args.release, config, args.lang)
    if args.format == "json":
        print(review.to_json(reviews))
    else:
        print(review_counts(reviews) if args.stats else review.format_text(reviews, display, config.source_language))
    return 1 if review.has_blocking(reviews) else 0


def cmd_models(args: argparse.Namespace) -> int:
    config = project_config(args)
    if args.action == "list":
        installed = models.list_models(config)
        if not installed:
            print(f"No Argos models in {models.models_dir(config)}. Install some: release-pipeline models install --from DIR")
        for model in installed:
            print(f"{model.source}→{model.target}  {model.code} {model.version}  {model.size / 1e6:.1f} MB  {model.path}")
    elif args.action == "install":
        if not args.source:
            for tag in args.languages:
                check_language(tag, config, "models install")
        for model in models.install_models(config, args.source, args.languages):
            print(f"installed {model.code} {model.version} ({model.source}→{model.target}) in {models.models_dir(config)}")
    else:
        for model in models.remove_models(config, args.languages):
            print(f"removed {model.code} {model.version}")
    return 0


def cmd_memory(args: argparse.Namespace) -> int:
    config = project_config(args)
    with memory.open_memory(config) as store:
        if args.action == "rebuild":
            print(f"translation memory: {plural(memory.rebuild_memory(config, store), 'reviewed sentence')} "
                  f"from {display(config.locales_dir)}")
        elif args.action in ("import", "align"):
            print(memory_import_line(memory.import_memory(config, store, args.action, args.files, args.lang)))
        elif args.action == "export" and args.output:
            atomic_write_bytes(args.output, store.export_tmx(args.lang).encode("utf-8"))
            print(f"wrote {plural(store.count(args.lang), 'translation unit')} to {args.output}")
        elif args.action == "export":
            sys.stdout.write(store.export_tmx(args.lang))
        else:
            print(f"translation memory {display(store.path)}: {plural(store.count(), 'reviewed sentence')}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    reports = list(check.check_pdfs(args.paths, args.lang, args.title, args.text))
    print("\n".join(report.format() for report in reports))
    return 0 if all(report.passed for report in reports) else 1


def cmd_publish(args: argparse.Namespace) -> int:
    console = Console(args.quiet)
    reports = site.publish(project_config(args), occasion(args), args.paths, console, args.base_url,
                           as_built=args.langs is None and args.editions is None)
    codes = [0]
    for report in reports:
        say_run(console, report)
        blocked = report_blocked(language for result in report.releases for language in result.languages)
        codes.append(max(report_failures(report.failures, args.debug), blocked))
    return max(codes)


def cmd_approve(args: argparse.Namespace) -> int:
    report = approve.approve(args.release, args.lang, args.by, project_config(args), occasion(args))
    approval = report.approval
    print(f"{approval.release_id} {approval.lang}: approved by {approval.by} at {approval.at} "
          f"({plural(report.segments, 'sentence')}, {report.machine} of them machine-translated) in "
          f"{display(report.path)}; the next run or `release-pipeline publish` makes it public")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    say_public(Console(args.quiet), withdraw.withdraw(args.release, args.reason, args.by, project_config(args),
                                                      occasion(args)))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    config = project_config(args)
    site.serve(config, args.host, args.port, args.quiet,
               lambda folder, url: print(f"Serving {display(folder)} at {url} (Ctrl-C stops)", flush=True),
               preview=args.preview)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    return say_evaluation(evaluate.evaluate_engines(project_config(args), args.references, args.lang), args.format)


def cmd_speech(args: argparse.Namespace) -> int:
    print(speech.speech(args.release, project_config(args), args.lang))
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    """One line per message handed to the server; a server that fails or refuses: one line, exit status 1."""
    try:
        sent = send.send(args.release, project_config(args), args.lang, args.to)
    except send.SendFailed as error:
        print(f"{NAME}: error: {error}", file=sys.stderr)
        return 1
    if sent.recipients and not args.quiet:
        print(f"sent {display(sent.path)} ({sent.size} bytes, Message-ID {sent.message_id}) to "
              f"{', '.join(sent.recipients)} through {sent.server}")
    for recipient, answer in sent.refused:
        print(f"{NAME}: error: {sent.server} refused {recipient}: {answer}", file=sys.stderr)
    return 1 if sent.refused else 0


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run, "status": cmd_status, "review": cmd_review, "models": cmd_models, "memory": cmd_memory,
    "evaluate": cmd_evaluate, "check": cmd_check, "publish": cmd_publish, "serve": cmd_serve, "speech": cmd_speech,
    "send": cmd_send, "approve": cmd_approve, "withdraw": cmd_withdraw,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # bad usage: the command's usage or one line, exit 2
    handler = HANDLERS[args.command]
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

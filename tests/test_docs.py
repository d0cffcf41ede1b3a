"""Docs that cannot drift from the code: every command and option is in docs/running.md, every
example command line parses, every relative link points to a file in the repository."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from pipeline.arguments import REVIEW_ACTIONS, build_parser
from pipeline.editions import EDITIONS
from pipeline.jobs import EXECUTORS

from .conftest import REPO

RUNNING = REPO / "docs" / "running.md"
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
COMMAND = re.compile(r"^(?:\$ )?(?:\.venv/bin/)?release-pipeline(?=\s|$)")
SHELL_FENCES = {"", "sh", "shell", "bash", "console"}  # a ```text fence is a synopsis, not a command line
# Placeholders in example command lines → something each option accepts.
PLACEHOLDERS = {
    "RELEASE": "2024-03-05-osce-representative-on-freedom-of-the-media", "FILE": "file.txt", "DIR": "folder",
    "DIR_OR_FILE": "folder", "URL": "https://press.example.org/releases", "LANG": "fr", "LIST": "fr,de",
    "N": "4", "ADDR": "127.0.0.1", "NAME": "serial",
}


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) for the top-level parser and every subcommand, recursively."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def mentioned(text: str, word: str) -> bool:
    """`word` in the text as a word of its own (`--lang` is not found inside `--langs`)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_running_md_lists_every_command_and_option():
    text = RUNNING.read_text(encoding="utf-8")
    missing = []
    for path, parser in commands(build_parser()):
        if path and f"release-pipeline {' '.join(path)}" not in text:
            missing.append(f"command {' '.join(path)}")
        for action in parser._actions:
            missing += [f"{' '.join(path) or 'release-pipeline'} {option}"
                        for option in action.option_strings if not mentioned(text, option)]
            if isinstance(action, argparse._SubParsersAction):
                continue  # the commands: checked as `path`s
            for choice in action.choices or ():  # `memory align`, `models install`; `--format xliff12`
                if action.option_strings and not mentioned(text, choice):
                    missing.append(f"{' '.join(path)} {action.option_strings[-1]} {choice}")
                elif not action.option_strings and f"release-pipeline {' '.join(path)} {choice}" not in text:
                    missing.append(f"command {' '.join(path)} {choice}")
    missing += [f"command review {action}" for action in REVIEW_ACTIONS
                if f"release-pipeline review {action}" not in text]
    missing += [f"executor {name}" for name in (*EXECUTORS, "dask://") if f"`{name}" not in text]
    missing += [f"edition {name}" for name in EDITIONS if f"`{name}`" not in text]
    missing += ["Exit codes section"] * ("## Exit codes" not in text)
    assert not missing, "docs/running.md does not mention: " + "; ".join(missing)


def fenced_blocks(text: str):
    """(info string, body) of each fenced code block."""
    for match in re.finditer(r"^```([\w-]*)[^\n]*\n(.*?)^```", text, re.M | re.S):
        yield match.group(1), match.group(2)


def example_command_lines() -> list[tuple[str, str]]:
    """(where, line) for every `release-pipeline …` line in a shell code block of the README and docs/,
    continuation lines joined."""
    found = []
    for doc in DOCS:
        for info, body in fenced_blocks(doc.read_text(encoding="utf-8")):
            if info not in SHELL_FENCES:
                continue
            for line in re.sub(r"\\\n\s*", " ", body).splitlines():
                if COMMAND.match(line.strip()):
                    found.append((doc.relative_to(REPO).as_posix(), line.strip()))
    return found


EXAMPLES = example_command_lines()


def example_arguments(line: str) -> list[str]:
    words = shlex.split(line, comments=True)[1:]
    if words[:1] == ["release-pipeline"]:  # "$ release-pipeline …" prompts
        words = words[1:]
    words = [word.removeprefix("[").removesuffix("]") for word in words]  # [--format json]: include optionals
    return [PLACEHOLDERS.get(word, word) for word in words if word]


def test_there_are_examples_to_check():
    assert len(EXAMPLES) >= 20 and {where for where, _ in EXAMPLES} >= {"README.md", "docs/models.md", "docs/site.md"}


@pytest.mark.parametrize("where, line", EXAMPLES, ids=[f"{where}: {line[:60]}" for where, line in EXAMPLES])
def test_example_command_lines_parse(where, line, capsys):
    arguments = example_arguments(line)
    try:
        build_parser().parse_args(arguments)
    except SystemExit as exit_:
        assert exit_.code == 0, f"{where}: {line!r} does not parse: {capsys.readouterr().err.strip()}"


def test_example_arguments():
    assert example_arguments(".venv/bin/release-pipeline review RELEASE --lang fr    # a comment") == [
        "review", PLACEHOLDERS["RELEASE"], "--lang", "fr"]
    assert example_arguments("release-pipeline evaluate --references DIR --lang fr [--format json]") == [
        "evaluate", "--references", "folder", "--lang", "fr", "--format", "json"]


def test_a_wrong_example_would_be_caught():
    """The check above is not vacuous: a mistyped option or value fails to parse."""
    for line in ("release-pipeline run --lang fr x.md", "release-pipeline serve --port 80000",
                 "release-pipeline publish --base-url notaurl", "release-pipeline memory sync"):
        with pytest.raises(SystemExit) as exit_:
            build_parser().parse_args(example_arguments(line))
        assert exit_.value.code == 2


LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)


def relative_links(text: str) -> list[str]:
    """The targets of a Markdown text's links and images that are paths, without their #anchor;
    code (fenced blocks and `spans`) is not looked at."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    text = re.sub(r"(`+).+?\1", "", text, flags=re.S)
    targets = [a or b for a, b in LINK.findall(text)]
    return [target.split("#", 1)[0] for target in targets
            if not re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) and not target.startswith("#")]


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.relative_to(REPO).as_posix())
def test_relative_links_point_to_files_in_the_repository(doc):
    broken = []
    for target in relative_links(doc.read_text(encoding="utf-8")):
        path = (doc.parent / target).resolve()
        if not path.is_relative_to(REPO) or not path.exists():
            broken.append(target)
    assert not broken, f"{doc.relative_to(REPO)}: links to nothing in the repository: {', '.join(broken)}"


def test_relative_links():
    text = ("See [a](reliability.md#killed), ![logo](img/logo.png \"Logo\"), [web](https://example.org), "
            "[top](#top), `[code](nowhere.md)`.\n\n[ref]: ../outside.md\n```\n[x](fenced.md)\n```\n")
    assert relative_links(text) == ["reliability.md", "img/logo.png", "../outside.md"]

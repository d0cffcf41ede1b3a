"""Which language a passage of a release is in, when it is not the release's.

A press release in English may quote someone in French or Russian. Such a
passage must be tagged with its own language (a screen reader switches
voice) and must not be sent to an English→X engine. Detection is by script
(Cyrillic → Russian: `Language.script`) and by the share of very common words
(`Language.common_words`) of the languages of the table, and answers
only when it is clear: passages under six words, or with no language well
ahead of the others, count as the document's language.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..languages import LANGUAGES
from ..release import Run, Runs, plain_text

MIN_WORDS = 6
MIN_SHARE = 0.2  # of the words, common words of the language
MIN_LEAD = 2.0  # the best language's share over the second's

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str | None:
    """The language tag of `text` when it is clear, else None."""
    words = [w.casefold() for w in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    for spec in LANGUAGES.values():
        if spec.script and sum(1 for w in words if re.match(spec.script, w)) / len(words) > 0.6:
            return spec.tag
    shares = sorted(((sum(w in spec.common_words for w in words) / len(words), spec.tag)
                     for spec in LANGUAGES.values() if spec.common_words), reverse=True)
    (best, lang), (second, _) = shares[0], shares[1]
    return lang if best >= MIN_SHARE and best >= MIN_LEAD * second else None


# A quotation inside a run: “…”, «…», „…“ or "…" (the marks stay outside the passage).
QUOTED = re.compile(r"(?<=[“«„\"])\s*([^“”«»„\"]+?)\s*(?=[”»“\"])")


def mark_foreign_runs(runs: Runs, document_lang: str) -> Runs:
    """The runs with `lang` set on each passage in another language than the document's.

    A whole paragraph (or quote paragraph, list item) in another language is
    marked as a whole; but first each italic run and each quotation inside a
    run is looked at on its own, so that a French quotation in an English
    sentence is marked while the sentence around it is not. Runs the writer
    marked (`[…]{lang=fr}`, `<span lang="fr">`) keep their language.
    """
    base = document_lang.split("-")[0]
    passages = _mark_passages(runs, base)
    if passages != runs:
        return passages  # “Nous continuerons …,” the laureate said: the quotation only
    whole = detect_language(plain_text(runs))
    if whole is not None and whole != base:
        return tuple(run if run.lang else replace(run, lang=whole) for run in runs)
    return runs


def _mark_passages(runs: Runs, base: str) -> Runs:
    out: list[Run] = []
    for run in runs:
        if run.lang:
            out.append(run)
        elif run.emphasis and _foreign(run.text, base):
            out.append(replace(run, lang=_foreign(run.text, base)))
        else:
            out += _split_quotations(run, base)
    return tuple(out)


def _foreign(text: str, base: str) -> str | None:
    lang = detect_language(text)
    return lang if lang is not None and lang != base else None


def _split_quotations(run: Run, base: str) -> list[Run]:
    pieces: list[Run] = []
    position = 0
    for match in QUOTED.finditer(run.text):
        lang = _foreign(match.group(1), base)
        if lang is None:
            continue
        start, end = match.span(1)
        if start > position:
            pieces.append(replace(run, text=run.text[position:start]))
        pieces.append(replace(run, text=run.text[start:end], lang=lang))
        position = end
    if position < len(run.text):
        pieces.append(replace(run, text=run.text[position:]))
    return pieces

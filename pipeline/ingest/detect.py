"""Which language a passage of a release is in, when it is not the release's.

A press release in English may quote someone in French or Russian. Such a
passage must be tagged with its own language (a screen reader switches
voice) and must not be sent to an English→X engine. Detection is by script
(Cyrillic → Russian: `Language.script`) and by the share of very common words
(`Language.common_words`) of the languages of the table, and answers
only when it is clear: passages under six words, or with no language well
ahead of the others, count as the document's language.

A quotation is the exception: one between quotation marks the document's
language does not write (`„…“`, `« … »` in an English release) is a quotation
kept in its own language, however short, unless a common word of the
document's language is in it. Its language is the one most of its words are
common words of, and `und` (undetermined, BCP 47) when the language table
does not know it (a Serbian `„Ovo je važan korak.“`): kept as written all the same.

The quotation marks around a passage in another language are part of it:
they are that language's typography, written by whoever wrote the passage, so
they travel with it, byte for byte, out of machine translation and out of the
target language's quotation-mark rules (`„…“` is not made `„…«` in a French
edition, nor `« … »` respaced).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..languages import LANGUAGES, UNDETERMINED, language_or_default
from ..release import Run, Runs, plain_text

MIN_WORDS = 6
MIN_SHARE = 0.2  # of the words, common words of the language
MIN_LEAD = 2.0  # the best language's share over the second's
MIN_QUOTED_SHARE = 0.5  # of a short quotation's words, common words of its language

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str | None:
    """The language tag of `text` when it is clear, else None."""
    words = [w.casefold() for w in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    script, shares = _scores(words)
    if script:
        return script
    (best, lang), (second, _) = shares[0], shares[1]
    return lang if best >= MIN_SHARE and best >= MIN_LEAD * second else None


def _scores(words: list[str]) -> tuple[str | None, list[tuple[float, str]]]:
    """(the language whose script most of the words are in, if any; each language's share of common
    words, best first)."""
    for spec in LANGUAGES.values():
        if spec.script and sum(1 for w in words if re.match(spec.script, w)) / len(words) > 0.6:
            return spec.tag, []
    return None, sorted(((sum(w in spec.common_words for w in words) / len(words), spec.tag)
                         for spec in LANGUAGES.values() if spec.common_words), reverse=True)


# Quotation marks: each opening mark → the closing marks that end its quotation ("„…“" German,
# "„…”" Serbian, Polish, Romanian; "»…«" German and Danish books).
PAIRS = {"“": "”", "„": "“”", "«": "»", "»": "«", "‹": "›", "\"": "\""}
SPACES = "[ \u00a0\u202f]*"  # between a mark and its words: French « … » and its no-break spaces
# A quotation inside a run, its marks and their spaces included (group 1 the opening mark, 2 the words).
QUOTED = re.compile(rf"([“„«»‹\"]){SPACES}([^“”„«»‹›\"]+?){SPACES}[”“»«›\"]")
MARK_BEFORE = re.compile(rf"([“„«»‹\"]){SPACES}$")  # the opening mark that ends a run …
MARK_AFTER = re.compile(rf"^{SPACES}([”“»«›\"])")  # … and the closing mark that starts the next


def mark_foreign_runs(runs: Runs, document_lang: str) -> Runs:
    """The runs with `lang` set on each passage in another language than the document's.

    A whole paragraph (or quote paragraph, list item) in another language is
    marked as a whole; but first each italic run and each quotation inside a
    run is looked at on its own, so that a French quotation in an English
    sentence is marked while the sentence around it is not. Runs the writer
    marked (`[…]{lang=fr}`, `<span lang="fr">`) keep their language. The
    quotation marks around a passage become part of it (`_with_marks`).
    """
    base = document_lang.split("-")[0]
    passages = _mark_passages(runs, base)
    if passages != runs:
        return _with_marks(passages, base)  # “Nous continuerons …,” the laureate said: the quotation only
    whole = detect_language(plain_text(runs))
    if whole is not None and whole != base:
        return tuple(run if run.lang else replace(run, lang=whole) for run in runs)
    return _with_marks(runs, base)


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


def _own_marks(base: str) -> str:
    """The quotation marks the document's language writes (and the straight one every keyboard has)."""
    spec = language_or_default(base)
    return "".join(spec.quotes + spec.inner_quotes).replace("\u202f", "") + "\""


def _quotation_language(words: str, opening: str, base: str) -> str | None:
    """The language of a quotation's words: as a paragraph's (six words at least); between marks
    the document's language does not write, also when shorter, and `und` when none is clear."""
    lang = _foreign(words, base)
    if lang is not None or opening in _own_marks(base):
        return lang
    found = [w.casefold() for w in WORD.findall(words)]
    if not found:
        return None
    script, shares = _scores(found)
    if script:
        return script if script != base else None
    if any(share > 0 for share, tag in shares if tag == base):
        return None  # "the „safe and secure environment“": the document's own words, in other marks
    (best, lang), (second, _) = shares[0], shares[1]
    return lang if best >= MIN_QUOTED_SHARE and best > second else UNDETERMINED.tag


def _split_quotations(run: Run, base: str) -> list[Run]:
    pieces: list[Run] = []
    position = 0
    for match in QUOTED.finditer(run.text):
        if match.group(0)[-1] not in PAIRS[match.group(1)]:
            continue  # “…» is no pair
        lang = _quotation_language(match.group(2), match.group(1), base)
        if lang is None:
            continue
        start, end = match.span()
        if start > position:
            pieces.append(replace(run, text=run.text[position:start]))
        pieces.append(replace(run, text=run.text[start:end], lang=lang))
        position = end
    if position < len(run.text):
        pieces.append(replace(run, text=run.text[position:]))
    return pieces


def _with_marks(runs: Runs, base: str) -> Runs:
    """The quotation marks just around a passage in another language (an italic one, one the writer
    marked) made part of it: in the passage's run where they have its style, else runs of their own."""
    out = list(runs)
    index = 1
    while index < len(out) - 1:
        before, run, after = out[index - 1], out[index], out[index + 1]
        opening = MARK_BEFORE.search(before.text) if not before.lang else None
        closing = MARK_AFTER.match(after.text) if not after.lang else None
        if (not run.lang or not run.text or run.lang.split("-")[0] == base or not opening or not closing
                or closing.group(1) not in PAIRS[opening.group(1)]):
            index += 1
            continue
        head, tail = before.text[opening.start():], after.text[:closing.end()]
        marks = [replace(before, text=head, lang=run.lang), run, replace(after, text=tail, lang=run.lang)]
        merged: list[Run] = []
        for piece in marks:
            if merged and replace(merged[-1], text="") == replace(piece, text=""):
                merged[-1] = replace(piece, text=merged[-1].text + piece.text)
            else:
                merged.append(piece)
        rest = [replace(before, text=before.text[:opening.start()])] if opening.start() else []
        rest += merged
        rest += [replace(after, text=after.text[closing.end():])] if closing.end() < len(after.text) else []
        out[index - 1:index + 2] = rest
        index += len(rest) - 1
    return tuple(out)

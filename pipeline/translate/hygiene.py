"""Machine output hygiene: what the engine got wrong that a rule can put right.

Runs on the engine's output while protected spans are still placeholders
(`⟦3⟧`), so a URL or a number is never retouched. Every repair is reported
as a finding, so the reviewer (and the acceptance on docs/examples/) can see
what the engine produced: a doubled space the engine wrote is a QA finding
even though no edition shows it.

- unknown-word marks: Apertium writes `*word` (unknown to the analyser;
  `**word` after a pivot through Catalan), `#word` (generation error) and
  `@word` (transfer error); each becomes an "unknown word" finding and the
  mark is removed, wherever it stands (after a space, "/", "(", "-", a
  quotation mark, "_" inside a handle: `Dragash/*Dragaš`, `@OSCE_*RFoM`).
  The source's own marks stay: a mark and word the source has as written
  (`#MediaFreedom`, `*Xyzzyq*`, the engine's mark after them removed:
  `#*MediaFreedom`), and, for each hashtag, handle or leading asterisk of the
  source the output lacks as written, one mark before a word that is not the
  source's (`#Elecciones` for `#Elections`, the footnote's `*Las cifras`): an
  unknown word Apertium marks is copied from the source, so a mark before a
  word of the source is the engine's;
- spacing per the target's typography: doubled spaces, spaces before
  `.` `,` `)`, after `(`; before `;:!?` a narrow no-break space in French and
  none elsewhere; a missing space after `,` `;`;
- known engine faults: a stray English possessive "’s" left in the output;
- apostrophes: the typographic ’ between letters, as in the label catalogs;
- articles before inserted glossary terms (the languages with
  `Language.articles`: fr, it, es, ca), from the gender the glossary gives
  the term; where it gives none, a finding asks to check.

What each language does comes from its `Language` (pipeline/languages/):
`high_punctuation_space`, `possessive_s`, `engine_typography`, `articles`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..catalogs.findings import Finding
from ..languages import Articles, english_name, language_or_default
from .glossary import Glossary
from .protect import Masked

# Apertium's marks before a word, wherever they stand; the source's own marks (a hashtag, a handle, a
# footnote's asterisk) open a word (`OWN_MARK`: never after a letter, as an e-mail address's "@" is).
MARK = re.compile(r"(?<![*#@])([*#@]+)([^\W_]+(?:['’-][^\W_]+)*)")
OWN_MARK = re.compile(r"(?<![\w*#@])([*#@]+)(?=[^\W_])")
MARK_KINDS = {"*": "unknown to the engine", "#": "engine could not generate it", "@": "engine could not transfer it"}
CONTEXT = 12  # characters shown either side of a repair


@dataclass(frozen=True)
class Tidied:
    text: str
    findings: tuple[Finding, ...]


def strip_unknown_marks(text: str, source: str) -> Tidied:
    """Apertium's `*word`, `#word`, `@word` → findings, and the words without their marks; the
    source's own hashtags, handles and asterisks kept (see the module's docstring)."""
    matches = list(MARK.finditer(text))

    def written(marked: str) -> bool:  # the source has it as written ("#MediaFreedom", "@OSCE" of "@OSCE_RFoM")
        return re.search(rf"(?<![*#@]){re.escape(marked)}(?![^\W_])", source) is not None

    def in_source(word: str) -> bool:
        return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", source, re.IGNORECASE) is not None

    # How many of each match's marks are the source's: those it writes before the word, else (one) while
    # the source has hashtags, handles or asterisks the output lacks as written.
    own = [next((n for n in range(len(marks), 0, -1) if written(marks[:n] + word)), 0)
           for marks, word in (match.groups() for match in matches)]
    unmatched = Counter(marks[0] for marks in OWN_MARK.findall(source))
    unmatched.subtract(match.group(1)[0] for match, kept in zip(matches, own) if kept)
    for index, match in enumerate(matches):
        marks, word = match.groups()
        if not own[index] and unmatched[marks[0]] > 0 and not in_source(word):
            own[index], unmatched[marks[0]] = 1, unmatched[marks[0]] - 1
    findings, parts, position = [], [], 0
    for match, kept in zip(matches, own):
        marks, word = match.groups()
        parts += [text[position:match.start()], marks[:kept], word]
        position = match.end()
        if kept < len(marks):
            findings.append(Finding("unknown word", f"{word} ({MARK_KINDS[marks[kept]]})"))
    parts.append(text[position:])
    return Tidied("".join(parts), tuple(findings))


def _snippet(text: str, start: int, end: int) -> str:
    return "«" + text[max(0, start - CONTEXT):end + CONTEXT].strip() + "»"


def _repair(text: str, pattern: str, replacement: str, code: str, what: str,
            findings: list[Finding]) -> str:
    def fix(match: re.Match[str]) -> str:
        findings.append(Finding(code, f"{what} in engine output, fixed: {_snippet(text, match.start(), match.end())}"))
        return match.expand(replacement)

    return re.sub(pattern, fix, text)


def tidy(text: str, lang: str) -> Tidied:
    """Spacing, punctuation and apostrophes of one machine translation (with placeholders)."""
    spec = language_or_default(lang)
    findings: list[Finding] = []
    if not spec.possessive_s:
        text = _repair(text, r"(?<=[^\W\d_])[’']s(?!\w)", "", "engine fault", "English possessive ’s", findings)
    text = _repair(text, r"(?<=\S)[ \t]{2,}(?=\S)", " ", "doubled space", "doubled space", findings)
    text = _repair(text, r"(?<=\S)[ \t\u00a0]+(?=[.,)](?:\s|$|[^\d]))", "", "space before punctuation",
                   "space before . , )", findings)
    text = _repair(text, r"\([ \t]+", "(", "space before punctuation", "space after (", findings)
    if spec.high_punctuation_space:
        # French keeps a (narrow) no-break space before ; : ! ? — an ordinary or missing one is wrong.
        text = _repair(text, r"(?<=[^\s\u00a0\u202f])(?: |)(?=[;:!?](?:\s|$))", spec.high_punctuation_space,
                       "typography", f"{english_name(spec.tag)} needs a no-break space before ; : ! ?", findings)
    else:
        text = _repair(text, r"(?<=\S)[ \t\u00a0\u202f]+(?=[;:!?](?:\s|$))", "", "space before punctuation",
                       "space before ; : ! ?", findings)
    text = _repair(text, r"(?<=[^\W\d_])([,;])(?=[^\W\d_])", r"\1 ", "missing space", "no space after , ;", findings)
    if not spec.engine_typography:
        text = re.sub(r"(?<=[^\W\d_])'(?=[^\W\d_⟦])|(?<=[^\W\d_])'(?=⟦)", "’", text)
    return Tidied(text.strip(), tuple(findings))


# --- articles before glossary terms ---------------------------------------------------

def _key(articles: Articles, gender: str, term: str) -> str:
    """Which article form a term of this gender takes, given how it starts (l’, Italian lo, gli)."""
    elides = articles.elision.get(gender)
    if elides is not None and elides.match(term):
        return "·"
    for special_gender, starts, key in articles.special:
        if gender == special_gender and any(start.match(term) for start in starts):
            return key
    return gender


def agree_articles(text: str, masked: Masked, lang: str, glossary: Glossary) -> Tidied:
    """Make the article before each inserted glossary term agree with the term's gender."""
    articles = language_or_default(lang).articles
    if articles is None:
        return Tidied(text, ())
    table = articles.forms
    forms = sorted({form: key for key, form in table.items()}.items(), key=lambda item: -len(item[0]))
    alternatives = "|".join(re.escape(form).replace("’", "['’]") + ("" if form.endswith("’") else r"\s+")
                            for form, _ in forms)
    findings: list[Finding] = []
    for index, span in enumerate(masked.spans, start=1):
        if span.kind != "term":
            continue
        pattern = re.compile(rf"(?<!\w)({alternatives})(?=⟦{index}⟧)", re.IGNORECASE)
        match = pattern.search(text)
        if not match:
            continue
        written = match.group(1)
        found = re.sub(r"\s+", " ", written.strip()).replace("'", "’").lower()
        prep = next((key[0] for form, key in forms if form == found), None)
        gender = glossary.gender(span.target)
        if gender is None:
            findings.append(Finding("article", f"check the article «{written.strip()}» before «{span.target}» "
                                               "(no gender for it in the glossary)"))
            continue
        wanted = table.get((prep or "", _key(articles, gender, span.target)))
        if wanted is None or wanted == found:
            continue
        if written[:1].isupper():
            wanted = wanted[:1].upper() + wanted[1:]
        replacement = wanted if wanted.endswith("’") else wanted + " "
        findings.append(Finding("article", f"«{written.strip()}» before «{span.target}» made «{wanted.strip()}»"))
        text = text[:match.start()] + replacement + text[match.end():]
    return Tidied(text, tuple(findings))

"""Machine output hygiene: what the engine got wrong that a rule can put right.

Runs on the engine's output while protected spans are still placeholders
(`⟦3⟧`), so a URL or a number is never retouched. Every repair is reported
as a finding, so the reviewer (and the acceptance on docs/examples/) can see
what the engine produced: a doubled space the engine wrote is a QA finding
even though no edition shows it.

- unknown-word marks: Apertium writes `*word` (unknown to the analyser;
  `**word` after a pivot through Catalan), `#word` (generation error) and
  `@word` (transfer error); each becomes an "unknown word" finding and the
  mark is removed;
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
from dataclasses import dataclass

from ..catalogs.findings import Finding
from ..languages import Articles, english_name, language_or_default
from .glossary import Glossary
from .protect import Masked

MARK = re.compile(r"(?<![\w*#@.\\/])([*#@]{1,2})(\w[\w'’-]*)")
CONTEXT = 12  # characters shown either side of a repair


@dataclass(frozen=True)
class Tidied:
    text: str
    findings: tuple[Finding, ...]


def strip_unknown_marks(text: str, source: str) -> Tidied:
    """Apertium's `*word`, `#word`, `@word` → findings, and the words without their marks."""
    findings = []

    def unmark(match: re.Match[str]) -> str:
        if match.group(0) in source:  # a hashtag or handle the source itself has
            return match.group(0)
        kind = {"*": "unknown to the engine", "#": "engine could not generate it",
                "@": "engine could not transfer it"}[match.group(1)[0]]
        findings.append(Finding("unknown word", f"{match.group(2)} ({kind})"))
        return match.group(2)

    return Tidied(MARK.sub(unmark, text), tuple(findings))


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

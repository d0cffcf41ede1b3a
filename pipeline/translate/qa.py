"""Quality checks on every translation that will be published, machine and reviewed.

`Checker(lang, glossary)` holds what the checks of one language need
(translate-toolkit's `StandardChecker` configured for it, the glossary);
`machine` checks an engine's output (placeholders in the raw output, then
the text), `translation` checks any finished text (a reviewer's too) against
its source. Findings are `findings.Finding`s; their code decides severity
(findings.py), and docs/reviewing.md lists them all.

translate-toolkit (the engine behind `pofilter`) supplies the repeated-word,
bracket and end-punctuation checks; the project's own checks are those that
need what only the pipeline knows: the protected spans of the source, the
target's typography, the engine's pivot language, the glossary.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from translate.filters import checks as ttk

from ..catalogs.findings import Finding
from ..languages import NBSP, NNBSP, Language, english_name, language, language_or_default
from ..text.patterns import CONTROL_CHARACTER, INLINE_TAG
from .glossary import Glossary, contains_term
from .protect import ANY_PLACEHOLDER, PLACEHOLDER, Masked

MIN_RATIO, MAX_RATIO = 0.5, 2.2  # target length / source length, for sources of 20+ characters
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
VERBATIM_KINDS = {"url": "url missing", "email": "email missing", "phone": "phone missing"}
NUMERIC_KINDS = {"number", "percent", "currency", "year", "date", "month-year", "day-month"}
# translate-toolkit tests used, and the finding code each becomes
TOOLKIT_TESTS = {"doublewords": "repeated word", "brackets": "brackets", "endpunc": "end punctuation"}

class Checker:
    """The checks of one target language."""

    def __init__(self, lang: str, glossary: Glossary = Glossary(), source_lang: str = "en"):
        self.lang = lang
        self.base = lang.split("-")[0]
        self.spec = language_or_default(lang)  # what the checks need to know of the language
        self.source_lang = source_lang
        self.glossary = glossary
        self.toolkit = ttk.StandardChecker(checkerconfig=ttk.CheckerConfig(targetlanguage=self.base))

    # --- entry points ------------------------------------------------------------

    def machine(self, source: str, masked: Masked, raw: str, final: str) -> list[Finding]:
        """An engine's output: `raw` with placeholders (after hygiene), `final` restored."""
        findings = []
        counts = Counter(int(n) for n in PLACEHOLDER.findall(raw))
        for index, span in enumerate(masked.spans, start=1):
            if counts[index] == 0:
                findings.append(Finding(_missing_code(span.kind), span.target))
            elif counts[index] > 1:
                findings.append(Finding("duplicated", f"{_what(span.kind)} {span.target}"))
        # Placeholders the engine invented or broke: unmask removes them (none reaches an edition),
        # and they are reported here, since the engine damaged the sentence around them.
        known = {f"⟦{index}⟧" for index in range(1, len(masked.spans) + 1)}
        damaged = sorted(set(ANY_PLACEHOLDER.findall(raw)) - known)
        if damaged or ANY_PLACEHOLDER.search(final):
            findings.append(Finding("leftover placeholder",
                                    ", ".join(damaged or sorted(set(ANY_PLACEHOLDER.findall(final))))))
        if _normalise(raw) == _normalise(masked.text) and re.search(r"[^\W\d_]{2,}", masked.text):
            findings.append(Finding("untranslated", "same as the source"))
        return _unique(findings + self.text(source, masked, final, spans_checked=True))

    def translation(self, source: str, masked: Masked, text: str) -> list[Finding]:
        """Any finished translation (a reviewer's) against its source."""
        findings = [*self.spans(masked, text)]
        if ANY_PLACEHOLDER.search(text):
            findings.append(Finding("leftover placeholder", ", ".join(sorted(set(ANY_PLACEHOLDER.findall(text))))))
        return _unique(findings + self.text(source, masked, text))

    # --- the checks ----------------------------------------------------------------

    def spans(self, masked: Masked, text: str) -> list[Finding]:
        """Each protected span of the source is in the text, in its target form."""
        findings = []
        flat = SPACES.sub("", text)
        for span in masked.spans:
            if span.kind == "tag":
                continue  # the tag check below sees them all at once
            if span.kind == "term":
                if not contains_term(text, span.target):
                    findings.append(Finding("glossary term missing", span.target))
            elif span.kind in VERBATIM_KINDS:
                if SPACES.sub("", span.target) not in flat:
                    findings.append(Finding(VERBATIM_KINDS[span.kind], span.target))
            elif span.kind in NUMERIC_KINDS or re.search(r"\d", span.target):
                if SPACES.sub("", span.target) in flat:
                    continue
                digits = re.findall(r"\d+", span.target)
                present = set(re.findall(r"\d+", text))
                if SPACES.sub("", span.source) in flat or (digits and set(digits) <= present) \
                        or "".join(digits) in re.sub(r"\D", "", text):
                    findings.append(Finding("number format", f"write {span.target} (target-locale form)"))
                else:
                    findings.append(Finding("number missing", span.target))
        return findings

    def text(self, source: str, masked: Masked, text: str, spans_checked: bool = False) -> list[Finding]:
        """What every translation is checked for, whoever wrote it."""
        findings = self.tags(source, text) + control_characters(text)
        if not text.strip():
            return findings + [Finding("empty translation", "")]
        plain = _without_spans(text, masked)
        findings += self.spacing(plain)
        findings += self.leaks(source, masked, plain)
        findings += self.toolkit_checks(INLINE_TAG.sub("", source), INLINE_TAG.sub("", text))
        for wrong, official in self.glossary.forbidden:
            if re.search(rf"(?<!\w){re.escape(wrong)}(?!\w)", text):
                findings.append(Finding("forbidden term", f"«{wrong}» (the glossary says «{official}»)"))
        if len(source) >= 20:
            ratio = len(text) / len(source)
            if not MIN_RATIO <= ratio <= MAX_RATIO:
                findings.append(Finding("length ratio", f"{ratio:.2f} outside {MIN_RATIO}–{MAX_RATIO}"))
        if not spans_checked and _normalise(text) == _normalise(source) and re.search(r"[^\W\d_]{4,}", source) \
                and self.base != self.source_lang:
            findings.append(Finding("untranslated", "same as the source"))
        return findings

    def tags(self, source: str, text: str) -> list[Finding]:
        """Inline tags `<1>…</1>`: the same tags as the source, each opened before it is closed."""
        wanted, found = _tag_numbers(source), _tag_numbers(text)
        unknown = sorted(set(found) - set(wanted), key=int)
        if unknown:
            return [Finding("tag unknown", ", ".join(f"<{n}>" for n in unknown))]
        expected = Counter(m.group(0) for m in INLINE_TAG.finditer(source))
        written = Counter(m.group(0) for m in INLINE_TAG.finditer(text))
        if expected != written or not _balanced(text):
            return [Finding("tag broken", " ".join(sorted(expected)) or "(none in the source)")]
        return []

    def spacing(self, text: str) -> list[Finding]:
        findings = []
        for match in re.finditer(r"(?<=\S)[ \t]{2,}(?=\S)", text):
            findings.append(Finding("doubled space", _snippet(text, match)))
        for match in re.finditer(r"(?<=\S)[ \t\u00a0\u202f]+[.,](?=\s|$)", text):
            findings.append(Finding("space before punctuation", _snippet(text, match)))
        if self.spec.high_punctuation_space:  # French
            for match in re.finditer(r"(?<=[^\s\u00a0\u202f«])(?: |)[;:!?»](?=\s|$)", text):
                findings.append(Finding("typography", f"{english_name(self.spec.tag)} needs a no-break space "
                                                      "before ; : ! ? » " + _snippet(text, match)))
        else:
            for match in re.finditer(r"(?<=\S)[ \t\u00a0\u202f]+[;:!?](?=\s|$)", text):
                findings.append(Finding("space before punctuation", _snippet(text, match)))
        return findings

    def leaks(self, source: str, masked: Masked, text: str) -> list[Finding]:
        """Source-language words left in the translation, and pivot-language (Catalan) words."""
        findings = []
        source_words = {w.casefold() for w in re.findall(r"[^\W\d_]+", _without_spans(source, masked))}
        look, pivot = self.spec.qa.english_look, self.spec.qa.pivot
        seen = set()
        for word in re.findall(r"[^\W\d_][\w’'·-]*", text):
            folded = word.casefold().strip("’'")
            if folded in seen:
                continue
            seen.add(folded)
            if self.base != self.source_lang and folded in source_words and len(folded) >= 4 and word.islower() \
                    and (look is None or re.search(look, folded)):
                findings.append(Finding("source-language word", word))
            elif pivot and folded not in source_words and _pivot_word(folded, self.spec):
                findings.append(Finding("pivot-language word", f"{word} ({english_name(pivot)})"))
        return findings

    def toolkit_checks(self, source: str, text: str) -> list[Finding]:
        findings = []
        if self.spec.high_punctuation_space == NNBSP:  # translate-toolkit knows French spacing with NBSP only
            text = text.replace(NNBSP, NBSP)
        for test, code in TOOLKIT_TESTS.items():
            try:
                getattr(self.toolkit, test)(source, text)
            except ttk.FilterFailure as failure:
                findings.append(Finding(code, "; ".join(str(m) for m in failure.messages)))
        return findings


def control_characters(text: str) -> list[Finding]:
    """A control character in a translation (a reviewer's ESC): blocking, as no edition can show it."""
    found = sorted(set(CONTROL_CHARACTER.findall(text)))
    return [Finding("control character", ", ".join(f"U+{ord(c):04X}" for c in found))] if found else []


def _pivot_word(word: str, spec: Language) -> bool:
    """A word of the language engines pivot through (Catalan) rather than of `spec`'s."""
    stem = re.sub(r"^[ldsn][’']", "", word)  # l’assetjament → assetjament
    pivot = language(spec.qa.pivot).qa
    if stem in _word_set(pivot.own_words) or (pivot.own_endings and re.search(pivot.own_endings, stem)):
        return True
    return bool(spec.qa.pivot_letters and re.search(spec.qa.pivot_letters, stem))


@cache
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def _missing_code(kind: str) -> str:
    if kind in VERBATIM_KINDS:
        return VERBATIM_KINDS[kind]
    if kind == "term":
        return "glossary term missing"
    if kind == "tag":
        return "tag broken"
    return "number missing"


def _what(kind: str) -> str:
    return "glossary term" if kind == "term" else kind


def _tag_numbers(text: str) -> Counter[str]:
    return Counter(match.group(2) for match in INLINE_TAG.finditer(text))


def _balanced(text: str) -> bool:
    open_tags: list[str] = []
    for match in INLINE_TAG.finditer(text):
        if not match.group(1):
            open_tags.append(match.group(2))
        elif not open_tags or open_tags.pop() != match.group(2):
            return False
    return not open_tags


def _without_spans(text: str, masked: Masked) -> str:
    """The text with URLs, e-mails and numbers blanked, so spacing checks never look inside them."""
    for span in sorted(masked.spans, key=lambda s: -len(s.target)):
        if span.kind not in ("term", "tag") and span.target:
            text = text.replace(span.target, "0")
    return text


def _snippet(text: str, match: re.Match[str]) -> str:
    return "«" + text[max(0, match.start() - 12):match.end() + 12].strip() + "»"


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()

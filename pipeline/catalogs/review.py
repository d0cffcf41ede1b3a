"""The reviewer's worklist: what in each language's catalog needs a person, most urgent first.

Per catalog: every entry with its state, `file:line`, source, translation and
QA findings. Reviewed entries are checked afresh (the reviewer may have
edited the file since the last run); machine entries keep the findings of
their translation (an engine's unknown-word marks are only known then) and
are checked again as text. "source changed" entries come first, with a
word-level diff of the old and new source, then blocking ones, then the rest
in file order.

The checks are translate/'s QA, passed in as `check(source, translation)`
(translate/reviewed.py `reviewed_check`), so that the catalogs need nothing of
the engines' side.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from .catalog import is_label, source_changed, state_of
from .findings import BLOCKING, WARNING, Finding, from_comments
from .po import read_catalog

STATES = ("source changed", "blocking", "warning", "machine", "untranslated", "reviewed", "label")
ORDER = {"source changed": 0, "blocking": 1}  # the rest keep file order
Check = Callable[[str, str], list[Finding]]  # (source, translation) → QA findings


@dataclass(frozen=True)
class ReviewEntry:
    line: int
    segment_id: str
    state: str  # one of STATES
    source: str
    translation: str
    findings: tuple[Finding, ...] = ()
    diff: str = ""  # "source changed": old → new source, "[-removed-] {+added+}"
    previous_source: str = ""

    @property
    def to_review(self) -> bool:
        return self.state not in ("reviewed", "label")


@dataclass(frozen=True)
class LanguageReview:
    lang: str
    catalog: Path
    entries: tuple[ReviewEntry, ...]  # worklist order: source changed, blocking, then file order

    @property
    def segments(self) -> int:
        return len(self.entries)

    @property
    def states(self) -> Counter:
        return Counter(entry.state for entry in self.entries)

    @property
    def severities(self) -> Counter:
        """How many findings are blocking and how many are warnings."""
        counts = Counter({BLOCKING: 0, WARNING: 0})
        counts.update(f.severity for entry in self.entries for f in entry.findings)
        return counts

    @property
    def to_review(self) -> tuple[ReviewEntry, ...]:
        return tuple(entry for entry in self.entries if entry.to_review)


def word_diff(old: str, new: str) -> str:
    """Word-level difference: 'fewer than one in [-ten-] {+eight+} cases'."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def review_language(path: Path, lang: str, check: Check) -> LanguageReview:
    """The worklist of one catalog (`locales/<lang>/releases/<id>.po`), its translations checked with `check`."""
    entries = []
    for message in read_catalog(path):
        if not message.id:
            continue
        entries.append(_entry(message, check))
    ordered = sorted(enumerate(entries), key=lambda item: (ORDER.get(item[1].state, 2), item[0]))
    return LanguageReview(lang, path, tuple(entry for _, entry in ordered))


def _entry(message, check: Check) -> ReviewEntry:
    base = dict(line=message.lineno, segment_id=message.context or "", source=message.id,
                translation=message.string)
    if is_label(message):
        return ReviewEntry(state="label", **base)
    if source_changed(message):
        previous = "".join(message.previous_id)
        return ReviewEntry(state="source changed", diff=word_diff(previous, message.id),
                           previous_source=previous, **base)
    state = state_of(message)
    if state == "untranslated":
        return ReviewEntry(state="untranslated", **base)
    findings = check(message.id, message.string)
    if state == "machine":
        findings = list(dict.fromkeys([*from_comments(message.user_comments), *findings]))
    if any(f.blocking for f in findings):
        state = "blocking"
    elif state == "reviewed" and findings:
        state = "warning"
    return ReviewEntry(state=state, findings=tuple(findings), **base)


def has_blocking(reviews: Sequence[LanguageReview]) -> bool:
    return any(entry.state == "blocking" for review in reviews for entry in review.entries)


def to_json(reviews: Sequence[LanguageReview]) -> str:
    """The worklist for tools: one object per language, entries in worklist order."""
    data = []
    for review in reviews:
        data.append({
            "lang": review.lang,
            "catalog": str(review.catalog),
            "segments": review.segments,
            "states": {state: review.states.get(state, 0) for state in STATES},
            "findings": dict(review.severities),
            "entries": [
                {**{k: v for k, v in asdict(entry).items() if k != "findings"},
                 "findings": [{"code": f.code, "detail": f.detail, "severity": f.severity} for f in entry.findings]}
                for entry in review.to_review
            ],
        })
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_text(reviews: Sequence[LanguageReview], display: Callable[[Path], str] = str,
                source_lang: str = "en") -> str:
    """The worklist for people: counts per language, then each entry with `file:line`."""
    lines = []
    for review in reviews:
        path = display(review.catalog)
        states, severities = review.states, review.severities
        lines.append(f"== {review.lang}: {len(review.to_review)} of {review.segments} segments to review in {path}")
        lines.append(f"   {states['source changed']} source changed, {states['blocking']} blocking "
                     f"({severities[BLOCKING]} blocking findings), {states['warning']} reviewed with warnings "
                     f"({severities[WARNING]} warnings in all), {states['machine']} machine, "
                     f"{states['untranslated']} untranslated, {states['reviewed'] + states['label']} done")
        for entry in review.to_review:
            lines.append("")
            lines.append(f"{path}:{entry.line}  [{entry.segment_id}] {entry.state}")
            if entry.diff:
                lines.append(f"  source changed: {entry.diff}")
            lines.append(f"  {source_lang}: {entry.source}")
            label = "old translation (not published)" if entry.state == "source changed" else review.lang
            lines.append(f"  {label}: {entry.translation or '(untranslated)'}")
            for finding in entry.findings:
                lines.append(f"  ! {finding.severity}: {finding}")
        lines.append("")
    return "\n".join(lines)

"""Review catalogs: one PO file per release and language.

`locales/<lang>/releases/<release-id>.po` holds each segment as an entry:
its id as `msgctxt`, the English sentence as `msgid`, the translation as
`msgstr`. Machine output is flagged `fuzzy` with a `#.` comment naming the
engine; QA findings are `# QA:` translator comments. A reviewer edits
`msgstr` and removes `fuzzy` in any PO editor; such an entry is *reviewed*.

Merging a release into its catalog never loses a reviewer's work:
- an entry whose segment is unchanged is kept exactly as it is, unless it is
  still untranslated: then the engine is asked again (a model installed since
  the last run translates it; with no engine it is written the same);
- when a sentence changed, the closest reviewed entry it replaces is kept as
  `fuzzy` with the previous msgid (`#| msgid`), as gettext's msgmerge does,
  but it is never published: the editions use a fresh machine translation
  (kept in a `#. published until reviewed: …` comment) or the source;
- a fixed phrase (boilerplate.py) takes its translation from the label
  catalogs, never from an engine;
- a new sentence identical to one reviewed in this catalog (a sentence said
  twice; a repeated sentence's id is numbered by its order, so adding a copy
  before it renumbers it) gets that reviewed translation, then the memory's;
- a new sentence with no identical one in the translation memory but a
  reviewed match of 75 % or more (fuzzy.py) gets it as a suggestion, a
  `#. translation memory suggestion: 92 % match, reviewed in …: <text>`
  comment; msgstr stays the machine translation. A fuzzy msgstr would be
  published as machine output, and a similar sentence is often one fact
  away ("one in ten" for "one in eight"): the reviewer decides;
- reviewed entries no segment uses any more are kept as obsolete (`#~`),
  after the entries in use: those already obsolete first, in file order,
  then the newly obsolete ones;
- entries are in the release's segment order, whatever was kept, reused or
  machine-translated, so a run that changes nothing gives the same bytes and
  an entry keeps its line from one run to the next;
- the file is rewritten only when something changed (never to rewrite the
  same bytes), and not at all if it changed on disk while the run was working.

The merge policy lives here, without file I/O: it is given the file's bytes
and says what to write (`new_bytes`); reading and writing PO files (strictly)
is `po.py`, as Babel keeps `pofile.py` beside `catalog.py`, and the file on
disk is `store.py`'s (`write_catalog`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..release import Release, Segment, Segmentation
from .findings import QA_PREFIX, Finding
from .po import po_bytes, read_catalog

MACHINE = "machine translation: "  # auto comment (#.) on machine output
MEMORY = "translation memory: "  # auto comment on a reviewed translation reused from another release
CHANGED = "source changed: "  # auto comment on a reviewed translation kept for a changed sentence
QA = QA_PREFIX  # translator comment (#) with one QA finding
NO_ENGINE = "no machine translation: "
LABEL = "label: "  # auto comment on a fixed phrase translated from the label catalogs
FALLBACK = "published until reviewed: "  # auto comment: the machine text editions show instead of msgstr
SUGGESTION = "translation memory suggestion: "  # auto comment: a similar reviewed sentence's translation


@dataclass(frozen=True)
class Translation:
    """One segment's entry as the editions see it."""

    segment_id: str
    text: str  # "" when untranslated
    state: str  # "reviewed", "machine" (fuzzy, not yet reviewed) or "untranslated"


def catalog_path(locales_dir: Path, lang: str, release_id: str) -> Path:
    return locales_dir / lang / "releases" / f"{release_id}.po"


def state_of(message: Message) -> str:
    if not message.string:
        return "untranslated"
    return "machine" if message.fuzzy else "reviewed"


def is_label(message: Message) -> bool:
    return any(c.startswith(LABEL) for c in message.auto_comments)


def source_changed(message: Message) -> bool:
    """A reviewed translation kept for a sentence that has since changed: a suggestion, never published."""
    return bool(message.fuzzy and message.string and message.previous_id)


def fallback_of(message: Message) -> str:
    """The machine translation published instead of this entry's msgstr, if the stage stored one."""
    return next((c[len(FALLBACK):] for c in message.auto_comments if c.startswith(FALLBACK)), "")


def reviewed_units(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(segment id, source, translation) of every reviewed entry in use: what the memory keeps.

    Labels are not kept (they come from the label catalogs, which may be reworded)."""
    return [(m.context, m.id, m.string) for m in catalog if m.id and state_of(m) == "reviewed" and not is_label(m)]


def _fingerprint(catalog: Catalog) -> list:
    """What a catalog says, without layout or header dates: to see whether a write is needed."""

    def facts(message: Message) -> tuple:
        return (message.context, message.id, message.string, sorted(message.flags),
                message.previous_id, message.auto_comments, message.user_comments)

    return [facts(m) for m in catalog if m.id] + [("obsolete", *facts(m)) for m in catalog.obsolete.values()]


def phrase_key(text: str) -> str:
    """A fixed phrase as the label catalogs are matched with it: whitespace aside."""
    return re.sub(r"\s+", " ", text).strip()


class CatalogUpdate:
    """Merges one release's segments into its catalog for one language.

    1. `__init__` parses the catalog file's bytes (`original`, None when there is
       no file yet) and keeps what can be kept; `pending` lists the segments that
       still need a translation;
    2. `add_machine` / `add_untranslated` fill those;
    3. `new_bytes` is the file to write if anything changed (store.py `write_catalog`
       writes it). `path` names the file in messages; nothing here reads or writes it.
    """

    def __init__(self, path: Path, original: bytes | None, release: Release, segmentation: Segmentation,
                 lang: str, memory=None, labels: dict[str, str] | None = None):
        self.path = path
        self.lang = lang
        self.labels = {phrase_key(phrase): text for phrase, text in (labels or {}).items()}
        self.original = original
        old = read_catalog(path, self.original) if self.original is not None else None
        self.catalog = Catalog(locale=lang.replace("-", "_"), project=release.id, version=release.dateline.date.isoformat() if release.dateline else None,
                               creation_date=old.creation_date if old else dt.datetime.now(dt.timezone.utc),
                               revision_date=old.revision_date if old else None, fuzzy=False)
        self.old_fingerprint = _fingerprint(old) if old else None
        self.order = [(segment.text, segment.id) for segment in segmentation.segments]
        self._ordered = True  # the catalog's entries are in segment order (`_add` may append out of it)
        self.pending: list[Segment] = []  # no translation yet: machine-translate into msgstr
        self.refresh: list[Segment] = []  # msgstr not publishable: machine-translate into a FALLBACK comment
        self.suggestions: dict[str, str] = {}  # segment id → SUGGESTION comment, for pending segments
        self._merge(segmentation, old, memory)
        self._suggest(memory)

    def _merge(self, segmentation: Segmentation, old: Catalog | None, memory) -> None:
        existing = {(m.context, m.id): m for m in old if m.id} if old else {}
        reviewed_here = {m.id: m for m in existing.values() if state_of(m) == "reviewed" and not is_label(m)}
        used: set[tuple] = set()
        for segment in segmentation.segments:
            key = (segment.id, segment.text)
            label = self.labels.get(phrase_key(segment.text))
            # Kept unless a label replaces a machine text, or it is still untranslated: an engine
            # installed since (an Argos model) must get its turn, and without one it comes out the same.
            if key in existing and state_of(existing[key]) != "untranslated" \
                    and not (label and state_of(existing[key]) == "machine"):
                self.catalog[segment.text] = existing[key]  # kept exactly as it was
                used.add(key)
                if source_changed(existing[key]) and not fallback_of(existing[key]):
                    self.refresh.append(segment)
                continue
            used.add(key)
            if label:
                self._add(segment, label, auto=[f"{LABEL}fixed phrase, from the label catalog (pipeline.po)"])
                continue
            same = reviewed_here.get(segment.text)
            remembered = (same.string, f"this release ({same.context})") if same else \
                memory.lookup(self.lang, segment.text) if memory else None
            if remembered:
                translation, origin = remembered
                self._add(segment, translation, auto=[f"{MEMORY}reviewed in {origin}"])
            else:
                self.pending.append(segment)
        # Already obsolete first (in file order), then the newly obsolete: old obsolete entries keep their place.
        reviewed_left = {(m.context, m.id): m for m in old.obsolete.values() if state_of(m) == "reviewed"} if old else {}
        reviewed_left.update({key: m for key, m in existing.items() if key not in used and state_of(m) == "reviewed"})
        self._carry_over_reviewed(reviewed_left)
        for message in reviewed_left.values():
            self.catalog.obsolete[(message.id, message.context)] = message

    def _suggest(self, memory) -> None:
        """A fuzzy memory match for each sentence still to machine-translate (not for changed
        sentences, which already carry their own previous reviewed translation)."""
        if memory is None:
            return
        for segment in self.pending:
            match = memory.suggest(self.lang, segment.text)
            if match:
                self.suggestions[segment.id] = SUGGESTION + match.comment()

    def _carry_over_reviewed(self, reviewed_left: dict[tuple, Message]) -> None:
        """A changed sentence keeps the reviewed translation of the sentence it replaced, as fuzzy.

        Candidates are the reviewed entries of the same role that share one of the sentence's
        rarer words (an index, so that a long release with many edits stays linear), compared
        with difflib.
        """
        still_pending = []
        index = _WordIndex(reviewed_left)
        for segment in self.pending:
            candidates = index.candidates(segment)
            match = difflib.get_close_matches(segment.text, list(candidates), n=1, cutoff=0.6)
            if not match:
                still_pending.append(segment)
                continue
            index.remove(candidates[match[0]])
            previous = reviewed_left.pop(candidates[match[0]])
            self._add(segment, previous.string, fuzzy=True, previous_id=previous.id,
                      auto=[f"{CHANGED}the reviewed translation of the previous sentence is kept as a suggestion; "
                            "it is not published until reviewed again"])
            self.refresh.append(segment)
        self.pending = still_pending

    def _add(self, segment: Segment, string: str, fuzzy: bool = False, previous_id: str | None = None,
             auto: list[str] | None = None, qa: list[str] | None = None) -> None:
        message = Message(segment.text, string, context=segment.id, flags={"fuzzy"} if fuzzy else set(),
                          previous_id=previous_id or (), auto_comments=auto or [],
                          user_comments=[QA + str(finding) for finding in qa or []])
        self.catalog[segment.text] = message  # keyed by (msgid, msgctxt)
        self._ordered = False

    def _in_segment_order(self) -> Catalog:
        """The catalog with its entries in the release's segment order (entries added after the merge,
        machine translations, were appended at the end), so that the file's order never depends on
        which entries a run had to fill."""
        if not self._ordered:
            messages = [m for m in (self.catalog.get(text, context=sid) for text, sid in self.order) if m is not None]
            for message in messages:
                self.catalog.delete(message.id, message.context)
            for message in messages:
                self.catalog[message.id] = message  # not there any more: appended, in order
            self._ordered = True
        return self.catalog

    def add_machine(self, segment: Segment, translation: str, engine: str, findings: list[Finding]) -> None:
        self._add(segment, translation, fuzzy=True, auto=[MACHINE + engine, *self._suggestion(segment)], qa=findings)

    def add_untranslated(self, segment: Segment, reason: str) -> None:
        self._add(segment, "", auto=[NO_ENGINE + reason, *self._suggestion(segment)])

    def _suggestion(self, segment: Segment) -> list[str]:
        return [self.suggestions[segment.id]] if segment.id in self.suggestions else []

    def message(self, segment: Segment) -> Message | None:
        return self.catalog.get(segment.text, context=segment.id)

    def set_fallback(self, segment: Segment, text: str | None) -> None:
        """Store (or, with None, remove) the machine translation published instead of msgstr."""
        message = self.message(segment)
        comments = [c for c in message.auto_comments if not c.startswith(FALLBACK)]
        message.auto_comments = comments + ([FALLBACK + text] if text else [])

    def set_findings(self, segment: Segment, findings: list[Finding]) -> None:
        """Replace the entry's `# QA:` comments by the current findings (the reviewer's own comments stay)."""
        message = self.message(segment)
        message.user_comments = [c for c in message.user_comments if not c.startswith(QA)] + \
            [QA + str(finding) for finding in findings]

    def translations(self, segmentation: Segmentation, blocked: frozenset[str] = frozenset()) -> tuple[Translation, ...]:
        """What the editions publish: never a changed sentence's old translation, never a blocked entry.

        A reviewed entry that is blocked, or one whose source changed, is published as its fresh
        machine translation (FALLBACK) if there is one, else as the source (untranslated)."""
        out = []
        for segment in segmentation.segments:
            message = self.message(segment)
            if message is None:
                out.append(Translation(segment.id, "", "untranslated"))
            elif source_changed(message) or (state_of(message) == "reviewed" and segment.id in blocked):
                fallback = fallback_of(message)
                out.append(Translation(segment.id, fallback, "machine" if fallback else "untranslated"))
            elif segment.id in blocked:
                out.append(Translation(segment.id, "", "untranslated"))
            else:
                out.append(Translation(segment.id, message.string, state_of(message)))
        return tuple(out)

    def line_numbers(self) -> dict[str, int]:
        """{segment id: line of its msgid} in the file as it is (or will be, once written)."""
        data = self.original if not self.changed else po_bytes(self._in_segment_order())
        if data is None:
            return {}
        return {m.context: m.lineno for m in read_catalog(self.path, data) if m.id}

    @property
    def changed(self) -> bool:
        return self.old_fingerprint != _fingerprint(self._in_segment_order())

    def new_bytes(self) -> bytes | None:
        """The file to write, dated now; None when nothing changed, and never the bytes the file
        already holds (its modification time and line numbers stay)."""
        if not self.changed or po_bytes(self.catalog) == self.original:
            return None
        self.catalog.revision_date = dt.datetime.now(dt.timezone.utc)
        return po_bytes(self.catalog)


class _WordIndex:
    """Reviewed entries by role and word, to shortlist the entries a changed sentence may replace."""

    SHORTLIST = 20

    def __init__(self, entries: dict[tuple, Message]):
        self.entries = entries
        self.by_word: dict[tuple[str, str], set[tuple]] = {}
        for key, message in entries.items():
            for word in set(_words(message.id)):
                self.by_word.setdefault((_role(key[0]), word), set()).add(key)

    def candidates(self, segment: Segment) -> dict[str, tuple]:
        role = _role(segment.id)
        known = sorted((w for w in set(_words(segment.text)) if self.by_word.get((role, w))),
                       key=lambda w: (len(self.by_word[(role, w)]), w))  # ties by word: the same every run
        rare = known[: max(1, len(known) * 2 // 5)]  # the rarest 40 % of the words the entries share
        hits: dict[tuple, int] = {}
        for word in rare:
            for key in self.by_word[(role, word)]:
                hits[key] = hits.get(key, 0) + 1
        shortlist = sorted(hits, key=lambda key: (-hits[key], key))[: self.SHORTLIST]
        return {self.entries[key].id: key for key in shortlist if key in self.entries}

    def remove(self, key: tuple) -> None:
        for word in set(_words(self.entries[key].id)):
            self.by_word.get((_role(key[0]), word), set()).discard(key)


def _role(segment_id: str | None) -> str:
    """"body" of "body.07611a9a"; "" for an entry without a msgctxt (one not written by the pipeline)."""
    return (segment_id or "").split(".")[0]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


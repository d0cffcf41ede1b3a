"""A release's review catalog as XLIFF, for CAT tools (OmegaT, Trados, memoQ, Phrase), and back.

Written and read with translate-toolkit's XLIFF classes: `xliff.xlifffile`
for XLIFF 1.2 and `xliff2.Xliff2File` for 2.x. translate-toolkit 3.20 has no
2.1 class: its `Xliff2File` writes 2.0, with two faults a validator rejects
(`<notes>` inside `<segment>`, and `xml:space` on `<segment>`). 2.1 only adds
optional modules to 2.0's core, so the export is the toolkit's 2.0 file with
those two things moved to `<unit>` and `version="2.1"`; tests parse it back.

- One unit per catalog entry, its id the segment id (`msgctxt`); fixed phrases
  (labels) are left out: they are reworded in the label catalogs.
- Inline tags `<1>…</1>` become paired codes (`<pc id="1">`, 1.2: `<g>`);
  URLs, e-mail addresses and phone numbers become placeholders (`<ph>`) the
  translator cannot mistype. Tags that are not balanced stay literal text.
- States: untranslated → `initial` (1.2 `new`) without target; machine or
  source changed → `initial`/`translated` (1.2 `needs-review-translation`);
  reviewed → `final` (1.2 `final`, `approved="yes"`). Back: `reviewed` or
  `final` (1.2 `signed-off`/`final`/`approved="yes"`) is reviewed, the rest machine.
- Notes: QA findings (`x-qa`), the previous source of a changed sentence
  (`x-previous-source`), where the text came from (`x-origin`), and what was
  exported (`x-exported`, JSON state and msgstr): import compares it with the
  PO entry now and refuses to overwrite an entry changed since (a conflict).

Import runs the same QA as a PO edit (translate/qa.py `Checker.translation`,
passed in as `check`) and writes the findings as `# QA:` comments; like a PO
edit, a reviewed entry with a blocking finding is written but not published
(the run says so).
"""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import quoteattr
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from lxml import etree
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from ..errors import InputError
from ..fsutil import atomic_write_bytes
from ..text.patterns import INLINE_TAG
from ..verbatim import VERBATIM
from .catalog import FALLBACK, MACHINE, QA, is_label, state_of
from .findings import Finding
from .po import po_bytes, read_catalog
from .tmx import refuse_entities

FORMATS = {"xliff": "2.1", "xliff12": "1.2"}
XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"  # 2.1 keeps 2.0's core namespace
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
EXPORTED, QA_NOTE, PREVIOUS, ORIGIN = "x-exported", "x-qa", "x-previous-source", "x-origin"
INLINE = re.compile("|".join([INLINE_TAG.pattern] + [f"(?:{p.pattern})" for kind, p in VERBATIM if kind != "tag"]))
REVIEWED_STATES = {"reviewed", "final", "signed-off"}
SKELETON_12 = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{XLIFF12}">'
               '<file original={original} source-language="en" datatype="plaintext"><body></body></file></xliff>')


@dataclass(frozen=True)
class ExchangedUnit:
    segment_id: str
    source: str
    target: str  # inline codes back as `<1>…</1>` and the protected text
    reviewed: bool
    exported: tuple[str, str] | None  # (state, msgstr) in the PO when exported


@dataclass(frozen=True)
class Exchange:
    release_id: str
    lang: str
    units: tuple[ExchangedUnit, ...]


@dataclass
class ImportReport:
    path: Path  # the PO file
    imported: list[tuple[str, str]] = field(default_factory=list)  # (segment id, "reviewed"/"machine")
    unchanged: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (segment id, why not imported)
    findings: list[tuple[str, tuple[Finding, ...]]] = field(default_factory=list)  # QA on what was imported
    written: bool = False

    @property
    def blocking(self) -> list[str]:
        """Segments imported as reviewed with a blocking finding: written, but the run will not publish them."""
        return [segment_id for segment_id, found in self.findings if any(f.blocking for f in found)]


# --- export ----------------------------------------------------------------------------


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for match in INLINE_TAG.finditer(text):
        if not match.group(1):
            stack.append(match.group(2))
        elif not stack or stack.pop() != match.group(2):
            return False
    return not stack


def fill_inline(node: etree._Element, text: str, ns: str, ids: dict[str, str]) -> None:
    """Write `text` into `node` with tags as paired codes and verbatim spans as placeholders.

    `ids` maps each span's text to its placeholder id, shared by source and target."""
    for child in list(node):
        node.remove(child)
    node.text = ""
    if not _balanced(text):
        node.text = text  # a broken tag stays visible as text, for the translator to fix
        return
    paired = "pc" if ns == XLIFF2 else "g"
    stack, position = [node], 0

    def put(piece: str) -> None:  # text goes after the container's last child, else into it
        container = stack[-1]
        if len(container):
            container[-1].tail = (container[-1].tail or "") + piece
        else:
            container.text = (container.text or "") + piece

    for match in INLINE.finditer(text):
        put(text[position:match.start()])
        position = match.end()
        if match.group(2) and match.group(1):  # a closing tag
            stack.pop()
        elif match.group(2):  # an opening tag
            stack.append(etree.SubElement(stack[-1], f"{{{ns}}}{paired}", id=match.group(2)))
        else:  # a URL, e-mail address or phone number
            span = match.group(0)
            ident = ids.setdefault(span, f"p{len(ids) + 1}")
            if ns == XLIFF2:
                etree.SubElement(stack[-1], f"{{{ns}}}ph", id=ident, equiv=span, disp=span)
            else:
                etree.SubElement(stack[-1], f"{{{ns}}}ph", id=ident).text = span
    put(text[position:])


def export_catalog(catalog: Catalog, release_id: str, lang: str, source_lang: str, fmt: str) -> tuple[bytes, int]:
    """The catalog as XLIFF 2.1 (`xliff`) or 1.2 (`xliff12`); returns (file, units)."""
    two = FORMATS[fmt].startswith("2")
    store = Xliff2File(sourcelanguage=source_lang, targetlanguage=lang) if two else \
        xlifffile.parsestring(SKELETON_12.format(original=quoteattr(release_id)).encode("utf-8"))
    if not two:
        store.setsourcelanguage(source_lang)
        store.settargetlanguage(lang)
    units = 0
    for message in catalog:
        if not message.id or is_label(message):
            continue
        units += 1
        state = state_of(message)
        unit = store.addsourceunit(message.id) if two else store.addsourceunit(message.id, filename=release_id)
        unit.setid(message.context)
        if message.string:
            unit.target = message.string
        _state(unit, state, bool(message.previous_id), two)
        _notes(unit, message, state, two)
        ids: dict[str, str] = {}
        nodes = unit.getlanguageNodes()
        fill_inline(nodes[0], message.id, store.namespace, ids)
        if message.string:
            fill_inline(nodes[1], message.string, store.namespace, ids)
    root = store.document.getroot()
    if two:
        _fix_xliff2(root, release_id)
    etree.cleanup_namespaces(root)  # units are made in the toolkit's default (1.1) namespace, then moved
    return bytes(store), units


def _state(unit, state: str, changed: bool, two: bool) -> None:
    if two:
        unit.xmlelement.set("state", {"reviewed": "final", "machine": "initial" if changed else "translated"}
                            .get(state, "initial"))
    else:
        unit.markapproved(state == "reviewed")  # the toolkit's default for a new target is approved
        if state != "untranslated":
            unit.getlanguageNodes()[1].set("state", "final" if state == "reviewed" else "needs-review-translation")


def _notes(unit, message: Message, state: str, two: bool) -> None:
    for comment in message.user_comments:
        if comment.startswith(QA):
            unit.addnote(comment[len(QA):], origin=QA_NOTE)
    for comment in message.auto_comments:
        if not comment.startswith(FALLBACK):
            unit.addnote(comment, origin=ORIGIN)
    if message.previous_id:
        previous = message.previous_id if isinstance(message.previous_id, str) else message.previous_id[0]
        unit.addnote(previous, origin=PREVIOUS)
    unit.addnote(json.dumps({"state": state, "msgstr": message.string}, ensure_ascii=False), origin=EXPORTED)


def _fix_xliff2(root: etree._Element, release_id: str) -> None:
    """translate-toolkit's 2.0 output made valid 2.1: notes and xml:space belong to <unit>."""
    root.set("version", "2.1")
    file = root.find(f"{{{XLIFF2}}}file")
    file.set("id", re.sub(r"[^\w.-]", "_", release_id) or "f1")
    file.set("original", release_id)
    for unit in file.iter(f"{{{XLIFF2}}}unit"):
        for segment in unit.findall(f"{{{XLIFF2}}}segment"):
            if segment.get(XML_SPACE):
                unit.set(XML_SPACE, segment.attrib.pop(XML_SPACE))
            notes = segment.find(f"{{{XLIFF2}}}notes")
            if notes is not None:
                unit.insert(0, notes)  # <notes> comes before the segments
                notes.tail = segment.text


# --- import ----------------------------------------------------------------------------


def read_inline(node: etree._Element | None) -> str:
    """The text of a <source>/<target> with inline codes back in the catalog's form."""
    if node is None:
        return ""
    parts = [node.text or ""]
    for child in node:
        name = etree.QName(child).localname
        if name in ("pc", "g"):
            parts.append(f"<{child.get('id')}>{read_inline(child)}</{child.get('id')}>")
        elif name == "ph":
            parts.append(child.get("equiv") or child.get("disp") or "".join(child.itertext()))
        elif name in ("sc", "bx"):  # a paired code split in two, as some tools write it
            parts.append(f"<{child.get('id')}>")
        elif name in ("ec", "ex"):
            parts.append(f"</{child.get('startRef') or child.get('rid') or child.get('id')}>")
        elif name == "x":
            parts.append(child.get("equiv-text") or "")
        else:  # <mrk> and other annotations: their content
            parts.append(read_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_exchange(data: bytes, path: Path) -> Exchange:
    """Parse an exported XLIFF 1.2 or 2.x file that a CAT tool may have edited."""
    root = refuse_entities(data, path, "XLIFF")  # never an entity's text; one line naming the file
    if etree.QName(root).localname != "xliff":
        raise InputError(path, f"not an XLIFF file: its root element is <{etree.QName(root).localname}>, not <xliff>")
    two = root.get("version", "").startswith("2")
    try:
        store = Xliff2File.parsestring(data) if two else xlifffile.parsestring(data)
    except (ValueError, StopIteration) as error:  # the toolkit's StopIteration: no <file> where it looks
        raise InputError(path, f"not an XLIFF file: {error or 'no <file> element'}") from None
    ns = store.namespace
    files = store.document.getroot().findall(f"{{{ns}}}file")
    if len(files) > 1:  # its units would all go into the first file's catalog
        raise InputError(path, f"holds {len(files)} <file> elements; release-pipeline exports one catalog per "
                               "XLIFF file: import each one as its own file")
    file = files[0] if files else None
    release_id = file.get("original") if file is not None else None
    lang = store.gettargetlanguage()
    if not release_id or not lang:
        raise InputError(path, "no release id (file/@original) or target language: not exported by release-pipeline")
    units = []
    for unit in store.units:
        element = unit.getunitelement() if two else unit.xmlelement
        nodes = unit.getlanguageNodes()
        target = nodes[1] if len(nodes) > 1 else None
        if two:
            reviewed = unit.xmlelement.get("state") in REVIEWED_STATES
        else:
            reviewed = unit.isapproved() or (target is not None and target.get("state") in REVIEWED_STATES)
        # 1.2's getid() prefixes the file name; the trans-unit's own id is the segment id
        segment_id = unit.getid() if two else unit.xmlelement.get("id")
        units.append(ExchangedUnit(segment_id, read_inline(nodes[0]), read_inline(target), reviewed,
                                   _exported(element, ns, two)))
    return Exchange(release_id, lang.replace("_", "-"), tuple(units))


def _exported(element: etree._Element, ns: str, two: bool) -> tuple[str, str] | None:
    attribute = "category" if two else "from"
    for note in element.iter(f"{{{ns}}}note"):
        if note.get(attribute) == EXPORTED:
            try:
                value = json.loads(note.text or "")
                return value["state"], value["msgstr"]
            except (ValueError, KeyError, TypeError):
                return None
    return None


def apply_exchange(exchange: Exchange, po_path: Path, check) -> ImportReport:
    """Write what the CAT tool changed into the PO file, never over a newer edit there.

    `check(source, target)` returns the QA findings of a translation (translate/qa.py `Checker.translation`)."""
    report = ImportReport(po_path)
    original = po_path.read_bytes()
    catalog = read_catalog(po_path, original)
    entries = {m.context: m for m in catalog if m.id}
    for unit in exchange.units:
        message = entries.get(unit.segment_id)
        if message is None:
            report.conflicts.append((unit.segment_id, "no such entry in the catalog any more"))
            continue
        if message.id != unit.source:
            report.conflicts.append((unit.segment_id, "the English sentence changed since the export"))
            continue
        current = (state_of(message), message.string)
        wanted = ("reviewed" if unit.reviewed else "machine", unit.target)
        if not unit.target or wanted == current or is_label(message):
            report.unchanged += 1
            continue
        if unit.exported is None or tuple(unit.exported) != current:
            report.conflicts.append((unit.segment_id, "changed in the PO file since the export; not overwritten"
                                     if unit.exported else "no record of the exported text; not overwritten"))
            continue
        findings = check(message.id, unit.target)
        _apply(message, unit, findings)
        report.imported.append((unit.segment_id, wanted[0]))
        if findings:
            report.findings.append((unit.segment_id, tuple(findings)))
    if report.imported:
        if po_path.read_bytes() != original:
            raise InputError(po_path, "changed on disk during the import; nothing was written: import again")
        atomic_write_bytes(po_path, po_bytes(catalog))
        report.written = True
    return report


def _apply(message: Message, unit: ExchangedUnit, findings: list[Finding]) -> None:
    """What a reviewer does in a PO editor: new msgstr, fuzzy removed when final; QA comments replaced."""
    message.string = unit.target
    if unit.reviewed:
        message.flags.discard("fuzzy")
        message.previous_id = ()  # as PO editors do when the flag goes
    else:
        message.flags.add("fuzzy")
        message.auto_comments = [c for c in message.auto_comments if not c.startswith(MACHINE)] + \
            [f"{MACHINE}edited in a CAT tool, not yet final"]
    message.user_comments = [c for c in message.user_comments if not c.startswith(QA)] + \
        [QA + str(finding) for finding in findings]

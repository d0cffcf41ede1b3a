"""Reading TMX files (translation memories of CAT tools) with translate-toolkit's `tmxfile`.

Each translation unit gives one (target language, source, target, date)
per target-language variant. Language codes are normalised to the project's
(`fr-FR`, `fr_FR`, `FR` → `fr`) unless the full tag is a configured language
(`pt-BR` stays when the project translates into `pt-BR`). Within a file, a
sentence given twice keeps its most recent translation (`changedate`, else
`creationdate`, of the variant or of its unit); the memory does the same
against what it already holds (`TranslationMemory.import_units`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree
from translate.storage.tmx import tmxfile

from ..errors import InputError
from ..fsutil import read_regular_file

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UNDATED = "1970-01-01T00:00:00+00:00"  # sorts before every real date


@dataclass(frozen=True)
class TmxUnit:
    lang: str
    source: str
    target: str
    updated: str  # ISO 8601 in UTC, comparable as text with the memory's `updated`


def refuse_entities(data: bytes, path: Path | str | None, kind: str) -> etree._Element:
    """Refuse an XML file (TMX, XLIFF) that declares or uses entities, before anything reads its text.

    An entity's text cannot be read safely (an external one names a file or URL; lxml leaves it
    out), so a unit holding one would come back with its text missing. A plain `<!DOCTYPE tmx SYSTEM
    "tmx14.dtd">`, as CAT tools write it, is accepted; the DTD is never loaded."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:  # the line up front, as in every one-line error
        raise InputError(path or "-", f"not a{'n' if kind[0] in 'AEIOUX' else ''} {kind} file: {error.msg}",
                         error.lineno or None) from None
    dtd = tree.docinfo.internalDTD  # the internal subset (lxml also gives one for a plain DOCTYPE)
    declared = dtd is not None and any(True for _ in dtd.iterentities())
    if declared or any(True for _ in tree.iter(etree.Entity)):
        raise InputError(path or "-", f"declares or uses XML entities (<!DOCTYPE … <!ENTITY …>, &name;): "
                                      f"refused, an entity's text cannot be read safely; export the {kind} again "
                                      "without them")
    return tree.getroot()


def normalise_lang(tag: str, known: Iterable[str] = ()) -> str:
    """`fr-FR` → `fr`, unless `fr-FR` itself is one of the `known` (configured) languages."""
    tag = tag.strip().replace("_", "-")
    for name in known:
        if name.casefold() == tag.casefold():
            return name
    return tag.split("-")[0].casefold()


def tmx_date(value: str | None) -> str | None:
    """TMX's `YYYYMMDDThhmmssZ` as ISO 8601 (`2024-02-21T10:00:00+00:00`)."""
    if not value:
        return None
    try:
        when = dt.datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None
    return when.isoformat(timespec="seconds")


def read_tmx(path: Path, source_lang: str, known: Iterable[str] = ()) -> list[TmxUnit]:
    """Every (source, target) pair of the file whose source is in `source_lang`; newest wins per sentence."""
    data = read_regular_file(path)  # not a FIFO or /dev/zero: those would wait or read for ever
    root = refuse_entities(data, path, "TMX")
    if etree.QName(root).localname != "tmx":
        raise InputError(path, f"not a TMX file: its root element is <{etree.QName(root).localname}>, not <tmx>")
    try:
        store = tmxfile.parsestring(data)
    except Exception as error:  # lxml's syntax errors and the toolkit's own: one line for the user
        raise InputError(path, f"not a TMX file: {error}") from None
    known = tuple(known)
    newest: dict[tuple[str, str], TmxUnit] = {}
    for unit in store.units:
        unit_date = tmx_date(unit.xmlelement.get("changedate")) or tmx_date(unit.xmlelement.get("creationdate"))
        variants = [(normalise_lang(node.get(XML_LANG) or node.get("lang") or "", known), node)
                    for node in unit.getlanguageNodes()]
        sources = [unit.getNodeText(node) for lang, node in variants if lang == source_lang]
        if not sources or not sources[0].strip():
            continue
        for lang, node in variants:
            text = unit.getNodeText(node)
            if lang == source_lang or not lang or not text.strip():
                continue
            updated = tmx_date(node.get("changedate")) or tmx_date(node.get("creationdate")) or unit_date or UNDATED
            candidate = TmxUnit(lang, sources[0], text, updated)
            key = (lang, candidate.source)
            if key not in newest or candidate.updated > newest[key].updated:
                newest[key] = candidate
    return list(newest.values())

"""The fixed words of every edition, from gettext catalogs translated by people.

Messages are marked in the code with `N_` (a constant) or called through a
`Labels`' `gettext`/`ngettext`; `make locales` extracts them into
locales/pipeline.pot, merges that into each locales/<lang>/LC_MESSAGES/pipeline.po
and compiles the .mo files (docs/localisation.md). At run time the .mo is read
when it is at least as new as its .po, else the .po itself, so an edited
catalog never goes unused.

The catalogs are looked for in the project's locales/ first (an organisation
may reword a label) and then in the pipeline's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo

from ..catalogs.po import read_catalog  # the strict PO reader: errors name the file and line
from ..release import Labels, PublicationNotice, TranslationStatus

DOMAIN = "pipeline"
PIPELINE_LOCALES = Path(__file__).resolve().parents[1] / "locales"  # shipped with the package


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is used."""
    return message


KIND_LABELS = {
    "press-release": N_("Press release"),
    "news-release": N_("News release"),
    "statement": N_("Statement"),
    "media-advisory": N_("Media advisory"),
}
MACHINE_NOTICE = N_("This is a machine translation that has not yet been reviewed in full. "
                    "The English original is authoritative.")


def kind_label(labels: Labels, kind: str) -> str:
    """"Press release" in the edition's language; an unknown kind is shown as written."""
    message = KIND_LABELS.get(kind)
    return labels.gettext(message) if message else kind.replace("-", " ").capitalize()


PHONE_LABELS = {"office": N_("Office"), "fax": N_("Fax"), "mobile": N_("Mobile"), "phone": N_("Phone")}

# Tables, figures and footnotes (issue 23): the text edition's "[Photo: …]" and "Notes" section,
# the spoken "Table: …", "Photo: …", "Note: …".
TABLE_LABEL = N_("Table")
FIGURE_LABEL = N_("Photo")
NOTES_LABEL = N_("Notes")
NOTE_LABEL = N_("Note")


def phone_label(labels: Labels, kind: str) -> str:
    """"Office", "Fax", "Mobile" or "Phone" in the edition's language."""
    return labels.gettext(PHONE_LABELS[kind])


# Publication (publication/decide.py): a preview edition's lines, and a public correction's.
DRAFT_NOTICE = N_("Draft — not published.")
EMBARGO_NOTICE = N_("EMBARGOED UNTIL %(time)s")
CORRECTION_NOTICE = N_("Corrected on %(date)s: %(note)s")


def notices(labels: Labels, status: TranslationStatus, publication: PublicationNotice = PublicationNotice()) -> list[str]:
    """What a reader must know first: whether the edition is public, then how its text came to be."""
    from .moments import format_day, format_moment  # Babel's dates load only when a notice needs them

    out = []
    if publication.embargo:
        out.append(labels.gettext(EMBARGO_NOTICE) % {
            "time": format_moment(publication.embargo, publication.timezone, labels.lang)})
    if publication.draft:
        out.append(labels.gettext(DRAFT_NOTICE))
    if publication.corrected:
        out.append(labels.gettext(CORRECTION_NOTICE) % {
            "date": format_day(publication.corrected, labels.lang), "note": publication.correction or ""})
    if status.machine:
        out.append(labels.gettext(MACHINE_NOTICE))
    if status.untranslated:
        out.append(labels.ngettext(
            "%(count)d sentence of this edition has not been translated yet and appears in English.",
            "%(count)d sentences of this edition have not been translated yet and appear in English.",
            status.untranslated) % {"count": status.untranslated})
    return out


def catalog_files(lang: str, directories: Iterable[Path]) -> tuple[Path, Path] | None:
    """(the .po, the .mo) of the first directory that has a catalog for `lang`."""
    for directory in directories:
        po = directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            return po, po.with_suffix(".mo")
    return None


def load_labels(lang: str, directories: Iterable[Path] = ()) -> Labels:
    """The labels of `lang`; a language without a catalog gets the English messages."""
    found = catalog_files(lang, [*directories, PIPELINE_LOCALES])
    if found is None:
        return Labels(lang)
    po, mo = found
    catalog = _read(po, mo)
    messages: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, (tuple, list)):  # read_mo gives lists, read_po tuples
            if all(message.string):
                messages[message.id[0]] = tuple(message.string)
        else:
            messages[message.id] = message.string
    return Labels(lang, messages, catalog.plural_expr)


def _read(po: Path, mo: Path) -> Catalog:
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as stream:
            return read_mo(stream)
    return read_catalog(po)

"""The accessibility statement of a public page's release, in that page's
language, in the form public bodies publish under the EU Web Accessibility
Directive's model statement (EN 301 549, WCAG 2.2 level AA): compliance
status, non-accessible content, the checks run, how the statement was
prepared, feedback and contact, enforcement procedure.

It is made from the checks that actually ran (checks/record.py
`CheckRecord`s, kept beside the release): each public edition of the page's
language gets one row per check it should have (`record.EXPECTED`: PDF/UA
and the pipeline's PDF checks, EPUBCheck and Ace, the audio checks) with
the validator, its version, the date and the result; a check with no record
is "not checked", never passed; an edition without an automated check
(text, braille …) is listed as not checked too. The status follows: not
compliant when every check run failed, partially compliant when one failed
or something was not checked, fully compliant (as far as the automated
checks tell, which the statement says) only when every edition passed every
check. The validators' summaries are their own English words, marked
`lang="en"`.

The date it says it was generated on is, unless given, the latest check's:
the statement's bytes change only when the checks do. Every fixed word is a
gettext label in the page's language; the contact and the enforcement
procedure come from the settings (`StatementSettings`), a localised
placeholder standing in for a procedure not yet described.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import format_date
from markupsafe import Markup

from ...checks.record import EXPECTED, CheckRecord
from ...languages import language
from ...localise.labels import N_, load_labels
from ...release import Labels
from .pages import PublicPage

STATEMENT_PAGE = "accessibility.html"  # beside the page: <id>/<lang>/accessibility.html
VALIDATOR_LANG = "en"  # the language the validators write their summaries in
PASSED, FAILED, NOT_CHECKED = "passed", "failed", "not checked"
FULL, PARTIAL, NONE = "full", "partial", "none"

TITLE = N_("Accessibility statement")
INTRO = N_("%(organisation)s is committed to making its publications accessible, in accordance with the "
           "European standard EN 301 549 and the Web Content Accessibility Guidelines (WCAG) 2.2, level AA.")
SCOPE = N_("This statement applies to the release “%(title)s” in %(language)s and to its editions listed below.")
STATUS_HEADING = N_("Compliance status")
STATUS = {
    FULL: N_("These editions are fully compliant with EN 301 549 and WCAG 2.2 level AA, as far as the "
             "automated checks listed below can tell."),
    PARTIAL: N_("These editions are partially compliant with EN 301 549 and WCAG 2.2 level AA, because of the "
                "failed checks and the content not checked listed below."),
    NONE: N_("These editions are not compliant with EN 301 549 and WCAG 2.2 level AA: every check run on them "
             "failed."),
}
PROBLEMS_HEADING = N_("Non-accessible content")
FAILED_ITEM = N_("%(edition)s (%(file)s): %(validator)s found problems.")
NOT_CHECKED_ITEM = N_("%(edition)s (%(file)s): not checked by %(validator)s.")
NO_CHECK_ITEM = N_("%(edition)s (%(file)s): no automated accessibility check exists for this edition; "
                   "it has not been checked.")
NOTHING_FOUND = N_("The checks found no content that is not accessible.")
AUTOMATED = N_("These checks are automated: they cannot find every barrier, and no person has audited "
               "these editions.")
CHECKS_HEADING = N_("Checks run on this release")
COLUMNS = (N_("Edition"), N_("File"), N_("Validator"), N_("Version"), N_("Date"), N_("Result"), N_("Details"))
RESULTS = {PASSED: N_("passed"), FAILED: N_("failed"), NOT_CHECKED: N_("not checked")}
NO_VALIDATOR = N_("none")
# Each edition named as the subject of a row or a sentence (the site's EDITION_NAMES fit "Download the
# … edition"); an edition not named here is shown by its name.
EDITION_TITLES = {
    "pdf": N_("PDF edition"), "text": N_("Plain-text edition"), "audio": N_("Audio edition (MP3)"),
    "audio-opus": N_("Audio edition (Opus)"), "audio-m4b": N_("Audio edition (M4B audiobook)"),
    "epub": N_("EPUB edition"), "braille": N_("Braille edition (BRF)"), "pef": N_("Braille edition (PEF)"),
    "captions": N_("Captions (WebVTT)"), "json": N_("Data (JSON)"), "email": N_("E-mail edition"),
}
PREPARATION_HEADING = N_("Preparation of this statement")
PREPARED = N_("This statement was generated on %(date)s from the checks run on this release’s editions.")
FEEDBACK_HEADING = N_("Feedback and contact information")
FEEDBACK = N_("If you meet a barrier in these editions, or need one of them in another format, "
              "please contact %(contact)s.")
ENFORCEMENT_HEADING = N_("Enforcement procedure")
NO_ENFORCEMENT = N_("%(organisation)s has not yet described the enforcement procedure that applies to it.")


@dataclass(frozen=True)
class StatementSettings:
    """From the settings: where readers report a barrier (an e-mail address or a web address; the
    organisation's name when there is none), and the enforcement procedure as the organisation words
    it (None: a placeholder says it is not described yet)."""

    contact: str | None = None
    enforcement: str | None = None


@dataclass(frozen=True)
class Row:
    """One check of one edition file."""

    edition: str  # the edition's name, in the statement's language
    file: str  # the file's name
    validator: str
    version: str
    date: str | None  # RFC 3339, None when not checked
    date_text: str  # in the statement's language
    result: str  # PASSED, FAILED or NOT_CHECKED
    result_text: str  # in the statement's language
    summary: str  # the validator's own words (English)


@dataclass(frozen=True)
class Statement:
    lang: str
    direction: str
    title: str
    intro: str
    scope: str
    status: str  # FULL, PARTIAL or NONE
    status_text: str
    problems: tuple[str, ...]  # failed and unchecked content, one sentence each; empty when none
    nothing_found: str
    automated: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    date: dt.date  # generated on
    date_text: str
    prepared: str  # the sentence, with date_text in it
    contact: str
    contact_href: str | None  # mailto: or a web address, when the contact is one
    feedback: str  # the sentence, with the contact in it
    enforcement: str
    headings: dict[str, str]  # "status", "problems", "checks", "preparation", "feedback", "enforcement"

    def html(self, level: int = 1) -> Markup:
        """The statement as an HTML fragment (a heading of `level`, then sections), escaped."""
        h1, h2 = f"h{level}", f"h{level + 1}"
        heading = self.headings

        def section(name: str, *body: Markup) -> Markup:
            return Markup("<{0}>{1}</{0}>\n").format(Markup(h2), heading[name]) + Markup("").join(body)

        def paragraph(text: str | Markup) -> Markup:
            return Markup("<p>{}</p>\n").format(text)

        time = Markup('<time datetime="{}">{}</time>').format(self.date.isoformat(), self.date_text)
        contact = (Markup('<a href="{}">{}</a>').format(self.contact_href, self.contact) if self.contact_href
                   else self.contact)
        problems = (Markup("<ul>\n{}</ul>\n").format(Markup("").join(Markup("<li>{}</li>\n").format(p)
                                                                        for p in self.problems))
                    if self.problems else paragraph(self.nothing_found))
        header = Markup("").join(Markup('<th scope="col">{}</th>').format(column) for column in self.columns)
        rows = Markup("").join(self._row_html(row) for row in self.rows)
        table = Markup("<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody>\n</table>\n").format(header, rows)
        return (Markup('<section class="accessibility-statement" lang="{}" dir="{}">\n').format(self.lang,
                                                                                                 self.direction)
                + Markup("<{0}>{1}</{0}>\n").format(Markup(h1), self.title)
                + paragraph(self.intro) + paragraph(self.scope)
                + section("status", paragraph(self.status_text))
                + section("problems", problems, paragraph(self.automated))
                + section("checks", table)
                + section("preparation", paragraph(_fill(self.prepared, self.date_text, time)))
                + section("feedback", paragraph(_fill(self.feedback, self.contact, contact)))
                + section("enforcement", paragraph(self.enforcement))
                + Markup("</section>\n"))

    def _row_html(self, row: Row) -> Markup:
        date = (Markup('<time datetime="{}">{}</time>').format(row.date, row.date_text) if row.date else row.date_text)
        summary = (Markup('<td lang="{}">{}</td>').format(VALIDATOR_LANG, row.summary) if row.summary
                   else Markup("<td></td>"))
        return Markup('<tr class="{}"><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
                      "<td>{}</td>{}</tr>\n").format(row.result.replace(" ", "-"), row.edition, row.file,
                                                     row.validator, row.version, date, row.result_text, summary)

    def text(self) -> str:
        """The statement as plain text (an e-mail, a text file)."""
        lines = [self.title, "", self.intro, "", self.scope, "", self.headings["status"], self.status_text, "",
                 self.headings["problems"], *([f"- {p}" for p in self.problems] or [self.nothing_found]),
                 self.automated, "", self.headings["checks"]]
        for row in self.rows:
            done = f" {row.version}, {row.date_text}" if row.date else ""
            lines.append(f"- {row.edition} ({row.file}): {row.validator}{done}: {row.result_text}"
                         + (f" ({row.summary})" if row.summary else ""))
        lines += ["", self.headings["preparation"], self.prepared, "", self.headings["feedback"], self.feedback, "",
                  self.headings["enforcement"], self.enforcement]
        return "\n".join(lines) + "\n"


def _fill(sentence: str, plain: str, marked: Markup | str) -> Markup:
    """The sentence (already filled in with `plain`) escaped, with `plain` replaced by its markup."""
    before, found, after = sentence.partition(plain)
    return Markup("{}{}{}").format(before, marked, after) if found else Markup("{}").format(sentence)


def statement_path(page: PublicPage) -> str:
    return f"{page.release_id}/{page.lang}/{STATEMENT_PAGE}"


def accessibility_statement(page: PublicPage, records: Iterable[CheckRecord],
                            settings: StatementSettings = StatementSettings(), locales: Iterable[Path] = (),
                            date: dt.date | None = None) -> Statement:
    """The statement of `page`'s release in `page.lang`, from the records of the checks that ran
    (those of other languages and of editions that are not public are left out)."""
    labels = load_labels(page.lang, list(locales))
    _ = labels.gettext
    locale = language(page.lang).locale
    records = [record for record in records if record.lang == page.lang]
    rows, problems = _rows(page, records, labels)
    results = {row.result for row in rows}
    if FAILED in results and PASSED not in results:
        status = NONE
    elif results & {FAILED, NOT_CHECKED} or not rows:
        status = PARTIAL
    else:
        status = FULL
    dates = [dt.datetime.fromisoformat(row.date) for row in rows if row.date]
    generated = date or (max(dates).date() if dates else page.updated.date())
    date_text = format_date(generated, format="long", locale=locale)
    contact = settings.contact or page.organisation
    return Statement(
        lang=page.lang, direction=language(page.lang).direction, title=_(TITLE),
        intro=_(INTRO) % {"organisation": page.organisation},
        scope=_(SCOPE) % {"title": page.title, "language": _language_name(page.lang)},
        status=status, status_text=_(STATUS[status]),
        problems=tuple(problems), nothing_found=_(NOTHING_FOUND), automated=_(AUTOMATED),
        columns=tuple(_(column) for column in COLUMNS), rows=tuple(rows),
        date=generated, date_text=date_text, prepared=_(PREPARED) % {"date": date_text},
        contact=contact, contact_href=_contact_href(contact), feedback=_(FEEDBACK) % {"contact": contact},
        enforcement=settings.enforcement or _(NO_ENFORCEMENT) % {"organisation": page.organisation},
        headings={"status": _(STATUS_HEADING), "problems": _(PROBLEMS_HEADING), "checks": _(CHECKS_HEADING),
                  "preparation": _(PREPARATION_HEADING), "feedback": _(FEEDBACK_HEADING),
                  "enforcement": _(ENFORCEMENT_HEADING)},
    )


def _rows(page: PublicPage, records: list[CheckRecord], labels: Labels) -> tuple[list[Row], list[str]]:
    """A row per expected check (or record) of each public edition, and the problem sentences."""
    _ = labels.gettext
    locale = language(labels.lang).locale
    rows, problems = [], []
    for edition in page.editions:
        name = _(EDITION_TITLES[edition.name]) if edition.name in EDITION_TITLES else edition.name
        file = Path(urlsplit(edition.url).path).name
        own = [record for record in records if record.edition == edition.name]
        validators = list(dict.fromkeys([*EXPECTED.get(edition.name, ()), *(record.validator for record in own)]))
        values = {"edition": name, "file": file}
        if not validators:
            rows.append(Row(name, file, _(NO_VALIDATOR), "", None, "", NOT_CHECKED, _(RESULTS[NOT_CHECKED]), ""))
            problems.append(_(NO_CHECK_ITEM) % values)
            continue
        for validator in validators:
            done = sorted((record for record in own if record.validator == validator), key=lambda r: r.date)
            if not done:
                rows.append(Row(name, file, validator, "", None, "", NOT_CHECKED, _(RESULTS[NOT_CHECKED]), ""))
                problems.append(_(NOT_CHECKED_ITEM) % {**values, "validator": validator})
                continue
            record = done[-1]  # the latest run
            result = PASSED if record.passed else FAILED
            when = format_date(dt.datetime.fromisoformat(record.date).date(), format="long", locale=locale)
            rows.append(Row(name, file, validator, record.version, record.date, when, result, _(RESULTS[result]),
                            record.summary))
            if not record.passed:
                problems.append(_(FAILED_ITEM) % {**values, "validator": validator})
    return rows, problems


def _language_name(lang: str) -> str:
    """"français" in French: CLDR's name of the language in itself."""
    return Locale.parse(language(lang).locale).languages.get(lang) or language(lang).name


def _contact_href(contact: str) -> str | None:
    """mailto: for an e-mail address, the address itself for a web address, else None."""
    parts = urlsplit(contact)
    if parts.scheme in ("http", "https") and parts.netloc:
        return contact
    if "@" in contact and " " not in contact.strip() and "/" not in contact:
        return "mailto:" + contact.strip()
    return None

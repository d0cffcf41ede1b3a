"""The contacts section: units and people, their phones, e-mails and addresses.

Press offices write contacts in every shape: a heading or a bold line per
person, one paragraph with line breaks, a bullet list, a table, labels
("Tel.", "Phone", "T:", "M:", "Fax", "E-mail") with or without a colon,
several fields on one line ("Tel: … | Email: …"). `ContactReader` reads
them all as *lines*, with one rule for each kind of line:

- a labelled or bare phone number → a phone of that kind;
- a labelled or bare e-mail address, or a `mailto:` link → an e-mail;
- a bold line, a heading, `Name: …`, or plain text that starts a new group
  of details (after a complete contact) → a new contact;
- any other line (a title such as "Project Officer", a postal address, a
  note) → kept verbatim in the contact's `address` lines, in order.

No line is ever dropped: what is not a phone, an e-mail or a name is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..release import Contact, Phone, Run, Runs, plain_text
from ..text.patterns import EMAIL, EMAIL_LOCAL, PHONE_AHEAD, PHONE_LINE

CONTACTS_HEADING = re.compile(
    r"^(?:(?:media|press)\s+)?contacts?(?:\s+(?:information|details|persons?))?\s*:?$"
    r"|^(?:media|press)\s+(?:enquiries|inquiries)\s*:?$"
    r"|^for\s+(?:more|further)\s+information,?\s+(?:please\s+)?contact\s*:?$",
    re.IGNORECASE,
)
# "Media contact: Jana Novak, +43 …" — the heading and the first contact on one line.
INLINE_CONTACTS_HEADING = re.compile(
    r"^(?P<heading>(?:(?:media|press)\s+)?contacts?|(?:media|press)\s+(?:enquiries|inquiries))\s*:\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)

# The label of a contact line → the kind of phone (or "email", "name").
LABELS = {
    "office": "office", "tel": "phone", "tel.": "phone", "telephone": "phone", "phone": "phone", "t": "phone",
    "fax": "fax", "f": "fax",
    "mobile": "mobile", "mob": "mobile", "mob.": "mobile", "cell": "mobile", "gsm": "mobile", "m": "mobile",
    "e-mail": "email", "email": "email", "mail": "email", "e": "email",
    "name": "name",
}
_LABEL_ALTERNATIVES = "|".join(sorted((re.escape(label.rstrip(".")) for label in LABELS), key=len, reverse=True))
# "Tel.: +43 …", "Tel. +43 …", "Phone +43 …", "T: +43 …" (one-letter labels need the colon).
LABELLED = re.compile(
    rf"^(?P<label>{_LABEL_ALTERNATIVES})(?P<mark>\s*\.?\s*:\s*|\s*\.\s*|\s+)(?P<value>\S.*)$",
    re.IGNORECASE,
)
EMAIL_LINE = re.compile(rf"^<?(?:mailto:)?(?P<address>{EMAIL.pattern})>?$", re.IGNORECASE)  # "<mailto:…>" too
# Fields on one line: "Tel: … | Email: …", "Jana Novak, +43 …, jana@…", "T: … M: …".
FIELD_SEPARATOR = re.compile(
    rf"\s*[|•·;]\s*|,\s*(?=(?:{_LABEL_ALTERNATIVES})\s*[:.]|{PHONE_AHEAD}|{EMAIL_LOCAL}@)"
    rf"|\s+(?=(?:{_LABEL_ALTERNATIVES})\s*:\s*[+(\d\w])",
    re.IGNORECASE,
)

UNIT_WORDS = re.compile(
    r"\b(?:unit|office|section|department|service|mission|secretariat|communications?|team|desk|OSCE)\b",
    re.IGNORECASE,
)


def digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def is_phone(text: str) -> bool:
    return bool(PHONE_LINE.match(text)) and digits(text) >= 6


def issuing_office(contacts: list[Contact]) -> str | None:
    """"Public Affairs Unit, OSCE Office for …" → "OSCE Office for …": the first unit contact's office."""
    for contact in contacts:
        if contact.kind == "unit" and contact.name:
            return contact.name.split(", ")[-1].strip() or None
    return None


def clean_label(text: str) -> str:
    return text.strip().strip("*_ ").strip()


def split_lines(runs: Runs) -> list[Runs]:
    """The runs of a paragraph, one tuple per written line."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                lines.append([])
            if piece:
                lines[-1].append(replace(run, text=piece))
    return [tuple(line) for line in lines if plain_text(tuple(line)).strip()]


def line_text(runs: Runs) -> str:
    """A contact line as text; a `mailto:` link whose text is not the address gains it."""
    parts = []
    for run in runs:
        parts.append(run.text)
        if run.href and run.href.lower().startswith("mailto:"):
            address = run.href[len("mailto:"):].split("?")[0]
            if address and address.lower() not in run.text.lower():
                parts.append(f" <{address}>")
    return clean_label("".join(parts))


class ContactReader:
    """Reads the contacts section, block by block, line by line."""

    def __init__(self) -> None:
        self.contacts: list[Contact] = []

    # --- blocks -------------------------------------------------------------------

    def heading(self, text: str) -> None:
        """A heading or a bold line in the contacts section names a contact."""
        self.start(clean_label(text).rstrip(":").strip())

    def paragraph(self, runs: Runs) -> None:
        lines = split_lines(runs)
        texts = [line_text(line) for line in lines]
        for number, (line, text) in enumerate(zip(lines, texts)):
            if all(run.strong for run in line if run.text.strip()) and not self._is_detail(text):
                self.start(text.rstrip(":").strip())  # "**Jana Novak**" on its own line
            else:
                self.line(text, following=texts[number + 1:])

    def item(self, runs: Runs) -> None:
        """A list item or a table row: its lines, like a paragraph's."""
        self.paragraph(runs)

    def table(self, rows: list[list[Runs]]) -> None:
        """One contact per row, named by its first cell that is not a phone or an
        e-mail; a header cell labels the others ("Phone: …", "Title: …")."""
        header, *body = rows or [[]]
        labels = [line_text(cell) for cell in header]
        if not body:  # a header with no rows: read the cells themselves
            body, labels = [header], []
        for row in body:
            named = False
            for column, cell in enumerate(row):
                label = labels[column] if column < len(labels) else ""
                for line in split_lines(cell):
                    text = line_text(line)
                    if not named and not self._is_detail(text):
                        self.start(text)
                        named = True
                    else:
                        self.line(f"{label}: {text}" if label else text, following=[])

    # --- lines --------------------------------------------------------------------

    def line(self, text: str, following: list[str]) -> None:
        fields = [clean_label(field) for field in FIELD_SEPARATOR.split(text)]
        fields = [field for field in fields if field]
        if len(fields) > 1 and not any(self._is_detail(field) for field in fields):
            fields = [clean_label(text)]  # "Ul. Miodowa 10; 00-251 Warsaw" is one address line
        for index, field in enumerate(fields):
            self.field(field, following=fields[index + 1:] + following)

    def field(self, text: str, following: list[str]) -> None:
        labelled = LABELLED.match(text)
        if labelled:
            kind = LABELS[labelled["label"].lower()]
            value = labelled["value"].strip()
            one_letter = len(labelled["label"]) == 1
            if one_letter and ":" not in labelled["mark"] and "." not in labelled["mark"]:
                labelled = None  # "M Smith" is not a mobile number
            elif kind == "email" and EMAIL_LINE.match(value):
                self.add(emails=(EMAIL_LINE.match(value)["address"],))
                return
            elif kind == "name" and ":" in labelled["mark"]:
                self.start(value)
                return
            elif kind not in ("email", "name") and value[:1] in "+(0123456789" and digits(value) >= 4:
                self.add(phones=(Phone(kind, value),))
                return
        email = EMAIL_LINE.match(text)
        if email:
            self.add(emails=(email["address"],))
        elif is_phone(text):
            self.add(phones=(Phone("phone", text),))
        elif self._starts_contact(text, following):
            self.start(text)
        else:
            self.add(address=(text,))

    def _starts_contact(self, text: str, following: list[str]) -> bool:
        """A plain line names a contact when none is open, or when the open one is
        complete and this line heads more details (not a trailing address line)."""
        if not self.contacts:
            return True
        current = self.contacts[-1]
        if not (current.phones or current.emails):
            return False
        if digits(text):
            return False  # "1010 Vienna": an address line
        return not following or any(self._is_detail(line) for line in following)

    @staticmethod
    def _is_detail(text: str) -> bool:
        """A phone number or an e-mail address, labelled or not."""
        text = clean_label(text)
        labelled = LABELLED.match(text)
        if labelled and LABELS[labelled["label"].lower()] != "name":
            value = labelled["value"]
            if EMAIL_LINE.match(value) or (value[:1] in "+(0123456789" and digits(value) >= 4):
                return True
        return bool(EMAIL_LINE.match(text) or is_phone(text) or EMAIL.fullmatch(text))

    # --- contacts -----------------------------------------------------------------

    def start(self, name: str) -> None:
        name = re.sub(r"\s+", " ", name).strip()
        kind = "unit" if UNIT_WORDS.search(name) else "person"
        self.contacts.append(Contact(name=name, kind=kind))

    def add(self, **additions: tuple) -> None:
        if not self.contacts:
            self.start("")
        contact = self.contacts[-1]
        changes = {key: getattr(contact, key) + value for key, value in additions.items()}
        self.contacts[-1] = replace(contact, **changes)

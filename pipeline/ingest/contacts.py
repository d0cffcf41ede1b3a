"""The contacts section: units and people, their phones, e-mails and addresses.

Press offices write contacts in every shape: a heading or a bold line per
person, one paragraph with line breaks, a bullet list, a table, labels
("Tel.", "Phone", "T:", "M:", "Fax", "E-mail") with or without a colon,
several fields on one line ("Tel: … | Email: …"), one contact to a line
("Name, body: phone or e-mail", "Name - + 41 22 … / e-mail",
"Name, title, Tel: …, Mob/WhatsApp: …, e-mail"). `ContactReader` reads them
all as *lines*, with one rule for each kind of line:

- a labelled or bare phone number → a phone of that kind;
- a labelled or bare e-mail address, or a `mailto:` link → an e-mail;
- a bold line, a heading, `Name: …`, or plain text that starts a new group
  of details (after a complete contact) → a new contact;
- a line that is a whole contact (a name, then a phone or an e-mail on the
  same line) → a contact of its own, unless it gives the details of the
  contact just named above it ("Anahit Petrosyan" / "Representative, Tel: …");
- a place under the contacts heading ("In Geneva", "In Nairobi") → a contact
  of its own, with no details, that heads the contacts after it;
- social handles ("Tag and share", "Twitter: @UNHumanRights", hashtags) →
  kept verbatim as lines: of a contact of their own when a line introduces
  them ("Tag and share"), else of the open contact;
- any other line (a title such as "Project Officer", a postal address, a web
  address, a note) → kept verbatim in the contact's `address` lines, in order.

No line is ever dropped: what is not a phone, an e-mail or a name is kept as
written. Only the words the editions write themselves in each language are
left out: the contacts heading, the labels, and the "or" between a phone and an
e-mail (`ContactReader.dropped`). A joined label keeps what it says beyond
the phone's kind with the number: "Mob/WhatsApp: +20 …" is a mobile
"+20 … (WhatsApp)", "Tel./Fax: +43 …" a phone "+43 … (Fax)".
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..release import Contact, Phone, Run, Runs, plain_text
from ..text.patterns import EMAIL, EMAIL_LOCAL, PHONE_AHEAD, PHONE_LINE, SCHEME, WWW

# The contacts heading, in any words a press office puts it ("Media contacts", "Press contact:",
# "Who to contact for further information:", "For more information and media requests, please contact:"):
# a short line made only of such words, one of them naming contacts or enquiries; a colon, or none.
# A sentence ("… contact us.") or a line with any other word ("Contacts with civil society") is text.
_HEADING_WORD = (
    r"(?:contact(?:s|ing)?|media|press|enquir(?:y|ies)|inquir(?:y|ies)|requests?|quer(?:y|ies)|questions"
    r"|information|details|further|more|additional|for|and|or|please|kindly|who|whom|to|persons?"
    r"|the|following|us|our)"
)
_HEADING_KEY = r"\b(?:contact|enquir|inquir)|\b(?:media|press)\s+(?:requests?|quer(?:y|ies))\b"
_HEADING_WORDS = rf"(?=[^:]*?(?:{_HEADING_KEY}))(?:{_HEADING_WORD}\b[\s,/&]*){{1,12}}?"
CONTACTS_HEADING = re.compile(rf"^{_HEADING_WORDS}\s*:?$", re.IGNORECASE)
# "Media contact: Jana Novak, +43 …" — the heading and the first contact on one line.
INLINE_CONTACTS_HEADING = re.compile(rf"^(?P<heading>{_HEADING_WORDS})\s*:\s*(?P<rest>\S.*)$",
                                     re.IGNORECASE | re.DOTALL)

# The label of a contact line → the kind of phone (or "email", "name"). "Mob/WhatsApp:", "Tel./Fax:":
# labels joined with "/" are one label, of the first one's kind; the parts that say more than that kind
# (another kind, or a service: "WhatsApp") are kept with the number ("+20 … (WhatsApp)", `label_note`).
LABELS = {
    "office": "office", "tel": "phone", "tel.": "phone", "telephone": "phone", "phone": "phone", "t": "phone",
    "fax": "fax", "f": "fax",
    "mobile": "mobile", "mob": "mobile", "mob.": "mobile", "cell": "mobile", "gsm": "mobile", "m": "mobile",
    "whatsapp": "mobile",
    "e-mail": "email", "email": "email", "mail": "email", "e": "email",
    "name": "name",
}
# Labels that name a service, not only the phone's kind: never left to the editions' own label.
SERVICE_LABELS = frozenset({"whatsapp"})
_LABEL_ALTERNATIVES = "|".join(sorted((re.escape(label.rstrip(".")) for label in LABELS), key=len, reverse=True))
_LABEL = rf"(?:{_LABEL_ALTERNATIVES})(?:\.?\s*/\s*(?:{_LABEL_ALTERNATIVES}))*"
# "Tel.: +43 …", "Tel. +43 …", "Phone +43 …", "T: +43 …" (one-letter labels need the colon).
LABELLED = re.compile(
    rf"^(?P<label>{_LABEL})(?P<mark>\s*\.?\s*:\s*|\s*\.\s*|\s+)(?P<value>\S.*)$",
    re.IGNORECASE,
)
EMAIL_LINE = re.compile(rf"^<?(?:mailto:)?(?P<address>{EMAIL.pattern})>?$", re.IGNORECASE)  # "<mailto:…>" too
# OHCHR writes "+ 41 22 917 9310": the country code's "+" apart from its digits.
_SPACED_PLUS = re.compile(r"^\+\s+(?=\d)")
# Where a phone number, an e-mail address or a labelled one begins (after a separator between fields).
_DETAIL_AHEAD = rf"{_LABEL}\s*[:.]|(?:\+\s)?{PHONE_AHEAD}|{EMAIL_LOCAL}@"
# Fields on one line: "Tel: … | Email: …", "Jana Novak, +43 …, jana@…", "T: … M: …",
# "Marta Ruiz - + 41 … / marta@…", "+48 … or jana@…" (the "or" is the editions' to write).
FIELD_SEPARATOR = re.compile(
    rf"\s*[|•·;]\s*|,\s*(?=(?:{_DETAIL_AHEAD}))|\s+[-–—/]\s+(?=(?:{_DETAIL_AHEAD}))"
    rf"|\s+(?:or|and)\s+(?=(?:{_DETAIL_AHEAD}))"
    rf"|\s+(?=(?:{_LABEL})\s*:\s*[+(\d\w])",
    re.IGNORECASE,
)
# "Jana Kowalczyk, ODIHR: +48 …": a name (and its body) before a colon, a detail after it.
NAMED_DETAILS = re.compile(r"^(?P<name>[^:]+?)\s*:\s*(?P<details>\S.*)$")
WEB_ADDRESS = re.compile(rf"^(?:{SCHEME}|{WWW})\S+$", re.IGNORECASE)

# A place heading the contacts after it: "In Geneva", "In Nairobi:", "At UN Headquarters".
PLACE_HEADING = re.compile(r"^(?:in|at)\s+[^\W\d_][^\d:@]{0,40}:?$", re.IGNORECASE)
MAX_PLACE_WORDS = 4
# A social network's handle or hashtag ("Twitter: @UNHumanRights", "Facebook: unitednationshumanrights",
# "#StandUp4HumanRights"); not an e-mail address's "@".
_NETWORK = (r"(?:twitter|x|facebook|instagram|linkedin|youtube|tiktok|telegram|threads|mastodon|bluesky"
            r"|flickr|vk|weibo|snapchat)")
SOCIAL = re.compile(rf"^{_NETWORK}\s*:|(?<![\w.+-])@[^\W_][\w.]*|(?<![\w&])#[^\W\d_]\w*", re.IGNORECASE)
HASHTAGS = re.compile(r"^(?:#[^\W\d_]\w*[\s,]*)+$")
SOCIAL_INTRO = re.compile(rf"^(?P<intro>(?!{_NETWORK}\s*:)[^:@#]{{1,40}}?)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)

UNIT_WORDS = re.compile(
    r"\b(?:unit|office|section|department|service|mission|secretariat|communications?|team|desk|OSCE)\b",
    re.IGNORECASE,
)
# … and what names an office after a person's name ("Marek Novotný, OSCE PA" names a delegation's member).
OFFICE_WORDS = re.compile(r"\b(?:unit|office|section|department|service|mission|secretariat|team|desk)\b",
                          re.IGNORECASE)


def digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def is_phone(text: str) -> bool:
    return bool(PHONE_LINE.match(_SPACED_PLUS.sub("+", text))) and digits(text) >= 6


def is_social(text: str) -> bool:
    return bool(SOCIAL.search(text))


def issuing_office(contacts: list[Contact]) -> str | None:
    """"Public Affairs Unit, OSCE Office for …" → "OSCE Office for …": the first unit contact's office;
    else a person's unit, named after the name ("Reem Nasser, UNICEF Regional Office for …")."""
    for contact in contacts:
        # A place ("In Geneva") or the social handles ("Tag and share") head contacts: no office.
        if contact.kind == "unit" and UNIT_WORDS.search(contact.name) and not PLACE_HEADING.match(contact.name):
            return contact.name.split(", ")[-1].strip() or None
    for contact in contacts:
        units = [part.strip() for part in contact.name.split(", ")[1:] if OFFICE_WORDS.search(part)]
        if contact.kind == "person" and units:
            return units[-1]
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
        # The contacts that head others rather than being reached themselves: a place ("In Geneva"),
        # the social handles' line ("Tag and share"); by index, with "place" or "social".
        self.groups: dict[int, str] = {}
        # Words of the section the editions write themselves ("or" between a phone and an e-mail), in
        # order: left out on purpose (see `take_dropped`).
        self.dropped: list[str] = []

    def take_dropped(self) -> list[str]:
        """The words left out since the last call (the assembler hands them to the conservation check)."""
        dropped, self.dropped = self.dropped, []
        return dropped

    # --- blocks -------------------------------------------------------------------

    def heading(self, text: str) -> None:
        """A heading or a bold line in the contacts section names a contact (or a place heading others)."""
        name = clean_label(text).rstrip(":").strip()
        self.start(name, group="place" if is_place(name) else None)

    def paragraph(self, runs: Runs) -> None:
        lines = split_lines(runs)
        texts = [line_text(line) for line in lines]
        for number, (line, text) in enumerate(zip(lines, texts)):
            if all(run.strong for run in line if run.text.strip()) and not self._is_detail(text):
                self.heading(text)  # "**Jana Novak**" on its own line
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

    def fields(self, text: str) -> list[str]:
        """A line's fields: "Reem Nasser, UNICEF …, Tel: +962 …, rnasser@unicef.org" → the name, the
        labelled phone, the e-mail; "Jana Kowalczyk, ODIHR: +48 … or jana@…" → the name and body, the
        phone, the e-mail. A line with no phone or e-mail in it is one field ("Ul. Miodowa 10; 00-251 Warsaw")."""
        fields: list[str] = []
        connectives: list[str] = []
        start = 0
        for separator in FIELD_SEPARATOR.finditer(text):
            fields.append(text[start:separator.start()])
            connectives += re.findall(r"[^\W\d_]+", separator.group())
            start = separator.end()
        fields.append(text[start:])
        fields = [clean_label(field) for field in fields]
        fields = [field for field in fields if field]
        if fields and not LABELLED.match(fields[0]) and not self._is_detail(fields[0]):
            named = NAMED_DETAILS.match(fields[0])
            if named and not digits(named["name"]) and self._is_detail(named["details"]):
                fields[:1] = [named["name"], named["details"]]
        if len(fields) > 1 and not any(self._is_detail(field) for field in fields):
            return [clean_label(text)]
        self.dropped += connectives
        return fields

    def line(self, text: str, following: list[str]) -> None:
        fields = self.fields(text)
        if self._is_one_line_contact(fields) and self._opens_contact(following):
            self.start(fields[0])  # "Marta Ruiz - + 41 22 917 9310 / marta.ruiz@un.org": a contact of its own
            fields = fields[1:]
        for index, field in enumerate(fields):
            self.field(field, following=fields[index + 1:] + following)

    def field(self, text: str, following: list[str]) -> None:
        labelled = LABELLED.match(text)
        if labelled:
            kind = LABELS[re.split(r"\s*/\s*", labelled["label"].lower())[0]]
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
                note = label_note(labelled["label"])
                self.add(phones=(Phone(kind, f"{value} ({note})" if note else value),))
                return
        email = EMAIL_LINE.match(text)
        if email:
            self.add(emails=(email["address"],))
        elif is_phone(text):
            self.add(phones=(Phone("phone", text),))
        elif WEB_ADDRESS.match(text):
            self.add(address=(text,))  # "www.osce.org/hcnm": the contact's web page, not a new contact
        elif is_social(text):
            self.social(text)
        elif is_place(text) and self._between_contacts():
            self.start(text.rstrip(":").strip(), group="place")
        elif self._starts_contact(text, following):
            social = bool(following) and is_social(following[0]) and not self._is_detail(following[0])
            self.start(text, group="social" if social else None)  # "Tag and share" over the handles
        else:
            self.add(address=(text,))

    def social(self, text: str) -> None:
        """A social handle: a line of the open contact ("Twitter: @jananovak" under Jana Novak, or under
        "Tag and share"); a line that introduces its handles ("Tag and share: Twitter @UNHumanRights …")
        is a contact of its own."""
        intro = SOCIAL_INTRO.match(text)
        if intro and not is_social(intro["intro"]) and is_social(intro["rest"]):
            self.start(intro["intro"], group="social")
            self.add(address=(intro["rest"],))
        elif not self.contacts or self._current_group() == "place" or (
                self._current_group() != "social" and HASHTAGS.match(text)):
            self.start("", group="social")  # "#StandUp4HumanRights": the release's, not a person's
            self.add(address=(text,))
        else:
            self.add(address=(text,))

    def _is_one_line_contact(self, fields: list[str]) -> bool:
        """A name (and title, body) and its phone or e-mail on one line: "Name, body: phone or e-mail"."""
        name = fields[0] if fields else ""
        return (len(fields) > 1 and not digits(name) and not LABELLED.match(name) and not self._is_detail(name)
                and not WEB_ADDRESS.match(name) and not is_social(name)
                and any(self._is_detail(field) for field in fields[1:]))

    def _opens_contact(self, following: list[str]) -> bool:
        """Whether a one-line contact is a contact of its own: it is, after a complete contact or a place
        heading, or when one-line contacts follow it; under a name with no details yet, it gives that
        contact's ("Anahit Petrosyan" / "Representative, UNICEF Armenia, Tel: …")."""
        if not self.contacts or self._between_contacts():
            return True
        return bool(following) and self._is_one_line_contact(self.fields_quietly(following[0]))

    def fields_quietly(self, text: str) -> list[str]:
        """`fields`, for a look ahead: the words it leaves out are not counted."""
        dropped = list(self.dropped)
        try:
            return self.fields(text)
        finally:
            self.dropped = dropped

    def _between_contacts(self) -> bool:
        """No contact open, or the open one is complete (a phone or an e-mail) or heads others."""
        if not self.contacts:
            return True
        current = self.contacts[-1]
        return bool(current.phones or current.emails) or self._current_group() is not None

    def _current_group(self) -> str | None:
        return self.groups.get(len(self.contacts) - 1)

    def _starts_contact(self, text: str, following: list[str]) -> bool:
        """A plain line names a contact when none is open, under a place, or when the open one is
        complete and this line heads more details (not a trailing address line)."""
        if not self.contacts or self._current_group():
            return True  # under a place ("In Geneva") or after the social handles: a contact's name
        current = self.contacts[-1]
        if not (current.phones or current.emails):
            return False
        if digits(text):
            return False  # "1010 Vienna": an address line
        return not following or any(self._is_detail(line) or is_social(line) for line in following)

    @staticmethod
    def _is_detail(text: str) -> bool:
        """A phone number or an e-mail address, labelled or not."""
        text = clean_label(text)
        labelled = LABELLED.match(text)
        if labelled and LABELS[re.split(r"\s*/\s*", labelled["label"].lower())[0]] != "name":
            value = labelled["value"]
            if EMAIL_LINE.match(value) or (value[:1] in "+(0123456789" and digits(value) >= 4):
                return True
        return bool(EMAIL_LINE.match(text) or is_phone(text) or EMAIL.fullmatch(text))

    # --- contacts -----------------------------------------------------------------

    def start(self, name: str, group: str | None = None) -> None:
        """A new contact: a unit when its name (before the first comma: "Reem Nasser, UNICEF Regional
        Office" is a person) names one, or when it heads others (a place, the social handles)."""
        name = re.sub(r"\s+", " ", name).strip()
        kind = "unit" if group or UNIT_WORDS.search(name.split(", ")[0]) else "person"
        if group:
            self.groups[len(self.contacts)] = group
        self.contacts.append(Contact(name=name, kind=kind))

    def add(self, **additions: tuple) -> None:
        if not self.contacts:
            self.start("")
        contact = self.contacts[-1]
        changes = {key: getattr(contact, key) + value for key, value in additions.items()}
        self.contacts[-1] = replace(contact, **changes)


def label_note(label: str) -> str:
    """What a joined label says beyond the phone's kind, as written: "Mob/WhatsApp" → "WhatsApp",
    "Tel./Fax" → "Fax", "WhatsApp" → "WhatsApp"; "" for "Tel.", "Mob./Mobile". The editions write the kind's own label; these
    words go with the number, like "(ext. 211)", so that none of the writer's is lost."""
    first, *others = re.split(r"\s*/\s*", label.strip())
    kind = LABELS[first.lower().rstrip(".")]
    extra = [part for number, part in enumerate([first, *others]) if part.lower().rstrip(".") in SERVICE_LABELS
             or (number and LABELS[part.lower().rstrip(".")] != kind)]
    return " / ".join(extra)


def is_place(text: str) -> bool:
    """"In Geneva", "In Nairobi:": a place that heads the contacts written under it."""
    words = text.split()
    return bool(PLACE_HEADING.match(text)) and len(words) <= MAX_PLACE_WORDS and words[1][:1].isupper()

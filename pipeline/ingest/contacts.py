"""The contacts section: units and people, their phones, e-mails and addresses."""

from __future__ import annotations

import re

from ..release import Contact

CONTACTS_HEADING = re.compile(
    r"^(?:(?:media|press)\s+)?contacts?(?:\s+information)?\s*:?$"
    r"|^for\s+(?:more|further)\s+information,?\s+(?:please\s+)?contact\s*:?$",
    re.IGNORECASE,
)

CONTACT_LINE = re.compile(
    r"^(?P<label>office|tel\.?|telephone|phone|fax|mobile|mob\.?|cell|gsm|e-?mail)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
PHONE_KINDS = {"office": "office", "fax": "fax", "mobile": "mobile", "mob": "mobile", "cell": "mobile", "gsm": "mobile"}
PHONE_NUMBER = re.compile(r"^\+?[\d ()./-]{6,}$")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")

UNIT_WORDS = re.compile(
    r"\b(?:unit|office|section|department|service|mission|secretariat|press|media|communications?|team|desk|OSCE)\b",
    re.IGNORECASE,
)


def issuing_office(contacts: list[Contact]) -> str | None:
    """"Public Affairs Unit, OSCE Office for …" → "OSCE Office for …": the first unit contact's office."""
    for contact in contacts:
        if contact.kind == "unit" and contact.name:
            return contact.name.split(", ")[-1].strip() or None
    return None

"""The spans of a sentence that every translation carries byte for byte.

Inline tags (`<1>…</1>`, segment.py's styled runs), URLs, e-mail addresses and
phone numbers. translate/protect.py masks them for the engines (before the
dates and numbers of localise.numbers); catalogs/xliff.py makes them codes
and placeholders a CAT tool's translator cannot mistype.
"""

from __future__ import annotations

import re

from .text.patterns import EMAIL, INLINE_TAG, VERBATIM_PHONE, VERBATIM_URL

VERBATIM: list[tuple[str, re.Pattern[str]]] = [
    ("tag", INLINE_TAG),
    ("url", VERBATIM_URL),
    ("email", EMAIL),
    ("phone", VERBATIM_PHONE),
]

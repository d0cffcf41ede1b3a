"""The dateline: "WARSAW, 21 February 2024 – " at the start of the first paragraph."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import InputError
from ..localise.places import zone_for_place
from ..release import Place

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# "WARSAW, 21 February 2024 – " or "TBILISI / WARSAW, February 21, 2024 - "
DATELINE = re.compile(
    r"^\s*(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?"
    r"(?:\s*/\s*[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?)*)"
    r"\s*,\s*(?P<date>\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4})"
    r"\s*[–—-]+\s*"
)


def split_places(text: str) -> list[str]:
    """"TBILISI / WARSAW" → ["TBILISI", "WARSAW"]."""
    return [re.sub(r"\s+", " ", name).strip() for name in text.split("/") if name.strip()]


def make_places(names: list[str], zones: list[str] | None = None) -> tuple[Place, ...]:
    """Each place with its CLDR time zone: given in front matter, or inferred from the name."""
    if zones:
        return tuple(Place(name, zone) for name, zone in zip(names, zones))
    return tuple(Place(name, zone_for_place(name)) for name in names)


def parse_english_date(text: str, path: Path, line: int) -> dt.date:
    """"21 February 2024", "21 Feb. 2024" or "February 21, 2024"."""
    words = re.findall(r"[^\W\d_]+|\d+", text)
    if words[0].isdigit():
        day, month_name, year = words
    else:
        month_name, day, year = words
    month = MONTHS.get(month_name.lower())
    if month is None:
        raise InputError(path, f"unknown month {month_name!r} in dateline date {text!r}", line)
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        raise InputError(path, f"impossible date {text!r} in dateline", line) from None

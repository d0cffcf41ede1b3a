"""Instants: the embargo, `--now`, the dates of approvals and versions, as ISO 8601 with an offset.

Every command that depends on the time takes `--now`, so that tests never wait
and a cron job's decision can be replayed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def instant(text: str, zone: str | None = None) -> str:
    """`2024-03-05T10:00+01:00` (or `…Z`) as an ISO instant with its offset. Without an offset the
    time is read in `zone` (the release's dateline zone); with neither it is refused (ValueError)."""
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("not a date and time (write 2024-03-05T10:00+01:00)") from None
    if when.tzinfo is None:
        if zone is None:
            raise ValueError("give the time's UTC offset (2024-03-05T10:00+01:00): the release names no time zone")
        try:
            when = when.replace(tzinfo=ZoneInfo(zone))
        except ZoneInfoNotFoundError:
            raise ValueError(f"unknown time zone {zone!r}") from None
    return when.isoformat(timespec="minutes")


def parse_instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def current(now: str | None) -> dt.datetime:
    """`--now` if given, else the clock (UTC)."""
    return parse_instant(now) if now else dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def is_before(now: dt.datetime, embargo: str | None) -> bool:
    return embargo is not None and now < parse_instant(embargo)

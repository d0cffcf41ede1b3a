"""A .docx or .odt is a zip archive: checked before pandoc unpacks it.

A zip bomb (a few hundred KB that unpack to gigabytes) would cost pandoc minutes
and gigabytes of memory before its timeout: the members' declared sizes,
their count and their compression ratios are bounded, and each compressed
member is unpacked (with zlib, stopping one byte past its declared size) to
catch a header that lies about its size. A refusal is one line naming the file.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError


MAX_UNPACKED = 200 * 1000 * 1000  # bytes, all the members of one file together
MAX_RATIO = 100  # uncompressed : compressed, for a member over RATIO_FROM
RATIO_FROM = 1000 * 1000  # bytes
MAX_MEMBERS = 10_000
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, file name length, extra field length


def check_archive(data: bytes, path: Path) -> None:
    """Refuse, in one line naming the file, a .docx/.odt that is not a zip, or that would unpack to
    more than MAX_UNPACKED bytes, MAX_MEMBERS members, or a member over RATIO_FROM bytes that expands
    more than MAX_RATIO times. The declared sizes are checked first (nothing is unpacked); then each
    deflated member is inflated, stopping at its declared size, so a member that lies about its size
    is refused too (pandoc does not believe the sizes: it inflates the whole stream)."""
    kind = path.suffix.lower() or "zip"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(path, f"is not a valid {kind} file (not a readable zip archive: {error})") from None
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"looks like a zip bomb: {len(members):,} members (at most {MAX_MEMBERS:,})")
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        raise InputError(path, f"looks like a zip bomb: {_mb(total)} MB uncompressed in {len(members):,} "
                               f"member{'s' if len(members) != 1 else ''} (at most {_mb(MAX_UNPACKED)} MB)")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise InputError(path, f"looks like a zip bomb: {_mb(member.file_size)} MB uncompressed from "
                                   f"{member.compress_size:,} bytes in {member.filename} ({ratio:,.0f}:1, at most "
                                   f"{MAX_RATIO}:1 for a part over {_mb(RATIO_FROM)} MB)")
    for member in members:
        if _unpacked_size(data, member) > member.file_size:
            raise InputError(path, f"looks like a zip bomb: {member.filename} unpacks to more than the "
                                   f"{member.file_size:,} bytes it declares")


def _unpacked_size(data: bytes, member: zipfile.ZipInfo) -> int:
    """What `member` really unpacks to, counted no further than one byte past its declared size;
    0 for what cannot be read (pandoc is the judge of a damaged member)."""
    start = member.header_offset
    if start + _LOCAL_HEADER.size > len(data):
        return 0
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, start)
    if signature != b"PK\x03\x04":
        return 0
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    compressed = memoryview(data)[begin:begin + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        return len(compressed)
    if member.compress_type != zipfile.ZIP_DEFLATED:
        return 0
    inflate, size, limit = zlib.decompressobj(-zlib.MAX_WBITS), 0, member.file_size + 1
    try:
        for offset in range(0, len(compressed), 64 * 1024):
            pending = compressed[offset:offset + 64 * 1024]
            while pending and size < limit:
                size += len(inflate.decompress(pending, 1024 * 1024))
                pending = inflate.unconsumed_tail
            if size >= limit or inflate.eof:
                break
    except zlib.error:
        return 0
    return size


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f}"

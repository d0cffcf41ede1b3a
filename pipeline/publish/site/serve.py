"""`release-pipeline serve`: the output folder over HTTP on this machine, for a quick look.

A small request handler on the standard library's `http.server` (no
dependency), not `SimpleHTTPRequestHandler`: it serves files and each
folder's `index.html`, and nothing else.

- no directory listings: a folder without `index.html` is 404;
- `Range` requests (one range: `bytes=A-B`, `bytes=A-`, `bytes=-N`) get 206
  with `Content-Range`, so audio players can seek; an unsatisfiable range is
  416; several ranges, or a malformed header, get the whole file (200), as
  RFC 9110 allows; `If-Range`, `ETag` and `If-None-Match` are honoured;
- hidden and temporary files are never served: a path with a name starting
  with "." (`.releases/`, `.staging-…`) or ending with ".tmp" is 404, whatever
  is on disk. A release's folder `outputs/<id>` is a symbolic link into
  `.releases/`; links are followed as long as they stay in the output folder;
- a hostile path (`/%00`, `/../etc/passwd`, bad percent-encoding, invalid
  UTF-8) is 400, an over-long one 404 or 414; no request prints a traceback;
- it never writes: a podcast feed written for this machine (`feeds/<lang>.xml`
  with a local base URL, such as the default `http://localhost:8000/`) is sent
  with the address actually served in its place (`feeds.feed_as_served`), in
  memory; the file stays as `run` or `publish` wrote it;
- HTTP/1.1 keep-alive without stalls: accepted sockets get `TCP_NODELAY`, and
  a response's headers and a small body leave in one write (`wfile` is
  buffered and flushed once per response), so Nagle's algorithm and the
  client's delayed ACK never hold a request back (issue 24: 44 ms each);
- a connection is closed when its client sends no complete request head
  (request line and headers) within `timeout` seconds (10 by default) of the
  previous response: idle, or trickling its headers a byte at a time.
"""

from __future__ import annotations

import email.utils
import http.server
import io
import json
import mimetypes
import os
import re
import socket
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from ...errors import PipelineError
from .feeds import FEEDS_DIR, feed_as_served, served_base_url

MEDIA_TYPES = {
    ".mp3": "audio/mpeg", ".opus": "audio/ogg", ".m4b": "audio/mp4", ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8", ".json": "application/json",
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".atom": "application/atom+xml",
    ".eml": "message/rfc822", ".vtt": "text/vtt", ".epub": "application/epub+zip",
    ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",  # publish/images.py
}
TEMPORARY_SUFFIX = ".tmp"
MAX_PATH = 4096  # characters of a decoded path; longer ones name no published file
MAX_NAME = 255  # bytes of one path segment (the usual file-system limit)
CHUNK = 64 * 1024
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
RANGE_SPEC = re.compile(r"\s*(\d*)\s*-\s*(\d*)\s*")
BIG = 10**18  # stands for any number of more digits than that (int() of 4,300+ digits raises)


def withdrawn(root: Path, release_id: str) -> bool:
    """A release withdrawn from the public tree (publication/public.py): its files answer 410 Gone."""
    try:
        manifest = json.loads((root / release_id / "manifest.json").read_bytes())
        return bool((manifest.get("publication") or {}).get("withdrawn"))
    except (OSError, ValueError, AttributeError):
        return False


class RequestError(Exception):
    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None):
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or {}


def is_hidden(name: str) -> bool:
    """Names never served: hidden files and folders, and temporary files of an interrupted write."""
    return name.startswith(".") or name.endswith(TEMPORARY_SUFFIX)


FEED_TYPES = {".xml": "application/rss+xml", ".json": "application/feed+json"}  # feeds/: podcast RSS, JSON Feed


def media_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if path.parent.name == FEEDS_DIR and suffix in FEED_TYPES:
        return FEED_TYPES[suffix]
    if suffix == ".xml":  # sitemap.xml and any other XML
        return "application/xml"
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte of a `Range` header's one range in a file of `size` bytes.

    None: ignore the header (not bytes, several ranges, malformed); serve the whole file.
    Raises RequestError(416) when the range is unsatisfiable.
    """
    unit, _, specs = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in specs:
        return None
    match = RANGE_SPEC.fullmatch(specs)
    if not match or not (match[1] or match[2]):
        return None
    first, last = (min(int(d[:19]), BIG) if d else None for d in (match[1], match[2]))
    unsatisfiable = RequestError(416, "Range Not Satisfiable", {"Content-Range": f"bytes */{size}"})
    if first is None:  # bytes=-N: the last N bytes
        if last == 0 or size == 0:
            raise unsatisfiable
        return max(0, size - last), size - 1
    if last is not None and last < first:
        return None  # invalid: ignored, as RFC 9110 says
    if first >= size:
        raise unsatisfiable
    return first, size - 1 if last is None else min(last, size - 1)


class DeadlineReader(io.RawIOBase):
    """The socket's bytes, each wait bounded by what is left of the handler's `deadline`.

    A socket timeout alone bounds each `recv`: a client sending one byte every
    few seconds would hold its connection (and a thread) open for ever.
    """

    def __init__(self, sock: socket.socket, handler: Handler):
        self.sock, self.handler = sock, handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        deadline = self.handler.deadline
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no complete request in time")
            self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


class Handler(http.server.BaseHTTPRequestHandler):
    """Serves the files under `root` (set by `make_server`); see the module's docstring."""

    root: Path
    served: str | None = None  # the base URL served ("http://127.0.0.1:8765/"): local feeds are sent with it
    quiet: bool = False
    server_version = "release-pipeline-serve"
    protocol_version = "HTTP/1.1"
    timeout: float = 10  # seconds to send a complete request head (idle keep-alive, trickled headers)
    wbufsize = CHUNK  # buffered: the headers and a small body leave in one write (flushed once per request)
    deadline: float | None = None

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BufferedReader(DeadlineReader(self.connection, self), self.rbufsize if self.rbufsize > 0
                                       else io.DEFAULT_BUFFER_SIZE)

    def handle_one_request(self) -> None:
        # The whole request head must arrive within `timeout`; the response is then sent
        # with the plain per-write socket timeout (a slow player may take longer for an MP3).
        self.deadline = time.monotonic() + self.timeout
        try:
            super().handle_one_request()
        finally:
            self.deadline = None
            self.connection.settimeout(self.timeout)
            if not self.wfile.closed:
                try:
                    self.wfile.flush()  # an error answered before the method ran (414, 400 …)
                except OSError:
                    self.close_connection = True

    def parse_request(self) -> bool:
        parsed = super().parse_request()  # reads the headers, under the deadline
        self.deadline = None
        self.connection.settimeout(self.timeout)
        return parsed

    def do_GET(self) -> None:
        self.respond(body=True)

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def respond(self, body: bool) -> None:
        try:
            path, redirect = self.target()
            if redirect:
                self.send_response(301)
                self.send_header("Location", redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_file(path, body)
        except RequestError as error:
            self.send_problem(error.status, error.reason, error.headers, body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away (a player seeking elsewhere)

    def target(self) -> tuple[Path, str | None]:
        """The file a request names, or (_, where to redirect) for a folder without its slash."""
        try:
            url = urllib.parse.urlsplit(self.path)
        except ValueError:
            raise RequestError(400, "Bad Request") from None
        raw = url.path
        if not raw.startswith("/") or BAD_PERCENT.search(raw):
            raise RequestError(400, "Bad Request")
        try:
            decoded = urllib.parse.unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(400, "Bad Request") from None
        if any(ch < " " or ch in "\x7f\\" for ch in decoded):
            raise RequestError(400, "Bad Request")
        names = [name for name in decoded.split("/") if name]
        if any(name in (".", "..") for name in names):
            raise RequestError(400, "Bad Request")
        if (len(decoded) > MAX_PATH or any(is_hidden(name) for name in names)
                or any(len(name.encode("utf-8")) > MAX_NAME for name in names)):
            raise RequestError(404, "Not Found")
        root = self.root.resolve()
        try:
            # Links are followed (outputs/<id> → .releases/<id>/<version>), but only inside the root.
            path = root.joinpath(*names).resolve(strict=True)
            if not path.is_relative_to(root):
                raise RequestError(404, "Not Found")
            if path.is_dir():
                if not decoded.endswith("/"):
                    location = "/" + "".join(urllib.parse.quote(name) + "/" for name in names)
                    return path, location + (f"?{url.query}" if url.query else "")
                path = path / "index.html"
            if not path.is_file() or is_hidden(path.name):
                raise RequestError(404, "Not Found")  # a folder without index.html: no listing
        except (OSError, RuntimeError, ValueError):
            if names and withdrawn(root, names[0]):  # its notice pages stay; its files are gone for good
                raise RequestError(410, "Gone") from None
            raise RequestError(404, "Not Found") from None
        return path, None

    def send_file(self, path: Path, body: bool) -> None:
        try:
            handle = path.open("rb")
        except OSError:
            raise RequestError(404, "Not Found") from None
        with handle:
            stat = os.fstat(handle.fileno())
            source, size = handle, stat.st_size
            if self.served and self.is_feed(path):
                content = feed_as_served(handle.read(), path.name, self.served)
                source, size = io.BytesIO(content), len(content)
            etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
            modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
            common = {"Content-Type": media_type(path), "Accept-Ranges": "bytes", "ETag": etag,
                      "Last-Modified": modified, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
            if self.not_modified(etag, stat.st_mtime):
                self.send_headers(304, {k: v for k, v in common.items() if k != "Content-Type"})
                return
            span = None
            requested = self.headers.get("Range")
            if_range = self.headers.get("If-Range")
            if requested and (if_range is None or if_range.strip() in (etag, modified)):
                try:
                    span = byte_range(requested, size)
                except RequestError as error:
                    error.headers = {**error.headers, "Accept-Ranges": "bytes"}
                    raise
            if span is None:
                first, length = 0, size
                self.send_headers(200, {**common, "Content-Length": str(size)})
            else:
                first, length = span[0], span[1] - span[0] + 1
                self.send_headers(206, {**common, "Content-Length": str(length),
                                        "Content-Range": f"bytes {span[0]}-{span[1]}/{size}"})
            if body:
                source.seek(first)
                self.copy(source, length)

    def is_feed(self, path: Path) -> bool:
        """A podcast feed the site wrote: `feeds/<lang>.xml` at the root (path is resolved)."""
        return path.suffix == ".xml" and path.parent.name == FEEDS_DIR and path.parent.parent == self.root.resolve()

    def not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = email.utils.parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return since.tzinfo is not None and int(mtime) <= since.timestamp()
        return False

    def copy(self, handle, length: int) -> None:
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                break  # the file shrank while being sent; the client sees a short body
            self.wfile.write(chunk)
            length -= len(chunk)

    def send_headers(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def send_problem(self, status: int, reason: str, headers: dict[str, str], body: bool) -> None:
        content = f"{status} {reason}\n".encode("ascii")
        if status == 400:
            self.close_connection = True
            headers = {**headers, "Connection": "close"}
        self.send_headers(status, {**headers, "Content-Type": "text/plain; charset=utf-8",
                                   "Content-Length": str(len(content)), "X-Content-Type-Options": "nosniff"})
        if body:
            self.wfile.write(content)

    def log_message(self, format: str, *values) -> None:
        if not self.quiet:
            super().log_message(format, *values)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    quiet = False

    def get_request(self):
        connection, address = super().get_request()
        try:  # no Nagle delay: a keep-alive client's next request waits for no ACK (issue 24)
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass  # not TCP (a Unix socket): nothing to turn off
        return connection, address

    def handle_error(self, request, client_address) -> None:
        """One line, never a traceback: the server goes on serving."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)) or self.quiet:
            return
        print(f"serve: {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0, quiet: bool = True,
                timeout: float = Handler.timeout) -> Server:
    """A server for `directory`, bound but not yet serving (`serve_forever` in a thread for tests).

    `timeout`: seconds a connection has to send a complete request head before it is closed.
    """
    handler = type("OutputsHandler", (Handler,), {"root": Path(directory), "quiet": quiet, "timeout": timeout})
    try:
        server = Server((host, port), handler)
    except OSError as error:
        raise PipelineError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    server.quiet = quiet
    handler.served = served_base_url(f"http://{host}:{server.server_port}/")  # the port, once bound
    return server


def serve(directory: Path, host: str, port: int, quiet: bool, announce: Callable[[str], None]) -> None:
    """Serve `directory` until interrupted (Ctrl-C)."""
    server = make_server(directory, host, port, quiet)
    announce(f"http://{host}:{server.server_port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

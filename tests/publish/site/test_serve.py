"""`release-pipeline serve`: no listings, Range requests, hostile paths, hidden files (loopback only)."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from pipeline.publish.site.serve import RequestError, byte_range, make_server

from ...conftest import EXAMPLE, run_in_new_project, write

AUDIO = bytes(range(256)) * 40  # 10,240 bytes, each position distinguishable enough
TIMEOUT = 10


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    root = tmp_path / "outputs"
    version = root / ".releases" / "2024-03-05-x" / "0123456789abcdef"
    (version / "fr").mkdir(parents=True)
    (version / "fr" / "audio.mp3").write_bytes(AUDIO)
    (version / "fr" / "index.html").write_text("<!doctype html><title>fr</title>", encoding="utf-8")
    (version / "manifest.json").write_text("{}", encoding="utf-8")
    (version / "fr" / ".audio.mp3.abc123.tmp").write_bytes(b"half")
    (root / "2024-03-05-x").symlink_to(version.relative_to(root))  # as publish/writer.py links a release
    (root / "index.html").write_text("<!doctype html><title>site</title>", encoding="utf-8")
    (root / "site.css").write_text("body{}", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "feeds").mkdir()  # a folder without index.html
    (root / "feeds" / "fr.xml").write_text("<rss/>", encoding="utf-8")
    (root / ".index.html.x1y2.tmp").write_text("staged", encoding="utf-8")
    (root / "notes.tmp").write_text("staged", encoding="utf-8")
    (root / ".hidden").write_text("secret", encoding="utf-8")
    (root / ".staging-42").mkdir()
    (root / ".staging-42" / "page.html").write_text("staged", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("outside", encoding="utf-8")
    (root / "escape.txt").symlink_to(tmp_path / "outside.txt")
    return root


@contextlib.contextmanager
def serving(outputs: Path, **options):
    """`serve`'s server on a free port in a thread; yields the port, shuts it down after."""
    server = make_server(outputs, "127.0.0.1", 0, quiet=True, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


@pytest.fixture
def server(outputs: Path):
    with serving(outputs) as port:
        yield port


def request(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """(status, headers, body) of one request sent exactly as given (no client-side normalising)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def raw_request(port: int, data: bytes) -> bytes:
    """Bytes straight to the socket, for request lines http.client would refuse to send: the answer's head."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received and (chunk := sock.recv(65536)):
            received += chunk
    return received


# --- ordinary files --------------------------------------------------------------------------


def test_a_file_is_served_whole_with_its_type_and_accept_ranges(server):
    status, headers, body = request(server, "/2024-03-05-x/fr/audio.mp3")
    assert (status, body) == (200, AUDIO)
    assert headers["Content-Type"] == "audio/mpeg" and headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Length"] == str(len(AUDIO))
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/site.css", timeout=TIMEOUT) as response:
        assert response.status == 200 and response.read() == b"body{}"
        assert response.headers["Content-Type"] == "text/css"


def test_a_folder_serves_its_index_and_gets_its_slash(server):
    status, headers, body = request(server, "/")
    assert status == 200 and b"<title>site</title>" in body
    status, headers, _ = request(server, "/2024-03-05-x/fr?x=1")
    assert status == 301 and headers["Location"] == "/2024-03-05-x/fr/?x=1"
    status, _, body = request(server, "/2024-03-05-x/fr/")
    assert status == 200 and b"<title>fr</title>" in body


def test_head_sends_headers_only(server):
    status, headers, body = request(server, "/2024-03-05-x/fr/audio.mp3", method="HEAD")
    assert (status, body) == (200, b"") and headers["Content-Length"] == str(len(AUDIO))


def test_unchanged_file_is_304_with_its_etag(server):
    _, headers, _ = request(server, "/site.css")
    status, _, body = request(server, "/site.css", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


# --- no listings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/feeds/", "/feeds", "/2024-03-05-x/"])
def test_no_directory_listing(server, path):
    status, _, body = request(server, path)
    if status == 301:  # the slash first, then refused
        status, _, body = request(server, path + "/")
    assert status in (403, 404)
    assert b"fr.xml" not in body and b"manifest" not in body


# --- ranges --------------------------------------------------------------------------------------


@pytest.mark.parametrize("header, first, last", [
    ("bytes=0-99", 0, 99),
    ("bytes=100-100", 100, 100),
    ("bytes=10000-", 10000, len(AUDIO) - 1),
    ("bytes=0-", 0, len(AUDIO) - 1),  # what Chromium's media player sends first
    ("bytes=-300", len(AUDIO) - 300, len(AUDIO) - 1),
    ("bytes=-999999", 0, len(AUDIO) - 1),  # a suffix longer than the file: all of it
    ("bytes=10200-99999", 10200, len(AUDIO) - 1),  # an end beyond the file is clamped
    ("BYTES = 5 - 9", 5, 9),
])
def test_a_range_is_206_with_exactly_those_bytes(server, header, first, last):
    status, headers, body = request(server, "/2024-03-05-x/fr/audio.mp3", {"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{len(AUDIO)}"
    assert headers["Content-Length"] == str(last - first + 1)
    assert headers["Accept-Ranges"] == "bytes" and headers["Content-Type"] == "audio/mpeg"
    assert body == AUDIO[first:last + 1]


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000", "bytes=-0",
                                    "bytes=" + "9" * 5000 + "-"])
def test_an_unsatisfiable_range_is_416(server, header):
    status, headers, _ = request(server, "/2024-03-05-x/fr/audio.mp3", {"Range": header})
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(AUDIO)}"


def test_any_range_of_an_empty_file_is_416(server):
    assert request(server, "/empty.txt", {"Range": "bytes=-5"})[0] == 416
    assert request(server, "/empty.txt", {"Range": "bytes=0-"})[0] == 416
    assert request(server, "/empty.txt")[:1] == (200,)


@pytest.mark.parametrize("header", ["bytes=5-2", "items=0-5", "bytes=0-1,5-6", "bytes=x-y", "bytes=-", "nonsense"])
def test_a_range_header_that_cannot_be_honoured_simply_gets_the_whole_file(server, header):
    status, _, body = request(server, "/2024-03-05-x/fr/audio.mp3", {"Range": header})
    assert (status, body) == (200, AUDIO)


def test_if_range_with_a_stale_validator_gets_the_whole_file(server):
    path = "/2024-03-05-x/fr/audio.mp3"
    etag = request(server, path, method="HEAD")[1]["ETag"]
    assert request(server, path, {"Range": "bytes=0-9", "If-Range": etag})[0] == 206
    status, _, body = request(server, path, {"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert (status, body) == (200, AUDIO)


def test_byte_range_parsing():
    assert byte_range("bytes=0-0", 1) == (0, 0)
    assert byte_range("bytes=-1", 1) == (0, 0)
    assert byte_range("bytes=3-", 10) == (3, 9)
    assert byte_range("bytes=2-1", 10) is None
    with pytest.raises(RequestError):
        byte_range("bytes=10-", 10)


# --- hidden, temporary and outside files -----------------------------------------------------


@pytest.mark.parametrize("path", [
    "/.hidden", "/notes.tmp", "/.index.html.x1y2.tmp", "/.staging-42/page.html", "/.staging-42/",
    "/.releases/2024-03-05-x/0123456789abcdef/manifest.json", "/2024-03-05-x/fr/.audio.mp3.abc123.tmp",
    "/%2Ehidden", "/notes%2Etmp", "/escape.txt", "/missing.html",
])
def test_hidden_temporary_and_outside_files_are_never_served(server, path):
    status, _, body = request(server, path)
    assert status == 404
    assert b"secret" not in body and b"staged" not in body and b"outside" not in body and b"half" not in body


def test_a_release_served_through_its_link_into_the_hidden_versions(server):
    assert request(server, "/2024-03-05-x/manifest.json")[:1] == (200,)


# --- hostile requests -------------------------------------------------------------------------


@pytest.mark.parametrize("path, expected", [
    ("/%00", 400),
    ("/index.html%00.txt", 400),
    ("/../etc/passwd", 400),
    ("/..%2f..%2fetc/passwd", 400),
    ("/%2e%2e/%2e%2e/etc/passwd", 400),
    ("/feeds/../../etc/passwd", 400),
    ("/%zz", 400),
    ("/%", 400),
    ("/%c3%28", 400),  # not UTF-8
    ("/a%0d%0aSet-Cookie:%20x=1", 400),
    ("/..\\..\\etc\\passwd", 400),
    ("//etc/passwd", 404),
    ("/" + "a" * 300, 404),
    ("/" + "a/" * 3000, 404),
    ("relative/path", 400),
])
def test_hostile_paths_are_refused_without_a_crash(server, path, expected, capfd):
    status, headers, body = request(server, path)
    assert status == expected
    assert b"root:" not in body and "Set-Cookie" not in headers
    assert request(server, "/site.css")[0] == 200  # still serving
    assert "Traceback" not in capfd.readouterr().err


def test_malformed_request_lines_get_an_answer(server, capfd):
    assert raw_request(server, b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert raw_request(server, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 414")
    assert b"400" in raw_request(server, b"\xff\xfe garbage\r\n\r\n")  # no version: answered as HTTP/0.9
    assert raw_request(server, b"GET http://[::1/ HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 400")
    redirect = raw_request(server, b"GET //feeds HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert redirect.startswith(b"HTTP/1.1 404") or b"\r\nLocation: /" in redirect and b"Location: //" not in redirect
    assert request(server, "/site.css")[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_other_methods_are_not_implemented(server):
    assert request(server, "/site.css", method="POST")[0] == 501
    assert request(server, "/site.css", method="PUT")[0] == 501


def test_urllib_sees_a_range_and_an_error(server):
    url = f"http://127.0.0.1:{server}/2024-03-05-x/fr/audio.mp3"
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Range": "bytes=-10"}), timeout=TIMEOUT) as r:
        assert r.status == 206 and r.read() == AUDIO[-10:]
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"http://127.0.0.1:{server}/feeds/", timeout=TIMEOUT)
    assert error.value.code == 404


# --- keep-alive and slow clients (issue 24) -----------------------------------------------------


@pytest.fixture
def quick_server(outputs: Path):
    """A server that closes a connection sending no complete request head within 0.5 s."""
    with serving(outputs, timeout=0.5) as port:
        yield port


def closed_by_server(sock: socket.socket) -> bool:
    """True when the server closed the connection (EOF or reset) within TIMEOUT seconds."""
    sock.settimeout(TIMEOUT)
    try:
        while sock.recv(65536):
            pass  # a 408-style answer, if any, before the close
    except ConnectionResetError:
        pass
    except TimeoutError:
        return False
    return True


def test_requests_on_one_keep_alive_connection_are_all_answered_with_their_bodies(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=TIMEOUT)
    try:
        answers = []
        for path, headers in [("/site.css", {}), ("/2024-03-05-x/fr/audio.mp3", {}),
                              ("/2024-03-05-x/fr/audio.mp3", {"Range": "bytes=100-199"}), ("/empty.txt", {}),
                              ("/missing", {}), ("/index.html", {})]:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            answers.append((response.status, int(response.headers["Content-Length"]), response.read()))
            assert not response.will_close
        connection.request("HEAD", "/site.css")
        head = connection.getresponse()
        assert head.status == 200 and head.headers["Content-Length"] == "6" and head.read() == b""
        first_socket = connection.sock
        connection.request("GET", "/site.css")
        again = connection.getresponse()
        assert again.read() == b"body{}" and connection.sock is first_socket  # never reconnected
    finally:
        connection.close()
    assert answers == [(200, 6, b"body{}"), (200, len(AUDIO), AUDIO), (206, 100, AUDIO[100:200]), (200, 0, b""),
                       (404, 14, b"404 Not Found\n"), (200, 34, b"<!doctype html><title>site</title>")]


def test_two_pipelined_requests_in_one_write_get_two_answers(server):
    with socket.create_connection(("127.0.0.1", server), timeout=TIMEOUT) as sock:
        sock.sendall(b"GET /site.css HTTP/1.1\r\nHost: x\r\n\r\nGET /empty.txt HTTP/1.1\r\nHost: x\r\n"
                     b"Connection: close\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    first, _, rest = received.partition(b"\r\n\r\n")
    assert first.startswith(b"HTTP/1.1 200") and b"Content-Length: 6" in first and rest.startswith(b"body{}HTTP/1.1 200")
    assert rest.endswith(b"Content-Length: 0\r\n\r\n") or rest.endswith(b"\r\n\r\n")


def test_headers_and_a_small_body_leave_in_one_write_on_a_no_delay_socket(server):
    with socket.create_connection(("127.0.0.1", server), timeout=TIMEOUT) as sock:
        sock.sendall(b"GET /site.css HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)  # both parts, were they two writes, would have arrived by now
        received = sock.recv(65536)  # one segment: headers and body together
    assert received.startswith(b"HTTP/1.1 200") and received.endswith(b"\r\n\r\nbody{}")


def test_accepted_sockets_have_no_nagle_delay(outputs):
    server = make_server(outputs, "127.0.0.1", 0, quiet=True)
    try:
        with socket.create_connection(server.server_address, timeout=TIMEOUT):
            accepted, _ = server.get_request()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        server.server_close()


@pytest.mark.parametrize("sent", [b"", b"GET /site.css HT", b"GET /site.css HTTP/1.1\r\nHost: x\r\n"])
def test_a_client_that_idles_or_trickles_its_headers_is_closed_and_others_are_served(quick_server, sent):
    with socket.create_connection(("127.0.0.1", quick_server), timeout=TIMEOUT) as slow:
        started = time.monotonic()
        slow.sendall(sent)
        for _ in range(4):  # a byte every 0.2 s: each recv would be within a per-read timeout of 0.5 s
            time.sleep(0.2)
            try:
                slow.sendall(b"X" if sent.endswith(b"\r\n") else b"T")
            except OSError:
                break  # already closed
        assert request(quick_server, "/site.css")[2] == b"body{}"  # served meanwhile
        assert closed_by_server(slow)
        assert time.monotonic() - started < 0.5 + 3  # the deadline, not the trickle, decided
    assert request(quick_server, "/site.css")[:3:2] == (200, b"body{}")


def test_an_idle_keep_alive_connection_is_closed_after_the_timeout(quick_server):
    connection = http.client.HTTPConnection("127.0.0.1", quick_server, timeout=TIMEOUT)
    try:
        connection.request("GET", "/site.css")
        assert connection.getresponse().read() == b"body{}"
        time.sleep(0.3)  # within the timeout: the connection still serves
        connection.request("GET", "/site.css")
        assert connection.getresponse().read() == b"body{}"
        assert closed_by_server(connection.sock)
    finally:
        connection.close()


# --- serving never changes what `run` or `publish` wrote ----------------------------------------


def snapshot(outputs: Path) -> dict[str, tuple]:
    """Every file and link under the output folder: its bytes' hash, inode and modification time."""
    found = {}
    for path in sorted(outputs.rglob("*")):
        name = path.relative_to(outputs).as_posix()
        if path.is_symlink():
            found[name] = ("link", os.readlink(path))
        elif path.is_file():
            stat = path.stat()
            found[name] = (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_ino, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A project whose site has a feed, written with the default base URL (http://localhost:8000/)."""
    project = tmp_path_factory.mktemp("serve-project")
    write(project / "release-pipeline.toml", 'editions = ["text"]\n')
    run_in_new_project(project, EXAMPLE, "--langs", "de", "--editions", "text,audio,json", "--publish", "machine")
    return project


def test_serve_sends_feeds_for_its_port_and_leaves_the_output_folder_byte_identical(published):
    outputs = published / "outputs"
    before = snapshot(outputs)
    written = (outputs / "feeds" / "de.xml").read_bytes()
    assert b"http://localhost:8000/" in written
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--project", str(published),
                                "--port", str(port), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/feeds/de.xml", timeout=TIMEOUT) as response:
                    feed = feedparser.parse(response.read())
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and process.poll() is None, "release-pipeline serve did not start"
                time.sleep(0.2)
        (enclosure,) = feed.entries[0].enclosures
        assert enclosure.href.startswith(f"http://127.0.0.1:{port}/")  # the address served, in memory
        with urllib.request.urlopen(enclosure.href, timeout=TIMEOUT) as response:
            assert response.status == 200 and len(response.read()) == int(enclosure.length)
        assert snapshot(outputs) == before
        # A run while serve is running writes the feeds for the configured address, never serve's port.
        run_in_new_project(published, EXAMPLE, "--langs", "de", "--editions", "text,audio,json", "--publish", "machine")
        assert snapshot(outputs) == before
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        process.wait(TIMEOUT)
    assert snapshot(outputs) == before
    assert (outputs / "feeds" / "de.xml").read_bytes() == written

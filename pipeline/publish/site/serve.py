"""`release-pipeline serve`: the output folder over HTTP on this machine, for a quick look."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path
from typing import Callable

from ...errors import PipelineError

MEDIA_TYPES = {
    ".mp3": "audio/mpeg", ".opus": "audio/ogg", ".m4b": "audio/mp4", ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8", ".json": "application/json", ".xml": "application/rss+xml",
    ".html": "text/html; charset=utf-8", ".css": "text/css",
}


def serve(directory: Path, host: str, port: int, quiet: bool, announce: Callable[[str], None]) -> None:
    """Serve `directory` until interrupted (Ctrl-C)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}

        def log_message(self, format: str, *values) -> None:
            if not quiet:
                super().log_message(format, *values)

    try:
        server = http.server.ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(directory)))
    except OSError as error:
        raise PipelineError(f"cannot serve on {host}:{port}: {error.strerror}") from None
    announce(f"http://{host}:{server.server_port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

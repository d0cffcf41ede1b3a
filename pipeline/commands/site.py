"""`publish`: build or refresh the download site from the output folder (publish/site/);
`serve`: serve it on this machine. `site_base_url` is the site's address for `run` too."""

from __future__ import annotations

from typing import Callable

from ..config import Config
from ..errors import InputError
from ..publish.site import SiteReport, build_site

DEFAULT_PORT = 8000


def site_base_url(config: Config, given: str | None, port: int = DEFAULT_PORT) -> str:
    return given or config.base_url or f"http://localhost:{port}/"


def publish_site(config: Config, base_url: str | None) -> tuple[SiteReport, str]:
    if not config.outputs_dir.is_dir():
        raise InputError(config.outputs_dir, "no output folder yet; run `release-pipeline run RELEASE.md` first")
    url = site_base_url(config, base_url)
    return build_site(config.outputs_dir, url, config.organisation, [config.locales_dir]), url


def serve(config: Config, host: str, port: int, quiet: bool, started: Callable[[str], None]) -> None:
    from ..publish.site.serve import serve as serve_folder

    if not (config.outputs_dir / "index.html").is_file():
        raise InputError(config.outputs_dir, "no site to serve yet; run `release-pipeline publish` first")

    # Serving writes nothing: a feed written for this machine gets the address served in memory (site/serve.py).
    serve_folder(config.outputs_dir, host, port, quiet, started)

"""`publish`: make public what is due at this instant (run.py again over the releases of the
output folder: what did not change is cached; publication/ decides); `serve`: serve the public
tree, or the build folder's preview, on this machine. `site_base_url` is the site's address for
`run` too."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from ..config import Config
from ..errors import InputError
from ..publish.manifest import read_manifest, release_directories

DEFAULT_PORT = 8000


def site_base_url(config: Config, given: str | None, port: int = DEFAULT_PORT) -> str:
    """Where the site is published: as given, else the `base-url` setting, else the address the public
    tree (or the preview) was last published with (`publish --base-url`), else this machine's."""
    from ..publish.site.feeds import built_base_url

    return (given or config.base_url or built_base_url(config.public_dir) or built_base_url(config.outputs_dir)
            or f"http://localhost:{port}/")


def publish(config: Config, occasion, paths: Sequence[Path], reporter, base_url: str | None = None,
            as_built: bool = True) -> list:
    """`run` at `occasion.now` over `paths`, by default over every release of the output folder whose
    source file is still there (a release without one stays as it is public); with `as_built` each
    release with the languages and editions it was built with. Returns the runs' RunReports."""
    from ..run import run

    if not config.outputs_dir.is_dir():
        raise InputError(config.outputs_dir, "no output folder yet; run `release-pipeline run RELEASE.md` first")
    if base_url:
        config = replace(config, base_url=base_url)
    if paths:
        return [run(paths, config, reporter, occasion=occasion)]
    groups: dict[tuple, list[Path]] = {}
    for directory in release_directories(config.outputs_dir):
        manifest = read_manifest(directory)
        source = config.path(Path(manifest.release.source.path)) if manifest else None
        if source is None or not source.is_file():
            continue
        built = (tuple(dict.fromkeys(f.lang for f in manifest.files if f.lang != manifest.release.lang)),
                 tuple(dict.fromkeys(f.edition for f in manifest.files))) if as_built else ()
        groups.setdefault(built, []).append(source)
    if not groups:
        raise InputError(config.outputs_dir, "no release in the output folder has its source file any more; "
                         "give the release files to publish")
    return [run(sources, replace(config, languages=built[0], editions=built[1]) if built else config, reporter,
                occasion=occasion) for built, sources in groups.items()]


def serve(config: Config, host: str, port: int, quiet: bool, started: Callable[[Path, str], None],
          preview: bool = False) -> None:
    """Serve the public tree (or with `preview` the build folder, drafts included) until interrupted."""
    from ..publish.site.serve import serve as serve_folder

    folder = config.outputs_dir if preview else config.public_dir
    if not (folder / "index.html").is_file():
        hint = "run a release first" if preview else "nothing is public yet: run a release (or `serve --preview`)"
        raise InputError(folder, f"no site to serve yet; {hint}")

    # Serving writes nothing: a feed written for this machine gets the address served in memory (site/serve.py).
    serve_folder(folder, host, port, quiet, lambda url: started(folder, url))

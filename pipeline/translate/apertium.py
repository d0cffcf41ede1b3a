"""Apertium, Debian's rule-based engine, through its command line.

Pairs on these machines: en→es directly (eng-spa), en→fr and en→it through
Catalan (eng-cat, then cat-fra or cat-ita), en→ca. Quality is well below
neural MT, but it is real translation and runs offline.

Apertium marks what it could not handle: `*word` (unknown to the analyser;
`**word` after the pivot through Catalan), `#word` (generation error),
`@word` (transfer error). The marks are kept in the output on purpose: the
stage records each as a QA finding and then strips it (hygiene.py). Only the
placeholders of protected spans are shielded from them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..errors import PipelineError
from . import EngineSettings

MODES_DIR = Path("/usr/share/apertium/modes")
ROUTES = {
    ("en", "es"): ("eng-spa",),
    ("en", "ca"): ("eng-cat",),
    ("en", "fr"): ("eng-cat", "cat-fra"),
    ("en", "it"): ("eng-cat", "cat-ita"),
    ("es", "en"): ("spa-eng",),
    ("ca", "en"): ("cat-eng",),
    ("fr", "ca"): ("fra-cat",),
    ("it", "ca"): ("ita-cat",),
}
PACKAGES = {"eng-spa": "apertium-eng-spa", "spa-eng": "apertium-eng-spa", "eng-cat": "apertium-eng-cat",
            "cat-eng": "apertium-eng-cat", "cat-fra": "apertium-fra-cat", "fra-cat": "apertium-fra-cat",
            "cat-ita": "apertium-cat-ita", "ita-cat": "apertium-cat-ita"}
# "⟦1⟧’s report": Apertium's English analyser splits the possessive from a placeholder and
# reorders the halves ("informe⟧ del ⟦1"); the possessive is dropped so the name stays whole.
PLACEHOLDER_POSSESSIVE = re.compile(r"(⟦\d+⟧)[’']s(?!\w)")
# A mark stuck to a placeholder ("*⟦1⟧") is the engine not knowing the placeholder, not a word.
MARKED_PLACEHOLDER = re.compile(r"[*#@]+(?=⟦)")
SEPARATOR = "\n\n"  # Apertium keeps blank lines, so one call translates the whole batch


class ApertiumEngine:
    name = "apertium"

    def __init__(self, settings: EngineSettings):
        self.settings = settings

    def _route(self, source: str, target: str) -> tuple[str, ...] | None:
        route = ROUTES.get((source, target))
        if route and shutil.which("apertium") and all((MODES_DIR / f"{mode}.mode").exists() for mode in route):
            return route
        return None

    def supports(self, source: str, target: str) -> bool:
        return self._route(source, target) is not None

    def version(self, source: str, target: str) -> str:
        route = self._route(source, target) or ()
        pairs = ", ".join(f"{p} {_debian_version(p)}" for p in dict.fromkeys(PACKAGES[mode] for mode in route))
        return f"apertium {_debian_version('apertium')} ({pairs})"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        route = self._route(source, target)
        if route is None:
            raise PipelineError(f"apertium cannot translate {source}→{target} here")
        joined = SEPARATOR.join(PLACEHOLDER_POSSESSIVE.sub(r"\1", text.replace("\n", " ")) for text in texts)
        for mode in route:
            joined = _run(mode, joined)
        joined = MARKED_PLACEHOLDER.sub("", joined)
        translations = [part.strip() for part in joined.strip("\n").split(SEPARATOR)]
        if len(translations) != len(texts):  # a text Apertium split or merged: go one by one
            translations = [self.translate([text], source, target)[0] for text in texts]
        return translations


def _run(mode: str, text: str) -> str:
    # Without -u: unknown words keep their marks, for QA (see the module's docstring).
    result = subprocess.run(["apertium", mode], input=text, capture_output=True, text=True)
    if result.returncode != 0:
        raise PipelineError(f"apertium {mode} failed: {result.stderr.strip()[:200]}")
    return result.stdout


@lru_cache(maxsize=None)
def _debian_version(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return result.stdout.strip() or "?"

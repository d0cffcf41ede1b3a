"""Shared by the site tests: the bundled example run once per test module with audio and captions,
and its site built for a base URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.publish.site import build_site

from ...conftest import EXAMPLE, run_in_new_project, write

PODCAST = "{https://podcastindex.org/namespace/1.0}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
BASE = "https://press.example.org/releases/"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """The example in English (the source) and German (no engine: untranslated), with audio and captions."""
    project = tmp_path_factory.mktemp("listeners-project")
    write(project / "release-pipeline.toml", 'editions = ["text"]\n')
    return run_in_new_project(project, EXAMPLE, "--langs", "de", "--editions", "text,audio,captions,json")


@pytest.fixture
def site(outputs) -> Path:
    build_site(outputs, BASE, "OSCE", [])
    return outputs

"""Shared fixtures: the seed releases, the bundled example, a scratch project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "docs" / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
SEED = SEEDS / "odihr-2024-02-21-belarus.md"
EXAMPLE = EXAMPLES / "osce-2024-03-05-vienna-media-freedom.md"


@pytest.fixture(scope="session")
def seed() -> Path:
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs ../shared beside the repository: {SEED} is missing")
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEED


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, also the working directory."""
    directory = tmp_path / "project"
    directory.mkdir()
    monkeypatch.chdir(directory)
    # argostranslate writes under the XDG folders on import: keep it inside the test.
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    # The text edition only, unless a test asks for more: PDF and audio have their own tests.
    write(directory / "release-pipeline.toml", 'editions = ["text"]\n')
    return directory


@pytest.fixture
def cli(capsys: pytest.CaptureFixture):
    """Run the command line in-process: returns (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def command(capsys: pytest.CaptureFixture):
    """Like `cli`, but argparse's own errors (SystemExit) come back as an exit code too."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_in_new_project(directory: Path, *args: str | Path) -> Path:
    """`release-pipeline run ARGS` in a fresh project directory (for module-scoped fixtures); its outputs/."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(name, str(directory / name.lower()))
        code = main(["run", *map(str, args), "--project", str(directory), "-q"])
    assert code == 0
    return directory / "outputs"

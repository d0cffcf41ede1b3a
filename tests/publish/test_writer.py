"""pipeline/publish/writer.py: what an interrupted run left is cleaned up and never published
(`OutputFolder.recover`), and files published earlier are kept unless pruned (`publish_release`);
docs/reliability.md lists the guarantees."""

import os

from ..conftest import EXAMPLE, write
from ..support.published import RELEASE_ID, published_set


def test_fewer_editions_keep_what_was_published_unless_pruned(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en", "--editions", "text,pdf")
    pdf = f"en/{RELEASE_ID}.en.pdf"
    code, out, err = cli("run", source, "--langs", "en", "--editions", "text")
    assert code == 0 and "kept 1 file published earlier" in out
    assert pdf in published_set(project / "outputs")
    cli("run", source, "--langs", "en", "--editions", "text", "--prune")
    assert pdf not in published_set(project / "outputs")
    assert not (project / "outputs" / RELEASE_ID / pdf).exists()


def test_what_an_interrupted_run_left_is_cleaned_up_and_never_published(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en")
    before = published_set(project / "outputs")
    versions = project / "outputs" / ".releases" / RELEASE_ID
    write(versions / ".staging-4242" / "en" / "half.txt", "half a set")
    write(project / "outputs" / ".index.html.abc123.tmp", "half a page")
    code, out, err = cli("run", source, "--langs", "en")
    assert code == 0 and "removed 1 unfinished or old set(s)" in err and "removed 1 temporary file(s)" in err
    assert [p.name for p in versions.iterdir()] == [os.readlink(project / "outputs" / RELEASE_ID).split("/")[-1]]
    assert not list((project / "outputs").rglob("*.tmp"))
    assert published_set(project / "outputs") == before


def test_a_kill_between_the_two_renames_is_recovered(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en")
    link = project / "outputs" / RELEASE_ID
    link.unlink()  # as if killed after moving a plain folder aside and before linking the new set
    assert cli("run", source, "--langs", "en")[0] == 0
    assert link.is_symlink() and published_set(project / "outputs")

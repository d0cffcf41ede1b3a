"""pipeline/publish/writer.py: what an interrupted run left is cleaned up and never published
(`OutputFolder.recover`), and files published earlier are kept unless pruned (`publish_release`);
docs/reliability.md lists the guarantees."""

import errno
import os
import threading
from pathlib import Path

import pytest

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


def test_a_damaged_or_missing_manifest_never_drops_published_editions(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en", "--editions", "text,pdf")
    pdf = f"en/{RELEASE_ID}.en.pdf"
    manifest = project / "outputs" / RELEASE_ID / "manifest.json"
    for damage in ("truncate", "remove"):
        if damage == "truncate":
            manifest.write_bytes(manifest.read_bytes()[:40])  # written in place: the version folder's file
        else:
            manifest.unlink()
        code, out, err = cli("run", source, "--langs", "en", "--editions", "text")
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert "manifest.json is missing or damaged" in err and pdf in err and "--prune" in err
        assert (project / "outputs" / RELEASE_ID / pdf).is_file()
        # All the editions published before: the manifest is whole again and lists the PDF.
        assert cli("run", source, "--langs", "en", "--editions", "text,pdf")[0] == 0
        assert pdf in published_set(project / "outputs")
    manifest.unlink()
    assert cli("run", source, "--langs", "en", "--editions", "text", "--prune")[0] == 0
    assert pdf not in published_set(project / "outputs")
    assert not (project / "outputs" / RELEASE_ID / pdf).exists()


def _files(release_id: str) -> dict[str, bytes]:
    return {f"en/{release_id}.en.txt": b"text\n", "manifest.json": b'{"files": []}\n'}


def test_recovery_leaves_alone_what_another_project_sharing_the_folder_is_writing(tmp_path, monkeypatch):
    from pipeline.publish import writer

    out = tmp_path / "outputs"
    writing, finish = threading.Event(), threading.Event()
    real_fsync_tree = writer.fsync_tree

    def slow_fsync_tree(folder):  # project A stops mid-write, its staging folder and a temporary file present
        (out / ".index.html.abc123.tmp").write_text("A's page, being written")
        writing.set()
        finish.wait(10)
        (out / ".index.html.abc123.tmp").unlink()
        real_fsync_tree(folder)

    monkeypatch.setattr(writer, "fsync_tree", slow_fsync_tree)
    a = threading.Thread(target=writer.OutputFolder(out).switch_release, args=("a-release", _files("a-release"), {}))
    a.start()
    assert writing.wait(10)
    staging = next((out / ".releases" / "a-release").glob(".staging-*"))
    done: list[list[str]] = []
    b = threading.Thread(target=lambda: done.append(writer.OutputFolder(out).recover()))  # project B's run starts
    b.start()
    b.join(0.5)
    assert b.is_alive() and staging.is_dir() and (out / ".index.html.abc123.tmp").exists()  # B waits for A
    finish.set()
    a.join(10)
    b.join(10)
    assert done == [[]]  # nothing of A's was removed
    assert (out / "a-release" / "en" / "a-release.en.txt").read_bytes() == b"text\n"


def test_a_write_that_fails_removes_its_staging_folder_and_names_the_file(tmp_path, monkeypatch):
    from pipeline.publish import writer

    out = tmp_path / "outputs"
    folder = writer.OutputFolder(out)
    folder.switch_release("r", _files("r"), {})
    real_open = Path.open

    def full_disk(path, mode="r", *args, **kwargs):
        if "w" in mode and ".staging-" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", full_disk)
    changed = {**_files("r"), "en/r.en.txt": b"new text\n"}
    with pytest.raises(OSError) as raised:
        folder.switch_release("r", changed, {})
    assert raised.value.errno == errno.ENOSPC and "r.en.txt" in str(raised.value)
    assert not list((out / ".releases" / "r").glob(".staging-*"))
    assert (out / "r" / "en" / "r.en.txt").read_bytes() == b"text\n"  # the published set is untouched


def test_recovery_removes_a_half_made_link(tmp_path):
    from pipeline.publish import writer

    out = tmp_path / "outputs"
    writer.OutputFolder(out).switch_release("r", _files("r"), {})
    (out / ".r.link-4242.tmp").symlink_to(".releases/r/gone")  # killed before the link's rename
    assert writer.OutputFolder(out).recover() == ["removed 1 temporary file(s) of an interrupted run"]
    assert not (out / ".r.link-4242.tmp").is_symlink() and (out / "r" / "manifest.json").is_file()

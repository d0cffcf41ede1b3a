"""pipeline/catalogs/store.py: a merged catalog is written only over the bytes it was merged from."""

import os
import random
import threading
import time
from pathlib import Path

import pytest

from pipeline import fsutil
from pipeline.catalogs import store
from pipeline.catalogs.catalog import CatalogUpdate
from pipeline.catalogs.store import read_existing, write_catalog
from pipeline.errors import InputError
from pipeline.ingest import parse_release
from pipeline.segment import segment_release


def merged(path: Path, text: str) -> CatalogUpdate:
    release = parse_release(text, Path("release.md"))
    update = CatalogUpdate(path, read_existing(path), release, segment_release(release), "fr")
    for segment in update.pending:
        update.add_machine(segment, f"machine: {segment.text}", "test", [])
    return update


def test_a_catalog_saved_during_the_run_is_never_overwritten(tmp_path):
    path = tmp_path / "locales" / "fr" / "releases" / "r.po"
    first = merged(path, "# Title\n\nObservers agreed.\n")
    assert first.original is None and write_catalog(first) and path.is_file()
    update = merged(path, "# Title\n\nObservers agreed.\n\nA new sentence.\n")
    saved = path.read_bytes() + b"\n"  # a reviewer saves while the run works
    path.write_bytes(saved)
    with pytest.raises(InputError, match="changed on disk during the run; nothing was overwritten"):
        write_catalog(update)
    assert path.read_bytes() == saved


def test_an_unchanged_catalog_is_not_rewritten(tmp_path):
    path = tmp_path / "r.po"
    assert write_catalog(merged(path, "# Title\n\nObservers agreed.\n"))
    data, mtime = path.read_bytes(), path.stat().st_mtime_ns
    again = merged(path, "# Title\n\nObservers agreed.\n")
    assert again.new_bytes() is None and not write_catalog(again)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


# A reviewer's save landing at any instant of a catalog write (issue 24): never lost.

STAGES = ["read", "temporary", "written", "synced", "locked"]  # store.save's steps before its last check


def reviewer_saves(path: Path, data: bytes, by_rename: bool) -> None:
    """What an editor does on save: write the file in place, or write a copy and rename it over."""
    if by_rename:
        copy = path.with_name(f"{path.name}~")
        copy.write_bytes(data)
        os.replace(copy, path)
    else:
        with path.open("wb") as stream:
            stream.write(data)


@pytest.mark.parametrize("by_rename", [False, True], ids=["in place", "by rename"])
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("existing", [True, False], ids=["over a catalog", "new catalog"])
def test_a_save_at_any_step_of_the_write_is_refused_not_overwritten(tmp_path, monkeypatch, stage, by_rename, existing):
    path = tmp_path / "r.po"
    original = b'msgid "a"\nmsgstr ""\n' * 500 if existing else None
    if existing:
        path.write_bytes(original)
    edit = (original or b"") + b'# reviewed\n'  # same size as nothing else: only the bytes tell
    reached = []

    def at(where):
        if where == stage:
            reached.append(where)
            reviewer_saves(path, edit, by_rename)

    monkeypatch.setattr(store, "_at", at)
    with pytest.raises(InputError, match="changed on disk during the run; nothing was overwritten: run again"):
        store.save(path, original, b"the run's merge\n")
    assert reached == [stage]
    assert path.read_bytes() == edit
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.po"]  # no temporary file left


def test_a_save_in_place_with_the_same_size_and_mtime_is_seen_by_its_bytes(tmp_path, monkeypatch):
    path = tmp_path / "r.po"
    original = b'msgstr "x"\n' * 100
    path.write_bytes(original)
    stamp = path.stat().st_mtime_ns

    def at(where):
        if where == "synced":
            with path.open("r+b") as stream:
                stream.write(b"#")
            os.utime(path, ns=(stamp, stamp))

    monkeypatch.setattr(store, "_at", at)
    with pytest.raises(InputError, match="changed on disk during the run"):
        store.save(path, original, b"merged\n")
    assert path.read_bytes() == b"#" + original[1:]


def test_a_save_after_the_rename_is_kept_and_a_quiet_catalog_is_written(tmp_path, monkeypatch):
    path = tmp_path / "r.po"
    path.write_bytes(b"old\n")
    store.save(path, b"old\n", b"merged\n")
    assert path.read_bytes() == b"merged\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~fsutil._umask())
    monkeypatch.setattr(store, "_at", lambda where: where == "renamed" and reviewer_saves(path, b"edit\n", True))
    store.save(path, b"merged\n", b"merged again\n")
    assert path.read_bytes() == b"edit\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.po"]


def test_a_reviewer_saving_while_the_run_writes_200_times_never_loses_a_save(tmp_path, monkeypatch):
    """A reviewer thread saves once at a random instant of each of 200 catalog writes. After both,
    the file must hold the reviewer's bytes: the run refused, or its rename came first. The only
    exception allowed is a save that overlaps the microseconds between store.save's last check and
    its rename (docs/reliability.md, known limits); those are counted, and must be rare."""
    path = tmp_path / "locales" / "fr" / "r.po"
    path.parent.mkdir(parents=True)
    base = b'#. machine translation: test\nmsgid "Observers agreed."\nmsgstr "Les observateurs"\n\n' * 2000
    window: list[int] = []
    monkeypatch.setattr(store, "_at", lambda where: where in ("checked", "renamed") and window.append(time.perf_counter_ns()),
                        raising=False)  # raising=False: the same test runs against a save without the seam

    durations = []
    for _ in range(5):
        path.write_bytes(base)
        began = time.perf_counter()
        store.save(path, base, base + b"# run\n")
        durations.append(time.perf_counter() - began)
    span = sorted(durations)[2] * 1.3
    generator = random.Random(24)
    refused = written = in_window = 0
    lost = []
    for attempt in range(200):
        original = base + b"# %d\n" % attempt
        path.write_bytes(original)
        edit = original + b"# reviewer %d\n" % attempt
        window.clear()
        delay, by_rename = generator.uniform(0, span), attempt % 2 == 1
        saved = []

        def reviewer():
            time.sleep(delay)
            began = time.perf_counter_ns()
            reviewer_saves(path, edit, by_rename)
            saved.append((began, time.perf_counter_ns()))

        thread = threading.Thread(target=reviewer)
        thread.start()
        try:
            store.save(path, original, original + b"# the run's merge\n")
            written += 1
        except InputError as error:
            assert "changed on disk during the run; nothing was overwritten: run again" in str(error)
            refused += 1
        thread.join()
        if path.read_bytes() != edit:
            (began, ended), checked_renamed = saved[0], window[-2:]
            overlaps = len(checked_renamed) == 2 and began <= checked_renamed[1] and ended >= checked_renamed[0]
            if overlaps:
                in_window += 1
            else:
                lost.append((attempt, "by rename" if by_rename else "in place", delay))
    assert not lost, f"reviewer's save lost (attempt, how, delay s): {lost}"
    assert refused >= 5 and written >= 5, (refused, written)  # the saves did land inside the writes (20-119 of 200 refused in 7 runs here; a loaded CI machine shifts it)
    assert in_window <= 10, in_window
    assert not [p for p in path.parent.iterdir() if p.name != "r.po"]

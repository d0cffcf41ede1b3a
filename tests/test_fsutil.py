"""pipeline/fsutil.py: a file is written whole or not at all, and leaves no temporary file."""

import errno
import os
import time

import pytest

from pipeline.fsutil import ChecksummedFiles, atomic_write_bytes, make_temporary, remove_temporaries


def test_atomic_write_replaces_whole_file_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_temporary_files_have_one_name_and_only_ownerless_ones_are_removed(tmp_path):
    handle, temporary = make_temporary(tmp_path / "entry.pickle")
    os.close(handle)
    assert temporary.name.startswith(".entry.pickle.") and temporary.name.endswith(".tmp")
    old = tmp_path / "ab" / ".key.pickle.x1y2.tmp"
    old.parent.mkdir()
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 60, time.time() - 60))
    keep = tmp_path / "kept.tmp"  # not one of ours (not hidden)
    keep.write_bytes(b"")
    assert remove_temporaries(tmp_path, older_than=time.time() - 30) == [old]  # the fresh one is a live writer's
    assert temporary.exists() and keep.exists()


def test_a_write_that_fails_leaves_no_temporary_file_and_names_the_file(tmp_path, monkeypatch):
    target = tmp_path / "file.txt"

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError) as raised:
        atomic_write_bytes(target, b"data")
    assert raised.value.errno == errno.ENOSPC and str(target) in str(raised.value)
    assert list(tmp_path.iterdir()) == []
    files = ChecksummedFiles(tmp_path / "cache", ".bin")  # not durable: the failure is ignored, nothing left
    monkeypatch.setattr(os, "replace", lambda *a: full_disk(0))
    files.put("key", b"data")
    assert [p for p in (tmp_path / "cache").iterdir()] == []

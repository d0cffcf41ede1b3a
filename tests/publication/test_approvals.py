"""Approvals are written whole beside the catalogs, and a damaged one is named."""

import pytest

from pipeline.errors import InputError
from pipeline.publication.approvals import Approval, approval_path, read_approval, write_approval


def test_an_approval_reads_back_and_a_damaged_one_is_an_error_naming_it(tmp_path):
    approval = Approval("x", "fr", "Ana", "2024-03-05T10:00:00+01:00", "a" * 64, "b" * 64)
    path = write_approval(tmp_path, approval)
    assert path == approval_path(tmp_path, "fr", "x") == tmp_path / "fr" / "releases" / "x.approval.json"
    assert read_approval(tmp_path, "fr", "x") == approval and read_approval(tmp_path, "es", "x") is None
    path.write_text("{not json")
    with pytest.raises(InputError, match="x.approval.json"):
        read_approval(tmp_path, "fr", "x")

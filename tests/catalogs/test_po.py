"""pipeline/catalogs/po.py: PO files are read strictly."""

import pytest

from pipeline.catalogs.po import read_catalog
from pipeline.errors import InputError


def test_read_catalog_rejects_non_utf8(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr "caf\xe9"\n')
    with pytest.raises(InputError, match="UTF-8"):
        read_catalog(path)

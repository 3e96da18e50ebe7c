from __future__ import annotations

import pytest

from .corpus import FINE


@pytest.fixture
def src(tmp_path):
    """A folder with one ordinary article."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "fine.txt").write_text(FINE, encoding="utf-8")
    return folder

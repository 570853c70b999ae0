"""docs/settings.md says it lists every setting: each field of Settings is named there."""

from __future__ import annotations

import dataclasses
import re

from core.settings import Settings
from tests.conftest import ROOT


def test_every_setting_is_in_docs_settings():
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^(\w+)\s*=", text, re.MULTILINE))
    assert sorted(f.name for f in dataclasses.fields(Settings) if f.name not in named) == []

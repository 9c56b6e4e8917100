"""Every message of the interface exists in Kazakh and Russian (kk is the default language)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "jospar"
CATALOGS = sorted(p for p in ROOT.glob("*/locale/*/LC_MESSAGES/django.po") if p.parts[-3] in ("kk", "ru"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")


def test_there_are_catalogs_for_kazakh_and_russian():
    langs = {p.parts[-3] for p in CATALOGS}
    assert langs == {"kk", "ru"}


@pytest.mark.parametrize("po", CATALOGS, ids=[str(p.relative_to(ROOT)) for p in CATALOGS])
def test_every_message_is_translated_and_keeps_its_placeholders(po):
    with po.open("rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        elif not all(strs):
            problems.append(f"untranslated: {ids[0]!r}")
        elif set(PLACEHOLDER.findall(ids[0])) != set(PLACEHOLDER.findall(strs[0])):
            problems.append(f"placeholders differ: {ids[0]!r} -> {strs[0]!r}")
    assert not problems, "\n".join(problems[:30])

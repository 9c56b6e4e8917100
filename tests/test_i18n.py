"""Every message of the interface exists in Kazakh and Russian (kk is the default language)."""

from __future__ import annotations

import functools
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


# Completeness: every string the code and the templates mark for translation is in the kk and ru catalogs.
# The same extraction as `makemessages` (xgettext's keywords for Python; templates through Django's own
# templatize()), done in-process with Babel: ~4 s for the whole project instead of one xgettext per app.
KEYWORDS = {
    "gettext": None, "gettext_lazy": None, "gettext_noop": None, "_": None, "ngettext": (1, 2),
    "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}
LITERAL_CALL = r"\b{}\(\s*[rRuU]?[\"']"  # xgettext takes a call only when its first argument is a string literal


@functools.cache
def _marked_strings() -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> the first file that marks it."""
    import io

    from babel.messages.extract import extract_python
    from django.utils.translation.template import templatize

    found: dict[tuple[str | None, str], str] = {}

    def collect(source: str, where: str, check_literal: bool) -> None:
        lines = source.splitlines()
        for lineno, func, message, _comments in extract_python(io.BytesIO(source.encode()), KEYWORDS, [],
                                                               {"encoding": "utf-8"}):
            near = "\n".join(lines[lineno - 1:lineno + 2])
            if check_literal and not re.search(LITERAL_CALL.format(re.escape(func)), near):
                continue  # e.g. gettext(finding["msgid"]): a variable, not a message
            parts = message if isinstance(message, tuple) else (message,)
            context, msgid = (parts[0], parts[1]) if func.startswith(("pgettext", "npgettext")) else (None, parts[0])
            if msgid:
                found.setdefault((context, msgid), f"{where}:{lineno}")

    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            collect(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), check_literal=True)
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        # templatize keeps the template's indentation, which Python's tokenizer refuses
        collect("\n".join(line.lstrip() for line in text.splitlines()), str(path.relative_to(ROOT)), False)
    return found


def _catalog_ids(lang: str) -> set[tuple[str | None, str]]:
    ids: set[tuple[str | None, str]] = set()
    for po in sorted(ROOT.glob(f"**/locale/{lang}/LC_MESSAGES/django.po")):
        with po.open("rb") as f:
            for message in read_po(f):
                if message.id:
                    ids.add((message.context, message.id if isinstance(message.id, str) else message.id[0]))
    return ids


def test_the_extraction_finds_marked_strings_of_python_code_and_templates_but_not_variables():
    found = _marked_strings()
    origins = {where.split(":")[0] for where in found.values()}
    assert any(o.endswith(".py") for o in origins) and any(o.endswith(".html") for o in origins)
    assert len(found) > 500
    assert (None, "msgid") not in found  # gettext(finding["msgid"]) in evaluation/criteria.py


def test_every_string_marked_in_the_code_and_templates_is_in_the_kazakh_and_russian_catalogs():
    """A string added without `makemessages` is shown untranslated; run makemessages in the app and translate."""
    found = _marked_strings()
    catalogs = {lang: _catalog_ids(lang) for lang in ("kk", "ru")}
    missing = [f"{lang}: {msgid!r} ({where})" for lang, ids in catalogs.items() for (context, msgid), where
               in found.items() if (context, msgid) not in ids]
    assert not missing, f"{len(missing)} missing:\n" + "\n".join(missing[:40])

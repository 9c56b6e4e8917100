"""Small helpers shared by the routers: the language of an answer and the kk/ru/en text of a field."""

from __future__ import annotations

from django.http import HttpRequest

LANGS = ("kk", "ru", "en")


def request_language(request: HttpRequest, explicit: str | None = None) -> str:
    """`lang` when given, else the first of kk/ru/en in Accept-Language, else Kazakh (the state language)."""
    if explicit in LANGS:
        return explicit
    header = request.headers.get("Accept-Language", "") or ""
    weighted = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang = tag.strip().lower()[:2]
        if lang in LANGS and q > 0:
            weighted.append((-q, n, lang))
    return min(weighted)[2] if weighted else "kk"


def texts(obj, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGS}

"""Writes of reference data (territories, organizations). Idempotent: loading twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .models import Authority, Organization, Territory

DATA_DIR = Path(__file__).resolve().parent / "data"


def _names(row: dict, field: str = "name") -> dict[str, str]:
    return {f"{field}_{lang}": row.get(f"{field}_{lang}", "") for lang in ("kk", "ru", "en")}


def _upsert(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    dirty = {k: v for k, v in values.items() if getattr(obj, k) != v}
    for k, v in dirty.items():
        setattr(obj, k, v)
    if dirty:
        obj.save()
    return obj, bool(dirty)


@transaction.atomic
def do_load_territories(path: Path = DATA_DIR / "territories.json") -> int:
    """The 20 regions and their districts with KATO codes and kk/ru/en names."""
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for region in data["regions"]:
        parent, c = _upsert(Territory, {"kato": region["kato"]}, {
            "kind": region["kind"], "parent": None, "kato_verified": region.get("kato_verified", True),
            **_names(region),
        })
        changed += c
        for district in region.get("districts", []):
            _, c = _upsert(Territory, {"kato": district["kato"]}, {
                "kind": district["kind"], "parent": parent, "kato_verified": district.get("kato_verified", True),
                **_names(district),
            })
            changed += c
    return changed


@transaction.atomic
def do_load_organizations(path: Path = DATA_DIR / "organizations.json") -> int:
    """Central state bodies, akimats, authorized bodies, holdings; parents resolved after all exist."""
    rows = json.loads(path.read_text(encoding="utf-8"))["organizations"]
    territories = {t.kato: t for t in Territory.objects.all()}
    changed = 0
    for row in rows:
        authority = next((r for r in row.get("roles", []) if r in Authority.values), "")
        kato = row.get("district_kato") or row.get("region_kato")
        abbrev = row.get("abbrev_ru", "")
        _, c = _upsert(Organization, {"code": row["code"]}, {
            "kind": row["kind"], "authority": authority, "territory": territories.get(kato) if kato else None,
            "abbreviation_ru": abbrev, **_names(row),
        })
        changed += c
    orgs = {o.code: o for o in Organization.objects.all()}
    for row in rows:
        parent = orgs.get(row["parent"]) if row.get("parent") else None
        org = orgs[row["code"]]
        if org.parent_id != (parent.pk if parent else None):
            org.parent = parent
            org.save(update_fields=["parent"])
            changed += 1
    return changed

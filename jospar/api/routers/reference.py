"""Reference data: organizations and territories (KATO). Public: everyone reads them."""

from __future__ import annotations

from ninja import Query, Router

from jospar.core.models import Organization, Territory

from ..auth import READ_AUTH
from ..errors import not_found
from ..pagination import Page, PageParams, page
from ..schemas import ErrorOut, OrganizationFilter, OrganizationOut, TerritoryFilter, TerritoryOut

router = Router(tags=["reference"], auth=READ_AUTH)
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _text(obj, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in ("kk", "ru", "en")}


def organization_out(o: Organization) -> dict:
    return {
        "code": o.code, "kind": o.kind, "authority": o.authority, "name": _text(o, "name"),
        "abbreviation": _text(o, "abbreviation"), "parent": o.parent.code if o.parent_id else None,
        "territory": o.territory.kato if o.territory_id else None, "is_active": o.is_active,
    }


def territory_out(t: Territory) -> dict:
    return {"kato": t.kato, "kind": t.kind, "parent": t.parent.kato if t.parent_id else None,
            "name": _text(t, "name")}


@router.get("/organizations", response={200: Page[OrganizationOut], **ERRORS}, summary="Organizations")
def list_organizations(request, filters: Query[OrganizationFilter], pagination: Query[PageParams]):
    qs = filters.filter(Organization.objects.select_related("parent", "territory").order_by("code"))
    return page(qs, pagination, organization_out)


@router.get("/organizations/{code}", response={200: OrganizationOut, **ERRORS}, summary="One organization")
def get_organization(request, code: str):
    o = Organization.objects.select_related("parent", "territory").filter(code=code).first()
    if o is None:
        raise not_found()
    return organization_out(o)


@router.get("/territories", response={200: Page[TerritoryOut], **ERRORS}, summary="Territories (KATO)")
def list_territories(request, filters: Query[TerritoryFilter], pagination: Query[PageParams]):
    qs = filters.filter(Territory.objects.select_related("parent").order_by("kato"))
    return page(qs, pagination, territory_out)


@router.get("/territories/{kato}", response={200: TerritoryOut, **ERRORS}, summary="One territory")
def get_territory(request, kato: str):
    t = Territory.objects.select_related("parent").filter(kato=kato).first()
    if t is None:
        raise not_found()
    return territory_out(t)

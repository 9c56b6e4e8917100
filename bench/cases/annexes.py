"""(c) Annex 10 for the NDP and Annex 14 for the largest region as xlsx (`jospar.annexes`). Target: <= 2 s each."""

from __future__ import annotations

from bench.harness import Context, NotAvailable, Result, document_floor_sql, raw_rows, timed

TITLE = "Annex 10 (NDP) and Annex 14 (largest region) as xlsx"


def largest(document_type: str):
    from django.db.models import Count

    from jospar.planning.models import Document

    return (Document.objects.filter(type=document_type).annotate(n=Count("indicators"))
            .order_by("-n", "code").first())


def build_xlsx(document, annex: str, year: int, organization=None) -> bytes:
    from jospar.annexes import services  # being built: probe

    if not callable(getattr(services, "build_form", None)) or not callable(getattr(services, "render", None)):
        raise NotAvailable("jospar.annexes.services.build_form/render are missing")
    return services.render(services.build_form(document, annex, year=year, lang="kk",
                                                                organization=organization), "xlsx")


def run(ctx: Context) -> list[Result]:
    out = []
    for annex, doc_type in (("10", "ndp"), ("14", "rdp"), ("14-districts", "rdp")):
        document = largest(doc_type)
        if document is None:
            continue
        floor, _ = timed(lambda d=document: raw_rows(document_floor_sql([d.pk])), 1 if ctx.quick else 3)
        seconds, data = timed(lambda d=document, a=annex: build_xlsx(d, a, ctx.year), 1 if ctx.quick else 2)
        out.append(Result("annexes", f"Annex {annex} xlsx of {document.code}", seconds, floor=floor, target=2.0,
                          note=f"{len(data) / 1024:,.0f} KB"))
    return out

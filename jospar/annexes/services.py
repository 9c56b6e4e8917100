"""The official forms: which annex fits which document, building them and rendering them.

    form = build_form(document, "14", year=2025, lang="kk")
    data = render(form, "xlsx")

Reads only (writes are in ``roundtrip.do_apply_workbook``). Callers check access with
``jospar.planning.access`` before calling.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jospar.core.models import Organization
from jospar.planning.access import PUBLIC_STATUSES
from jospar.planning.choices import Confidentiality, DocumentType
from jospar.planning.models import Document

from .builders import plans, reports
from .data import PlanData
from .render.docx import render_docx
from .render.pdf import render_pdf
from .render.xlsx import render_xlsx
from .table import Form
from .text import check_lang

FORMATS = ("xlsx", "docx", "pdf")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class FormError(ValueError):
    """A form that cannot be built for these arguments (message names the rule)."""


@dataclass(frozen=True)
class AnnexSpec:
    code: str
    types: tuple[str, ...]
    build: Callable[[PlanData, int, str], Form]
    report: bool  # an implementation report: needs the reporting year
    clause: str


ANNEXES: dict[str, AnnexSpec] = {s.code: s for s in (
    AnnexSpec("1", (DocumentType.CONCEPT,), plans.build_annex1, False, "cl. 96, 174-177"),
    AnnexSpec("1-1", tuple(DocumentType.values), plans.build_annex1_1, False, "cl. 58-59"),
    AnnexSpec("2", (DocumentType.CONCEPT,), plans.build_annex2, False, "cl. 103"),
    AnnexSpec("3", (DocumentType.SBDP,), plans.build_annex3, False, "cl. 107-117"),
    AnnexSpec("4", (DocumentType.SBDP,), plans.build_annex4, False, "cl. 119-120"),
    AnnexSpec("5", (DocumentType.RDP,), plans.build_annex5, False, "cl. 133-150"),
    AnnexSpec("6", (DocumentType.RDP,), plans.build_annex6, False, "cl. 132"),
    AnnexSpec("7", (DocumentType.RDP,), plans.build_annex7, False, "cl. 148-149"),
    AnnexSpec("8", (DocumentType.RDP,), plans.build_annex8, False, "cl. 155-156, 178-182"),
    AnnexSpec("9", (DocumentType.RDP,), plans.build_annex9, False, "cl. 157, 183"),
    AnnexSpec("10", (DocumentType.NDP,), reports.build_annex10, True, "cl. 226, 240-245"),
    AnnexSpec("11", (DocumentType.NDP, DocumentType.CONCEPT), plans.build_annex11, True, "cl. 242, 257"),
    AnnexSpec("12", (DocumentType.CONCEPT,), reports.build_annex12, True, "cl. 227, 254-256"),
    AnnexSpec("13", (DocumentType.SBDP,), reports.build_annex13, True, "cl. 228, 262-263"),
    AnnexSpec("14", (DocumentType.RDP,), reports.build_annex14, True, "cl. 229, 264-267"),
    AnnexSpec("14-districts", (DocumentType.RDP,), reports.build_annex14_districts, True, "cl. 229; Annex 14"),
    AnnexSpec("pfc", (DocumentType.NDP, DocumentType.CONCEPT), reports.build_plan_fact_comments, True,
              "cl. 251, 261"),
)}
REPORT_ANNEX = {DocumentType.NDP: "10", DocumentType.CONCEPT: "12", DocumentType.SBDP: "13", DocumentType.RDP: "14"}


def build_form(document: Document, annex: str, *, year: int | None = None, lang: str = "kk",
               organization: Organization | None = None, public: bool = False) -> Form:
    return build_form_and_data(document, annex, year=year, lang=lang, organization=organization, public=public)[0]


def build_form_and_data(document: Document, annex: str, *, year: int | None = None, lang: str = "kk",
                        organization: Organization | None = None, public: bool = False) -> tuple[Form, PlanData]:
    """``build_form`` and the rows it was built from (the workbook import compares with them: no second read)."""
    spec = ANNEXES.get(annex)
    if spec is None:
        raise FormError(_("Unknown annex %(annex)s: use one of %(known)s.") % {
            "annex": annex, "known": ", ".join(ANNEXES)})
    check_lang(lang)
    if document.type not in spec.types:
        raise FormError(_("Annex %(annex)s is not a form of a document of type %(type)s (%(clause)s).") % {
            "annex": annex, "type": document.get_type_display(), "clause": spec.clause})
    if year is None:
        year = document.period_start
    if spec.report and not (document.period_start <= year <= document.period_end):
        raise FormError(_("Year %(year)s is outside the period %(a)s-%(b)s of the document (cl. 223).") % {
            "year": year, "a": document.period_start, "b": document.period_end})
    if public:
        check_publishable(document)
    # a report shows the values of its year (a final report, of every year up to it: Annex 10 expl. 2(8))
    years = range(document.period_start, year + 1) if spec.report and year == document.period_end else (
        [year] if spec.report else None)
    data = PlanData.load(document, public=public, organization=organization, years=years)
    return spec.build(data, year, lang), data


def check_publishable(document: Document) -> None:
    """cl. 231-233: secret and for-official-use documents are never published, drafts are not either."""
    if document.confidentiality != Confidentiality.OPEN:
        raise FormError(_("The document %(code)s is %(level)s: it is never published (cl. 231-233).") % {
            "code": document.code, "level": document.get_confidentiality_display()})
    if document.status not in PUBLIC_STATUSES:
        raise FormError(_("The document %(code)s is not approved yet (status: %(status)s): nothing to publish.") % {
            "code": document.code, "status": document.get_status_display()})


def render(form: Form, fmt: str) -> bytes:
    if fmt == "xlsx":
        return render_xlsx(form)
    if fmt == "docx":
        return render_docx(form)
    if fmt == "pdf":
        return render_pdf(form)
    raise FormError(_("Unknown format %(fmt)s: use xlsx, docx or pdf.") % {"fmt": fmt})


def file_name(form: Form, fmt: str) -> str:
    parts = [f"annex-{form.annex}", form.meta.get("document", ""), form.meta.get("year", ""),
             form.meta.get("organization", ""), "public" if form.meta.get("public") else "", form.lang]
    return "_".join(p for p in parts if p) + f".{fmt}"


def build_public_package(document: Document, year: int, lang: str = "kk") -> bytes:
    """A zip for publication (cl. 231-233, 247, 251, 256, 261, 263): the report form and, for the National Plan
    and concepts, the "plan-fact-comments" table, each in xlsx and pdf, with restricted items left out."""
    check_publishable(document)
    annexes = [REPORT_ANNEX[document.type]] if document.type in REPORT_ANNEX else []
    if document.type in (DocumentType.NDP, DocumentType.CONCEPT):
        annexes.append("pfc")
    if not annexes:
        raise FormError(_("The methodology gives no report form for a document of type %(type)s.") % {
            "type": document.get_type_display()})
    out = io.BytesIO()
    manifest = {"document": document.code, "year": year, "lang": lang, "files": [],
                "excluded": "items with confidentiality other than open (cl. 231-233)"}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for annex in annexes:
            form = build_form(document, annex, year=year, lang=lang, public=True)
            for fmt in ("xlsx", "pdf"):
                name = file_name(form, fmt)
                z.writestr(name, render(form, fmt))
                manifest["files"].append(name)
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return out.getvalue()

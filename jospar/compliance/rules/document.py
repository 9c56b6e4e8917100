"""Rules on the document as a whole: sections, period, passport, developer (SPEC part 1 §18)."""

from __future__ import annotations

from jospar.planning.sections import required_sections

from .base import ERROR, WARNING, ItemRef, Words, document_ref, filled, gettext_noop, rule, text_of

SBDP, RDP, CONCEPT, NDP, TDP = "sbdp", "rdp", "concept", "ndp", "tdp"


@rule("V-01", clause="cl. 1, 65, 79, 89, 107, 133", severity=ERROR,
      title=gettext_noop("The required sections of the document type are present, in order"))
def required_sections_present(r, payload, ctx):
    specs = required_sections(payload.type)
    present = {s.key: s for s in payload.sections}
    for spec in specs:
        if spec.key not in present or not filled(present[spec.key].text):
            yield r.finding(ItemRef("section", spec.key, {"kk": spec.kk, "ru": spec.ru, "en": spec.en}),
                            gettext_noop("the required section is missing or empty (%(clause)s)"),
                            clause=spec.clause)
    order = [s.key for s in sorted(payload.sections, key=lambda s: (s.order, s.key)) if s.key in
             {spec.key for spec in specs}]
    expected = [spec.key for spec in specs if spec.key in order]
    if order != expected:
        yield r.finding(document_ref(payload),
                        gettext_noop("the required sections are not in the order of the methodology: %(expected)s"),
                        expected=", ".join(expected))


@rule("V-30", clause="cl. 76", severity=ERROR, types=[TDP],
      title=gettext_noop("The Territorial Development Plan names its basis (an instruction of the President)"))
def tdp_basis(r, payload, ctx):
    if not filled(payload.basis):
        yield r.finding(document_ref(payload), gettext_noop("the basis for development is not given"))


@rule("V-31", clause="cl. 88", severity=ERROR, types=[CONCEPT],
      title=gettext_noop("A concept is developed for 5 to 10 years"))
def concept_period(r, payload, ctx):
    years = payload.period_end - payload.period_start + 1
    if not 5 <= years <= 10:
        yield r.finding(document_ref(payload),
                        gettext_noop("the period covers %(years)s years; a concept covers 5 to 10 years"), years=years)


@rule("V-36", clause="cl. 90", severity=ERROR, types=[CONCEPT],
      title=gettext_noop("The passport of a concept names its basis, lead body, implementing bodies and period"))
def concept_passport(r, payload, ctx):
    if not filled(payload.basis):
        yield r.finding(document_ref(payload), gettext_noop("the passport gives no basis for development"))
    if not payload.co_executors:
        yield r.finding(document_ref(payload), gettext_noop("the passport names no implementing (co-executing) bodies"))


@rule("V-37", clause="cl. 100-102", severity=WARNING, types=[CONCEPT],
      title=gettext_noop("A concept implements at least one higher document of the State Planning System"))
def concept_basis_documents(r, payload, ctx):
    if not payload.implements:
        yield r.finding(document_ref(payload), gettext_noop("the concept names no higher document it implements"))


@rule("V-41", clause="cl. 104-105; Annex 3 (A3-V1)", severity=ERROR, types=[SBDP],
      title=gettext_noop("A state body plan covers five years and is developed by a central state body"))
def sbdp_period_and_developer(r, payload, ctx):
    years = payload.period_end - payload.period_start + 1
    if years != 5:
        yield r.finding(document_ref(payload),
                        gettext_noop("the period covers %(years)s years; a state body plan covers 5 years"),
                        years=years)
    org = ctx.orgs.get(payload.developer)
    if org is not None and org.kind != "central_state_body":
        yield r.finding(document_ref(payload),
                        gettext_noop("the developer %(org)s is not a central state body"), org=payload.developer)


@rule("V-43", clause="cl. 108-117", severity=ERROR, types=[SBDP],
      title=gettext_noop("A state body plan has a mission, a vision, strategic directions, goals and target indicators"))
def sbdp_content(r, payload, ctx):
    missing = []
    if not filled(payload.mission):
        missing.append(gettext_noop("mission"))
    if not filled(payload.vision):
        missing.append(gettext_noop("vision"))
    if not payload.directions:
        missing.append(gettext_noop("strategic directions"))
    if not payload.goals:
        missing.append(gettext_noop("goals"))
    if not any(i.kind in ("target", "macro") for i in payload.indicators):
        missing.append(gettext_noop("target indicators"))
    if missing:
        yield r.finding(document_ref(payload), gettext_noop("the plan has no %(missing)s"), missing=Words(missing))


@rule("V-56", clause="cl. 127", severity=ERROR, types=[RDP],
      title=gettext_noop("A regional development plan covers five years"))
def rdp_period(r, payload, ctx):
    years = payload.period_end - payload.period_start + 1
    if years != 5:
        yield r.finding(document_ref(payload),
                        gettext_noop("the period covers %(years)s years; a regional plan covers 5 years"),
                        years=years)


@rule("R-127", clause="cl. 127, 151", severity=ERROR, types=[RDP],
      title=gettext_noop("A regional plan is developed by a local executive body for a region"))
def rdp_developer_and_territory(r, payload, ctx):
    if not payload.territory:
        yield r.finding(document_ref(payload), gettext_noop("the plan names no region (territory)"))
    org = ctx.orgs.get(payload.developer)
    if org is not None and org.kind != "local_executive_body":
        yield r.finding(document_ref(payload),
                        gettext_noop("the developer %(org)s is not a local executive body (akimat)"),
                        org=payload.developer)


@rule("V-59", clause="cl. 136", severity=WARNING, types=[RDP],
      title=gettext_noop("The analysis of a regional plan takes at most 25 per cent of the document"))
def rdp_analysis_share(r, payload, ctx):
    # [DECISION] (SPEC A41) volume = characters of the Kazakh text of the sections (Russian when Kazakh is empty).
    def size(section) -> int:
        text = text_of(section.text)
        return len((text.get("kk") or text.get("ru") or "").strip())

    total = sum(size(s) for s in payload.sections)
    analysis = sum(size(s) for s in payload.sections if s.key == "analysis")
    if total and analysis * 100 > total * 25:
        yield r.finding(ItemRef("section", "analysis", text_of(next(
            s.title for s in payload.sections if s.key == "analysis"))),
            gettext_noop("the analysis is %(share)s per cent of the text of the plan; at most 25 per cent is allowed"),
            share=round(analysis * 100 / total))

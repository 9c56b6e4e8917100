"""The exporter as it was before issue 7 (model instances, validated items, `schema.canonical`).

Kept only as the reference that `jospar.interchange.export` must equal (tests/interchange/test_fast_export.py).
"""

from __future__ import annotations

from django.db.models import Model, Prefetch

from jospar.interchange import schema as s
from jospar.planning.models import (
    DecompositionLink,
    Document,
    FinancialNeed,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    Measure,
)

LANGS = ("kk", "ru", "en")


def _text(obj: Model, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGS}


def _code(obj) -> str | None:
    return obj.code if obj is not None else None


def export_document(document: Document) -> s.DocumentPayload:
    """The document as an interchange payload, read in a fixed number of queries."""
    doc = (
        Document.objects.select_related("developer", "territory", "previous_version")
        .prefetch_related(
            "co_executors", "parents", "sections", "directions",
            Prefetch("goals", queryset=Goal.objects.select_related("direction").prefetch_related(
                "tasks", "related_bodies")),
            "resources",
            Prefetch("financial_needs", queryset=FinancialNeed.objects.select_related("goal", "indicator")
                     .prefetch_related("amounts")),
            Prefetch("indicators", queryset=Indicator.objects.select_related(
                "direction", "goal", "task", "responsible", "responsible_official", "territory", "initiator"
            ).prefetch_related(
                "values",
                Prefetch("indicatorcoexecutor_set", queryset=IndicatorCoExecutor.objects.select_related("organization")),
                Prefetch("parent_links", queryset=DecompositionLink.objects.select_related("parent__document")),
            )),
            Prefetch("measures", queryset=Measure.objects.select_related(
                "goal", "task", "responsible", "territory"
            ).prefetch_related(
                "indicators", "co_executors",
                Prefetch("financing", queryset=Financing.objects.select_related("administrator")),
            )),
        )
        .get(pk=document.pk)
    )
    payload = s.DocumentPayload(
        code=doc.code, type=doc.type, title=_text(doc, "title"),
        period_start=doc.period_start, period_end=doc.period_end,
        developer=doc.developer.code, co_executors=[o.code for o in doc.co_executors.all()],
        territory=doc.territory.kato if doc.territory else None,
        status=doc.status, confidentiality=doc.confidentiality,
        approval_act=s.ApprovalAct(name=doc.approval_act_name, number=doc.approval_act_number,
                                   date=doc.approval_act_date),
        basis=_text(doc, "basis"), mission=_text(doc, "mission"), vision=_text(doc, "vision"),
        implements=[d.code for d in doc.parents.all()], version=doc.version,
        previous_version=_code(doc.previous_version), correction_basis=doc.correction_basis,
        sections=[s.SectionItem(key=x.key, order=x.order, title=_text(x, "title"), text=_text(x, "text"),
                                confidentiality=x.confidentiality) for x in doc.sections.all()],
        directions=[s.DirectionItem(code=d.code, order=d.order, title=_text(d, "title")) for d in doc.directions.all()],
        goals=[
            s.GoalItem(
                code=g.code, direction=_code(g.direction), order=g.order, title=_text(g, "title"),
                achievement_year=g.achievement_year,
                budget_program_codes=[c for c in g.budget_program_codes.split(",") if c],
                related_bodies=[o.code for o in g.related_bodies.all()],
                tasks=[s.TaskItem(code=t.code, order=t.order, title=_text(t, "title"), deadline_year=t.deadline_year)
                       for t in g.tasks.all()],
            )
            for g in doc.goals.all()
        ],
        indicators=[_export_indicator(i) for i in doc.indicators.all()],
        measures=[
            s.MeasureItem(
                code=m.code, order=m.order, goal=_code(m.goal), task=_code(m.task),
                indicators=[i.code for i in m.indicators.all()], title=_text(m, "title"),
                completion_form=_text(m, "completion_form"), start_year=m.start_year, deadline=m.deadline,
                deadline_text=_text(m, "deadline_text"), responsible=_code(m.responsible),
                co_executors=[o.code for o in m.co_executors.all()],
                territory=m.territory.kato if m.territory else None, unit=_text(m, "unit"),
                planned_quantity=m.planned_quantity, expected_result=_text(m, "expected_result"),
                confidentiality=m.confidentiality,
                financing=[
                    s.FinancingItem(year=f.year, source=f.source, budget_level=f.budget_level,
                                    budget_program_code=f.budget_program_code,
                                    administrator=_code(f.administrator), plan=f.plan,
                                    corrected_plan=f.corrected_plan, absorbed=f.absorbed,
                                    reason_unabsorbed=f.reason_unabsorbed)
                    for f in m.financing.all()
                ],
            )
            for m in doc.measures.all()
        ],
        resources=[s.ResourcesItem(year=r.year, budget_expenditure=r.budget_expenditure,
                                   national_project_expenditure=r.national_project_expenditure, staff=r.staff)
                   for r in doc.resources.all()],
        financial_need=[
            s.FinancialNeedItem(goal=_code(n.goal), indicator=_code(n.indicator), priority=n.priority,
                                grounds=_text(n, "grounds"), expected_effect=_text(n, "expected_effect"),
                                gdp_contribution=_text(n, "gdp_contribution"),
                                explanatory_note=s.ExplanatoryNote(
                                    history=_text(n, "note_history"), calculation=_text(n, "note_calculation"),
                                    justification=_text(n, "note_justification")),
                                amounts=[s.FinancialNeedAmountItem(year=a.year, amount=a.amount)
                                         for a in n.amounts.all()])
            for n in doc.financial_needs.all()
        ],
    )
    return s.canonical(payload)


def _export_indicator(i: Indicator) -> s.IndicatorItem:
    return s.IndicatorItem(
        code=i.code, kind=i.kind, direction=_code(i.direction), goal=_code(i.goal), task=_code(i.task),
        order=i.order, title=_text(i, "title"), unit=_text(i, "unit"), value_kind=i.value_kind,
        polarity=i.polarity, accumulation=i.accumulation, range_low=i.range_low, range_high=i.range_high,
        baseline=s.Baseline(year=i.baseline_year, value=i.baseline_value)
        if i.baseline_year is not None and i.baseline_value is not None else None,
        final_year=i.final_year, in_strategic_map=i.in_strategic_map,
        methodology=s.Methodology(
            data_source_type=i.data_source_type, information_source=_text(i, "information_source"),
            data_collection_method=i.data_collection_method, definition=_text(i, "definition"),
            data_periodicity=i.data_periodicity, calculation_method=_text(i, "calculation_method"),
            calculation_republican=i.calculation_republican, calculation_local=i.calculation_local,
            higher_links_note=i.higher_links_note, is_estimated=i.is_estimated, status=i.method_status,
        ),
        responsible=_code(i.responsible),
        responsible_official=s.ResponsibleOfficial(
            full_name=i.responsible_official.full_name, position=_text(i.responsible_official, "position")
        ) if i.responsible_official else None,
        territory=i.territory.kato if i.territory else None,
        budget_program_code=i.budget_program_code, budget_program_name=_text(i, "budget_program_name"), sdg=i.sdg, attribution=i.attribution,
        initiator=_code(i.initiator), district_statistics=i.district_statistics, confidentiality=i.confidentiality,
        co_executors=[s.CoExecutor(organization=c.organization.code, contribution=c.contribution, share=c.share)
                      for c in i.indicatorcoexecutor_set.all()],
        values=[s.IndicatorValueItem(year=v.year, quarter=v.quarter, plan=v.plan, corrected_plan=v.corrected_plan,
                                     fact=v.fact, reason=v.reason) for v in i.values.all()],
        parents=[s.ParentLink(indicator=f"{link.parent.document.code}:{link.parent.code}", kind=link.kind,
                              dimension=link.dimension, weight=link.weight) for link in i.parent_links.all()],
    )

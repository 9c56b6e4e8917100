"""The exporter: a stored document as an interchange payload, read as plain rows (issue 7, case b).

`export_document` used to read the document with `prefetch_related` into model instances (django-
modeltranslation's patched `Model.__init__` costs ~0.45 ms per object), build every pydantic item with
validation and then deep-copy the whole payload to sort it (`schema.canonical`): 8-14 s for the National
Plan at national scale. This module reads the same columns with `values_list()` in a fixed number of
queries (fifteen, whatever the size), puts every list in the canonical order itself and builds the items
with `model_construct` (no validation: the values come from typed database columns that the importer
validated on the way in). The result is equal to the old one, field for field; `tests/interchange/
test_fast_export.py` keeps the old exporter as the reference and compares both on the demo data and on
generated payloads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from operator import attrgetter, itemgetter
from typing import Any

from django.db.models import Count, Model, QuerySet
from pydantic import BaseModel

from jospar.core.gcpause import paused_gc
from jospar.planning.models import (
    DecompositionLink,
    Direction,
    Document,
    FinancialNeed,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    IndicatorValue,
    Measure,
    Resources,
    Section,
)

from . import schema as s

LANGS = ("kk", "ru", "en")


def _langs(name: str) -> list[str]:
    return [f"{name}_{lang}" for lang in LANGS]


def _builder(cls: type[s.Strict]):
    """`cls.model_construct` for callers that pass every field: what it does, without its per-field loop.

    `model_construct` looks up aliases and defaults field by field (~30 us a call); the exporter makes
    ~250,000 items for a whole country. The classes of the format have no aliases, no private attributes and
    no post-init hook (checked here), so setting the instance's dict is all there is to it.
    """
    fields = frozenset(cls.model_fields)
    assert not cls.__pydantic_post_init__ and not cls.__private_attributes__, cls
    assert all(f.alias is None and f.validation_alias is None for f in cls.model_fields.values()), cls
    new = cls.__new__
    every = set(fields)  # shared: every field is set, so pydantic's `fields_set.add(name)` never changes it
    count = len(fields)

    def make(**values: Any):
        if len(values) != count:  # a field left out (an unknown one is a TypeError of the caller's tests)
            raise TypeError(f"{cls.__name__}: missing {sorted(fields - values.keys())}")
        m = new(cls)
        _set_dict(m, "__dict__", values)
        _set_fields_set(m, every)
        _set_extra(m, None)
        _set_private(m, None)
        return m

    return make


# The slots of a pydantic model, set through their descriptors (issue 7: ~700,000 items for the whole country,
# each `object.__setattr__` by name costs a look-up).
_set_dict = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
# Texts shared inside one export (`export_documents(..., share_texts=True)`): equal texts are one object.
_SHARED_TEXTS: ContextVar[dict[tuple, s.Text] | None] = ContextVar("jospar_shared_texts", default=None)


def _text_class(model: type[s.Strict], field: str) -> type[s.Text]:
    """The Text class of a field (Text500 for a title, ...): equality compares the classes too."""
    annotation = model.model_fields[field].annotation
    assert isinstance(annotation, type) and issubclass(annotation, s.Text), (model, field)
    return annotation


def _texter(model: type[s.Strict], field: str):
    cls = _text_class(model, field)
    assert set(cls.model_fields) == {"kk", "ru", "en"}, cls
    new, every, shared_texts = cls.__new__, {"kk", "ru", "en"}, _SHARED_TEXTS.get

    def text(kk: str | None, ru: str | None, en: str | None) -> s.Text:
        shared = shared_texts()
        if shared is not None:
            key = (cls, kk, ru, en)
            found = shared.get(key)
            if found is not None:
                return found
        m = new(cls)
        _set_dict(m, "__dict__", {"kk": kk or "", "ru": ru or "", "en": en or ""})
        _set_fields_set(m, every)
        _set_extra(m, None)
        _set_private(m, None)
        if shared is not None:
            shared[key] = m
        return m

    return text


_DocumentPayload = _builder(s.DocumentPayload)
_ApprovalAct = _builder(s.ApprovalAct)
_SectionItem = _builder(s.SectionItem)
_DirectionItem = _builder(s.DirectionItem)
_GoalItem = _builder(s.GoalItem)
_TaskItem = _builder(s.TaskItem)
_IndicatorItem = _builder(s.IndicatorItem)
_Baseline = _builder(s.Baseline)
_Methodology = _builder(s.Methodology)
_ResponsibleOfficial = _builder(s.ResponsibleOfficial)
_CoExecutor = _builder(s.CoExecutor)
_IndicatorValueItem = _builder(s.IndicatorValueItem)
_ParentLink = _builder(s.ParentLink)
_MeasureItem = _builder(s.MeasureItem)
_FinancingItem = _builder(s.FinancingItem)
_ResourcesItem = _builder(s.ResourcesItem)
_FinancialNeedItem = _builder(s.FinancialNeedItem)
_FinancialNeedAmountItem = _builder(s.FinancialNeedAmountItem)
_ExplanatoryNote = _builder(s.ExplanatoryNote)

_DOC_TITLE = _texter(s.DocumentPayload, "title")
_DOC_TEXT = _texter(s.DocumentPayload, "basis")
_SECTION_TITLE = _texter(s.SectionItem, "title")
_SECTION_TEXT = _texter(s.SectionItem, "text")
_DIRECTION_TITLE = _texter(s.DirectionItem, "title")
_GOAL_TITLE = _texter(s.GoalItem, "title")
_TASK_TITLE = _texter(s.TaskItem, "title")
_IND_TITLE = _texter(s.IndicatorItem, "title")
_IND_UNIT = _texter(s.IndicatorItem, "unit")
_METHOD_TEXT = _texter(s.Methodology, "definition")
_OFFICIAL_POSITION = _texter(s.ResponsibleOfficial, "position")
_M_TITLE = _texter(s.MeasureItem, "title")
_M_COMPLETION = _texter(s.MeasureItem, "completion_form")
_M_DEADLINE = _texter(s.MeasureItem, "deadline_text")
_M_UNIT = _texter(s.MeasureItem, "unit")
_M_RESULT = _texter(s.MeasureItem, "expected_result")
_NEED_TEXT = _texter(s.FinancialNeedItem, "grounds")
_NOTE_TEXT = _texter(s.ExplanatoryNote, "history")
_IND_PROGRAMME = _texter(s.IndicatorItem, "budget_program_name")


def _plain(model: type[Model]) -> QuerySet:
    """A plain, unordered QuerySet of `model`.

    Unordered: the models' Meta ordering joins the document table only to sort by it (the lists are put in
    canonical order here). Plain: modeltranslation's values iterable rewrites every row to serve its
    language fallbacks, which the exporter does not use (it names each language column).
    """
    return QuerySet(model=model).order_by()


def _rows(queryset, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Rows as dicts of the named columns (converters applied, no model instances)."""
    return [dict(zip(fields, row, strict=False)) for row in queryset.values_list(*fields)]  # rows have every field


def _grouped(rows: Iterable[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def _codes(through: type[Model], owner: str, code: str, **lookup: Any) -> dict[int, list[str]]:
    """owner id -> the codes of the related rows of a many-to-many table."""
    out: dict[int, list[str]] = defaultdict(list)
    for oid, value in _plain(through).filter(**lookup).values_list(f"{owner}_id", code):
        out[oid].append(value)
    return out


def export_document(document: Document | int) -> s.DocumentPayload:
    """The document as an interchange payload in canonical order, read in fifteen queries."""
    pk = document if isinstance(document, int) else document.pk
    payload = export_documents([pk]).get(pk)
    if payload is None:
        raise Document.DoesNotExist(f"no document with id {pk}")
    return payload


def export_documents(ids: Iterable[int], *, share_texts: bool = False) -> dict[int, s.DocumentPayload]:
    """Several documents at once (document id -> payload), still in fifteen queries: `check --all`, roll-ups.

    ``share_texts``: equal texts (same class, same three languages) are one object across the payloads, for
    readers that never change them (the checker): a decomposed indicator repeats its title in every region and
    district, and ~25 % of the texts are empty. Equal payloads either way; never for payloads that are edited.
    """
    ids = sorted(set(ids))
    token = _SHARED_TEXTS.set({} if share_texts else None)
    try:
        with paused_gc():
            return _export(ids) if ids else {}
    finally:
        _SHARED_TEXTS.reset(token)


def iter_exports(documents: Iterable[Document], *, rows: int = 6000, share_texts: bool = False
                 ) -> Iterator[tuple[Document, s.DocumentPayload]]:
    """(document, payload) for each document, in the given order, exported in batches of about `rows`
    indicators and measures (a few queries per batch instead of fifteen per document; bounded memory).
    ``share_texts``: see `export_documents` (read-only payloads).

    (Reading the next batch ahead on a second connection in a thread was tried for issue 7 b and measured on
    the national country: no gain in wall or CPU time on 2 cores, so it was left out.)
    """
    documents = list(documents)
    sizes = {pk: 0 for pk in (d.pk for d in documents)}
    for model in (Indicator, Measure):
        for pk, n in _plain(model).filter(document_id__in=list(sizes)).values("document_id").annotate(
                n=Count("id")).values_list("document_id", "n"):
            sizes[pk] += n
    batches: list[list[Document]] = [[]]
    size = 0
    for document in documents:
        batches[-1].append(document)
        size += sizes.get(document.pk, 0)
        if size >= rows:
            batches.append([])
            size = 0
    batches = [b for b in batches if b] or [[]]
    for batch in batches:
        yield from _batch(batch, export_documents((d.pk for d in batch), share_texts=share_texts))


def _batch(documents: list[Document], payloads: dict[int, s.DocumentPayload]
           ) -> Iterator[tuple[Document, s.DocumentPayload]]:
    for document in documents:
        if document.pk in payloads:
            yield document, payloads.pop(document.pk)


def _export(ids: list[int]) -> dict[int, s.DocumentPayload]:
    doc_fields = ["id", "code", "type", *_langs("title"), "period_start", "period_end", "developer__code",
                  "territory__kato", "status", "confidentiality", "approval_act_name", "approval_act_number",
                  "approval_act_date", *_langs("basis"), *_langs("mission"), *_langs("vision"), "version",
                  "previous_version__code", "correction_basis"]
    # The documents with the codes of the documents they implement (a LEFT JOIN: one row per higher document).
    implements: dict[int, list[str]] = defaultdict(list)
    by_id: dict[int, dict[str, Any]] = {}
    for row in _rows(_plain(Document).filter(pk__in=ids), [*doc_fields, "parents__code"]):
        by_id.setdefault(row["id"], row)
        if row["parents__code"] is not None:
            implements[row["id"]].append(row["parents__code"])
    docs = list(by_id.values())
    co_executors = _codes(Document.co_executors.through, "document", "organization__code", document_id__in=ids)
    sections = _grouped(_rows(_plain(Section).filter(document_id__in=ids), [
        "document_id", "key", "order", *_langs("title"), *_langs("text"), "confidentiality"]), "document_id")
    directions = _grouped(_rows(_plain(Direction).filter(document_id__in=ids), [
        "document_id", "code", "order", *_langs("title")]), "document_id")
    # The goals with their tasks and related bodies (LEFT JOINs: one row per task and related body, one row for
    # a goal without either; cl. 124 bodies are few, so the product stays small).
    task_columns = {f"tasks__{name}": name for name in ("code", "order", *_langs("title"), "deadline_year")}
    goal_rows: dict[int, dict[str, Any]] = {}
    tasks: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    related: dict[int, set[str]] = defaultdict(set)
    for row in _rows(_plain(Goal).filter(document_id__in=ids), [
            "document_id", "id", "code", "direction__code", "order", *_langs("title"), "achievement_year",
            "budget_program_codes", *task_columns, "related_bodies__code"]):
        goal_rows.setdefault(row["id"], row)
        if row["tasks__code"] is not None:
            tasks[row["id"]].setdefault(row["tasks__code"],
                                        {name: row[column] for column, name in task_columns.items()})
        if row["related_bodies__code"] is not None:
            related[row["id"]].add(row["related_bodies__code"])
    goals = _grouped(goal_rows.values(), "document_id")
    indicators = _indicators(ids)
    measures = _measures(ids)
    resources, needs = _resources(ids), _financial_need(ids)
    by_order = itemgetter("order", "code")
    out = {}
    for d in docs:
        pk = d["id"]
        out[pk] = _DocumentPayload(
            format=s.FORMAT, code=d["code"], type=d["type"],
            title=_DOC_TITLE(d["title_kk"], d["title_ru"], d["title_en"]),
            period_start=d["period_start"], period_end=d["period_end"], developer=d["developer__code"],
            co_executors=sorted(set(co_executors.get(pk, ()))), territory=d["territory__kato"],
            status=d["status"], confidentiality=d["confidentiality"],
            approval_act=_ApprovalAct(name=d["approval_act_name"], number=d["approval_act_number"],
                                      date=d["approval_act_date"]),
            basis=_DOC_TEXT(d["basis_kk"], d["basis_ru"], d["basis_en"]),
            mission=_DOC_TEXT(d["mission_kk"], d["mission_ru"], d["mission_en"]),
            vision=_DOC_TEXT(d["vision_kk"], d["vision_ru"], d["vision_en"]),
            implements=sorted(set(implements.get(pk, ()))), version=d["version"],
            previous_version=d["previous_version__code"], correction_basis=d["correction_basis"],
            sections=[_SectionItem(
                key=x["key"], order=x["order"], title=_SECTION_TITLE(x["title_kk"], x["title_ru"], x["title_en"]),
                text=_SECTION_TEXT(x["text_kk"], x["text_ru"], x["text_en"]), confidentiality=x["confidentiality"],
            ) for x in sorted(sections.get(pk, ()), key=itemgetter("order", "key"))],
            directions=[_DirectionItem(
                code=x["code"], order=x["order"], title=_DIRECTION_TITLE(x["title_kk"], x["title_ru"], x["title_en"]),
            ) for x in sorted(directions.get(pk, ()), key=by_order)],
            goals=[_GoalItem(
                code=g["code"], direction=g["direction__code"], order=g["order"],
                title=_GOAL_TITLE(g["title_kk"], g["title_ru"], g["title_en"]),
                achievement_year=g["achievement_year"],
                budget_program_codes=[c for c in g["budget_program_codes"].split(",") if c],
                related_bodies=sorted(related.get(g["id"], ())),
                tasks=[_TaskItem(
                    code=t["code"], order=t["order"], title=_TASK_TITLE(t["title_kk"], t["title_ru"], t["title_en"]),
                    deadline_year=t["deadline_year"],
                ) for t in sorted(tasks[g["id"]].values() if g["id"] in tasks else (), key=by_order)],
            ) for g in sorted(goals.get(pk, ()), key=by_order)],
            indicators=indicators.get(pk, []),
            measures=measures.get(pk, []),
            resources=resources.get(pk, []),
            financial_need=needs.get(pk, []),
        )
    return out


def _resources(ids: list[int]) -> dict[int, list[s.ResourcesItem]]:
    out: dict[int, list[s.ResourcesItem]] = defaultdict(list)
    for doc, year, total, national, staff in sorted(_plain(Resources).filter(document_id__in=ids).values_list(
            "document_id", "year", "budget_expenditure", "national_project_expenditure", "staff"),
            key=itemgetter(0, 1)):
        out[doc].append(_ResourcesItem(year=year, budget_expenditure=total, national_project_expenditure=national,
                                       staff=staff))
    return out


def _financial_need(ids: list[int]) -> dict[int, list[s.FinancialNeedItem]]:
    """The rows of Annex 4 with their amounts (a LEFT JOIN: one row per amount, one for a row without any)."""
    fields = ["document_id", "id", "goal__code", "indicator__code", "priority", *_langs("grounds"),
              *_langs("expected_effect"), *_langs("gdp_contribution"), *_langs("note_history"),
              *_langs("note_calculation"), *_langs("note_justification"), "amounts__year", "amounts__amount"]
    rows: dict[int, dict[str, Any]] = {}
    amounts: dict[int, list[s.FinancialNeedAmountItem]] = defaultdict(list)
    for r in _rows(_plain(FinancialNeed).filter(document_id__in=ids), fields):
        rows.setdefault(r["id"], r)
        if r["amounts__year"] is not None:
            amounts[r["id"]].append(_FinancialNeedAmountItem(year=r["amounts__year"], amount=r["amounts__amount"]))
    out: dict[int, list[s.FinancialNeedItem]] = defaultdict(list)
    by_year = attrgetter("year")
    for r in rows.values():
        out[r["document_id"]].append(_FinancialNeedItem(
            goal=r["goal__code"], indicator=r["indicator__code"], priority=r["priority"],
            grounds=_NEED_TEXT(r["grounds_kk"], r["grounds_ru"], r["grounds_en"]),
            expected_effect=_NEED_TEXT(r["expected_effect_kk"], r["expected_effect_ru"], r["expected_effect_en"]),
            gdp_contribution=_NEED_TEXT(r["gdp_contribution_kk"], r["gdp_contribution_ru"], r["gdp_contribution_en"]),
            explanatory_note=_ExplanatoryNote(
                history=_NOTE_TEXT(r["note_history_kk"], r["note_history_ru"], r["note_history_en"]),
                calculation=_NOTE_TEXT(r["note_calculation_kk"], r["note_calculation_ru"], r["note_calculation_en"]),
                justification=_NOTE_TEXT(r["note_justification_kk"], r["note_justification_ru"],
                                         r["note_justification_en"])),
            amounts=sorted(amounts.get(r["id"], ()), key=by_year),
        ))
    for items in out.values():
        items.sort(key=s.need_key)
    return out


_INDICATOR_FIELDS = [
    "document_id", "id", "code", "kind", "direction__code", "goal__code", "task__code", "order", *_langs("title"),
    *_langs("unit"), "value_kind", "polarity", "accumulation", "range_low", "range_high", "baseline_year",
    "baseline_value", "final_year", "in_strategic_map", "data_source_type", *_langs("information_source"),
    "data_collection_method", *_langs("definition"), "data_periodicity", *_langs("calculation_method"),
    "calculation_republican", "calculation_local", "higher_links_note", "is_estimated", "method_status",
    "responsible__code", "responsible_official__full_name", *_langs("responsible_official__position"),
    "territory__kato", "budget_program_code", *_langs("budget_program_name"), "sdg", "attribution", "initiator__code", "district_statistics",
    "confidentiality",
]


def _indicators(ids: list[int]) -> dict[int, list[s.IndicatorItem]]:
    # Issue 7: rows stay tuples (unpacked by name below, no per-row dict) and each child list is sorted once
    # for the whole batch (a stable sort, then grouped in that order: every indicator's list comes out in the
    # order its own sort gave, without ~100,000 small sorts).
    rows = sorted(_plain(Indicator).filter(document_id__in=ids).values_list(*_INDICATOR_FIELDS),
                  key=itemgetter(7, 2))  # order, code
    values: dict[int, list[s.IndicatorValueItem]] = defaultdict(list)
    make_value = _IndicatorValueItem
    for iid, year, quarter, plan, corrected, fact, reason in sorted(
            _plain(IndicatorValue).filter(indicator__document_id__in=ids)
            .values_list("indicator_id", "year", "quarter", "plan", "corrected_plan", "fact", "reason"),
            key=itemgetter(1, 2)):  # year, quarter
        values[iid].append(make_value(year=year, quarter=quarter, plan=plan, corrected_plan=corrected, fact=fact,
                                      reason=reason))
    co_executors: dict[int, list[s.CoExecutor]] = defaultdict(list)
    for iid, org, contribution, share in sorted(
            _plain(IndicatorCoExecutor).filter(indicator__document_id__in=ids)
            .values_list("indicator_id", "organization__code", "contribution", "share"), key=itemgetter(1)):
        co_executors[iid].append(_CoExecutor(organization=org, contribution=contribution, share=share))
    parents: dict[int, list[s.ParentLink]] = defaultdict(list)
    for iid, ref, kind, dimension, weight in sorted(
            ((iid, f"{doc_code}:{ind_code}", kind, dimension, weight)
             for iid, doc_code, ind_code, kind, dimension, weight in _plain(DecompositionLink).filter(
                 child__document_id__in=ids).values_list(
                 "child_id", "parent__document__code", "parent__code", "kind", "dimension", "weight")),
            key=itemgetter(1)):  # the reference
        parents[iid].append(_ParentLink(indicator=ref, kind=kind, dimension=dimension, weight=weight))
    out: dict[int, list[s.IndicatorItem]] = defaultdict(list)
    for (document_id, iid, code, kind, direction, goal, task, order, title_kk, title_ru, title_en, unit_kk, unit_ru,
         unit_en, value_kind, polarity, accumulation, range_low, range_high, baseline_year, baseline_value,
         final_year, in_strategic_map, data_source_type, source_kk, source_ru, source_en, data_collection_method,
         definition_kk, definition_ru, definition_en, data_periodicity, calculation_kk, calculation_ru,
         calculation_en, calculation_republican, calculation_local, higher_links_note, is_estimated, method_status,
         responsible, official_name, position_kk, position_ru, position_en, territory, budget_program_code,
         programme_kk, programme_ru, programme_en, sdg, attribution, initiator, district_statistics,
         confidentiality) in rows:
        official = None
        if official_name is not None:
            official = _ResponsibleOfficial(full_name=official_name,
                                            position=_OFFICIAL_POSITION(position_kk, position_ru, position_en))
        baseline = None
        if baseline_year is not None and baseline_value is not None:
            baseline = _Baseline(year=baseline_year, value=baseline_value)
        out[document_id].append(_IndicatorItem(
            code=code, kind=kind, direction=direction, goal=goal, task=task, order=order,
            title=_IND_TITLE(title_kk, title_ru, title_en), unit=_IND_UNIT(unit_kk, unit_ru, unit_en),
            value_kind=value_kind, polarity=polarity, accumulation=accumulation, range_low=range_low,
            range_high=range_high, baseline=baseline, final_year=final_year, in_strategic_map=in_strategic_map,
            methodology=_Methodology(
                data_source_type=data_source_type, information_source=_METHOD_TEXT(source_kk, source_ru, source_en),
                data_collection_method=data_collection_method,
                definition=_METHOD_TEXT(definition_kk, definition_ru, definition_en),
                data_periodicity=data_periodicity,
                calculation_method=_METHOD_TEXT(calculation_kk, calculation_ru, calculation_en),
                calculation_republican=calculation_republican, calculation_local=calculation_local,
                higher_links_note=higher_links_note, is_estimated=is_estimated, status=method_status,
            ),
            responsible=responsible, responsible_official=official, territory=territory,
            budget_program_code=budget_program_code,
            budget_program_name=_IND_PROGRAMME(programme_kk, programme_ru, programme_en),
            sdg=sdg, attribution=attribution, initiator=initiator, district_statistics=district_statistics,
            confidentiality=confidentiality,
            co_executors=co_executors.pop(iid, None) or [],
            values=values.pop(iid, None) or [],
            parents=parents.pop(iid, None) or [],
        ))
    return out


_MEASURE_FIELDS = [
    "document_id", "id", "code", "order", "goal__code", "task__code", *_langs("title"), *_langs("completion_form"), "start_year",
    "deadline", *_langs("deadline_text"), "responsible__code", "territory__kato", *_langs("unit"),
    "planned_quantity", *_langs("expected_result"), "confidentiality",
]


def _measures(ids: list[int]) -> dict[int, list[s.MeasureItem]]:
    # Issue 7: tuples, and the financing lines sorted once for the batch (see `_indicators`).
    rows = sorted(_plain(Measure).filter(document_id__in=ids).values_list(*_MEASURE_FIELDS),
                  key=itemgetter(3, 2))  # order, code
    indicators = _codes(Measure.indicators.through, "measure", "indicator__code", measure__document_id__in=ids)
    co_executors = _codes(Measure.co_executors.through, "measure", "organization__code",
                          measure__document_id__in=ids)
    financing: dict[int, list[s.FinancingItem]] = defaultdict(list)
    make_line = _FinancingItem
    for (mid, year, source, level, programme, administrator, plan, corrected, absorbed,
         reason) in sorted(_plain(Financing).filter(measure__document_id__in=ids).values_list(
            "measure_id", "year", "source", "budget_level", "budget_program_code", "administrator__code", "plan",
            "corrected_plan", "absorbed", "reason_unabsorbed"), key=itemgetter(1, 2, 4)):  # year, source, programme
        financing[mid].append(make_line(year=year, source=source, budget_level=level, budget_program_code=programme,
                                        administrator=administrator, plan=plan, corrected_plan=corrected,
                                        absorbed=absorbed, reason_unabsorbed=reason))
    out: dict[int, list[s.MeasureItem]] = defaultdict(list)
    for (document_id, mid, code, order, goal, task, title_kk, title_ru, title_en, completion_kk, completion_ru,
         completion_en, start_year, deadline, deadline_kk, deadline_ru, deadline_en, responsible, territory, unit_kk,
         unit_ru, unit_en, planned_quantity, result_kk, result_ru, result_en, confidentiality) in rows:
        out[document_id].append(_MeasureItem(
            code=code, order=order, goal=goal, task=task,
            indicators=sorted(set(indicators[mid])) if mid in indicators else [],
            title=_M_TITLE(title_kk, title_ru, title_en),
            completion_form=_M_COMPLETION(completion_kk, completion_ru, completion_en),
            start_year=start_year, deadline=deadline,
            deadline_text=_M_DEADLINE(deadline_kk, deadline_ru, deadline_en),
            responsible=responsible,
            co_executors=sorted(set(co_executors[mid])) if mid in co_executors else [],
            territory=territory, unit=_M_UNIT(unit_kk, unit_ru, unit_en),
            planned_quantity=planned_quantity,
            expected_result=_M_RESULT(result_kk, result_ru, result_en),
            confidentiality=confidentiality,
            financing=financing.pop(mid, None) or [],
            ))
    return out

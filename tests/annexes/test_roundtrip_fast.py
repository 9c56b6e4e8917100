"""The fast paths of the workbook import (issue 7 (d): a 10,000-row Annex 14 workbook checked in at most 3 s) give
what the slow paths gave.

1. The diff takes the stored objects from the rows the form was rebuilt from (``services.build_form_and_data``)
   instead of reading them a second time: the objects must be the same ones, field by field, as a fresh read
   (``roundtrip._read_objects``), for every importable annex, for the compiling body and for a co-executor, and
   for what the form's data does not hold (another year, a lower document's financing line).
2. A report reads only the financing lines and executions of its years (``PlanData.load(years=...)``): every
   report form must be the same as the one built from every year.
3. The check runs without cyclic garbage collection and gives the collector back as it found it.
"""

from __future__ import annotations

import gc
from typing import Any

import pytest
from django.utils import translation

from jospar.annexes.data import PlanData
from jospar.annexes.roundtrip import WorkbookRejected, _current_objects, _read_objects, check_workbook
from jospar.annexes.services import ANNEXES, build_form, build_form_and_data
from jospar.annexes.table import Binding
from jospar.core.models import Organization
from jospar.planning.models import Document

from .helpers import load_rdp
from .test_final_years import _build_rdp
from .test_roundtrip_reports import _ndp_and_concept, _sbdp

pytestmark = pytest.mark.django_db
NURA_AKIMAT = "akimat-karaganda-nura"  # co-executes a measure and reports a district (tests/annexes/helpers.py)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def pks(module_data) -> dict[str, int]:
    rdp = module_data(load_rdp)
    sbdp = module_data(_sbdp)
    ndp, concept = module_data(_ndp_and_concept)
    final = module_data(_build_rdp)  # 2028 is its final report, with the money of 2025 and 2026 beside
    return {"rdp": rdp.pk, "sbdp": sbdp.pk, "ndp": ndp.pk, "concept": concept.pk, "final": final.pk}


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


# (document, annex, organization, year): the compiling body and a co-executor; a final-year report reads the values
# of every year up to it (Annex 10 expl. 2(8), Annex 14)
CASES = [
    ("rdp", "14", "akimat-karaganda", 2025),
    ("rdp", "14", NURA_AKIMAT, 2025),
    ("rdp", "14", "akimat-karaganda", 2028),
    ("rdp", "14-districts", NURA_AKIMAT, 2025),
    ("sbdp", "13", "moh", 2025),
    ("concept", "12", "moh", 2025),
    ("ndp", "10", "moh", 2025),  # the body of a lower document fills its indicator and measure in Annex 10
    ("ndp", "10", "moh", 2029),
    ("final", "14", "akimat-karaganda", 2028),
]


def _uploads(form) -> list[tuple[str, str, Binding, Any]]:
    return [(t.sheet, "", cell.binding, None) for t in form.tables for row in t.rows for cell in row.cells
            if cell.binding is not None]


def _fields(obj) -> tuple:
    return type(obj).__name__, tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)


def _looked_up(found, uploads) -> list[tuple]:
    """What the diff and the row rules look up for each uploaded cell, as comparable values (model, every column):
    the indicator and its value, the financing line or the execution of the cell's key."""
    indicators, values, _measures, executions, lines = found
    out = []
    for _s, _c, b, _v in uploads:
        doc, code = b.key.split("|")[0].split(":", 1)
        if b.target == "indicator_value":
            ind, obj = indicators.get((doc, code)), values.get(b.key)
            out.append((b.key, ind and _fields(ind), obj and _fields(obj)))
        else:
            obj = (lines if b.target == "financing" else executions).get(b.key)
            out.append((b.key, obj and _fields(obj)))
    return out


@pytest.mark.parametrize(("doc", "annex", "code", "year"), CASES)
def test_the_objects_taken_from_the_forms_data_are_those_a_fresh_read_gives(pks, doc, annex, code, year):
    document = Document.objects.get(pk=pks[doc])
    form, data = build_form_and_data(document, annex, year=year, lang="en", organization=org(code))
    uploads = _uploads(form)
    assert uploads, "the form has cells to fill"
    # what the form's data does not hold comes from the database: another year, another document's line
    extra = [(form.tables[0].sheet, "", Binding(b.target, _other_year(b.key, year), b.field, b.clause), None)
             for _s, _c, b, _v in uploads[:3]]
    extra.append((form.tables[0].sheet, "", Binding("financing", "concept-test:M-1|2025|budget|", "absorbed", "t"),
                  None))
    uploads += extra
    ours, theirs = _current_objects(uploads, data), _read_objects(uploads)
    assert _looked_up(ours, uploads) == _looked_up(theirs, uploads)
    assert any(x is not None for row in _looked_up(ours, uploads) for x in row[1:]), "something was compared"


def _other_year(key: str, year: int) -> str:
    head, *rest = key.split("|")
    return "|".join([head, str(year - 1), *rest[1:]])


def test_the_data_of_the_form_is_used_and_only_the_rest_is_read(pks, django_assert_num_queries):
    rdp = Document.objects.get(pk=pks["rdp"])
    form, data = build_form_and_data(rdp, "14", year=2025, lang="en", organization=org("akimat-karaganda"))
    uploads = _uploads(form)
    with django_assert_num_queries(0):
        _indicators, values, _measures, _executions, lines = _current_objects(uploads, data)
    assert {k for k in values} <= {b.key for _s, _c, b, _v in uploads}
    assert lines and values


@pytest.mark.parametrize(("doc", "annex", "code", "year"), [
    *CASES, ("rdp", "14", None, 2026), ("ndp", "pfc", None, 2025), ("concept", "12", None, 2029)])
def test_a_report_built_from_the_rows_of_its_years_is_the_report_built_from_every_year(pks, doc, annex, code,
                                                                                        year):
    document = Document.objects.get(pk=pks[doc])
    organization = org(code) if code else None
    every_year = PlanData.load(document, organization=organization)
    assert every_year.loaded_years is None
    expected = ANNEXES[annex].build(every_year, year, "en")
    assert build_form(document, annex, year=year, lang="en", organization=organization) == expected


def test_the_check_gives_the_garbage_collector_back_as_it_found_it(pks):
    ndp = Document.objects.get(pk=pks["ndp"])
    assert gc.isenabled()
    with pytest.raises(WorkbookRejected):
        check_workbook(b"not a workbook", organization=ndp.developer)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(WorkbookRejected):
            check_workbook(b"not a workbook", organization=ndp.developer)
        assert not gc.isenabled()
    finally:
        gc.enable()

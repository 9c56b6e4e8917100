"""Annex 6 shows the comparison rows kept with a change of a regional plan (cl. 132, jospar.development) and
Annex 11 the conclusion of the authorized body with the criteria of cl. 271 (jospar.evaluation), in kk/ru/en."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.utils import translation

from jospar.annexes.services import build_form
from jospar.development.models import ComparisonRow, Milestone, MilestoneKind, Workflow
from jospar.evaluation.models import Conclusion
from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, Indicator

from ..conftest import small_payload
from .helpers import load_rdp, xlsx

pytestmark = pytest.mark.django_db


def _documents() -> dict[str, int]:
    rdp = load_rdp(code="rdp-a6")
    nd = small_payload().model_dump(mode="json")
    nd.update(code="ndp-a11", type="ndp", co_executors=["edu"], measures=[], goals=[], sections=[], indicators=[])
    ndp = do_import_document(s.DocumentPayload.model_validate(nd), reason="t").document
    return {"rdp": rdp.pk, "ndp": ndp.pk}


@pytest.fixture(scope="module")
def pks(module_data) -> dict[str, int]:
    return module_data(_documents)


@pytest.fixture
def rdp(pks, db):
    return Document.objects.get(pk=pks["rdp"])


@pytest.fixture
def ndp(pks, db):
    return Document.objects.get(pk=pks["ndp"])


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _change(document, version: int, on: date, rows: list[tuple[str, str, str, str]]) -> Milestone:
    workflow, _ = Workflow.objects.get_or_create(document=document, defaults={
        "step": "approved", "step_since": date(2024, 1, 10), "started_on": date(2023, 6, 1)})
    m = Milestone.objects.create(workflow=workflow, kind=MilestoneKind.CHANGED, version=version, on=on,
                                 reference="Мәслихат шешімі № 5/1")
    for n, (element, current, proposed, why) in enumerate(rows, start=1):
        ComparisonRow.objects.create(change=m, number=n, element=element, current=current, proposed=proposed,
                                     justification=why)
    return m


ROWS = [
    ("indicator:TI-2:plan:2026", "22", "24", "Жаңа мектептер ашылды"),
    ("measure:7.7", "", "Спорт кешенін салу", "Әкімнің тапсырмасы"),  # added: no current wording (expl. 5)
    ("goal:G1:title", "Сапалы білім", "", ""),  # removed: "to be deleted" (expl. 6)
]


def _table(form) -> list[list]:
    return [[c.value for c in r.cells] for r in form.table("s1").rows]


def test_annex6_lists_the_stored_rows_of_the_latest_change_with_item_wordings_and_justification(rdp):
    _change(rdp, 2, date(2025, 3, 1), [("document:title", "Ескі", "Жаңа", "x")])
    _change(rdp, 3, date(2025, 9, 15), ROWS)
    form = build_form(rdp, "6")
    assert dict(form.fields)["Өзгеріс"] == "15.09.2025, 3-нұсқа (Мәслихат шешімі № 5/1)"
    assert _table(form) == [
        ["1", "Нысаналы индикатор TI-2: 2026 жылғы жоспарлы мәні", "22", "24", "Жаңа мектептер ашылды"],
        ["2", "Іс-шара 7.7", "Жоқ", "Спорт кешенін салу", "Әкімнің тапсырмасы"],
        ["3", "Мақсат G1: атауы", "Сапалы білім", "алып тасталсын", None],
    ]


def test_annex6_headers_items_and_words_follow_the_language_of_the_form(rdp, rendered):
    _change(rdp, 2, date(2025, 9, 15), ROWS)
    ru = _table(build_form(rdp, "6", lang="ru"))
    assert [r[1] for r in ru] == ["Целевой индикатор TI-2: плановое значение на 2026 год", "Мероприятие 7.7",
                                  "Цель G1: наименование"]
    assert (ru[1][2], ru[2][3]) == ("Отсутствует", "исключить")
    d = docx.Document(io.BytesIO(rendered(rdp, "6", "docx", lang="en")))
    table = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert table[0] == ["No.", "Structural element", "Current wording", "Proposed wording", "Justification"]
    assert table[1] == ["1", "Target indicator TI-2: plan value for 2026", "22", "24", "Жаңа мектептер ашылды"]
    assert table[3][1:4] == ["Goal G1: name", "Сапалы білім", "to be deleted"]


def test_a_public_annex6_leaves_out_the_rows_of_restricted_or_removed_items(rdp):
    _change(rdp, 2, date(2025, 9, 15), ROWS + [("measure:9.9:title", "ҚҰПИЯ", "ҚҰПИЯ 2", "y")])
    form = build_form(rdp, "6", public=True)
    assert [r[1] for r in _table(form)] == ["Нысаналы индикатор TI-2: 2026 жылғы жоспарлы мәні", "Мақсат G1: атауы"]


def test_annex6_without_a_stored_change_still_compares_with_the_previous_version(rdp):
    old = load_rdp(code="rdp-a6-v1")
    Indicator.objects.filter(document=rdp, code="TI-2").update(title_kk="Мектептегі орындар")
    Document.objects.filter(pk=rdp.pk).update(previous_version=old, correction_basis="Әкімдік қаулысы")
    rdp.refresh_from_db()
    rows = _table(build_form(rdp, "6"))
    assert ["1", "4-бөлім, TI-2", "Мектеп орындары", "Мектептегі орындар", "Әкімдік қаулысы"] in rows
    assert not Milestone.objects.exists()


def _conclusion(ndp, **kw) -> Conclusion:
    criteria = [{
        "number": 1, "title": "Achievability of planned indicators and execution of measures", "clause": "cl. 271(1)",
        "metrics": {"indicators_achieved": {"value": "66.67", "formula": "", "inputs": {}, "reason": "",
                                            "clause": "cl. 271"}},
        "findings": [{"msgid": "%(code)s %(title)s: plan %(plan)s, fact %(fact)s %(unit)s, achievement "
                               "%(achievement)s %% (%(status)s); reason given: %(reason)s",
                      "params": {"code": "SI-1", "title": "ЖІӨ", "plan": "5", "fact": "4.2", "unit": "%",
                                 "achievement": "84", "status": "partially_achieved", "reason": "баға"}}],
    }, {"number": 5, "title": "Completeness of the information submitted", "clause": "cl. 271(5)", "metrics": {},
        "findings": [{"msgid": "years of the period without an accepted report: %(years)s (cl. 230, 244)",
                      "params": {"years": "2025"}}]}]
    return Conclusion.objects.create(document=ndp, year=2025, criteria=criteria,
                                     position="Нысаналы индикаторлардың 2/3 бөлігіне қол жеткізілді.",
                                     conclusions="Бағдарламаны жалғастыру ұсынылады.", **kw)


def test_annex11_items_6_and_7_are_the_authorized_bodys_texts_and_the_criteria_follow_with_findings(ndp, rendered):
    _conclusion(ndp)
    form = build_form(ndp, "11", year=2025)
    items = {r.key: r.cells[2].value for r in form.table("s1").rows}
    assert items["item:6"] == "Нысаналы индикаторлардың 2/3 бөлігіне қол жеткізілді."
    assert items["item:7"] == "Бағдарламаны жалғастыру ұсынылады."
    assert items["item:4"] == "Қазақстан Республикасының Оқу-ағарту министрлігі"
    assert dict(form.fields) == {"Есепті кезең": "2025", "Қорытындының мәртебесі": "жоба"}
    criteria = [[c.value for c in r.cells] for r in form.table("criteria").rows]
    assert criteria == [
        ["1", "Жоспарланған көрсеткіштерге қол жеткізу және іс-шараларды орындау (cl. 271(1))",
         "Қол жеткізілген көрсеткіштер, %: 66,67",
         "– SI-1 ЖІӨ: жоспар 5, факт 4.2 %, қол жеткізу 84 % (ішінара қол жеткізілді); көрсетілген себеп: баға"],
        ["5", criteria[1][1], None, "– кезеңнің қабылданған есебі жоқ жылдары: 2025 (230, 244-т.)"],
    ]
    ws = xlsx(rendered(ndp, "11", "xlsx", year=2025, lang="ru"))
    texts = {c.value for sheet in ws.worksheets for row in sheet.iter_rows() for c in row if c.value}
    assert "– годы периода без принятого отчёта: 2025 (пп. 230, 244)" in texts
    assert "Достигнутые показатели, %: 66,67" in texts
    en = build_form(ndp, "11", year=2025, lang="en").table("criteria").rows[0]
    assert en.cells[2].value == "Indicators achieved, %: 66.67"
    assert en.cells[3].value.endswith("achievement 84 % (partially achieved); reason given: баға")


def test_annex11_of_the_last_year_prefers_the_final_conclusion_over_the_whole_period(ndp):
    Conclusion.objects.create(document=ndp, year=2029, position="annual", status="issued")
    Conclusion.objects.create(document=ndp, year=2029, final=True, position="whole period", status="issued")
    form = build_form(ndp, "11", year=2029, lang="en")
    assert {r.key: r.cells[2].value for r in form.table("s1").rows}["item:6"] == "whole period"
    assert dict(form.fields) == {"Reporting period": "2029 (final report, the whole implementation period "
                                                     "(cl. 230, 244))", "Status of the conclusion": "issued"}


def test_annex11_without_a_conclusion_leaves_items_6_and_7_empty_and_says_why(ndp):
    form = build_form(ndp, "11", year=2026, lang="ru")
    items = {r.key: r.cells[2].value for r in form.table("s1").rows}
    assert items["item:6"] is None and items["item:7"] is None
    assert form.notes[-1].startswith("В Jospar нет заключения за 2026 год (пп. 270-271)")
    assert [t.key for t in form.tables] == ["s1"]

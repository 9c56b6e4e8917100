"""Bad input is refused whole: every problem named by JSON path, value and rule; nothing written (issue 2 §4)."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from jospar.interchange.services import ImportRejected, do_import_document, export_json, import_json
from jospar.planning.models import Document, Indicator, IndicatorValue

from ..conftest import small_payload


def _data(**overrides) -> dict:
    data = small_payload().model_dump(mode="json")
    data["resources"] = [{"year": 2025, "budget_expenditure": "800", "staff": 120}]
    data["financial_need"] = [{"goal": "1.1", "priority": 1, "amounts": [{"year": 2025, "amount": "500"}]},
                              {"indicator": "TI-1", "priority": 2}]
    data.update(overrides)
    return data


def _rejected(data) -> list:
    with pytest.raises(ImportRejected) as info:
        import_json(data if isinstance(data, (str, bytes)) else json.dumps(data))
    return info.value.problems


def _one(problems, path):
    found = [p for p in problems if p.path == path]
    assert found, f"no problem at {path}; got {[str(p) for p in problems]}"
    return found[0]


CASES = [
    # (mutation, JSON path, words in the rule)
    (lambda d: d.update(developer="no-such-ministry"), "$.developer", "unknown organization"),
    (lambda d: d.update(territory="999999999"), "$.territory", "unknown territory"),
    (lambda d: d.update(period_end=2020), "$.period_end", "before the first year"),
    (lambda d: d.update(implements=["missing-doc"]), "$.implements[0]", "unknown higher document"),
    (lambda d: d.update(type="strategy"), "$.type", "must be one of"),
    (lambda d: d.update(colour="blue"), "$.colour", "not part of the format"),
    (lambda d: d["goals"][0].update(direction="9"), "$.goals[0].direction", "no direction"),
    (lambda d: d["goals"].append(dict(d["goals"][0])), "$.goals", "same code"),
    (lambda d: d["indicators"][0].update(goal="7.7"), "$.indicators[0].goal", "no goal"),
    (lambda d: d["indicators"][1].update(task="99"), "$.indicators[1].task", "has no task"),
    (lambda d: d["indicators"][0]["values"][0].update(year=2031), "$.indicators[0].values[0].year", "cl. 35"),
    (lambda d: d["indicators"][0]["values"][0].update(plan="1.23456"), "$.indicators[0].values[0].plan",
     "decimal places"),
    (lambda d: d["indicators"][0]["values"][0].update(plan="12345678901234.5"), "$.indicators[0].values[0].plan",
     "digits"),
    (lambda d: d["indicators"][0]["values"][0].update(fact="NaN"), "$.indicators[0].values[0].fact", "finite"),
    (lambda d: d["indicators"][0]["values"][0].update(quarter=5), "$.indicators[0].values[0].quarter", "less than"),
    (lambda d: d["indicators"][0]["values"].append({"year": 2025}), "$.indicators[0].values", "same period"),
    (lambda d: d["indicators"][0]["co_executors"][0].update(share="120"),
     "$.indicators[0].co_executors[0].share", "less than or equal to 100"),
    (lambda d: d["indicators"][0].update(polarity="keep_range"), "$.indicators[0].polarity", "range_low"),
    (lambda d: d["indicators"][0]["title"].update(kk="ж" * 501), "$.indicators[0].title.kk", "longer than 500"),
    (lambda d: d["indicators"][1]["parents"][0].update(indicator="sbdp-test:NOPE"),
     "$.indicators[1].parents[0].indicator", "no indicator"),
    (lambda d: d["indicators"][1]["parents"][0].update(indicator="other-doc:TI-1"),
     "$.indicators[1].parents[0].indicator", "unknown document"),
    (lambda d: d["indicators"][0].update(parents=[{"indicator": "sbdp-test:TI-1", "kind": "copy"}]),
     "$.indicators[0].parents[0].indicator", "cannot decompose itself"),
    (lambda d: d["measures"][0].update(indicators=["TI-9"]), "$.measures[0].indicators[0]", "no indicator"),
    (lambda d: d["measures"][0]["financing"][0].update(source="lottery"), "$.measures[0].financing[0].source",
     "must be one of"),
    (lambda d: d["measures"][0]["financing"][0].update(year=2019), "$.measures[0].financing[0].year",
     "outside the document period"),
    (lambda d: d["measures"][0]["financing"][0].update(administrator="nobody"),
     "$.measures[0].financing[0].administrator", "unknown organization"),
    (lambda d: d["measures"][0].update(title={"kk": "a\x00b"}), "$.measures[0].title.kk", "NUL"),
    (lambda d: [i.update(responsible="moh", responsible_official={"full_name": "A B", "position": {"kk": p}})
                for i, p in zip(d["indicators"], ["Вице-министр", "Министр"], strict=True)],
     "$.indicators[1].responsible_official.position", "another position at $.indicators[0]"),
    # the new data of state body and regional plans (cl. 60, 117, 119-120, 146, 149; Annexes 3-4)
    (lambda d: d["indicators"][0].update(initiator="no-such-body"), "$.indicators[0].initiator", "unknown organization"),
    (lambda d: d["indicators"][0].update(attribution="shared"), "$.indicators[0].attribution", "must be one of"),
    (lambda d: d["resources"].append({"year": 2022}), "$.resources[1].year", "Resources section 2023-2029"),
    (lambda d: d["resources"].append({"year": 2025}), "$.resources", "two rows of resources"),
    (lambda d: d["resources"][0].update(national_project_expenditure="900.5"),
     "$.resources[0].national_project_expenditure", "above the total budget expenditure 800"),
    (lambda d: d["resources"][0].update(staff=-1), "$.resources[0].staff", "greater than or equal to 0"),
    (lambda d: d["financial_need"][0].update(goal="9.9"), "$.financial_need[0].goal", "no goal"),
    (lambda d: d["financial_need"][1].update(indicator="TI-404"), "$.financial_need[1].indicator", "no indicator"),
    (lambda d: d["financial_need"][0].update(indicator="TI-1"), "$.financial_need[0]", "exactly one"),
    (lambda d: d["financial_need"][1].update(indicator=None), "$.financial_need[1]", "exactly one"),
    (lambda d: d["financial_need"][0].update(priority=4), "$.financial_need[0].priority", "1, 2 or 3"),
    (lambda d: d["financial_need"][0].update(priority=0), "$.financial_need[0].priority", "Annex 4 col. 14"),
    (lambda d: d["financial_need"][0]["amounts"].append({"year": 2030, "amount": "1"}),
     "$.financial_need[0].amounts[1].year", "outside the planning period 2025-2029"),
    (lambda d: d["financial_need"][0]["amounts"].append({"year": 2025, "amount": "1"}),
     "$.financial_need[0].amounts", "two amounts for the same year"),
    (lambda d: d["financial_need"][0]["amounts"][0].update(amount="-1"),
     "$.financial_need[0].amounts[0].amount", "greater than or equal to 0"),
    (lambda d: d["financial_need"].append({"goal": "1.1"}), "$.financial_need", "the goal has two rows"),
    (lambda d: d["financial_need"].append({"indicator": "TI-1"}), "$.financial_need",
     "the target indicator has two rows"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("mutate", "path", "words"), CASES, ids=[c[1] + " " + c[2] for c in CASES])
def test_a_bad_field_is_named_with_its_path_and_rule(reference, mutate, path, words):
    data = _data()
    mutate(data)
    problem = _one(_rejected(data), path)
    assert words in problem.rule
    assert problem.code and problem.code != "invalid"
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(reference):
    data = _data(developer="x-unknown", territory="123456789")
    data["indicators"][0]["goal"] = "nope"
    problems = _rejected(data)
    assert {"$.developer", "$.territory", "$.indicators[0].goal"} <= {p.path for p in problems}


@pytest.mark.django_db
def test_not_json_is_refused_with_line_and_column(reference):
    problem = _rejected('{"code": "x",\n  "type": }')[0]
    assert problem.path == "$"
    assert "line 2 column" in problem.rule


@pytest.mark.django_db
def test_a_json_array_is_not_a_document(reference):
    assert "JSON object" in _rejected("[1, 2]")[0].rule


@pytest.mark.django_db
def test_a_bad_update_leaves_the_existing_document_untouched(reference, payload):
    do_import_document(payload)
    before = export_json(Document.objects.get())
    history = IndicatorValue.history.count()
    data = json.loads(before)
    data["indicators"][0]["values"][0]["fact"] = "80"  # a valid change...
    data["measures"][0]["responsible"] = "ghost-body"  # ...next to an invalid one
    _rejected(data)
    assert export_json(Document.objects.get()) == before
    assert IndicatorValue.history.count() == history


@pytest.mark.django_db
def test_the_cli_refuses_a_bad_file_and_writes_nothing_from_any_file(reference, tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text(small_payload().model_dump_json(), encoding="utf-8")
    bad_data = _data(code="other-plan")
    bad_data["indicators"][0]["values"][0]["year"] = 2040
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_data), encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_document", str(good), str(bad), "--lang", "en")
    err = capsys.readouterr().err
    assert "bad.json: $.indicators[0].values[0].year: 2040: outside the document period 2025-2029" in err
    assert Document.objects.count() == 0
    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_the_cli_prints_problems_as_json_on_request(reference, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_data(developer="nobody")), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_document", str(bad), "--json", "--lang", "ru")
    printed = json.loads(capsys.readouterr().out)
    assert printed == [{"file": str(bad), "path": "$.developer", "value": "nobody", "code": "unknown_organization",
                        "rule": "неизвестный код организации", "params": {}}]


@pytest.mark.django_db
def test_the_cli_speaks_kazakh_by_default(reference, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_data(developer="nobody")), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_document", str(bad))
    assert 'bad.json: $.developer: "nobody": ұйымның белгісіз коды' in capsys.readouterr().err


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "outside the planning period 2025-2029 (Annex 4 cols. 5-9: the need by year of the plan)"),
    ("ru", "вне планового периода 2025-2029 (приложение 4, графы 5-9: потребность по годам плана)"),
    ("kk", "жоспарлы кезеңнен (2025-2029) тыс (4-қосымша 5-9-бағандар: жоспар жылдары бойынша қажеттілік)"),
])
def test_a_problem_has_a_stable_code_and_its_rule_in_each_language(reference, lang, text):
    data = _data()
    data["financial_need"][0]["amounts"][0]["year"] = 2031
    (problem,) = _rejected(data)
    assert (problem.path, problem.code, problem.params) == (
        "$.financial_need[0].amounts[0].year", "outside_period", {"period": "2025-2029"})
    assert problem.text(lang) == text
    assert problem.rule == problem.text("en")


@pytest.mark.django_db
def test_pydantic_errors_get_the_error_type_as_code_and_a_translated_message(reference):
    data = _data()
    data["indicators"][0]["title"]["kk"] = "ж" * 501
    data["measures"][0]["financing"][0]["plan"] = "1.23456"
    problems = {p.path: p for p in _rejected(data)}
    title, plan = problems["$.indicators[0].title.kk"], problems["$.measures[0].financing[0].plan"]
    assert (title.code, title.params) == ("string_too_long", {"max_length": "500"})
    assert title.text("ru") == "текст длиннее 500 символов"
    assert (plan.code, plan.text("kk")) == ("decimal_max_places", "санда үтірден кейін 3 таңбадан көп")


@pytest.mark.django_db
def test_the_api_shows_an_import_problem_in_three_languages_with_its_code(reference):
    from jospar.api.routers.documents import import_problem_item

    data = _data()
    data["financial_need"][0]["goal"] = "9.9"
    (problem,) = _rejected(data)
    item = import_problem_item(problem)
    assert item["code"] == "unknown_reference" and item["path"] == "$.financial_need[0].goal"
    assert item["message"] == {"kk": "құжатта мұндай кодты мақсат жоқ", "ru": "в документе нет цели с таким кодом",
                               "en": "no goal with this code in the document"}


@pytest.mark.django_db
def test_the_cli_imports_exports_and_reports_unchanged_on_a_second_import(reference, tmp_path, capsys):
    src = tmp_path / "plan.json"
    src.write_text(small_payload().model_dump_json(), encoding="utf-8")
    call_command("import_document", str(src))
    assert "sbdp-test created" in capsys.readouterr().out
    call_command("import_document", str(src))
    assert "sbdp-test unchanged" in capsys.readouterr().out
    out = tmp_path / "out.json"
    call_command("export_document", "sbdp-test", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["code"] == "sbdp-test"


@pytest.mark.django_db
def test_the_cli_dry_run_writes_nothing(reference, tmp_path, capsys):
    src = tmp_path / "plan.json"
    src.write_text(small_payload().model_dump_json(), encoding="utf-8")
    call_command("import_document", str(src), "--dry-run")
    assert "(dry run)" in capsys.readouterr().out
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_exporting_an_unknown_code_is_a_clear_error(reference):
    with pytest.raises(CommandError, match="no document with code 'nope'"):
        call_command("export_document", "nope")

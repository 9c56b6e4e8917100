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
    (lambda d: d.update(type="strategy"), "$.type", "Input should be"),
    (lambda d: d.update(colour="blue"), "$.colour", "Extra inputs are not permitted"),
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
    (lambda d: d["indicators"][0]["title"].update(kk="ж" * 501), "$.indicators[0].title.kk", "at most 500"),
    (lambda d: d["indicators"][1]["parents"][0].update(indicator="sbdp-test:NOPE"),
     "$.indicators[1].parents[0].indicator", "no indicator"),
    (lambda d: d["indicators"][1]["parents"][0].update(indicator="other-doc:TI-1"),
     "$.indicators[1].parents[0].indicator", "unknown document"),
    (lambda d: d["indicators"][0].update(parents=[{"indicator": "sbdp-test:TI-1", "kind": "copy"}]),
     "$.indicators[0].parents[0].indicator", "cannot decompose itself"),
    (lambda d: d["measures"][0].update(indicators=["TI-9"]), "$.measures[0].indicators[0]", "no indicator"),
    (lambda d: d["measures"][0]["financing"][0].update(source="lottery"), "$.measures[0].financing[0].source",
     "Input should be"),
    (lambda d: d["measures"][0]["financing"][0].update(year=2019), "$.measures[0].financing[0].year",
     "outside the document period"),
    (lambda d: d["measures"][0]["financing"][0].update(administrator="nobody"),
     "$.measures[0].financing[0].administrator", "unknown organization"),
    (lambda d: d["measures"][0].update(title={"kk": "a\x00b"}), "$.measures[0].title.kk", "NUL"),
    (lambda d: [i.update(responsible="moh", responsible_official={"full_name": "A B", "position": {"kk": p}})
                for i, p in zip(d["indicators"], ["Вице-министр", "Министр"], strict=True)],
     "$.indicators[1].responsible_official.position", "another position at $.indicators[0]"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("mutate", "path", "words"), CASES, ids=[c[1] + " " + c[2] for c in CASES])
def test_a_bad_field_is_named_with_its_path_and_rule(reference, mutate, path, words):
    data = _data()
    mutate(data)
    problem = _one(_rejected(data), path)
    assert words in problem.rule
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
        call_command("import_document", str(good), str(bad))
    err = capsys.readouterr().err
    assert "bad.json: $.indicators[0].values[0].year: 2040: outside the document period 2025-2029" in err
    assert Document.objects.count() == 0
    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_the_cli_prints_problems_as_json_on_request(reference, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_data(developer="nobody")), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_document", str(bad), "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed == [{"file": str(bad), "path": "$.developer", "value": "nobody", "rule": "unknown organization code"}]


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

"""How a refusal of a domain service becomes the API's error shape: the JSON path of the place it names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jospar.api.refusals import path_of, problems_of

LISTS = ("indicators", "measures", "financing")


def test_a_message_naming_a_line_by_its_index_gets_that_index():
    assert path_of("indicators[1] (RI-1): edu is neither responsible ... (cl. 42, 55).") == "$.indicators[1]"


def test_a_message_naming_a_line_by_its_code_gets_the_index_of_that_line_in_the_request():
    lines = {("measures", "M-1"): 0, ("measures", "M-2"): 3}
    assert path_of("measures (M-2).status: executed differs ...", lines=lines) == "$.measures[3].status"
    assert path_of("financing (M-1, budget).reason_unabsorbed: 10 mln", lines={("financing", "M-1"): 2}) \
        == "$.financing[2].reason_unabsorbed"


def test_a_message_naming_no_known_place_points_at_the_whole_request():
    assert path_of("The report of moh is already submitted.") == "$"
    assert path_of("likelihood 7: rate it from 1 to 5", known=("title",)) == "$"
    assert path_of("comments: say what has to be corrected", known=("comments",)) == "$.comments"


def test_the_problems_of_a_refusal_are_its_messages_or_its_text():
    class Refused(Exception):
        problems = ["a", "b"]

    assert problems_of(Refused()) == ["a", "b"]
    assert problems_of(ValueError("plain")) == ["plain"]


@given(name=st.sampled_from(LISTS), index=st.integers(0, 10_000), code=st.from_regex(r"[A-Z]{1,3}-[0-9]{1,3}",
                                                                                     fullmatch=True),
       field=st.sampled_from(["", ".reason", ".fact", ".status"]), rest=st.text(max_size=40))
def test_any_line_named_with_its_index_and_field_maps_to_the_same_json_path(name, index, code, field, rest):
    message = f"{name}[{index}] ({code}){field}: {rest}"
    assert path_of(message, known=LISTS) == f"$.{name}[{index}]{field}"


def test_an_import_problem_keeps_its_own_code_and_translated_message_when_the_importer_gives_them():
    from dataclasses import dataclass

    from jospar.api.routers.documents import import_problem_item

    @dataclass
    class Plain:
        path: str = "$.indicators[0].code"
        value: str = "x"
        rule: str = "codes must be unique"

    @dataclass
    class Coded(Plain):
        code: str = "duplicate_code"
        message: str = "Not found, or not visible to you."
        params: dict | None = None

    assert import_problem_item(Plain())["code"] == "invalid_document"
    coded = import_problem_item(Coded())
    assert coded["code"] == "duplicate_code" and coded["path"] == "$.indicators[0].code"
    assert coded["message"]["ru"] != coded["message"]["en"] == "Not found, or not visible to you."

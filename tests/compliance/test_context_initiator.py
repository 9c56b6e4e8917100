"""The checker's context knows the body that initiated an indicator even when nothing else in the document names
it, so that V-65 (cl. 146) can tell a central state body from an akimat."""

from __future__ import annotations

import pytest

from jospar.compliance.context import build_context
from jospar.compliance.services import check_payload
from jospar.interchange.schema import DocumentPayload

from . import builders as b

pytestmark = pytest.mark.django_db


def _payload() -> DocumentPayload:
    data = b.rdp()
    for ind in data["indicators"]:
        if ind["code"] == "TI-2":
            ind["initiator"] = "mlsp"  # a ministry named nowhere else in the document
            ind["parents"] = []  # linked to nothing a higher document assigns to the region
    return DocumentPayload.model_validate(data)


def test_the_context_reads_an_initiator_named_nowhere_else(reference):
    context = build_context(_payload())
    assert context.orgs["mlsp"].kind == "central_state_body"


def test_v65_fires_for_a_central_initiative_in_the_real_checker(reference):
    fired = [f for f in check_payload(_payload()).findings if f.rule == "V-65"]
    assert [f.item.code for f in fired] == ["TI-2"]
    assert fired[0].params["org"] == "mlsp"

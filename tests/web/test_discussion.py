"""Public discussion of a draft (cl. 74, 99): anyone proposes, the developer answers, everyone sees both."""

from __future__ import annotations

import pytest

from jospar.interchange.services import do_import_document
from jospar.planning.models import PublicProposal

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db

PROPOSAL = {"author_name": "Айгерім", "author_organization": "", "text": "Ауылдарда емханалар көбірек болсын"}


@pytest.fixture
def draft(reference):
    return do_import_document(small_payload(status="public_discussion")).document


def test_anyone_sends_a_proposal_that_is_then_published(client, draft):
    response = client.post(f"/kk/documents/{draft.code}/proposals/", PROPOSAL)
    assert response.status_code == 302
    assert PublicProposal.objects.get().text == PROPOSAL["text"]
    assert PROPOSAL["text"] in client.get(f"/kk/documents/{draft.code}/").content.decode()


def test_a_document_not_under_discussion_takes_no_proposals(client, reference):
    do_import_document(small_payload())  # in force
    client.post("/en/documents/sbdp-test/proposals/", PROPOSAL)
    assert not PublicProposal.objects.exists()


def test_a_bot_filling_the_hidden_field_is_ignored(client, draft):
    client.post(f"/kk/documents/{draft.code}/proposals/", {**PROPOSAL, "website": "http://spam"})
    assert not PublicProposal.objects.exists()


def test_an_empty_proposal_is_refused_with_the_field_named(client, draft):
    response = client.post(f"/en/documents/{draft.code}/proposals/", {**PROPOSAL, "text": ""}, follow=True)
    assert "The proposal was not sent: Your proposal: This field is required." in response.content.decode()
    assert not PublicProposal.objects.exists()


def test_the_developer_answers_and_the_answer_needs_words(client, draft):
    client.post(f"/kk/documents/{draft.code}/proposals/", PROPOSAL)
    proposal = PublicProposal.objects.get()
    planner = member("moh-planner", "moh")
    client.force_login(planner)
    url = f"/en/documents/{draft.code}/proposals/{proposal.pk}/answer/"
    response = client.post(url, {"decision": "accepted", "response": ""})
    assert "Say how the proposal was taken into account" in response.content.decode()
    client.post(url, {"decision": "accepted", "response": "Added to measure M-1 for 2026"})
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.responded_by) == ("accepted", planner)
    client.logout()
    assert "Added to measure M-1 for 2026" in client.get(f"/en/documents/{draft.code}/").content.decode()


def test_another_body_cannot_answer(client, draft):
    proposal = PublicProposal.objects.create(document=draft, author_name="X", text="Y")
    client.force_login(member("edu-planner", "edu"))
    response = client.post(f"/en/documents/{draft.code}/proposals/{proposal.pk}/answer/",
                           {"decision": "rejected", "response": "no"})
    assert "Only the planners of the developer may answer proposals." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.decision == "pending"


def test_proposals_from_one_address_are_rate_limited(client, draft):
    for n in range(12):
        client.post(f"/kk/documents/{draft.code}/proposals/", {**PROPOSAL, "text": f"proposal {n}"})
    assert PublicProposal.objects.count() == 10

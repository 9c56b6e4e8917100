"""The pages and commands that correct, undo and remove a reorganisation (cl. 126), and the country-wide list.

Each recorded reorganisation on the reorganisation page of the plan has "Correct", "Undo the last correction"
and "Remove" forms: errors are shown next to the field of that form, a refusal of the service above it, and
nothing is written then; other users get 403. `/development/reorganisations/` lists them all."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from jospar.development import services as sv
from jospar.development.models import Reorganization
from jospar.planning.models import Document

from ..conftest import member
from .conftest import transfer, two_goal_plan


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def correct_post(r, **fields):
    data = {"successor": str(r.successor_id), "goals": [str(g.pk) for g in r.goals.all()], "act": r.act,
            "act_date": r.act_date.isoformat(), "reason": "correction"}
    data.update(fields)
    return {f"r{r.pk}-{k}": v for k, v in data.items()}


def page_url(w):
    return reverse("development:reorganization", args=[w["old"].code])


# ----------------------------------------------------------------------------------------------- correct


def test_the_page_shows_correct_undo_and_remove_forms_for_each_recorded_reorganisation(client, world):
    w = world
    client.force_login(w["mne"])
    page = client.get(page_url(w)).content.decode()
    r = w["r"]
    assert f'id="correct-{r.pk}"' in page and f'id="remove-{r.pk}"' in page
    assert f'id="undo-{r.pk}"' not in page  # never corrected: nothing to undo
    assert f'name="r{r.pk}-act" value="Decree No. 1"' in page
    assert reverse("development:reorganizations") in page


def test_the_state_planning_body_corrects_a_reorganisation_from_the_page(client, world):
    w = world
    client.force_login(w["mne"])
    url = reverse("development:reorganization-correct", args=[w["old"].code, w["r"].pk])
    page = client.post(url, correct_post(w["r"], successor=str(w["mci"].pk), goals=[str(w["g11"].pk),
                                                                                    str(w["g12"].pk)],
                                         act="Decree No. 7", reason="the decree was misread"),
                       follow=True).content.decode()
    assert "Reorganisation corrected: moh → mci, goals 1.1, 1.2 (cl. 126)." in page
    w["r"].refresh_from_db()
    assert (w["r"].successor, w["r"].act) == (w["mci"], "Decree No. 7")
    latest = w["r"].history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (w["mne"], "the decree was misread")
    assert f'id="undo-{w["r"].pk}"' in page


def test_a_correction_without_reason_act_or_goals_is_shown_next_to_the_fields_of_that_form(client, world):
    w = world
    client.force_login(w["mne"])
    url = reverse("development:reorganization-correct", args=[w["old"].code, w["r"].pk])
    response = client.post(url, correct_post(w["r"], act="", reason="", goals=[], act_date="31.02.2026"))
    page = response.content.decode()
    pk = w["r"].pk
    assert response.status_code == 200
    assert f'id="id_r{pk}-act_errors"' in page and "Name the act of reorganisation (cl. 126)." in page
    assert f'id="id_r{pk}-reason_errors"' in page and "Give the reason for this change" in page
    assert f'id="id_r{pk}-goals_errors"' in page and "(cl. 126, V-55)" in page
    assert f'id="id_r{pk}-act_date_errors"' in page and "Enter the date of the act as a date (cl. 126)." in page
    assert 'id="id_act_errors"' not in page  # the form to record a new one is untouched
    assert Reorganization.objects.get().act == "Decree No. 1"


def test_dropping_a_carried_goal_on_the_page_shows_the_refusal_with_the_clause_and_writes_nothing(client, world):
    w = world
    transfer(w)
    client.force_login(w["mne"])
    url = reverse("development:reorganization-correct", args=[w["old"].code, w["r"].pk])
    page = client.post(url, correct_post(w["r"], goals=[str(w["g12"].pk)])).content.decode()
    assert 'id="refusal"' in page and "cannot be removed from the reorganisation (cl. 126)" in page
    assert "carried into sbdp-edu-new" in page
    assert [g.code for g in Reorganization.objects.get().goals.all()] == ["1.1"]


def test_undoing_the_last_correction_from_the_page_brings_the_previous_state_back(client, world):
    w = world
    sv.do_update_reorganization(w["r"], act="Decree No. 9", act_date=date(2026, 3, 1), successor=w["mci"],
                                goals=[w["g12"]], acting_user=w["mne"], reason="mistake")
    client.force_login(w["mne"])
    url = reverse("development:reorganization-undo", args=[w["old"].code, w["r"].pk])
    page = client.post(url, {f"un{w['r'].pk}-reason": ""}).content.decode()
    assert f'id="id_un{w["r"].pk}-reason_errors"' in page
    page = client.post(url, {f"un{w['r'].pk}-reason": "undo the mistake"}, follow=True).content.decode()
    assert "The last correction of the reorganisation is undone (cl. 126)." in page
    w["r"].refresh_from_db()
    assert (w["r"].act, w["r"].successor.code, [g.code for g in w["r"].goals.all()]) == ("Decree No. 1", "edu",
                                                                                          ["1.1"])


# ----------------------------------------------------------------------------------------------- remove


def test_the_state_planning_body_removes_a_reorganisation_with_a_reason(client, world):
    w = world
    client.force_login(w["mne"])
    url = reverse("development:reorganization-remove", args=[w["old"].code, w["r"].pk])
    page = client.post(url, {f"rm{w['r'].pk}-reason": ""}).content.decode()
    assert f'id="id_rm{w["r"].pk}-reason_errors"' in page and Reorganization.objects.exists()
    page = client.post(url, {f"rm{w['r'].pk}-reason": "recorded twice"}, follow=True).content.decode()
    assert "Reorganisation removed: moh → edu of 10.01.2026 (cl. 126); it stays in the history." in page
    assert not Reorganization.objects.exists()


def test_removing_a_reorganisation_whose_goals_were_carried_is_refused_on_the_page(client, world):
    w = world
    transfer(w)
    client.force_login(w["mne"])
    url = reverse("development:reorganization-remove", args=[w["old"].code, w["r"].pk])
    page = client.post(url, {f"rm{w['r'].pk}-reason": "x"}).content.decode()
    assert 'id="refusal"' in page and "so it cannot be removed (cl. 126)" in page
    assert Reorganization.objects.exists()


def test_only_the_state_planning_body_may_correct_undo_or_remove(client, world):
    w = world
    pk, code = w["r"].pk, w["old"].code
    client.force_login(member("moh-planner", "moh"))
    for name, data in (("reorganization-correct", correct_post(w["r"], act="hijack")),
                       ("reorganization-undo", {f"un{pk}-reason": "x"}),
                       ("reorganization-remove", {f"rm{pk}-reason": "x"})):
        assert client.post(reverse(f"development:{name}", args=[code, pk]), data).status_code == 403
    assert client.get(reverse("development:reorganization", args=[code])).status_code == 403
    assert Reorganization.objects.get().act == "Decree No. 1"


def test_a_reorganisation_of_another_body_is_not_found_under_this_plan(client, world):
    w = world
    mci_plan = two_goal_plan(code="sbdp-mci", developer="mci")
    other = sv.do_record_reorganization(w["mci"], w["edu"], mci_plan.goals.all(), acting_user=w["mne"], reason="x")
    client.force_login(w["mne"])
    url = reverse("development:reorganization-remove", args=[w["old"].code, other.pk])
    assert client.post(url, {f"rm{other.pk}-reason": "x"}).status_code == 404
    assert Reorganization.objects.filter(pk=other.pk).exists()


# ----------------------------------------------------------------------------------------------- the list


def test_the_country_wide_list_shows_each_goal_and_whether_it_is_carried_with_links(client, world):
    w = world
    transfer(w)
    sv.do_record_reorganization(w["old"].developer, w["mci"], [w["g12"]], acting_user=w["mne"], reason="x",
                                act="Decree No. 2", act_date=date(2026, 2, 1))
    client.force_login(w["mne"])
    page = client.get(reverse("development:reorganizations")).content.decode()
    assert "Decree No. 1" in page and "Decree No. 2" in page and "10.01.2026" in page
    assert f'href="{reverse("document-detail", args=["sbdp-edu-new"])}"' in page
    assert "carried into" in page and "not carried yet" in page
    assert reverse("development:reorganization", args=[w["old"].code]) in page  # "Correct or remove"


def test_the_list_is_for_signed_in_users_and_hides_what_they_may_not_see(client, world):
    w = world
    url = reverse("development:reorganizations")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member("mci-planner", "mci"))
    page = client.get(url).content.decode()
    assert "Decree No. 1" in page  # the act is listed
    assert "in a document you may not see" not in page  # moh's plan is in force and open: public
    assert reverse("development:reorganization", args=[w["old"].code]) not in page  # no editing link
    Document.objects.filter(pk=w["old"].pk).update(status="draft")  # now only moh and the authorized bodies see it
    page = client.get(url).content.decode()
    assert "1.1 <span class=\"muted\">(in a document you may not see)</span>" in page
    assert reverse("document-detail", args=[w["old"].code]) not in page and "1.1. Goal" not in page


def test_the_development_index_links_to_the_list(client, world):
    client.force_login(world["mne"])
    assert reverse("development:reorganizations") in client.get(reverse("development:list")).content.decode()


def test_the_correct_form_speaks_kazakh_and_russian(client, world):
    client.force_login(world["mne"])
    for lang, word in (("kk", "Түзету"), ("ru", "Исправить")):
        with translation.override(lang):
            page = client.get(page_url(world), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert word in page


# ----------------------------------------------------------------------------------------------- CLI


def run(*args):
    out = StringIO()
    call_command("development", *args, stdout=out)
    return out.getvalue()


def test_the_cli_corrects_undoes_and_removes_a_reorganisation(world):
    w = world
    out = run("reorganization-update", w["old"].code, "--goals", "1.1,1.2", "--act", "Decree No. 1a",
              "--reason", "goal 1.2 too", "--as", "mne-planner")
    assert out.strip() == "Reorganisation corrected: moh → edu, goals 1.1, 1.2 (cl. 126)."
    assert Reorganization.objects.get().act == "Decree No. 1a"
    out = run("reorganization-update", w["old"].code, "--undo", "--reason", "undo", "--as", "mne-planner")
    assert out.strip() == ("The last correction of the reorganisation is undone (cl. 126). "
                           "moh → edu, Decree No. 1 10.01.2026, 1.1")
    out = run("reorganization-remove", w["old"].code, "--id", str(w["r"].pk), "--reason", "error",
              "--as", "mne-planner")
    assert out.strip() == "Reorganisation removed: moh → edu of 10.01.2026 (cl. 126); it stays in the history."
    assert not Reorganization.objects.exists()


def test_the_cli_reports_refusals_unknown_goals_and_an_ambiguous_reorganisation(world):
    w = world
    member("moh-planner", "moh")
    with pytest.raises(CommandError, match=r"Only the authorized body .*\(cl. 126\)"):
        run("reorganization-remove", w["old"].code, "--reason", "x", "--as", "moh-planner")
    with pytest.raises(CommandError, match="--goals: no goal 9.9"):
        run("reorganization-update", w["old"].code, "--goals", "9.9", "--reason", "x", "--as", "mne-planner")
    sv.do_record_reorganization(w["old"].developer, w["mci"], [w["g12"]], acting_user=w["mne"], reason="x")
    with pytest.raises(CommandError, match="moh has 2 reorganisations; choose one with --id"):
        run("reorganization-update", w["old"].code, "--act", "x", "--reason", "x", "--as", "mne-planner")
    with pytest.raises(CommandError, match="nothing to undo"):
        run("reorganization-update", w["old"].code, "--id", str(w["r"].pk), "--undo", "--reason", "x",
            "--as", "mne-planner")
    assert Reorganization.objects.get(pk=w["r"].pk).act == "Decree No. 1"

"""Public discussion of drafts (cl. 74, 99): anyone sends a proposal; the developer answers each."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from jospar.planning.access import access_document_by_code
from jospar.planning.models import ProposalDecision, PublicProposal
from jospar.planning.services import NotAllowed, do_answer_proposal, do_submit_proposal


class ProposalForm(forms.Form):
    author_name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    author_organization = forms.CharField(label=gettext_lazy("Organization (if any)"), max_length=300,
                                          required=False)
    text = forms.CharField(label=gettext_lazy("Your proposal"), max_length=4000, widget=forms.Textarea)
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # left empty by people, filled by bots


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=ProposalDecision.choices)
    response = forms.CharField(label=gettext_lazy("How it was taken into account"), required=False,
                               widget=forms.Textarea, max_length=4000)


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def proposal_submit(request, code: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = access_document_by_code(request.user, code)
    url = reverse("document-detail", args=[code]) + "#discussion"
    if getattr(request, "limited", False):
        messages.error(request, _("Too many proposals from your address; please try again later."))
        return redirect(url)
    form = ProposalForm(request.POST)
    if form.is_valid() and not form.cleaned_data["website"]:
        try:
            do_submit_proposal(document, author_name=form.cleaned_data["author_name"],
                               author_organization=form.cleaned_data["author_organization"],
                               text=form.cleaned_data["text"])
        except NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you. Your proposal is published below and the developer will answer it."))
        return redirect(url)
    messages.error(request, _("The proposal was not sent: %(errors)s") % {
        "errors": "; ".join(f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
                            for k, v in form.errors.items()) or _("please fill in the form")})
    return redirect(url)


@login_required
def proposal_answer(request, code: str, pk: int):
    document = access_document_by_code(request.user, code)
    proposal = get_object_or_404(PublicProposal, pk=pk, document=document)
    form = AnswerForm(request.POST or None, initial={"decision": proposal.decision, "response": proposal.response})
    if request.method == "POST" and form.is_valid():
        try:
            do_answer_proposal(proposal, decision=form.cleaned_data["decision"],
                               response=form.cleaned_data["response"], acting_user=request.user)
        except NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The answer is published."))
            return redirect(reverse("document-detail", args=[code]) + "#discussion")
    return render(request, "web/proposal_answer.html", {"document": document, "proposal": proposal, "form": form})

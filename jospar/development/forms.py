"""Forms of the workflow page: each write has a reason and a date; errors name the field and the clause."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ANNEX2_ROWS, Decision, MilestoneKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the change"), max_length=1000)
    approved_on = forms.DateField(label=_("Already approved on (leave empty for a new draft)"), required=False,
                                  widget=DATE)


class AdvanceForm(forms.Form):
    step = forms.ChoiceField(label=_("Move to the step"))
    on = forms.DateField(label=_("Date"), widget=DATE)
    act_reference = forms.CharField(label=_("Approving act (for the approval)"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = list(steps)


class AgreementForm(forms.Form):
    organization = forms.ChoiceField(label=_("Body"))
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    reference = forms.CharField(label=_("Letter number"), max_length=100, required=False)
    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(str(o.pk), o.name) for o in organizations]


class ConclusionForm(forms.Form):
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    reference = forms.CharField(label=_("Letter number"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n, (key, label) in enumerate(ANNEX2_ROWS, start=4):
            self.fields[f"row_{key}"] = forms.CharField(
                label=f"{n}. {label}", required=False,
                widget=forms.Textarea(attrs={"rows": 2}))


class ActForm(forms.Form):
    kind = forms.ChoiceField(label=_("Act"), choices=[(k, lbl) for k, lbl in MilestoneKind.choices
                                                      if k in (MilestoneKind.SENT, MilestoneKind.PUBLISHED,
                                                               MilestoneKind.METHODOLOGY)])
    on = forms.DateField(label=_("Date"), widget=DATE)
    reference = forms.CharField(label=_("Act or letter"), max_length=300, required=False)


class ChangeForm(forms.Form):
    on = forms.DateField(label=_("Changes made on"), widget=DATE)
    reference = forms.CharField(label=_("Act or letter"), max_length=300, required=False)
    justification = forms.CharField(label=_("Justification (Annex 6, column 5)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Reason for the change"), max_length=1000)

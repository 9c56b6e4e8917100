"""Admin building blocks shared by every app: translated fields, history and a reason for every change."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Reason for the change"), required=False, max_length=500,
        help_text=_("Kept in the history of the item with who changed it and when."),
        widget=forms.TextInput(attrs={"size": 80}),
    )


class HistoryAdmin(SimpleHistoryAdmin):
    """Every save records who, when, what (simple-history) and why (the reason field)."""

    form = ReasonForm

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason") if hasattr(form, "cleaned_data") else ""
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)


class TranslatedHistoryAdmin(HistoryAdmin, TranslationAdmin):
    pass
